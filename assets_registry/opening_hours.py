"""Opening hours as residents write them: one line per row, "Mon–Fri 9:00–17:00", "Sat 10am-4pm",
"Sunday 12:00 - 16:00", "Mon, Wed 9-12", "Tue 9-12, 13-17", "closed Sunday".

Parsed to the structure the registry stores (``OpeningHours`` rows: weekday, opens, closes), and
written back in one normal form ("Mon–Fri 9:00–17:00"). A row that cannot be read raises an error
that names the row, quotes what is wrong and shows how to write it: nothing is dropped.

Hand-written because no parser on PyPI fits: ``parse-opening-hours`` (last release 2021) raises
TypeError on "Mon-Fri 9:00-17:00" unless told the clock type, silently drops the second period of
"Mon 9-12, 13-17" and says nothing about what is wrong; ``opening-hours-py`` reads only
OpenStreetMap's syntax ("Mo-Fr 09:00-17:00"), which residents do not write.

Rows apply in order: times add periods to their days, "closed" clears the days named (so
"Mon–Sun 9–17" then "closed Sunday" leaves Sunday closed). Without am/pm, a closing hour below
the opening hour that makes sense twelve hours later is read that way ("9-5" is 9:00–17:00);
otherwise the period passes midnight ("18:00-01:00"), as the model allows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError

Period = tuple[int, dt.time, dt.time]

EXAMPLE = "Mon–Fri 9:00–17:00"
MAX_ROWS = 14
DAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAYS = {
    **{name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday"))},
    "saturday": 5,
    "sunday": 6,
    **{short: i for i, short in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{short: i for i, short in enumerate(("mo", "tu", "we", "th", "fr", "sa", "su"))},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
_DAY_GROUPS = {
    "weekdays": range(5),
    "weekday": range(5),
    "weekends": range(5, 7),
    "weekend": range(5, 7),
    "daily": range(7),
    "everyday": range(7),
}
_DASHES = re.compile(r"\s*(?:[-‐‑‒–—−]|\bto\b|\buntil\b|\btill\b)\s*")
_TIME = re.compile(
    r"^(?:(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm)?|(?P<word>noon|midnight))$"
)
_ALL_DAY = re.compile(r"\b(?:24\s*(?:hours|hrs|h)|all\s+day)\b")
_CLOSED = re.compile(r"\b(?:closed|off)\b")


class RowError(ValueError):
    """What is wrong with one row, in words, with the part of it that is wrong."""

    def __init__(self, fragment: str, problem: str):
        super().__init__(f"'{fragment}' {problem}")
        self.fragment, self.problem = fragment, problem


@dataclass
class Row:
    """One row as typed, and what it says: periods, or days it is closed."""

    text: str
    periods: list[Period] = field(default_factory=list)
    closed_days: list[int] = field(default_factory=list)

    @property
    def reading(self) -> str:
        if self.closed_days:
            return f"Closed {_days_text(self.closed_days)}"
        return format_periods(self.periods)


def _normalise(text: str) -> str:
    text = text.lower().replace("a.m.", "am").replace("p.m.", "pm")
    text = re.sub(r"\bevery\s+day\b|\b7\s+days\b", "daily", text)
    text = re.sub(r"\s+(?:and|&)\s+", ", ", text)
    return _DASHES.sub("-", text).strip(" .;")


def _day(word: str) -> int:
    if word in _DAYS:
        return _DAYS[word]
    if word.endswith("s") and word[:-1] in _DAYS:  # "Mondays"
        return _DAYS[word[:-1]]
    raise RowError(word, "is not a day of the week")


def _parse_days(text: str) -> list[int]:
    days: list[int] = []
    for word in (w for w in re.split(r"[,\s/:]+", text) if w and w not in ("open", "on", "from")):
        if word in _DAY_GROUPS:
            days += _DAY_GROUPS[word]
            continue
        first, dash, last = word.partition("-")
        if dash and not last:
            raise RowError(word, "has no last day")
        start = _day(first)
        end = _day(last) if last else start
        days += [d % 7 for d in range(start, end + 1 if end >= start else end + 8)]
    return sorted(set(days))


def _clock(text: str) -> tuple[int, int, str]:
    """(hour, minute, "am"/"pm"/"") of one time as typed."""
    match = _TIME.match(text.strip())
    if not match:
        raise RowError(text.strip(), "is not a time of day")
    if match["word"]:
        return (12, 0, "pm") if match["word"] == "noon" else (0, 0, "")
    hour, minute, half = int(match["hour"]), int(match["minute"] or 0), match["half"] or ""
    if minute > 59 or hour > 24 or (half and not 1 <= hour <= 12) or (hour == 24 and minute):
        raise RowError(text.strip(), "is not a time of day")
    return hour, minute, half


def _to_24h(hour: int, half: str) -> int:
    if half == "am":
        return hour % 12
    if half == "pm":
        return hour % 12 + 12
    return hour % 24


def _parse_span(text: str) -> tuple[dt.time, dt.time]:
    start, dash, end = text.partition("-")
    if not end.strip():
        raise RowError(text.strip(), "has no closing time")
    (h1, m1, half1), (h2, m2, half2) = _clock(start), _clock(end)
    if half2 and not half1:  # "10-4pm": the opening time takes the same half if that comes first
        half1 = half2 if _to_24h(h1, half2) * 60 + m1 < _to_24h(h2, half2) * 60 + m2 else "am"
    opens, closes = _to_24h(h1, half1), _to_24h(h2, half2)
    if not (half1 or half2) and closes < opens and closes < 12 and closes + 12 > opens:
        closes += 12  # "9-5" is nine to five, not an overnight period
    if (opens, m1) == (closes, m2) and (opens, m1) != (0, 0):
        raise RowError(text.strip(), "opens and closes at the same time")
    return dt.time(opens, m1), dt.time(closes, m2)


def parse_row(text: str) -> Row:
    """One row, or RowError saying what is wrong with it."""
    value = _normalise(text)
    closed = _CLOSED.search(value)
    if closed:
        days_text = (value[: closed.start()] + " " + value[closed.end() :]).strip(" ,:-")
        if re.search(r"\d", days_text):
            raise RowError(text.strip(), "gives times and says closed")
        days = _parse_days(days_text)
        if not days:
            raise RowError(text.strip(), "does not say which days it is closed")
        return Row(text, closed_days=days)
    all_day = _ALL_DAY.search(value)
    if all_day:
        days_text, spans = value[: all_day.start()] + value[all_day.end() :], [(dt.time(0), dt.time(0))]
    else:
        first_time = re.search(r"\d|\bnoon\b|\bmidnight\b", value)
        if not first_time:
            raise RowError(text.strip(), "has no times")
        days_text, times_text = value[: first_time.start()], value[first_time.start() :]
        spans = [_parse_span(span) for span in re.split(r"\s*[,;]\s*", times_text) if span.strip()]
    days = _parse_days(days_text.strip(" ,:-"))
    if not days:
        raise RowError(text.strip(), "does not say which days")
    return Row(text, periods=[(day, opens, closes) for day in days for opens, closes in spans])


def combine(rows: list[Row]) -> list[Period]:
    """The week the rows describe, in order: by day, then opening time."""
    by_day: dict[int, list[tuple[dt.time, dt.time]]] = {}
    for row in rows:
        for day in row.closed_days:
            by_day[day] = []
        for day, opens, closes in row.periods:
            spans = by_day.setdefault(day, [])
            if (opens, closes) not in spans:
                spans.append((opens, closes))
    return [(day, opens, closes) for day in sorted(by_day) for opens, closes in sorted(by_day[day])]


def _clock_text(value: dt.time) -> str:
    return f"{value.hour}:{value.minute:02d}"


def _days_text(days: list[int]) -> str:
    """[0, 1, 2, 4] -> "Mon–Wed, Fri"."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        first, last = DAY_ABBREVIATIONS[run[0]], DAY_ABBREVIATIONS[run[-1]]
        parts.append(first if len(run) == 1 else f"{first}, {last}" if len(run) == 2 else f"{first}–{last}")
    return ", ".join(parts)


