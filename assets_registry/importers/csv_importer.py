"""Any CSV, through a column mapping (``mapping.ColumnMapping``): a file, or flags.

The id comes from the mapping's ``id``: a column with the source's own ids, or a ``key`` of
columns (name and coordinates, say) normalised into a stable id for sources that have none.
"""

from __future__ import annotations

from pathlib import Path

from assets_registry.importers.base import IMPORT_FIELDS, BaseImporter, stable_id
from assets_registry.importers.candidate import Candidate
from assets_registry.importers.mapping import MULTI_VALUED, ColumnMapping, MappingError
from importing.readers import DEFAULT_ENCODING, CsvFile
from importing.rows import RowRejected, RowSkipped


def mapping_from_flags(
    *,
    id_column: str = "",
    name_column: str = "",
    lat_column: str = "",
    lon_column: str = "",
    postcode_column: str = "",
    address_column: str = "",
    locality_column: str = "",
    website_column: str = "",
    description_column: str = "",
    category: str = "",
    category_column: str = "",
) -> dict:
    """A mapping dict from the command's flags, for simple files that need no mapping file."""
    fields: dict = {"name": name_column or "name"}
    columns = {
        "latitude": lat_column,
        "longitude": lon_column,
        "postcode": postcode_column,
        "address": address_column,
        "locality": locality_column,
        "website": website_column,
        "description": description_column,
    }
    fields.update({k: v for k, v in columns.items() if v})
    if category_column:
        fields["categories"] = {"column": category_column}
    elif category:
        fields["categories"] = {"value": [c.strip() for c in category.split(",") if c.strip()]}
    if id_column:
        id_spec: object = id_column
    else:
        key = [fields["name"]]
        key += [lat_column, lon_column] if lat_column and lon_column else [postcode_column or address_column]
        id_spec = {"key": [k for k in key if k]}
    return {"id": id_spec, "fields": fields}


class CsvImporter(BaseImporter):
    format_name = "csv"

    def __init__(self, path: Path, mapping: ColumnMapping, *, encoding: str = "", **options):
        options.setdefault("source", mapping.source)
        if mapping.country:
            options.setdefault("default_country", mapping.country)
        if mapping.precision:
            options.setdefault("precision", mapping.precision)
        super().__init__(**options)
        self.path = Path(path)
        self.mapping = mapping
        self.crs = mapping.crs  # of the mapping's easting/northing, if it has them
        self.encoding = encoding or mapping.encoding or DEFAULT_ENCODING
        self.file: CsvFile | None = None
        # A mapped field that comes out empty stays empty (no default from the category).
        self.explicit_fields = set(mapping.fields)
        if mapping.id_expression is None:
            raise MappingError("The mapping needs an id: a column, or {key: [columns...]}.")
        if "name" not in mapping.fields:
            raise MappingError("The mapping needs a name field.")

    @classmethod
    def allowed_fields(cls) -> tuple[str, ...]:
        return IMPORT_FIELDS

    def prepare(self) -> None:
        self.file = CsvFile(self.path, encoding=self.encoding, delimiter=self.mapping.delimiter or None)
        self.file.require(self.mapping.columns)

    def total(self) -> int:
        return len(self.file) if self.file else 0

    def records(self):
        return self.file.rows()

    def file_notes(self) -> list[str]:
        return self.file.notes() if self.file else []

    def source_id(self, row: dict[str, str]) -> str:
        value = self.mapping.id_expression(row)
        if self.mapping.id_is_key:
            return stable_id(*value) if any(str(v).strip() for v in value) else ""
        return str(value or "").strip()

    def raw_fields(self, row: dict[str, str]) -> dict:
        fields = {}
        for name, function in self.mapping.fields.items():
            value = function(row)
            if name in MULTI_VALUED:
                if isinstance(value, str):
                    value = [v.strip() for v in value.replace(",", ";").split(";") if v.strip()]
            elif isinstance(value, list):
                value = value[0] if value else ""
            fields[name] = value
        return fields

    def candidate(self, number: int, row: dict[str, str]) -> Candidate:
        source_id = self.source_id(row)
        warnings = self._shape_warnings(row, source_id)  # first: shifted cells would mislead the rest
        reason = self.mapping.skip_reason(row)
        if reason:
            raise RowSkipped(reason, source_id)
        try:
            fields = self.raw_fields(row)
        except (TypeError, ValueError) as error:
            raise RowRejected(f"cannot read the row: {error}", source_id) from error
        prefer_key = None
        if self.mapping.prefer:
            function, descending = self.mapping.prefer
            value = function(row)
            try:
                value = float(value)
            except (TypeError, ValueError):
                value = str(value)
            prefer_key = value if descending else _Reversed(value)
        return Candidate(
            row=number, source_id=source_id, fields=fields, prefer_key=prefer_key, warnings=warnings
        )

    def _shape_warnings(self, row, source_id: str) -> list[str]:
        """A row with data beyond the header, or (in a file whose rows are otherwise whole) without
        a cell the mapping reads, is rejected with that reason: its cells have shifted, and the
        rest of the checks would fail for the wrong reason or pass on the wrong values."""
        if getattr(row, "extra", ""):
            raise RowRejected(row.extra, source_id)
        missing = getattr(row, "missing", ())
        if not missing or row.short_is_usual:  # a writer that leaves out trailing empty cells
            return []
        used = [c for c in missing if c in self.mapping.columns]
        if used:
            raise RowRejected(
                f"{row.shape}: no cell for {', '.join(used)} — a line broken in two, or cells left out? "
                "Fix the row and import again",
                source_id,
            )
        return [f"{row.shape} (no cell for {', '.join(missing)}, which the mapping does not use)"]


class _Reversed:
    """Orders the other way round (``prefer`` with order: ascending)."""

    def __init__(self, value):
        self.value = value

    def __lt__(self, other):
        return other.value < self.value

    def __gt__(self, other):
        return other.value > self.value

    def __eq__(self, other):
        return isinstance(other, _Reversed) and other.value == self.value

    def __hash__(self):
        return hash(self.value)
