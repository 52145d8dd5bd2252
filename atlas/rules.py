"""The rules the atlas applies to an area's numbers, kept apart so they are easy to read, test
and change. Each rule returns a verdict: its status, the short answer (badge, table cell) and
the sentence, so every page shows the same words and no template re-derives an answer.
Documented in docs/atlas.md ("Sparse relative to need", "Strain").
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
# Strain: a space is strained when it is reported closed (for now or for good) or its details
# were last confirmed longer ago than this; a space never confirmed is "not checked yet".
CONFIRMED_WITHIN_DAYS = 730
# The area's spaces are "under strain" when at least this share (%) of the spaces whose state we
# know (confirmed at least once, or reported closed) are strained.
STRAINED_SHARE = 50.0

# Sparse relative to need
SPARSE = "sparse"  # high need and few third spaces
ENOUGH_SPACES = "enough_spaces"  # high need, but third spaces are not few
NEED_NOT_HIGH = "need_not_high"  # few third spaces, but need is not high
NOT_SPARSE = "not_sparse"  # need is not high and third spaces are not few
UNKNOWN = "unknown"  # no measure of need: "we cannot tell", never "no"
# Strain
NO_SPACES = "no_spaces"
NOT_CHECKED = "not_checked"
STRAINED = "strained"
NOT_STRAINED = "not_strained"


def _years(days: int) -> str:
    words = {1: "year", 2: "two years", 3: "three years", 4: "four years", 5: "five years"}
    return words.get(days // 365, f"{days // 365} years") if days % 365 == 0 else f"{days} days"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


CONFIRMED_WITHIN_WORDS = _years(CONFIRMED_WITHIN_DAYS)  # "2 years", for sentences

SPARSE_RULE = (
    "We flag third spaces as sparse relative to need when both are true: need is high (economic "
    f"connectedness at or below the {LOW_CONNECTEDNESS_PERCENTILE:g}th national percentile for areas "
    "of the same kind or, where no connectedness figure is published, deprivation at or above the "
    f"{100 - LOW_CONNECTEDNESS_PERCENTILE:g}th), and the registry records fewer than "
    f"{FEW_THIRD_SPACES_PER_10K:g} open third spaces per 10,000 residents (fewer than "
    f"{FEW_THIRD_SPACES_COUNT} in all where the population is not known)."
)
STRAIN_RULE = (
    "We say an area's spaces are under strain when at least "
    f"{'half' if STRAINED_SHARE == 50 else f'{STRAINED_SHARE:g}%'} of the spaces whose state we know "
    "(confirmed at least once, or reported closed) are closed, temporarily closed or not confirmed "
    f"in the last {CONFIRMED_WITHIN_WORDS}; spaces never confirmed count as not checked yet, "
    "not as strained."
)


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
            text = f"{self.label} here is higher than in about {round(self.percentile)}% of {self.area_noun}"
            if not self.is_high_need:
                text += ": not in the highest quarter"
        else:
            share = round(100 - self.percentile)
            text = f"{self.label} here is lower than in about {share}% of {self.area_noun}"
            if not self.is_high_need:
                text += ": not in the lowest quarter"
        return text[0].upper() + text[1:]


@dataclass(frozen=True)
class SparseVerdict:
    """Are third spaces sparse relative to need? Computed once by ``sparse_relative_to_need``."""

    status: str  # SPARSE, ENOUGH_SPACES, NEED_NOT_HIGH, NOT_SPARSE or UNKNOWN
    answer: str  # the badge: "Yes: sparse relative to need"
    short: str  # a table cell: "Yes", "No: need is not high (few spaces)"
    explanation: str  # the sentence, with the area's own numbers
    high_need: bool | None  # None: no measure of need is published for the area
    few_third_spaces: bool
    third_spaces: int
    per_10k: float | None
    need: NeedMeasure | None = None

    @property
    def is_sparse(self) -> bool:
        return self.status == SPARSE

    @property
    def warning(self) -> bool:
        return self.status == SPARSE


def per_10k(count: int, population: int | None) -> float | None:
    return None if not population else count * 10_000 / population


def _spaces_text(third_spaces: int, density: float | None, few: bool) -> str:
    """'3 third spaces, 0.3 per 10,000 residents: below the 2 we look for'."""
    counted = _plural(third_spaces, "third space")
    if density is not None:
        return (
            f"{counted}, {density:.1f} per 10,000 residents: {'below' if few else 'at or above'} "
            f"the {FEW_THIRD_SPACES_PER_10K:g} we look for"
        )
    return (
        f"{counted}: {'fewer than' if few else 'at least'} {FEW_THIRD_SPACES_COUNT}, counted because "
        "the population is not known"
    )


def sparse_relative_to_need(
    *,
    need: NeedMeasure | None,
    third_spaces: int,
    population: int | None,
    missing: str = "economic connectedness",
) -> SparseVerdict:
    """High need AND few third spaces = third spaces are sparse relative to need.

    ``need``: the area's measure of need (None when none is published: the answer is then
    "we cannot tell", never "no"); ``third_spaces``: open public spaces with at least one
    third-space type in the area; ``missing``: what the explanation says is not published.
    """
    density = per_10k(third_spaces, population)
    few = density < FEW_THIRD_SPACES_PER_10K if density is not None else third_spaces < FEW_THIRD_SPACES_COUNT
    spaces = _spaces_text(third_spaces, density, few)
    high = need.is_high_need if need else None
    if need is None:
        status, answer, short = (
            UNKNOWN,
            "We cannot tell yet: no measure of need",
            "Cannot tell (no measure of need)",
        )
        explanation = (
            f"Few third spaces are recorded here ({spaces}), but no {missing} estimate is published "
            "for this area, so we cannot tell whether they are sparse relative to need."
            if few
            else f"The registry records {spaces}, but no {missing} estimate is published for this "
            "area, so we cannot tell whether need is high."
        )
    elif high and few:
        status, answer, short = SPARSE, "Yes: sparse relative to need", "Yes"
        explanation = (
            f"{need.sentence()}, and the registry records {spaces}."
            + (
                " People on lower incomes here have few friends on higher incomes,"
                if not need.need_when_high
                else " Need here is high,"
            )
            + " and there are few recorded places where people meet across those lines through a "
            "shared faith, activity or purpose."
        )
    elif high:
        status, answer, short = (
            ENOUGH_SPACES,
            "No: need is high, but third spaces are not few",
            "No (spaces not few)",
        )
        explanation = f"{need.sentence()}, but the registry records {spaces}, so they are not sparse here."
    elif few:
        status, answer, short = (
            NEED_NOT_HIGH,
            "Not flagged: few third spaces, but need is not high",
            "No: need not high (few spaces)",
        )
        explanation = (
            f"Few third spaces are recorded here ({spaces}), but need is not high, so not flagged as sparse. "
            f"{need.sentence()}."
        )
    else:
        status, answer, short = NOT_SPARSE, "No: need is not high and third spaces are not few", "No"
        explanation = f"{need.sentence()}, and the registry records {spaces}."
    return SparseVerdict(
        status=status,
        answer=answer,
        short=short,
        explanation=explanation,
        high_need=high,
        few_third_spaces=few,
        third_spaces=third_spaces,
        per_10k=density,
        need=need,
    )


@dataclass(frozen=True)
class StrainVerdict:
    """Are the area's recorded spaces under strain? Computed once by ``strain``."""

    status: str  # NO_SPACES, NOT_CHECKED, STRAINED or NOT_STRAINED
    answer: str
    explanation: str
    total: int  # public spaces recorded, closed ones included
    closed: int
    temporarily_closed: int
    stale: int  # open, last confirmed before the cut-off
    not_checked: int  # open, never confirmed

    @property
    def known(self) -> int:
        """Spaces whose state we know: confirmed at least once, or reported closed."""
        return self.total - self.not_checked

    @property
    def strained(self) -> int:
        return self.closed + self.temporarily_closed + self.stale

    @property
    def share(self) -> float | None:
        """Strained spaces as a percentage of those whose state we know (None: none known)."""
        return 100 * self.strained / self.known if self.known else None

    @property
    def warning(self) -> bool:
        return self.status == STRAINED


