"""Reading source files: text in whatever encoding and line endings it comes in (detected and
said), CSV rows with their numbers and what is wrong with their shape, and JSON. Any problem with
the file as a whole raises ``ImportFileError`` before anything is written."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from importing.decoding import Decoded, NotText, decode

DEFAULT_ENCODING = ""  # detected: UTF-8 with or without BOM, UTF-16, else Windows-1252 and kin
LISTED_ROWS = 10  # row numbers a note lists before "and N more"


class ImportFileError(Exception):
    """The file cannot be imported at all (unreadable, wrong encoding, missing columns...)."""


def read_decoded(path: Path, encoding: str = DEFAULT_ENCODING) -> Decoded:
    """The file's text and how it was read; ``encoding`` (when given) wins over detection."""
    name = Path(path).name
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ImportFileError(f"Cannot read {path}: {error.strerror or error}") from error
    try:
        return decode(data, encoding)
    except NotText as error:
        raise ImportFileError(f"{name}: {error}") from error
    except LookupError as error:
        raise ImportFileError(f"Unknown encoding “{encoding}” (try utf-8, cp1252 or latin-1).") from error
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex()
        if encoding:
            raise ImportFileError(
                f"{name} is not valid {encoding}: byte 0x{byte} on line {line} cannot be read. Leave out "
                "--encoding to have it detected, or give the right one (e.g. cp1252, latin-1)."
            ) from error
        raise ImportFileError(
            f"{name} is not UTF-8 and its encoding cannot be told (byte 0x{byte} on line {line}). Save it "
            "as UTF-8 (in Excel: “CSV UTF-8”), or give its encoding, e.g. --encoding cp1252."
        ) from error


def read_text(path: Path, encoding: str = DEFAULT_ENCODING) -> str:
    return read_decoded(path, encoding).text


def _line_breaks(text: str) -> int:
    """Lines in the text, whichever line endings it uses."""
    return text.count("\n") or text.count("\r")


def _rows_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:LISTED_ROWS])
    more = len(numbers) - LISTED_ROWS
    return f"{'row' if len(numbers) == 1 else 'rows'} {shown}" + (f" and {more} more" if more > 0 else "")


class CsvRow(dict):
    """A row's cells by column name, and what is wrong with its shape (set by ``CsvFile.rows``)."""

    extra: str = ""  # why the row holds data beyond the header's columns ("" if it does not)
    missing: tuple[str, ...] = ()  # named columns the row has no cell for (it is short)
    short_is_usual: bool = False  # most rows are short: the writer leaves out trailing empty cells
    shape: str = ""  # "5 cells under a 4-column header": the start of either message


