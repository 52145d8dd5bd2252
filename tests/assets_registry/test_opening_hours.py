"""The opening-hours rows residents type: read to the stored periods, shown back in one form, and
every row that cannot be read named with what is wrong (issue 16, item 5)."""

import datetime as dt

import pytest

from django.core.exceptions import ValidationError

from assets_registry.opening_hours import (
    OpeningHoursField,
    RowError,
    combine,
    format_periods,
    format_rows,
    parse_row,
)


def t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


@pytest.mark.parametrize(
    ("typed", "reading"),
    [
        ("Mon–Fri 9:00–17:00", "Mon–Fri 9:00–17:00"),
        ("mon-fri 9:00-17:00", "Mon–Fri 9:00–17:00"),
        ("Monday to Friday 9am to 5pm", "Mon–Fri 9:00–17:00"),
        ("weekdays 9-5", "Mon–Fri 9:00–17:00"),
        ("Sat 10am-4pm", "Sat 10:00–16:00"),
        ("Sat-Sun 10-4pm", "Sat, Sun 10:00–16:00"),
        ("Sunday 12:00 - 16:00", "Sun 12:00–16:00"),
        ("Mon, Wed 9-12", "Mon, Wed 9:00–12:00"),
        ("Mon & Wed 9-12", "Mon, Wed 9:00–12:00"),
        ("Tue 9-12, 13-17", "Tue 9:00–12:00, 13:00–17:00"),
        ("Thursdays 7.30pm-9pm", "Thu 19:30–21:00"),
        ("Fri 18:00-01:00", "Fri 18:00–1:00"),
        ("Fri-Mon 1pm-3pm", "Mon, Fri–Sun 13:00–15:00"),
        ("daily 24 hours", "Mon–Sun open 24 hours"),
        ("Sat noon-4pm", "Sat 12:00–16:00"),
        ("closed Sunday", "Closed Sun"),
        ("Sun: closed", "Closed Sun"),
    ],
)
def test_rows_are_read_and_shown_back_in_one_form(typed, reading):
    assert parse_row(typed).reading == reading


def test_periods_are_the_stored_structure():
    assert parse_row("Mon, Wed 9-12").periods == [(0, t("09:00"), t("12:00")), (2, t("09:00"), t("12:00"))]
    assert parse_row("Fri 18:00-24:00").periods == [(4, t("18:00"), t("00:00"))]  # to midnight


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("9-", "'9-' has no closing time"),
        ("Mon 9", "'9' has no closing time"),
        ("Mnday 9-5", "'mnday' is not a day of the week"),
        ("Mon 25:00-26:00", "'25:00' is not a time of day"),
        ("Mon 13pm-14pm", "'13pm' is not a time of day"),
        ("Mon 9-9", "'9-9' opens and closes at the same time"),
        ("9-17", "'9-17' does not say which days"),
        ("Mon - Fri", "'Mon - Fri' has no times"),
        ("closed", "'closed' does not say which days it is closed"),
    ],
)
def test_what_cannot_be_read_is_said(typed, message):
    with pytest.raises(RowError) as caught:
        parse_row(typed)
    assert str(caught.value) == message


def test_closed_clears_the_days_named_before_it():
    rows = [parse_row("Mon-Sun 9-17"), parse_row("closed Sunday"), parse_row("Wed 18-20")]
    periods = combine(rows)
    assert 6 not in {day for day, _o, _c in periods}
    assert format_periods(periods) == "Mon, Tue, Thu–Sat 9:00–17:00; Wed 9:00–17:00, 18:00–20:00"


def test_stored_periods_come_back_as_rows_that_read_the_same():
    periods = combine([parse_row("Mon-Fri 9-17"), parse_row("Sat 10-13")])
    rows = format_rows(periods)
    assert rows == ["Mon–Fri 9:00–17:00", "Sat 10:00–13:00"]
    assert combine([parse_row(row) for row in rows]) == periods


def test_the_field_names_every_bad_row_and_keeps_none_back():
    field = OpeningHoursField(required=False)
    with pytest.raises(ValidationError) as caught:
        field.clean(["Mon-Fri 9-17", "9-", "", "Sat 10-"])
    assert caught.value.messages == [
        "Row 2: '9-' has no closing time. Write it like Mon–Fri 9:00–17:00",
        "Row 4: '10-' has no closing time. Write it like Mon–Fri 9:00–17:00",
    ]
    assert field.clean(["", " "]).periods == []
    assert len(field.clean(["Mon-Fri 9-17", "", "Sat 10-13"]).periods) == 6
