"""Reading source files: text with a clear message for a bad encoding, CSV rows with their numbers,
and JSON. Any problem with the file as a whole raises ``ImportFileError`` before anything is
written."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

DEFAULT_ENCODING = "utf-8-sig"  # UTF-8, with or without the byte-order mark Excel writes


class ImportFileError(Exception):
    """The file cannot be imported at all (unreadable, wrong encoding, missing columns...)."""


def read_text(path: Path, encoding: str = DEFAULT_ENCODING) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ImportFileError(f"Cannot read {path}: {error.strerror or error}") from error
    try:
        return data.decode(encoding)
    except LookupError as error:
        raise ImportFileError(f"Unknown encoding “{encoding}”.") from error
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex()
        hint = (
            "Save it as UTF-8 (in Excel: “CSV UTF-8”), or give its encoding, e.g. --encoding cp1252 "
            "(Windows) or --encoding latin-1."
            if encoding.lower().startswith("utf")
            else "Check the --encoding option."
        )
        raise ImportFileError(
            f"{Path(path).name} is not valid {encoding}: byte 0x{byte} on line {line} cannot be read. {hint}"
        ) from error


class CsvFile:
    """A CSV file's header and rows. Row numbers count the header as row 1, as a spreadsheet does."""

    def __init__(self, path: Path, *, encoding: str = DEFAULT_ENCODING, delimiter: str | None = None):
        self.path = Path(path)
        self.text = read_text(self.path, encoding)
        if not self.text.strip():
            raise ImportFileError(f"{self.path.name} is empty.")
        if delimiter is None:
            # Comma, unless the header has none but has semicolons (European Excel) or tabs.
            first_line = self.text.split("\n", 1)[0]
            delimiter = ","
            if "," not in first_line:
                delimiter = next((d for d in (";", "\t", "|") if d in first_line), ",")
        self.delimiter = delimiter
        try:
            header = next(csv.reader(io.StringIO(self.text), delimiter=delimiter))
        except csv.Error as error:
            raise ImportFileError(f"{self.path.name}: the header line cannot be read ({error}).") from error
        self.columns = [name.strip() for name in header]
        named = [c for c in self.columns if c]
        duplicates = sorted({c for c in named if named.count(c) > 1})
        if duplicates:
            raise ImportFileError(f"{self.path.name}: columns named more than once: {', '.join(duplicates)}.")

    def require(self, columns) -> None:
        missing = sorted({c for c in columns if c not in self.columns})
        if missing:
            present = ", ".join(c for c in self.columns if c) or "none"
            raise ImportFileError(
                f"{self.path.name} lacks the column(s) {', '.join(missing)} that the mapping uses "
                f"(its columns: {present})."
            )

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        reader = csv.reader(io.StringIO(self.text), delimiter=self.delimiter)
        number = 0
        try:
            next(reader)
            for number, values in enumerate(reader, start=2):
                if not any(v.strip() for v in values):
                    continue  # blank line
                row = {}
                for name, value in zip(self.columns, values, strict=False):
                    if name:
                        row[name] = value.strip()
                yield number, row
        except csv.Error as error:
            raise ImportFileError(f"{self.path.name}, row {number + 1}: {error}.") from error

    def __len__(self) -> int:
        return max(0, self.text.count("\n") - 1)


def read_json(path: Path, encoding: str = DEFAULT_ENCODING):
    text = read_text(path, encoding)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{Path(path).name} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from error
