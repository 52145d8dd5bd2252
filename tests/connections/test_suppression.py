"""Small-number suppression (connections.suppression): primary, complement and secondary rules."""

import pytest

from connections.suppression import count_shown, subtotal_shown, suppress_partition


@pytest.mark.parametrize(
    ("count", "total", "shown"),
    [
        (4, 60, False),
        (5, 60, True),
        (0, 60, True),
        (1, 60, False),
        (56, 60, False),
        (55, 60, True),
        (60, 60, True),
    ],
)
def test_a_count_is_shown_only_when_it_and_its_complement_reach_the_threshold(count, total, shown):
    assert count_shown(count, total=total, threshold=5) is shown


def test_a_higher_threshold_hides_more():
    assert count_shown(7, total=60, threshold=8) is False
    assert count_shown(8, total=60, threshold=8) is True


def test_one_small_cell_is_hidden_with_the_next_smallest_so_the_total_cannot_reveal_it():
    cells = suppress_partition({"16-24": 3, "25-34": 9, "35-49": 12, "50-64": 6}, threshold=5)
    # 3 alone would be total - shown; the smallest other cell (6) is hidden with it: 9 hidden.
    assert cells == {"16-24": None, "25-34": 9, "35-49": 12, "50-64": None}


def test_hidden_cells_that_add_up_to_fewer_than_the_threshold_take_another():
    cells = suppress_partition({"a": 1, "b": 2, "c": 20, "d": 7}, threshold=5)
    # 1 + 2 = 3 would be a group of 3 by subtraction: 7 joins them (10 hidden).
    assert cells == {"a": None, "b": None, "c": 20, "d": None}


def test_zero_cells_are_shown_and_never_chosen_to_hide_a_small_one():
    cells = suppress_partition({"a": 0, "b": 4, "c": 10, "d": 11}, threshold=5)
    assert cells == {"a": 0, "b": None, "c": None, "d": 11}


def test_a_table_without_small_cells_is_untouched():
    assert suppress_partition({"a": 5, "b": 0, "c": 30}, threshold=5) == {"a": 5, "b": 0, "c": 30}


def test_no_hidden_cell_can_be_worked_out_from_the_total_and_the_shown_cells():
    counts = {"a": 2, "b": 5, "c": 6, "d": 1, "e": 40}
    cells = suppress_partition(counts, threshold=5)
    hidden = [k for k, v in cells.items() if v is None]
    assert len(hidden) >= 2
    assert sum(counts[k] for k in hidden) >= 5
    assert all(cells[k] == counts[k] for k in counts if k not in hidden)


def test_a_subtotal_is_shown_when_it_reveals_nothing_new():
    cells = {"0": None, "1": None, "2": 20, "3+": 30}
    assert subtotal_shown(cells, {"0", "1"})  # = total - 50, known anyway
    cells = {"0": None, "1": 12, "2": None, "3+": 30}
    assert not subtotal_shown(cells, {"0", "1"})  # would give "0" and then "2"
    assert subtotal_shown({"0": 6, "1": 7, "2": 20, "3+": 30}, {"0", "1"})
