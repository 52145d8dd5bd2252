"""The rules the atlas applies to an area's numbers, kept apart so they are easy to read, test
and change. Documented in docs/atlas.md ("Sparse relative to need", "Strain").
"""

from __future__ import annotations

from dataclasses import dataclass

# "High need": the area is in the needier quarter of the country's areas of the same kind: economic
# connectedness at or below the 25th national percentile, or (where no connectedness figure is
# published, as in the UK today) deprivation at or above the 75th.
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
class NeedMeasure:
    """The area's measure of need and its national percentile (share of areas with a lower value)."""

    label: str  # as the sentence names it: "economic connectedness", "deprivation (IMD 2025)"
    percentile: float
    need_when_high: bool  # True for deprivation; False for connectedness (low values mean need)
    area_noun: str = "areas"  # e.g. "US counties", for the explanation

    @property
    def is_high_need(self) -> bool:
        if self.need_when_high:
            return self.percentile >= 100 - LOW_CONNECTEDNESS_PERCENTILE
        return self.percentile <= LOW_CONNECTEDNESS_PERCENTILE

    def sentence(self) -> str:
        """'Economic connectedness here is lower than in about 85% of US counties', or not."""
        if self.need_when_high:
            text = (
                f"{self.label} here is higher than in about {round(self.percentile)}% of {self.area_noun}"
                if self.is_high_need
                else f"{self.label} here is not in the highest quarter of {self.area_noun}"
            )
        else:
            share = round(100 - self.percentile)
            text = (
                f"{self.label} here is lower than in about {share}% of {self.area_noun}"
                if self.is_high_need
                else f"{self.label} here is not in the lowest quarter of {self.area_noun}"
            )
        return text[0].upper() + text[1:]


@dataclass(frozen=True)
class SparseSignal:
    status: str  # SPARSE, NOT_SPARSE or UNKNOWN
    high_need: bool | None  # None: no measure of need is published for the area
    few_third_spaces: bool
    third_spaces: int
    per_10k: float | None
    explanation: str
    need: NeedMeasure | None = None

    @property
    def is_sparse(self) -> bool:
        return self.status == SPARSE


def per_10k(count: int, population: int | None) -> float | None:
    return None if not population else count * 10_000 / population


def sparse_relative_to_need(
    *,
    need: NeedMeasure | None,
    third_spaces: int,
    population: int | None,
    missing: str = "economic connectedness",
) -> SparseSignal:
    """High need AND few third spaces = third spaces are sparse relative to need.

    ``need``: the area's measure of need (None when none is published: the answer is then
    "we cannot tell", never "no"); ``third_spaces``: open public spaces with at least one
    third-space type in the area; ``missing``: what the explanation says is not published.
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
    if need is None:
        return SparseSignal(
            status=UNKNOWN,
            high_need=None,
            few_third_spaces=few,
            third_spaces=third_spaces,
            per_10k=density,
            explanation=(
                f"No {missing} estimate is published for this area, so we cannot tell "
                f"whether need is high. For what it is worth, {spaces_text}."
            ),
        )
    high = need.is_high_need
    explanation = f"{need.sentence()}, and {spaces_text}."
    if high and few:
        status = SPARSE
        explanation += (
            " People on lower incomes here have few friends on higher incomes,"
            if not need.need_when_high
            else " Need here is high,"
        ) + (
            " and there are few recorded places where people meet across those lines through a shared "
            "faith, activity or purpose."
        )
    else:
        status = NOT_SPARSE
    return SparseSignal(
        status=status,
        high_need=high,
        few_third_spaces=few,
        third_spaces=third_spaces,
        per_10k=density,
        explanation=explanation,
        need=need,
    )