def format_periods(periods: list[Period]) -> str:
    """Periods in the normal form: "Mon–Fri 9:00–17:00; Sat 10:00–16:00"."""
    spans_by_day: dict[int, tuple] = {}
    for day, opens, closes in sorted(periods):
        spans_by_day[day] = (*spans_by_day.get(day, ()), (opens, closes))
    days_by_spans: dict[tuple, list[int]] = {}
    for day, spans in spans_by_day.items():
        days_by_spans.setdefault(spans, []).append(day)
    lines = []
    for spans, days in sorted(days_by_spans.items(), key=lambda item: item[1][0]):
        times = ", ".join(
            "open 24 hours" if opens == closes else f"{_clock_text(opens)}–{_clock_text(closes)}"
            for opens, closes in spans
        )
        lines.append(f"{_days_text(days)} {times}")
    return "; ".join(lines)


def format_rows(periods: list[Period]) -> list[str]:
    """Periods as editor rows, one line per group of days with the same hours."""
    text = format_periods(periods)
    return text.split("; ") if text else []


def row_message(number: int, error: RowError) -> str:
    return f"Row {number}: {error}. Write it like {EXAMPLE}"


@dataclass
class OpeningHoursValue:
    rows: list[Row]

    @property
    def periods(self) -> list[Period]:
        return combine(self.rows)


