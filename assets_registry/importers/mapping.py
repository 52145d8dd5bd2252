"""Column mappings: how a partner's columns become a space's fields (a YAML or JSON file, or flags).

A mapping file (examples in data/mappings/, reference in docs/importers.md)::

    source: gla-cultural-infrastructure   # names the source; keys its records (same every time)
    country: GB                           # default country code
    id: {key: [[name, address1], latitude, longitude]}   # or a column holding the source's own id
    prefer: {column: year, order: descending}          # rows sharing an id: keep the newest
    skip:                                 # rows deliberately not imported (reported as "skipped")
      - {column: category, in: [Pubs]}    # (+ split: ";" -- skip when every value of the list is in)
      - {column: year_closed, empty: false}  # or equals: X; empty: true skips rows without a value
    fields:                               # space field: a value expression
      name: [name, address1]              # the first that is not empty
      address: {join: [address1, address2], separator: ", "}
      postcode: {columns: [address3, address2], pattern: postcode}
      categories: {column: category, map: {Libraries: library, Theatres: theatre}}
      latitude: latitude
      easting: easting                    # a grid reference: used before latitude/longitude
      northing: northing
    crs: EPSG:27700                       # of easting/northing (the default: British National Grid)

``easting``/``northing`` are not fields of a space: the importer turns them into latitude and
longitude (``positions.grid_to_latlon``) and, when a row has lat/lon too, measures how far the two
disagree (a note in the report).

A file may start from another: ``extends: other.yaml`` (a path relative to it) takes that file's
keys, then its own replace them (``fields`` and ``tags`` one by one; ``null`` removes one), as the
demo's Ealing extract does with the partner mapping of the whole London file. ``precision``
(exact, address...) says how precise the source's coordinates are (default address).

A value expression is a column name; a list (the first non-empty); or a mapping with one of
``value`` (a constant), ``column``, ``columns`` (first non-empty), ``join`` (+ ``separator``),
``template`` ("{religion} place of worship"), then optional ``pattern`` (``postcode``, ``zip`` or
a regular expression: the first match), ``transform`` (lower, upper, title, capitalize),
``round`` (decimal places, for ids made of coordinates), and ``map`` (+ ``default``; values may
be lists for multi-valued fields; unmapped values pass through unchanged).
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assets_registry.importers.positions import DEFAULT_CRS, GRID_FIELDS, PositionError, check_crs
from assets_registry.importers.vocab import UK_POSTCODE, US_ZIP
from importing.readers import ImportFileError

MULTI_VALUED = ("categories", "third_space_types")
TOP_LEVEL_KEYS = {
    "source",
    "title",
    "description",
    "licence",
    "attribution",
    "format",
    "country",
    "id",
    "prefer",
    "skip",
    "fields",
    "tags",
    "encoding",
    "delimiter",
    "split",
    "precision",
    "crs",
}
MERGED_KEYS = ("fields", "tags")  # merged one by one by ``extends``, not replaced whole
MAX_EXTENDS = 5
EXPRESSION_KEYS = {
    "value",
    "column",
    "columns",
    "join",
    "separator",
    "template",
    "pattern",
    "transform",
    "round",
    "map",
    "default",
    "split",
}
TRANSFORMS = {"lower": str.lower, "upper": str.upper, "title": str.title, "capitalize": str.capitalize}
PATTERNS = {"postcode": UK_POSTCODE, "zip": US_ZIP}

Expression = Callable[[dict[str, str]], Any]


class MappingError(ImportFileError):
    pass


def _template_columns(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def compile_expression(spec: Any, *, where: str) -> tuple[Expression, set[str]]:
    """(function of a row, the columns it reads)."""
    if isinstance(spec, str):
        return (lambda row, c=spec: row.get(c, "")), {spec}
    if isinstance(spec, list):
        parts = [compile_expression(s, where=where) for s in spec]
        columns = set().union(*(c for _f, c in parts)) if parts else set()

        def first(row, parts=parts):
            for function, _columns in parts:
                value = function(row)
                if value not in (None, "", []):
                    return value
            return ""

        return first, columns
    if not isinstance(spec, dict):
        raise MappingError(f"{where}: expected a column name, a list or a mapping, got {spec!r}.")
    unknown = set(spec) - EXPRESSION_KEYS
    if unknown:
        raise MappingError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}.")

    columns: set[str] = set()
    if "value" in spec:
        constant = spec["value"]
        base: Expression = lambda row: constant  # noqa: E731
    elif "template" in spec:
        template = str(spec["template"])
        columns = _template_columns(template)

        def base(row, template=template, columns=tuple(columns)):
            values = {c: row.get(c, "") for c in columns}
            return " ".join(template.format(**values).split()) if any(values.values()) else ""

    elif "join" in spec:
        parts = [compile_expression(s, where=where) for s in spec["join"]]
        columns = set().union(*(c for _f, c in parts)) if parts else set()
        separator = str(spec.get("separator", ", "))

        def base(row, parts=parts, separator=separator):
            values = [str(function(row)).strip() for function, _c in parts]
            return separator.join(v for v in dict.fromkeys(values) if v)

    elif "columns" in spec:
        base, columns = compile_expression(list(spec["columns"]), where=where)
    elif "column" in spec:
        base, columns = compile_expression(str(spec["column"]), where=where)
    else:
        raise MappingError(f"{where}: give one of value, column, columns, join or template.")

    function = base
    if "pattern" in spec:
        name = str(spec["pattern"])
        try:
            regex = PATTERNS.get(name) or re.compile(name)
        except re.error as error:
            raise MappingError(f"{where}: bad pattern {name!r}: {error}.") from error
        postcode = name == "postcode"

        if "columns" in spec and isinstance(spec["columns"], list):
            # Look for the pattern in each column in turn, not just the first non-empty one.
            parts = [compile_expression(c, where=where) for c in spec["columns"]]

            def function(row, parts=parts, regex=regex, postcode=postcode):
                for part, _c in parts:
                    found = _search(regex, str(part(row)), postcode)
                    if found:
                        return found
                return ""
        else:

            def function(row, inner=function, regex=regex, postcode=postcode):
                return _search(regex, str(inner(row) or ""), postcode)

    if "transform" in spec:
        transform = TRANSFORMS.get(str(spec["transform"]))
        if transform is None:
            raise MappingError(f"{where}: transform must be one of {', '.join(TRANSFORMS)}.")

        def function(row, inner=function, transform=transform):
            value = inner(row)
            return transform(value) if isinstance(value, str) else value

    if "round" in spec:
        places = int(spec["round"])

        def function(row, inner=function, places=places):
            value = inner(row)
            try:
                return f"{float(value):.{places}f}"
            except (TypeError, ValueError):
                return value

    if "map" in spec:
        table = {str(k).strip().lower(): v for k, v in (spec["map"] or {}).items()}
        has_default = "default" in spec
        default = spec.get("default")
        split_on = spec.get("split")

        def lookup(value, table=table, has_default=has_default, default=default):
            key = str(value).strip().lower()
            if key in table:
                return table[key]
            return default if has_default else value

        def function(row, inner=function, lookup=lookup, split_on=split_on):
            value = inner(row)
            if not split_on:
                found = lookup(value)
                return "" if found is None else found
            mapped: list = []
            for part in str(value).split(split_on):
                if not part.strip():
                    continue
                found = lookup(part)
                mapped += found if isinstance(found, list) else ([found] if found not in (None, "") else [])
            return mapped

    return function, columns


def _search(regex: re.Pattern, text: str, postcode: bool) -> str:
    match = regex.search(text)
    if not match:
        return ""
    if postcode:
        return f"{match.group(1)} {match.group(2)}".upper()
    return match.group(1) if match.groups() else match.group(0)


@dataclass
class ColumnMapping:
    source: str = ""
    country: str = ""
    precision: str = ""
    crs: str = DEFAULT_CRS  # of the easting/northing fields
    fields: dict[str, Expression] = field(default_factory=dict)
    id_expression: Expression | None = None
    id_is_key: bool = False
    prefer: tuple[Expression, bool] | None = None  # (expression, descending)
    skips: list[tuple[str, Expression, Callable[[Any], bool]]] = field(default_factory=list)
    tags: dict[str, Expression] = field(default_factory=dict)
    columns: set[str] = field(default_factory=set)
    encoding: str = ""
    delimiter: str = ""
    raw: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, *, allowed_fields) -> ColumnMapping:
        path = Path(path)
        return cls.from_dict(_read_mapping_file(path), allowed_fields=allowed_fields, where=path.name)

    @classmethod
    def from_dict(cls, data: dict, *, allowed_fields, where: str = "mapping") -> ColumnMapping:
        unknown = set(data) - TOP_LEVEL_KEYS
        if unknown:
            raise MappingError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}.")
        mapping = cls(
            source=str(data.get("source") or ""),
            country=str(data.get("country") or ""),
            precision=str(data.get("precision") or ""),
            encoding=str(data.get("encoding") or ""),
            delimiter=str(data.get("delimiter") or ""),
            raw=data,
        )
        fields = data.get("fields") or {}
        if not isinstance(fields, dict):
            raise MappingError(f"{where}: 'fields' must map space fields to columns.")
        bad = set(fields) - set(allowed_fields) - set(GRID_FIELDS)
        if bad:
            raise MappingError(
                f"{where}: cannot import into {', '.join(sorted(bad))} "
                f"(importable fields: {', '.join((*allowed_fields, *GRID_FIELDS))})."
            )
        grid = [name for name in GRID_FIELDS if name in fields]
        if len(grid) == 1:
            raise MappingError(f"{where}: map both easting and northing (a grid reference needs both).")
        if data.get("crs"):
            try:
                mapping.crs = check_crs(str(data["crs"]))
            except PositionError as error:
                raise MappingError(f"{where}, crs: {error}.") from error
        for name, spec in fields.items():
            function, columns = compile_expression(spec, where=f"{where}, field {name}")
            mapping.fields[name] = function
            mapping.columns |= columns
        for name, spec in (data.get("tags") or {}).items():
            function, columns = compile_expression(spec, where=f"{where}, tag {name}")
            mapping.tags[str(name)] = function
            mapping.columns |= columns

        id_spec = data.get("id")
        if isinstance(id_spec, dict) and set(id_spec) == {"key"}:
            parts = [compile_expression(s, where=f"{where}, id") for s in id_spec["key"]]
            mapping.columns |= set().union(*(c for _f, c in parts))
            mapping.id_expression = lambda row, parts=parts: [function(row) for function, _c in parts]
            mapping.id_is_key = True
        elif id_spec is not None:
            mapping.id_expression, columns = compile_expression(id_spec, where=f"{where}, id")
            mapping.columns |= columns

        prefer = data.get("prefer")
        if prefer:
            function, columns = compile_expression(
                {k: v for k, v in prefer.items() if k != "order"}, where=f"{where}, prefer"
            )
            mapping.columns |= columns
            order = str(prefer.get("order", "descending"))
            if order not in ("ascending", "descending"):
                raise MappingError(f"{where}, prefer: order is ascending or descending.")
            mapping.prefer = (function, order == "descending")

        for i, rule in enumerate(data.get("skip") or []):
            rule = dict(rule)
            split_on = rule.pop("split", None)
            if "in" in rule:
                values = {str(v).strip().lower() for v in rule.pop("in")}
                test = lambda value, values=values: str(value).strip().lower() in values  # noqa: E731
            elif "equals" in rule:
                target = str(rule.pop("equals")).strip().lower()
                test = lambda value, target=target: str(value).strip().lower() == target  # noqa: E731
            elif "empty" in rule:  # empty: true skips rows without a value; false, rows with one
                wanted = bool(rule.pop("empty"))
                test = lambda value, wanted=wanted: (not str(value or "").strip()) == wanted  # noqa: E731
            else:
                raise MappingError(f"{where}, skip rule {i + 1}: give in, equals or empty.")
            if split_on:
                # A list of values ("Pubs;Music (Recording)"): skipped only when every one is.
                def test(value, single=test, split_on=str(split_on)):
                    values = [v for v in str(value or "").split(split_on) if v.strip()]
                    return all(single(v) for v in values) if values else single("")

            function, columns = compile_expression(rule, where=f"{where}, skip rule {i + 1}")
            label = str(rule.get("column") or rule.get("columns") or "value")
            mapping.skips.append((label, function, test))
            mapping.columns |= columns
        return mapping

    def skip_reason(self, row: dict[str, str]) -> str:
        for label, function, test in self.skips:
            value = function(row)
            if test(value):
                return f"{label} “{value}” is not imported (the mapping skips it)"
        return ""


def _read_mapping_file(path: Path, depth: int = 0) -> dict:
    """A mapping file's keys, with those of the file it ``extends`` underneath."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise MappingError(f"Cannot read the mapping {path}: {error}") from error
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise MappingError(f"{path.name} is not valid JSON: {error}") from error
    else:
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise MappingError(f"{path.name} is not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise MappingError(f"{path.name}: a mapping file holds a mapping of keys (source, id, fields...).")
    parent = data.pop("extends", None)
    if not parent:
        return data
    if depth >= MAX_EXTENDS:
        raise MappingError(f"{path.name}: too many levels of extends (a loop?).")
    base = _read_mapping_file(path.parent / str(parent), depth + 1)
    merged = {**base, **{k: v for k, v in data.items() if k not in MERGED_KEYS}}
    for key in MERGED_KEYS:
        if key in base or key in data:
            both = {**(base.get(key) or {}), **(data.get(key) or {})}
            merged[key] = {name: spec for name, spec in both.items() if spec is not None}
    return {k: v for k, v in merged.items() if v is not None}
