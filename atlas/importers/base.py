"""The atlas's importers: a base class and a small subclass per source format, on the shared
importer pieces (``importing``: the report, the row outcomes, the progress bar).

``run(path, commit=False)`` reads every row, parses it (``parse_row``, which raises
``RowRejected`` -- or ``RowSkipped`` -- with a reason), then hands the accepted rows to ``write``
inside one transaction. Dry run by default: ``write`` is called with ``commit=False`` and only
counts what would change (``report.counts``: "areas created", "values updated"...). A malformed
row is reported (row number, area code, reason) and never half-written. Upserts are by natural
key (area kind + code, indicator slug), so running an import twice changes nothing the second
time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import transaction

from atlas.signals import atlas_changed
from importing.progress import progress_bar
from importing.readers import read_text
from importing.report import ImportReport
from importing.rows import RowRejected


class BaseImporter:
    """Subclasses set ``source_name``, implement ``parse_row`` and ``write``, and may override
    ``read_rows`` (CSV by default) and ``record_label``."""

    source_name = ""

    def read_rows(self, path: Path) -> Iterator[dict]:
        # The shared reader: encoding detected (or a clear refusal), any line endings.
        yield from csv.DictReader(io.StringIO(read_text(Path(path)), newline=""))

    def record_label(self, row: dict) -> str:
        return ""

    def key(self, parsed: Any) -> Any:
        """Natural key of a parsed row; a second row with the same key is rejected."""
        return None

    def parse_row(self, row: dict) -> Any:
        raise NotImplementedError

    def write(self, parsed: list[Any], report: ImportReport, *, commit: bool) -> None:
        raise NotImplementedError

    def prepare(self, report: ImportReport) -> None:
        """Checks on the whole file before rows are parsed (e.g. required columns)."""

    def run(
        self, path: Path | str, *, commit: bool = False, progress: bool = True, stdout=None
    ) -> ImportReport:
        report = ImportReport(source=f"{self.source_name} ({Path(path).name})")
        rows = self.read_rows(Path(path))
        parsed: list[Any] = []
        seen: dict[Any, int] = {}
        self.prepare(report)
        bar = progress_bar(rows, desc=f"Read {Path(path).name}", enabled=progress, stdout=stdout)
        for number, row in enumerate(bar, start=2):  # row 1 is the header
            report.read += 1
            try:
                item = self.parse_row(row)
                key = self.key(item)
                if key is not None:
                    if key in seen:
                        raise RowRejected(f"duplicate of row {seen[key]} ({key})")
                    seen[key] = number
            except RowRejected as error:
                report.add_line(number, self.record_label(row), error.status, error.reason)
                continue
            parsed.append(item)
        if commit:
            with transaction.atomic():
                self.write(parsed, report, commit=True)
                transaction.on_commit(lambda: atlas_changed.send(sender=type(self)), robust=True)
            report.committed = True
        else:
            self.write(parsed, report, commit=False)
        return report


def parse_float(row: dict, column: str) -> float | None:
    """A number, or None for a blank cell; anything else rejects the row."""
    raw = (row.get(column) or "").strip()
    if raw == "" or raw.upper() in {"NA", "NAN", "NULL", "."}:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise RowRejected(f"{column}: {raw!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise RowRejected(f"{column}: {raw!r} is not a finite number")
    return value
