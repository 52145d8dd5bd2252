"""Small-number suppression of a survey's published figures (docs/connection-maps.md, "What a
survey reveals").

Every figure a survey publishes rests on a count of respondents. Three rules keep a group smaller
than the survey's threshold (at least 5) from showing, directly or by subtraction:

* **primary**: a count between 1 and threshold - 1 is not shown (0 is: it is nobody);
* **complement**: where the total is published, the people *not* counted (total - count) are a
  group too, so a count whose complement is between 1 and threshold - 1 is not shown either;
* **secondary**: in a table whose cells add up to a published total (respondents by age band, by
  number of places), the hidden cells can be had by subtraction; more cells are hidden, smallest
  first, until what is hidden adds up to 0 or at least the threshold and no single hidden cell
  can be worked out.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping


def is_small(count: int, threshold: int) -> bool:
    """A group of people too small to publish (0 is no group)."""
    return 0 < count < threshold


def count_shown(count: int, *, total: int, threshold: int) -> bool:
    """Primary and complement rules for a count out of a published total (e.g. respondents who
    meet at a place, out of all respondents)."""
    return not is_small(count, threshold) and not is_small(total - count, threshold)


def suppress_partition(counts: Mapping[Hashable, int], *, threshold: int) -> dict[Hashable, int | None]:
    """The cells of a table whose counts add up to a published total, with None for each cell
    that must not be shown (primary, then secondary suppression)."""
    hidden = {key for key, count in counts.items() if is_small(count, threshold)}
    while hidden:
        hidden_sum = sum(counts[key] for key in hidden)
        # One hidden cell is revealed exactly by subtraction, and hidden cells adding up to fewer
        # than the threshold reveal a small group: hide the smallest nonzero shown cell too.
        if len(hidden) > 1 and not is_small(hidden_sum, threshold):
            break
        shown = [key for key in counts if key not in hidden and counts[key]]
        if not shown:
            break  # everything nonzero is hidden: only the total is left, which is published
        hidden.add(min(shown, key=lambda key: counts[key]))
    return {key: (None if key in hidden else count) for key, count in counts.items()}


def subtotal_shown(cells: Mapping[Hashable, int | None], members: Iterable[Hashable]) -> bool:
    """Whether a subtotal of some cells of a suppressed partition may be published: when all of
    them are shown, or when every hidden cell is among them (then the subtotal is the total less
    the shown cells, which anyone can work out already)."""
    members = set(members)
    hidden = {key for key, value in cells.items() if value is None}
    return not (hidden & members) or hidden <= members
