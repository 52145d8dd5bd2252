"""The rules the atlas applies to an area's numbers, kept apart so they are easy to read, test
and change. Documented in docs/atlas.md ("Sparse relative to need", "Strain").
"""

from __future__ import annotations

from dataclasses import dataclass

# "Low connectedness": economic connectedness in the bottom quarter of the country's areas of
# the same kind (national percentile at or below 25).
LOW_CONNECTEDNESS_PERCENTILE = 25.0
# "Few third spaces": fewer than 2 open third spaces (spaces with an identity, activity or
# purpose type) recorded per 10,000 residents; where the population is unknown, fewer than 5.
FEW_THIRD_SPACES_PER_10K = 2.0
FEW_THIRD_SPACES_COUNT = 5
# Strain: a space counts as "under strain" when it is closed (for now or for good) or nobody
# has confirmed its details within this many days.
VERIFIED_WITHIN_DAYS = 365

SPARSE = "sparse"
NOT_SPARSE = "not_sparse"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class SparseSignal:
    status: str  # SPARSE, NOT_SPARSE or UNKNOWN
    low_connectedness: bool | None
    few_third_spaces: bool
    third_spaces: int
    per_10k: float | None
    explanation: str

    @property
    def is_sparse(self) -> bool:
        return self.status == SPARSE


def per_10k(count: int, population: int | None) -> float | None:
    return None if not population else count * 10_000 / population


def sparse_relative_to_need(
    *,
    connectedness_percentile: float | None,
    third_spaces: int,
    population: int | None,
    area_noun: str = "areas",
) -> SparseSignal:
    """Low connectedness AND few third spaces = third spaces are sparse relative to need.

    ``connectedness_percentile``: the area's national percentile of economic connectedness
    (None when no estimate is published); ``third_spaces``: open public spaces with at least one
    third-space type in the area; ``area_noun``: e.g. "US counties", for the explanation.
    """
    density = per_10k(third_spaces, population)
    if density is not None:
        few = density < FEW_THIRD_SPACES_PER_10K
        spaces_text = (
            f"the registry records {third_spaces} third space{'s' if third_spaces != 1 else ''}, "
            f"{density:.1f} per 10,000 residents ({'below' if few else 'at or above'} "
            f"the {FEW_THIRD_SPACES_PER_10K:g} we look for)"
        )
    else:
        few = third_spaces < FEW_THIRD_SPACES_COUNT
        spaces_text = (
            f"the registry records {third_spaces} third space{'s' if third_spaces != 1 else ''} "
            f"({'fewer than' if few else 'at least'} {FEW_THIRD_SPACES_COUNT}; the population is not known)"
        )
    if connectedness_percentile is None:
        return SparseSignal(
            status=UNKNOWN,
            low_connectedness=None,
            few_third_spaces=few,
            third_spaces=third_spaces,
            per_10k=density,
            explanation=(
                "No economic connectedness estimate is published for this area, so we cannot tell "
                f"whether need is high. For what it is worth, {spaces_text}."
            ),
        )
    low = connectedness_percentile <= LOW_CONNECTEDNESS_PERCENTILE
    share = round(100 - connectedness_percentile)
    connect_text = (
        f"economic connectedness here is lower than in about {share}% of {area_noun}"
        if low
        else f"economic connectedness here is not in the lowest quarter of {area_noun}"
    )
    if low and few:
        status = SPARSE
        explanation = (
            f"{connect_text[0].upper()}{connect_text[1:]}, and {spaces_text}. People on lower "
            "incomes here have few friends on higher incomes, and there are few recorded places "
            "where people meet across those lines through a shared faith, activity or purpose."
        )
    else:
        status = NOT_SPARSE
        explanation = f"{connect_text[0].upper()}{connect_text[1:]}, and {spaces_text}."
    return SparseSignal(
        status=status,
        low_connectedness=low,
        few_third_spaces=few,
        third_spaces=third_spaces,
        per_10k=density,
        explanation=explanation,
    )
