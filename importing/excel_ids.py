"""Ids a spreadsheet has mangled: long numeric ids that Excel shows, and saves, in scientific
notation ("1.00023E+11"), or rounds to 15 significant digits, so different venues end up with
one id and an import would merge them. Either refuses the whole file (``ImportFileError``)."""

from __future__ import annotations

import re

from importing.readers import ImportFileError

SCIENTIFIC = re.compile(r"[+-]?\d(?:[.,]\d+)?E\+?\d{1,3}", re.IGNORECASE)
# 11+ digits ending in zeros: what a rounded long number looks like once written out in full.
ROUNDED = re.compile(r"\d{7,}0000")
FIX = (
    "Re-export the file with the id column formatted as text (in Excel: Data → From Text/CSV, set the "
    "id column to Text, then save as “CSV UTF-8”), or import the original file without opening it in Excel."
)


class ExcelIdCheck:
    """Fed every row's id (and name) in turn; raises on the first sign of mangling."""

    def __init__(self):
        self._rounded: dict[str, tuple[int, str]] = {}  # id -> (first row, its name)

    def check(self, row: int, source_id: str, name: str) -> None:
        if SCIENTIFIC.fullmatch(source_id):
            raise ImportFileError(
                f"Row {row}: the id column holds numbers Excel turned into scientific notation "
                f"(“{source_id}”): many different venues would share one id. {FIX}"
            )
        if not ROUNDED.fullmatch(source_id):
            return
        name = " ".join(str(name or "").split())
        first = self._rounded.setdefault(source_id, (row, name))
        if first[1].casefold() != name.casefold():
            raise ImportFileError(
                f"Rows {first[0]} and {row} share the id “{source_id}” but name different places "
                f"(“{first[1]}”, “{name}”): the id column holds long numbers Excel rounded (their last "
                f"digits became zeros), so different venues would share one id. {FIX}"
            )
