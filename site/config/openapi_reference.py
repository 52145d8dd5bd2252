"""An OpenAPI 3.1 description read into plain records for a server-rendered reference page.

Pure functions over the description's dict: no Django, no request. ``openapi_reference`` is the
one entry point; the page (``config.api_docs``) renders what it returns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
EXAMPLE_DEPTH = 4  # nested models drawn in an example response before "{…}" stands for the rest
PLACEHOLDERS = {"date-time": "2025-01-31T09:00:00Z", "date": "2025-01-31", "uri": "https://example.org/"}


@dataclass(frozen=True)
class Field:
    """A parameter of an operation or a property of a model."""

    name: str
    type: str
    model: str = ""  # the model the type names, to link to
    location: str = ""  # query, path, header; "" for a property
    required: bool = False
    description: str = ""
    rules: tuple[str, ...] = ()  # "at most 200 characters", "default: 5"
    allowed: tuple[str, ...] = ()  # enum values


@dataclass(frozen=True)
class Response:
    status: str
    description: str
    model: str = ""
    example: str = ""  # JSON text


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    anchor: str
    parameters: tuple[Field, ...]
    responses: tuple[Response, ...]
    example_path: str  # a request to try: the path with example values
    example_is_real: bool  # every placeholder filled: safe to link to


@dataclass(frozen=True)
class Section:
    title: str
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class Model:
    name: str
    anchor: str
    description: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Reference:
    title: str
    version: str
    description: str
    sections: tuple[Section, ...]
    models: tuple[Model, ...] = field(default=())


def openapi_reference(description: dict) -> Reference:
    components = description.get("components", {}).get("schemas", {})
    by_tag: dict[str, list[Operation]] = {}
    for path, item in description.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                operation = _operation(path, method, item[method], components)
                tag = (item[method].get("tags") or ["other"])[0]
                by_tag.setdefault(tag, []).append(operation)
    info = description.get("info", {})
    return Reference(
        title=info.get("title", "API"),
        version=str(info.get("version", "")),
        description=info.get("description", ""),
        sections=tuple(
            Section(title=tag.replace("_", " ").capitalize(), operations=tuple(ops))
            for tag, ops in by_tag.items()
        ),
        models=tuple(_model(name, schema) for name, schema in components.items()),
    )


def model_anchor(name: str) -> str:
    return f"model-{name}"


def _operation(path: str, method: str, spec: dict, components: dict) -> Operation:
    parameters = tuple(_parameter(p) for p in spec.get("parameters", []))
    example_path, example_is_real = _example_request(path, spec.get("parameters", []))
    return Operation(
        method=method.upper(),
        path=path,
        summary=spec.get("summary") or f"{method.upper()} {path}",
        description=spec.get("description", ""),
        anchor=spec.get("operationId") or f"{method}-{path}",
        parameters=parameters,
        responses=tuple(
            _response(status, answer, components) for status, answer in spec.get("responses", {}).items()
        ),
        example_path=example_path,
        example_is_real=example_is_real,
    )


def _parameter(spec: dict) -> Field:
    schema = spec.get("schema", {})
    label, model = type_label(schema)
    return Field(
        name=spec["name"],
        type=label,
        model=model,
        location=spec.get("in", ""),
        required=bool(spec.get("required")),
        description=spec.get("description") or schema.get("description", ""),
        rules=rules(schema),
        allowed=allowed_values(schema),
    )


def _response(status: str, spec: dict, components: dict) -> Response:
    schema = spec.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return Response(status=status, description=spec.get("description", ""))
    _, model = type_label(schema)
    example = json.dumps(example_value(schema, components), indent=2, ensure_ascii=False)
    return Response(status=status, description=spec.get("description", ""), model=model, example=example)


def _model(name: str, schema: dict) -> Model:
    required = set(schema.get("required", []))
    fields = []
    for prop, prop_schema in schema.get("properties", {}).items():
        label, model = type_label(prop_schema)
        fields.append(
            Field(
                name=prop,
                type=label,
                model=model,
                required=prop in required,
                description=prop_schema.get("description", ""),
                rules=rules(prop_schema),
                allowed=allowed_values(prop_schema),
            )
        )
    return Model(
        name=name, anchor=model_anchor(name), description=schema.get("description", ""), fields=tuple(fields)
    )


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _options(schema: dict) -> list[dict]:
    return schema.get("anyOf") or schema.get("oneOf") or [schema]


def type_label(schema: dict) -> tuple[str, str]:
    """A reader's name for a schema's type ("string or null", "array of SpaceOut") and the model
    it names, if any."""
    if "$ref" in schema:
        name = _ref_name(schema["$ref"])
        return name, name
    if "anyOf" in schema or "oneOf" in schema:
        labels, model = [], ""
        for option in _options(schema):
            label, option_model = type_label(option)
            if label not in labels:
                labels.append(label)
            model = model or option_model
        return " or ".join(labels), model
    if "const" in schema:
        return ("empty string" if schema["const"] == "" else json.dumps(schema["const"])), ""
    kind = schema.get("type")
    if isinstance(kind, list):
        return " or ".join(kind), ""
    if kind == "array":
        label, model = type_label(schema.get("items", {}))
        return f"array of {label}", model
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        label, model = type_label(schema["additionalProperties"])
        return f"object of {label}", model
    if kind and schema.get("format"):
        return f"{kind} ({schema['format']})", ""
    return kind or "any", ""


def rules(schema: dict) -> tuple[str, ...]:
    """Constraints a caller must meet, in words."""
    found = []
    for option in [schema, *(o for o in _options(schema) if o is not schema)]:
        if "minLength" in option:
            found.append(f"at least {option['minLength']} characters")
        if "maxLength" in option:
            found.append(f"at most {option['maxLength']} characters")
        if "minimum" in option:
            found.append(f"minimum {_number(option['minimum'])}")
        if "maximum" in option:
            found.append(f"maximum {_number(option['maximum'])}")
        if "pattern" in option:
            found.append(f"pattern {option['pattern']}")
    if schema.get("default") not in (None, "", []):
        found.append(f"default {json.dumps(schema['default'])}")
    return tuple(dict.fromkeys(found))


def allowed_values(schema: dict) -> tuple[str, ...]:
    values: list[str] = []
    for option in _options(schema):
        inner = option.get("items", option) if option.get("type") == "array" else option
        values.extend(str(v) for v in inner.get("enum", []) if v != "")
    return tuple(dict.fromkeys(values))


def _number(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def example_value(schema: dict, components: dict, depth: int = 0):
    """A value of the schema's shape, as Swagger UI's "Example value": the schema's own example or
    default where it gives one, else the first allowed value, else a placeholder of its type."""
    if schema.get("examples"):
        return schema["examples"][0]
    for key in ("example", "default", "const"):
        if key in schema:
            return schema[key]
    if "$ref" in schema:
        if depth >= EXAMPLE_DEPTH:
            return {}
        return example_value(components.get(_ref_name(schema["$ref"]), {}), components, depth + 1)
    if "anyOf" in schema or "oneOf" in schema:
        options = [o for o in _options(schema) if o.get("type") != "null"] or _options(schema)
        return example_value(options[0], components, depth)
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        if not properties and isinstance(schema.get("additionalProperties"), dict):
            return {"key": example_value(schema["additionalProperties"], components, depth)}
        return {name: example_value(prop, components, depth) for name, prop in properties.items()}
    if kind == "array":
        return [example_value(schema.get("items", {}), components, depth)]
    if kind == "string":
        return PLACEHOLDERS.get(schema.get("format", ""), "string")
    if kind in ("integer", "number"):
        return schema.get("minimum", 0) if kind == "number" else int(schema.get("minimum", 0))
    if kind == "boolean":
        return True
    return None


def _example_request(path: str, parameters: list[dict]) -> tuple[str, bool]:
    """The operation's path with example values: every path parameter, and the query parameters
    that are required or that the description gives an example for. Real when nothing is left
    as a {placeholder}."""
    real = True
    query = []
    for spec in parameters:
        schema = spec.get("schema", {})
        given = spec.get("example", schema.get("examples", [None])[0] if schema.get("examples") else None)
        if spec.get("in") == "path":
            if given is None:
                real = False
            else:
                path = path.replace("{" + spec["name"] + "}", str(given))
        elif spec.get("in") == "query" and (given is not None or spec.get("required")):
            if given is None:
                real = False
                given = "{" + spec["name"] + "}"
            query.append((spec["name"], given))
    if query:
        path = f"{path}?{urlencode(query, safe='{}')}"
    return path, real
