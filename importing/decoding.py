"""A source file's bytes as text: which encoding they are in (byte-order mark, UTF-8, UTF-16,
else Windows-1252 or what charset-normalizer finds), and a plain refusal for files that are not
text at all (a workbook renamed .csv, a zip, a PDF)."""

from __future__ import annotations

import codecs
import io
import zipfile
from dataclasses import dataclass

from charset_normalizer import from_bytes

SAMPLE_BYTES = 64 * 1024  # enough to recognise a file; detection of the rest follows from it
SAVE_AS_CSV = "Open it in Excel (or LibreOffice) and save it as “CSV UTF-8”, then import that file."

BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with a byte-order mark"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 (little-endian)"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 (big-endian)"),
)
NAMES = {  # Python codec names as people know them
    "cp1252": "Windows-1252",
    "windows-1252": "Windows-1252",
    "latin-1": "ISO-8859-1 (Latin-1)",
    "latin_1": "ISO-8859-1 (Latin-1)",
    "iso-8859-1": "ISO-8859-1 (Latin-1)",
    "iso8859-1": "ISO-8859-1 (Latin-1)",
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf_16_le": "UTF-16 (little-endian, no byte-order mark)",
    "utf_16_be": "UTF-16 (big-endian, no byte-order mark)",
}
# Scripts that Windows-1252 can hold: when charset-normalizer only sees these, the file is
# taken as Windows-1252 (what Excel on a UK or US Windows machine writes); on short samples
# charset-normalizer cannot tell it from Central European or Mac encodings and often says cp1250.
WESTERN_ALPHABETS = {
    "Basic Latin",
    "Control character",
    "Latin-1 Supplement",
    "Latin Extended-A",
    "Latin Extended-B",
    "General Punctuation",
    "Currency Symbols",
    "Letterlike Symbols",
    "Spacing Modifier Letters",
}


class NotText(ValueError):
    """The bytes are not a text file; the message says what they look like and what to do."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the Python codec used
    label: str  # what to tell people ("Windows-1252")
    detected: bool  # False when the caller named the encoding

    @property
    def note(self) -> str:
        """A line for the import report, or "" for plain UTF-8 (the expected case)."""
        if codecs.lookup(self.encoding).name in ("utf-8", "utf-8-sig"):
            return ""
        if not self.detected:
            return f"read as {self.label}, as asked"
        if self.encoding == "cp1252":
            return (
                "read as Windows-1252 (not UTF-8: the encoding Excel on Windows uses for “CSV”). "
                "If accented letters or £ signs look wrong, give the file's encoding with --encoding, "
                "or save it as “CSV UTF-8”"
            )
        return f"read as {self.label} (detected: not UTF-8); if the text looks wrong, give --encoding"


def not_text_reason(data: bytes) -> str:
    """What a non-text file looks like and what to do with it, or "" when it may be text."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        return _zip_reason(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return (
            f"this looks like an old-style Excel workbook (.xls) or other Office file, not CSV. {SAVE_AS_CSV}"
        )
    if head.startswith(b"%PDF"):
        return (
            "this is a PDF: a table in a PDF cannot be imported. Ask the publisher for the data "
            "as CSV, or export the table as CSV from the program that made it."
        )
    if head.startswith(b"\x1f\x8b"):
        return "this is a gzip-compressed file: decompress it (gunzip) and import the file inside."
    if head.startswith(b"SQLite format 3"):
        return "this is an SQLite database, not CSV: export the table as CSV and import that."
    sample = data[:SAMPLE_BYTES]
    # Binary files are full of zero bytes; a text file damaged by a stray NUL or two is still text,
    # and the importer rejects just the rows that hold one.
    if (
        sample.count(0) > max(2, len(sample) // 100)
        and not any(sample.startswith(bom) for bom, _c, _l in BOMS)
        and not _utf16_order(sample)
    ):
        return "this is not a text file (it holds binary data). Export the data as CSV and import that."
    return ""


def _zip_reason(data: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError):
        names = []
    if any(n.startswith("xl/") for n in names):
        return f"this looks like an Excel workbook (.xlsx) renamed, not CSV. {SAVE_AS_CSV}"
    if "content.xml" in names:
        return f"this looks like an OpenDocument spreadsheet (.ods), not CSV. {SAVE_AS_CSV}"
    if any(n.startswith("word/") for n in names):
        return "this is a Word document, not CSV: export the table as CSV and import that."
    return "this is a zip archive: unzip it and import the file inside."


def _utf16_order(sample: bytes) -> str:
    """UTF-16 without a byte-order mark, told by where the zero bytes of ASCII letters fall."""
    even, odd = sample[0:2000:2], sample[1:2000:2]
    if len(odd) < 4:
        return ""
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf_16_le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf_16_be"
    return ""


def decode(data: bytes, encoding: str = "") -> Decoded:
    """``encoding`` given: that one (UnicodeDecodeError/LookupError as Python raises them).
    Otherwise detected; NotText for a file that is not text, UnicodeDecodeError if nothing fits."""
    reason = not_text_reason(data)
    if reason:
        raise NotText(reason)
    if encoding:
        text = data.decode(encoding)
        name = codecs.lookup(encoding).name
        return Decoded(text.removeprefix("\ufeff"), encoding, NAMES.get(name, encoding), detected=False)
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(codec).removeprefix("\ufeff"), codec, label, detected=True)
    order = _utf16_order(data[:SAMPLE_BYTES])
    if order:
        return Decoded(data.decode(order), order, NAMES[order], detected=True)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "UTF-8", detected=True)
    except UnicodeDecodeError as error:
        not_utf8 = error
    guess = _legacy_encoding(data)
    if guess is None:
        raise not_utf8
    return Decoded(data.decode(guess), guess, NAMES.get(guess, guess), detected=True)


def _legacy_encoding(data: bytes) -> str | None:
    """The encoding of a file that is neither UTF-8 nor marked: Windows-1252 for Western text,
    else charset-normalizer's best guess (Cyrillic, Greek...), or None."""
    best = from_bytes(data[: SAMPLE_BYTES * 4]).best()
    western = best is None or set(best.alphabets) <= WESTERN_ALPHABETS
    if western:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            return "cp1252"
    if best is None:
        return None
    try:
        data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return best.encoding
