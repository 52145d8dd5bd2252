"""The one report of an import run: what was read, written and why rows were not."""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

STATUSES = ("rejected", "skipped", "merged", "warning")


@dataclass
class ReportLine:
    row: int
    source_id: str  # the record's id in its source (an area code, a venue id), or "" if it has none
    status: str  # one of STATUSES
    reason: str


@dataclass
class ImportReport:
    """Counts of a run and a line per row that was rejected, skipped, merged or warned about.

    ``created``/``updated``/``unchanged`` count the records of importers that write one kind;
    importers that write several (areas, indicators, values) count each in ``counts``
    ("areas created", "values updated"...) through ``add``.
    """

    source: str
    trusted: bool | None = None  # spaces: published directly, or sent to moderation
    committed: bool = False
    aborted: bool = False  # strict mode found rejected rows: nothing written, even with commit
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_file: int = 0  # earlier records of this source the file no longer has
    counts: Counter = field(default_factory=Counter)
    lines: list[ReportLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    saved_ids: list[int] = field(default_factory=list)  # primary keys saved by a committed run

    def add_line(self, row: int, source_id: str, status: str, reason: str) -> None:
        self.lines.append(ReportLine(row, source_id, status, reason))

    def add(self, prefix: str, counts: dict[str, int]) -> None:
        for key, value in counts.items():
            self.counts[f"{prefix} {key}"] += value

    def lines_of(self, status: str) -> list[ReportLine]:
        return [line for line in self.lines if line.status == status]

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)

    @property
    def rejected(self) -> int:
        return self.count("rejected")

    @property
    def skipped(self) -> int:
        return self.count("skipped")

    @property
    def merged(self) -> int:
        return self.count("merged")

    @property
    def warned(self) -> int:
        """Rows with at least one warning."""
        return len({(line.row, line.source_id) for line in self.lines if line.status == "warning"})

    @property
    def accepted(self) -> int:
        return self.read - self.rejected - self.skipped - self.merged

    def reasons(self, status: str, *, top: int = 8) -> list[tuple[str, int]]:
        """The commonest reasons, quoted values and numbers folded ("row 12 “X”" -> "row N …").

        Only whole numbers fold: the examples in a message ("W5 2HL") stay as they are."""
        folded = Counter(
            re.sub(r"\b\d+(\.\d+)?\b", "N", re.sub(r"“[^”]*”|‘[^’]*’", "…", line.reason))
            for line in self.lines
            if line.status == status
        )
        return folded.most_common(top)

    def summary(self) -> str:
        verb = "" if self.committed else "would be "
        state = "Imported" if self.committed else "Dry run (nothing written)"
        if self.aborted:
            state = "Not imported (strict mode: rows were rejected, nothing written)"
        head = f"{state}: source “{self.source}”"
        if self.trusted is not None:
            what = "published" if self.trusted else "sent to moderation"
            head += f", {'trusted: ' + what if self.trusted else what}"
        counts: list[tuple[str, int]] = [("rows read", self.read)]
        if self.counts:
            for key in sorted(self.counts):
                noun, _, outcome = key.rpartition(" ")
                counts.append((f"{noun} {verb}{outcome}", self.counts[key]))
        else:
            counts += [(f"{verb}created", self.created), (f"{verb}updated", self.updated)]
            counts.append(("unchanged", self.unchanged))
        counts += [(status, self.count(status)) for status in ("rejected", "skipped", "merged")]
        counts.append(("with warnings", self.warned))
        width = max(20, *(len(label) + 2 for label, _ in counts))
        lines = [head + "."]
        lines += [f"  {label + ':':<{width}}{value:>8}" for label, value in counts]
        if self.not_in_file:
            lines.append(
                f"  earlier records of this source not in the file (left as they are): {self.not_in_file}"
            )
        lines += [f"  note: {note}" for note in self.notes]
        for status in STATUSES:
            reasons = self.reasons(status)
            if reasons:
                lines.append(f"  {status}, by reason:")
                lines += [f"    {n:6}  {reason}" for reason, n in reasons]
        return "\n".join(lines)

    def write_report(self, path: Path | str) -> None:
        """Every rejected, skipped or merged row and every warning, as CSV."""
        with Path(path).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["row", "source_id", "status", "reason"])
            for line in sorted(self.lines, key=lambda x: (x.row, x.status)):
                writer.writerow([line.row, line.source_id, line.status, line.reason])
