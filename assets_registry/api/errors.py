"""The answer every operation documents for a request that does not match its parameters'
description (django-ninja's validation: 422, one entry per problem)."""

from ninja import NinjaAPI, Schema


class ValidationErrorOut(Schema):
    detail: list[dict]


# No text parameter may hold a NUL character: the site answers 400 before any operation runs
# (home.middleware), so every description says so, in the pattern and as a documented 400.
NO_NUL = "^[^\\x00]*$"
NUL_400 = {
    "description": "A parameter holds a NUL character",
    "content": {
        "application/json": {
            "schema": {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
        }
    },
}
INVALID_422 = {
    "description": "A parameter does not match its description (one entry per problem)",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"detail": {"type": "array", "items": {"type": "object"}}},
                "required": ["detail"],
            }
        }
    },
}


def _text_schemas(schema: dict):
    if schema.get("type") == "string":
        yield schema
    for option in schema.get("anyOf", []):
        yield from _text_schemas(option)


class DescribedNinjaAPI(NinjaAPI):
    """django-ninja's API whose OpenAPI description states what the site does to every request:
    text parameters cannot hold NUL (400), and a parameter that breaks its description is 422."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for parameter in operation.get("parameters", []):
                    for text in _text_schemas(parameter.get("schema", {})):
                        if "pattern" in text:
                            text["pattern"] = f"(?=^[^\\x00]*$){text['pattern']}"
                        else:
                            text["pattern"] = NO_NUL
                responses = operation.setdefault("responses", {})
                responses.setdefault("400", NUL_400)
                responses.setdefault("422", INVALID_422)
        return schema
