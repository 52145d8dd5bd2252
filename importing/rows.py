"""The outcome of a row that is not imported, and of a run that writes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importing.report import ImportReport


class RowRejected(Exception):
    """A row that cannot be imported; ``reason`` is what the report says."""

    status = "rejected"

    def __init__(self, reason: str, source_id: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.source_id = source_id


class RowSkipped(RowRejected):
    """Deliberately not imported (the mapping or the options say so): not an error."""

    status = "skipped"


class ImportAborted(Exception):
    """``strict`` mode found rejected rows: nothing was written. ``report`` says which."""

    def __init__(self, report: ImportReport):
        super().__init__(f"{report.rejected} row(s) rejected; nothing written (strict mode).")
        self.report = report
