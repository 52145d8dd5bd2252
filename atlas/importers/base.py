"""The importer pattern: a base class and a small subclass per source format.

``run(path, commit=False)`` reads every row, parses it (``parse_row``, which raises
``RowRejected`` with a reason), then hands the accepted rows to ``write`` inside one
transaction. Dry run by default: ``write`` is called with ``commit=False`` and only counts what
would change. A malformed row is reported (row number, record, reason) and never half-written;
``ImportReport.write_rejections`` saves the report as CSV. Upserts are by natural key (area
kind + code, indicator slug), so running an import twice changes nothing the second time.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from django.db import transaction


class RowRejected(ValueError):
    """A row that cannot be imported; the message is the reason shown in the report."""


@dataclass(frozen=True)
class Rejection:
    row: int
    record: str
    reason: str


@dataclass
class ImportReport:
    source: str
    committed: bool = False
    rows: int = 0
    counts: Counter = field(default_factory=Counter)  # "areas created", "values updated", ...
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.rows - len(self.rejected)

    def add(self, prefix: str, counts: dict[str, int]) -> None:
        for key, value in counts.items():
            self.counts[f"{prefix} {key}"] += value

    def write_rejections(self, path: Path | str) -> None:
        with Path(path).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["row", "record", "reason"])
            writer.writerows((r.row, r.record, r.reason) for r in self.rejected)

    def summary(self) -> str:
        mode = "Committed" if self.committed else "Dry run (nothing written; use --commit)"
        parts = [
            f"{mode}: {self.source}: {self.rows} rows read, {self.accepted} accepted, "
            f"{len(self.rejected)} rejected."
        ]
        verb = "" if self.committed else "would be "
        for key in sorted(self.counts):
            noun, _, outcome = key.rpartition(" ")
            parts.append(f"  {noun} {verb}{outcome}: {self.counts[key]}")
        parts.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(parts)


class BaseImporter:
    """Subclasses set ``source_name``, implement ``parse_row`` and ``write``, and may override
    ``read_rows`` (CSV by default) and ``record_label``."""

    source_name = ""

    def read_rows(self, path: Path) -> Iterator[dict]:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            yield from csv.DictReader(handle)

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
        report = ImportReport(source=f"{self.source_name} ({Path(path).name})", committed=commit)
        rows = self.read_rows(Path(path))
        parsed: list[Any] = []
        seen: dict[Any, int] = {}
        self.prepare(report)
        bar = tqdm(
            rows,
            desc=f"Read {Path(path).name}",
            unit=" rows",
            disable=not progress,
            file=progress_stream(stdout),
        )
        for number, row in enumerate(bar, start=2):  # row 1 is the header
            report.rows += 1
            try:
                item = self.parse_row(row)
                key = self.key(item)
                if key is not None:
                    if key in seen:
                        raise RowRejected(f"duplicate of row {seen[key]} ({key})")
                    seen[key] = number
            except RowRejected as error:
                report.rejected.append(Rejection(number, self.record_label(row), str(error)))
                continue
            parsed.append(item)
        if commit:
            with transaction.atomic():
                self.write(parsed, report, commit=True)
        else:
            self.write(parsed, report, commit=False)
        return report


def progress_stream(stdout):
    """Where tqdm should draw: the raw stream under a management command's OutputWrapper (which
    would end every redraw with a newline), or stderr."""
    import sys

    return getattr(stdout, "_out", stdout) or sys.stderr


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
