"""GeoJSON (RFC 7946) of public spaces, written piece by piece.

A FeatureCollection of Point features (longitude, latitude in WGS84, 6 decimal places, about
0.1 m, as RFC 7946 section 11.2 suggests); a space without a position is an "unlocated" feature
with ``"geometry": null`` (section 3.2) so the download is complete. Properties are the public
fields (``public_fields.PUBLIC_FIELDS``) plus the page URL and opening hours.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

MEDIA_TYPE = "application/geo+json"
_GEOMETRY_KEYS = ("latitude", "longitude")


def feature(row: dict) -> dict:
    properties = {k: v for k, v in row.items() if k not in _GEOMETRY_KEYS and k != "id"}
    geometry = None
    if row.get("latitude") is not None and row.get("longitude") is not None:
        geometry = {"type": "Point", "coordinates": [round(row["longitude"], 6), round(row["latitude"], 6)]}
    return {"type": "Feature", "id": row["id"], "geometry": geometry, "properties": properties}


def feature_collection_chunks(chunks: Iterable[list[dict]], *, members: dict | None = None) -> Iterator[str]:
    """The collection as text pieces, one per chunk of rows; ``members`` are extra top-level
    ("foreign") members such as a title. Memory holds one chunk at a time."""
    head = {"type": "FeatureCollection", **(members or {})}
    opening = json.dumps(head, ensure_ascii=False)[:-1] + ', "features": ['
    yield opening
    first = True
    for rows in chunks:
        if not rows:
            continue
        body = ",\n".join(json.dumps(feature(row), ensure_ascii=False) for row in rows)
        yield ("\n" if first else ",\n") + body
        first = False
    yield "\n]}\n"