def strain(
    *, total: int, closed: int, temporarily_closed: int, stale: int, not_checked: int
) -> StrainVerdict:
    """The strain verdict from counts of an area's (or a place's) public spaces."""
    known = total - not_checked
    strained = closed + temporarily_closed + stale
    if not total:
        status, answer = NO_SPACES, "No spaces recorded yet"
        explanation = "No spaces are recorded here yet, so there is nothing to check."
    elif not known:
        status, answer = NOT_CHECKED, "Not checked yet"
        explanation = (
            f"None of the {_plural(total, 'space')} recorded here has been confirmed since it was "
            "added, and none is reported closed, so we cannot say whether spaces are under strain."
        )
    else:
        share = 100 * strained / known
        status = STRAINED if share >= STRAINED_SHARE else NOT_STRAINED
        label = "Under strain" if status == STRAINED else "Not under strain"
        answer = f"{label}: {share:.0f}% of the spaces we know about are closed or not confirmed"
        verb = "is" if strained == 1 else "are"
        explanation = (
            f"Of the {_plural(known, 'space')} whose state we know, {strained:,} ({share:.0f}%) {verb} "
            f"closed, temporarily closed or not confirmed in the last {CONFIRMED_WITHIN_WORDS}."
        )
        if not_checked:
            verb = "has" if not_checked == 1 else "have"
            explanation += f" {_plural(not_checked, 'other space')} {verb} not been checked yet."
    return StrainVerdict(
        status=status,
        answer=answer,
        explanation=explanation,
        total=total,
        closed=closed,
        temporarily_closed=temporarily_closed,
        stale=stale,
        not_checked=not_checked,
    )
