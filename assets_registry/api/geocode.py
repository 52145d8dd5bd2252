"""`GET /api/v1/geocode?q=...`: the best match for a postcode, postcode district, ZIP code or place,
for the location box and the "place a pin" step, with every place the name could be (`candidates`:
"Essex" is a county in England and a town in Maryland; `place=<id>` picks one).
`GET /api/v1/geocode/reverse?lat=..&lon=..`: the nearest postcode or ZIP code and its admin areas,
for a dropped pin.
"""

from __future__ import annotations

from ninja import Field, Query, Router, Schema, Status

from assets_registry.api.errors import ValidationErrorOut
from geocoding.exceptions import GeocodingUnavailable, InvalidLocation, PostcodeNotLocatable
from geocoding.services import resolve, reverse_geocode

router = Router(tags=["geocoding"])


class GeocodeOut(Schema):
    query: str
    latitude: float
    longitude: float
    precision: str = Field(description="postcode, postcode_district, zip, place, address or point")
    label: str
    source: str = Field(description="gazetteer (offline) or nominatim (online)")
    country: str
    postcode: str
    admin_district_code: str = Field(description="GB local authority GSS code; US county FIPS")
    admin_district_name: str
    admin_county_code: str = Field(description="GB county GSS code ('' for unitary areas); US county FIPS")
    admin_county_name: str
    region: str
    distance_m: float | None = Field(None, description="Reverse lookups: metres from the point asked about")
    warning: str = Field(
        "",
        description="Why the answer is coarser than asked (Northern Ireland, island or terminated postcodes)",
    )
    place_id: str = Field("", description="The gazetteer place or area: give it as `place` to choose it")


class CandidateOut(Schema):
    id: str = Field(description="Give as `place` to choose this one")
    title: str = Field(description="Essex, England; Essex, Maryland")
    kind: str = Field(description="county, district, london_borough, us_county or place")
    kind_label: str
    label: str
    country: str
    latitude: float
    longitude: float


class GeocodeAnswerOut(GeocodeOut):
    candidates: list[CandidateOut] = Field(
        default_factory=list, description="Every place the name could be, best first (the answer is one)"
    )
    ambiguous: bool = Field(False, description="Several candidates and no `place` chosen")


class ErrorOut(Schema):
    detail: str
    reason: str = Field(
        "",
        description=(
            "Geocoding: malformed, not_found, non_geographic, overseas_territory, terminated, "
            "unknown_district"
        ),
    )


class GeocodeParams(Schema):
    q: str = Field(
        ...,
        min_length=1,
        max_length=200,
        pattern=r"\S",
        description="A UK postcode, postcode district, US ZIP code or place name (not only spaces)",
    )
    country: str | None = Field(None, max_length=2, description="Limit to a country: GB or US")
    place: str = Field("", max_length=24, description="Which candidate (its id), for a name several share")


class ReverseParams(Schema):
    lat: float = Field(..., ge=-90, le=90)
    lon: float = Field(..., ge=-180, le=180)


def _out(query: str, result) -> dict:
    return {"query": query, **result.as_dict()}


@router.get(
    "/geocode",
    response={200: GeocodeAnswerOut, 404: ErrorOut, 422: ValidationErrorOut, 503: ErrorOut},
    summary="Geocode a postcode, ZIP code or place",
    description=(
        "404 when the query names no place we can give, with `reason`: `malformed` (a postcode or ZIP "
        "code with a part wrong: `detail` says which), `not_found`, or a postcode that names no place "
        "(`non_geographic`, `overseas_territory`, `terminated`, `unknown_district`)."
    ),
)
def geocode_view(request, params: Query[GeocodeParams]):
    try:
        resolution = resolve(params.q, country=params.country, choice=params.place)
        result = resolution.result
    except PostcodeNotLocatable as error:  # a real postcode that names no place
        return Status(404, {"detail": error.message, "reason": error.reason})
    except InvalidLocation as error:  # well formed for the API, but no place: what is wrong with it
        return Status(404, {"detail": error.message, "reason": "malformed"})
    except GeocodingUnavailable as error:
        return Status(503, {"detail": str(error)})
    if result is None:
        query = " ".join(params.q.split())
        detail = f"Nothing found for ‘{query}’. Try a postcode, ZIP code or town."
        return Status(404, {"detail": detail, "reason": "not_found"})
    candidates = [c.as_dict() for c in resolution.candidates]
    return Status(
        200, {**_out(params.q, result), "candidates": candidates, "ambiguous": resolution.needs_choice}
    )


@router.get(
    "/geocode/reverse",
    response={200: GeocodeOut, 404: ErrorOut, 422: ValidationErrorOut, 503: ErrorOut},
    summary="The nearest postcode or ZIP code to a point, with its admin areas",
)
def reverse_view(request, params: Query[ReverseParams]):
    try:
        result = reverse_geocode(params.lat, params.lon)
    except GeocodingUnavailable as error:
        return Status(503, {"detail": str(error)})
    if result is None:
        return Status(404, {"detail": f"No postcode or ZIP code near {params.lat}, {params.lon}."})
    return Status(200, _out(f"{params.lat},{params.lon}", result))
