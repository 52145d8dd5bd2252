"""Recognise Open Referral data in the older Ohana API shape (2013-14), so ``import_hsds`` refuses
it in words a person can act on instead of rejecting every row as "service without an id".

Ohana API responses are lists of *locations*, each with its ``organization``, an ``address`` and
``mail_address`` (``street``, ``city``, ``state``, ``zip``), ``coordinates`` as [longitude,
latitude], ``accessibility`` as a list of words, ``kind``, ``short_desc``, ``urls``, ``emails``,
``phones`` and nested ``services`` (with ``keywords``); its sample data files are organizations
with nested ``locations`` (or ``locs``), one JSON object a line, using ``*_attributes`` keys. None
of these keys is HSDS 3.0, which nests locations under services and calls an address
``addresses`` (objects with ``address_1``, ``postal_code``...).
"""

from __future__ import annotations

import json
from pathlib import Path

from importing.readers import ImportFileError, read_text

# Keys of the Ohana API and its sample data that HSDS 3.0 objects never have.
OHANA_KEYS = frozenset(
    {
        "short_desc",
        "coordinates",
        "mail_address",
        "mail_address_attributes",
        "address_attributes",
        "phones_attributes",
        "services_attributes",
        "contacts_attributes",
        "faxes_attributes",
        "locs",
        "urls",
        "emails",
        "faxes",
        "ask_for",
        "kind",
        "admin_emails",
        "slugs",
        "accessibility_options",
        "keywords",
    }
)
# Two different Ohana keys before we say so: one could be a publisher's own extension.
MIN_KEYS = 2
SAMPLE = 20  # records looked at per file
DOCS = "docs/importers.md, “Converting Ohana API data”"


def _records(data) -> list[dict]:
    items = data if isinstance(data, list) else [data]
    found = []
    for item in items[:SAMPLE]:
        if not isinstance(item, dict):
            continue
        found.append(item)
        for key in ("locations", "locs"):  # an organization with its locations
            nested = item.get(key)
            if isinstance(nested, list):
                found += [loc for loc in nested[:SAMPLE] if isinstance(loc, dict)]
    return found


def _ohana_keys(record: dict) -> set[str]:
    keys = set(record) & OHANA_KEYS
    address = record.get("address")
    if isinstance(address, dict) and {"street", "street_1", "zip"} & set(address):
        keys.add("address")  # HSDS 3.0 has "addresses", with "address_1" and "postal_code"
    accessibility = record.get("accessibility")
    if isinstance(accessibility, list) and any(isinstance(a, str) for a in accessibility):
        keys.add("accessibility")  # HSDS 3.0: a list of objects, not of words
    return keys


def _parse(text: str):
    """The JSON document, or the first record of a JSON-lines file (Ohana's sample data), or None."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        first = next((line for line in text.splitlines() if line.strip()), "")
        try:
            return json.loads(first)
        except json.JSONDecodeError:
            return None


def ohana_keys(data) -> list[str]:
    """The Ohana-only keys found in a parsed JSON document (empty when it does not look like Ohana)."""
    keys: set[str] = set()
    for record in _records(data):
        keys |= _ohana_keys(record)
    return sorted(keys) if len(keys) >= MIN_KEYS else []


def refuse_ohana_data(data, name: str) -> None:
    """ImportFileError if the parsed JSON document (from file ``name``) is in the Ohana API shape."""
    keys = ohana_keys(data)
    if keys:
        shown = ", ".join(f"“{key}”" for key in keys[:6])
        raise ImportFileError(
            f"{name} is Open Referral data in the older Ohana API format (2013–14: it has {shown}), "
            f"not HSDS 3.0, so import_hsds cannot read it. Convert it to HSDS 3.0 first ({DOCS}), "
            "then import the result."
        )


def refuse_ohana(path: Path, encoding: str) -> None:
    """ImportFileError if the file, or a JSON file in the folder, is in the Ohana API shape
    (JSON lines too, as Ohana's sample data files are)."""
    path = Path(path)
    files = (
        sorted(p for p in path.glob("*.json") if p.name != "datapackage.json") if path.is_dir() else [path]
    )
    for file in files:
        data = _parse(read_text(file, encoding))
        if data is not None:
            refuse_ohana_data(data, file.name)