class OpeningHoursInput(forms.Widget):
    """Rows posted as ``<name>_0``, ``<name>_1``, … (the template renders them: ``rows_for``)."""

    def value_from_datadict(self, data, files, name):
        pattern = re.compile(rf"^{re.escape(name)}_(\d+)$")
        numbered = sorted((int(m[1]), key) for key in data if (m := pattern.match(key)))
        return [str(data.get(key) or "") for _index, key in numbered[:MAX_ROWS]]

    def value_omitted_from_data(self, data, files, name):
        return not any(key.startswith(f"{name}_") for key in data)


class OpeningHoursField(forms.Field):
    """Cleans to ``OpeningHoursValue``; each unreadable row is one error naming the row."""

    widget = OpeningHoursInput

    def to_python(self, value):
        if isinstance(value, str):
            value = value.splitlines()
        return [str(v).strip() for v in value or ()]

    def validate(self, value):
        pass  # every row is optional; ``clean`` checks each one

    def clean(self, value):
        texts = self.to_python(value)
        rows, errors = [], []
        for number, text in enumerate(texts, start=1):
            if not text:
                continue
            try:
                rows.append(parse_row(text))
            except RowError as error:
                errors.append(ValidationError(row_message(number, error), code="row", params={"row": number}))
        if errors:
            raise ValidationError(errors)
        return OpeningHoursValue(rows)


@dataclass
class HoursRow:
    """One row of the editor as the template shows it."""

    number: int
    name: str
    id: str
    value: str
    reading: str = ""
    error: str = ""


def rows_for(bound_field, *, minimum: int = 3) -> list[HoursRow]:
    """The editor's rows: what was typed (kept, even when it cannot be read), what each row was
    read as, and one empty row more, so a row can be added without JavaScript."""
    value = bound_field.value()
    texts = value if isinstance(value, list) and all(isinstance(v, str) for v in value) else []
    if not bound_field.form.is_bound and value and not texts:  # initial periods
        texts = format_rows(list(value))
    while texts and not texts[-1].strip():
        texts = texts[:-1]
    count = min(MAX_ROWS, max(minimum, len(texts) + 1))
    texts = [*texts, *[""] * (count - len(texts))][:count]
    rows = []
    for index, text in enumerate(texts):
        row = HoursRow(index + 1, f"{bound_field.html_name}_{index}", f"{bound_field.auto_id}_{index}", text)
        if text.strip() and bound_field.form.is_bound:
            try:
                row.reading = parse_row(text).reading
            except RowError as error:
                row.error = row_message(index + 1, error)
        rows.append(row)
    return rows