class CsvFile:
    """A CSV file's header and rows. Row numbers count the header as row 1, as a spreadsheet does."""

    def __init__(self, path: Path, *, encoding: str = DEFAULT_ENCODING, delimiter: str | None = None):
        self.path = Path(path)
        self.decoded = read_decoded(self.path, encoding)
        self.text = self.decoded.text
        if not self.text.strip():
            raise ImportFileError(f"{self.path.name} is empty.")
        first_line = re.split(r"\r\n|\r|\n", self.text, maxsplit=1)[0]
        if delimiter is None:
            # Comma, unless the header has none but has semicolons (European Excel) or tabs.
            delimiter = ","
            if "," not in first_line:
                delimiter = next((d for d in (";", "\t", "|") if d in first_line), ",")
        self.delimiter = delimiter
        self.old_mac_endings = "\r" in self.text and "\n" not in self.text
        try:
            header = next(self._reader())
        except csv.Error as error:
            raise ImportFileError(f"{self.path.name}: the header line cannot be read ({error}).") from error
        self.columns = [name.strip() for name in header]
        named = [c for c in self.columns if c]
        duplicates = sorted({c for c in named if named.count(c) > 1})
        if duplicates:
            raise ImportFileError(f"{self.path.name}: columns named more than once: {', '.join(duplicates)}.")
        # Trailing unnamed columns (a header ending in commas, as spreadsheets write) hold nothing.
        self.width = max((i + 1 for i, c in enumerate(self.columns) if c), default=0)
        self.rows_read = 0
        self.short_is_usual = False
        self.extra_rows: list[int] = []
        self.short_rows: list[int] = []
        self._first_extra = ""

    def _reader(self):
        # newline="": the csv module splits lines itself, CR, LF or CRLF, and keeps quoted ones.
        return csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)

    def require(self, columns) -> None:
        missing = sorted({c for c in columns if c not in self.columns})
        if missing:
            present = ", ".join(c for c in self.columns if c) or "none"
            raise ImportFileError(
                f"{self.path.name} lacks the column(s) {', '.join(missing)} that the mapping uses "
                f"(its columns: {present}). Rename the file's columns or change the mapping."
            )

    def rows(self) -> Iterator[tuple[int, CsvRow]]:
        reader = self._reader()
        number = 1
        try:
            lengths = [len(v) for v in reader if any(c.strip() for c in v)][1:]
            # Some writers end every row at its last non-empty cell: short rows are then the rule,
            # and their missing cells simply empty. Otherwise a short row is an accident.
            self.short_is_usual = sum(n < self.width for n in lengths) * 2 > len(lengths)
            reader = self._reader()
            next(reader)
            for number, values in enumerate(reader, start=2):
                if not any(v.strip() for v in values):
                    continue  # blank line
                self.rows_read += 1
                yield number, self._row(number, values)
        except csv.Error as error:
            raise ImportFileError(
                f"{self.path.name}, row {number + 1}: {error}. Check that row's quotes and save the file "
                "again as CSV."
            ) from error

    def _row(self, number: int, values: list[str]) -> CsvRow:
        row = CsvRow()
        for name, value in zip(self.columns, values, strict=False):
            if name:
                row[name] = value.strip()
        beyond = [v.strip() for v in values[self.width :] if v.strip()]
        if beyond:
            cells = max(i + 1 for i, v in enumerate(values) if v.strip())
            quoted = ", ".join(f"“{v}”" for v in beyond[:3])
            row.shape = f"{cells} cells under a {self.width}-column header"
            cell = "cells" if len(beyond) > 1 else "cell"
            row.extra = (
                f"{row.shape} — an unquoted comma? (the extra {cell}: {quoted}). "
                "Put quotes round values that hold commas, or fix the row, and import again"
            )
            self.extra_rows.append(number)
            self._first_extra = self._first_extra or quoted
        elif len(values) < self.width:
            row.shape = f"{len(values)} cells under a {self.width}-column header"
            row.missing = tuple(c for c in self.columns[len(values) : self.width] if c)
            row.short_is_usual = self.short_is_usual
            self.short_rows.append(number)
        return row

    def notes(self) -> list[str]:
        """What the report should say about the file as a whole (after ``rows`` was read)."""
        notes = [self.decoded.note] if self.decoded.note else []
        if self.old_mac_endings:
            notes.append("old Mac line endings (CR only): read as usual")
        if self.extra_rows and len(self.extra_rows) * 2 > self.rows_read:
            notes.append(
                f"most rows ({len(self.extra_rows)} of {self.rows_read}) have more cells than the header's "
                f"{self.width} columns (first extra: {self._first_extra}): a column whose values hold commas "
                "was probably written without quotes. Export the file again with every value quoted, or "
                "name the missing columns in the header, and import again"
            )
        elif self.extra_rows:
            notes.append(
                f"{_rows_list(self.extra_rows)}: more cells than the header's {self.width} columns "
                "(rejected: see the report)"
            )
        if self.short_rows and self.short_is_usual:
            notes.append(
                f"most rows ({len(self.short_rows)} of {self.rows_read}) stop before the header's last "
                "columns: the cells left out are read as empty"
            )
        elif self.short_rows:
            notes.append(
                f"{_rows_list(self.short_rows)}: fewer cells than the header's {self.width} columns "
                "(a line broken in two, or cells left out?)"
            )
        return notes

    def __len__(self) -> int:
        return max(0, _line_breaks(self.text) - 1)


def read_json(path: Path, encoding: str = DEFAULT_ENCODING):
    text = read_text(path, encoding)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{Path(path).name} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from error
