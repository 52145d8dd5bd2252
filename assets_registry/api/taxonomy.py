"""`GET /api/v1/taxonomy`: the registry's vocabularies (the facet values the spaces list accepts),
and `GET /api/v1/taxonomy/{vocabulary}`: one of them."""

from __future__ import annotations

from ninja import Field, Router, Schema, Status

from django.http import HttpRequest

from assets_registry.selectors import MULTI_FACETS
from assets_registry.taxonomy import Vocabulary

router = Router(tags=["taxonomy"])


class TermOut(Schema):
    value: str = Field(..., description="What the spaces list's filter parameter takes")
    label: str
    description: str
    osm_tag: str = Field(..., description="The OpenStreetMap tag it corresponds to, if any")


class VocabularyOut(Schema):
    name: str = Field(..., description="The field of a space that holds it")
    label: str
    parameter: str = Field(..., description="The query parameter of /api/v1/spaces that filters on it")
    multiple: bool = Field(..., description="Whether a space can have several values")
    terms: list[TermOut]


class ErrorOut(Schema):
    detail: str


def _vocabularies() -> list[dict]:
    found = []
    for field, (parameter, vocabulary) in MULTI_FACETS.items():
        found.append(_vocabulary(vocabulary, field=field, parameter=parameter))
    return found


def _vocabulary(vocabulary: Vocabulary, *, field: str, parameter: str) -> dict:
    # kinds and settings are single-valued on a space (plain columns), filterable by several values.
    multiple = field in ("categories", "third_space_types")
    name = {"kinds": "kind", "settings": "setting"}.get(field, field)
    return {
        "name": name,
        "label": vocabulary.label,
        "parameter": parameter,
        "multiple": multiple,
        "terms": [
            {"value": t.value, "label": t.label, "description": t.description, "osm_tag": t.osm_tag}
            for t in vocabulary.terms
        ],
    }


@router.get("/taxonomy", response=list[VocabularyOut], summary="All vocabularies")
def list_vocabularies(request: HttpRequest):
    return _vocabularies()


@router.get(
    "/taxonomy/{name}",
    response={200: VocabularyOut, 404: ErrorOut},
    summary="One vocabulary",
    description="By field name: categories, third_space_types, setting or kind.",
)
def get_vocabulary(request: HttpRequest, name: str):
    for vocabulary in _vocabularies():
        if name in (vocabulary["name"], vocabulary["parameter"]):
            return Status(200, vocabulary)
    return Status(404, {"detail": f"No vocabulary called “{name}”."})
