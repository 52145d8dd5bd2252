"""One source record on its way into the registry: what importers build and the write services take."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Candidate:
    row: int
    source_id: str
    fields: dict[str, Any]
    # (weekday, opens, closes); None = the source says nothing about hours (leave them alone).
    opening_hours: list[tuple[int, dt.time, dt.time]] | None = None
    warnings: list[str] = field(default_factory=list)
    prefer_key: Any = None
    # Fields the source set on purpose, even if empty (no defaults from the category).
    explicit: set[str] = field(default_factory=set)
    # Filled in by the run.
    existing_id: int | None = None
    action: str = ""
    # Stage 5: a space (id) or an earlier row of the file (its source id) this row may repeat.
    duplicate_of_id: int | None = None
    duplicate_of_row: str = ""
    duplicate_reasons: str = ""

    @property
    def name(self) -> str:
        return self.fields.get("name", "")

    @property
    def point(self) -> tuple[float, float] | None:
        lat, lon = self.fields.get("latitude"), self.fields.get("longitude")
        return None if lat is None or lon is None else (lat, lon)
