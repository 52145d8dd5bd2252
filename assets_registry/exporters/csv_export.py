"""CSV of public spaces, one row per space, written piece by piece.

Multi-valued fields are joined with "; ", opening hours read like "Mon 09:00-17:00". Text that a
spreadsheet would run as a formula (starting with =, @, or +/- not followed by a number) is
prefixed with an apostrophe (OWASP's advice on CSV injection); numbers and phone numbers are
left alone.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator

from assets_registry.public_fields import PUBLIC_FIELDS

MEDIA_TYPE = "text/csv; charset=utf-8"
COLUMNS = (*PUBLIC_FIELDS, "opening_hours", "url")
DAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_NUMBER_LIKE = re.compile(r"^[+-]?[\d\s().]+$")
_FORMULA_START = ("=", "@", "+", "-", "\t", "\r")


def format_hours(hours: list[dict]) -> str:
    return "; ".join(f"{DAY_ABBREVIATIONS[h['weekday']]} {h['opens']}-{h['closes']}" for h in hours)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER_LIKE.match(value):
        return "'" + value
    return value


def csv_row(row: dict, columns: tuple[str, ...] = COLUMNS) -> list:
    values = []
    for name in columns:
        value = row.get(name)
        values.append(format_hours(value or []) if name == "opening_hours" else _cell(value))
    return values


def csv_chunks(chunks: Iterable[list[dict]], *, columns: tuple[str, ...] = COLUMNS) -> Iterator[str]:
    """The CSV text: a header line, then one piece per chunk of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    yield buffer.getvalue()
    for rows in chunks:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(csv_row(row, columns) for row in rows)
        yield buffer.getvalue()
