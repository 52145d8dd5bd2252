"""Open-data exports of the registry: GeoJSON, CSV and Open Referral (HSDS 3.0).

Everything here starts from ``rows.public_rows()``, which yields plain dicts holding the public
fields of published spaces only (``public_fields.PUBLIC_FIELDS``: never the submitter's e-mail), a chunk
at a time, so exports stream with flat memory however large the registry is.
"""
