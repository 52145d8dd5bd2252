"""`GET /api/v1/geocode?q=...`: the best match for a postcode, postcode district, ZIP code or place,
for the location box and the "place a pin" step. `GET /api/v1/geocode/reverse?lat=..&lon=..`: the
nearest postcode or ZIP code and its admin areas, for a dropped pin.
"""

from __future__ import annotations

from ninja import Field, Query, Router, Schema, Status

from geocoding.exceptions import GeocodingUnavailable, InvalidLocation
from geocoding.services import geocode, reverse_geocode

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


class ErrorOut(Schema):
    detail: str


class GeocodeParams(Schema):
    q: str = Field(
        ..., max_length=200, description="A UK postcode, postcode district, US ZIP code or place name"
    )
    country: str | None = Field(None, max_length=2, description="Limit to a country: GB or US")


class ReverseParams(Schema):
    lat: float = Field(..., ge=-90, le=90)
    lon: float = Field(..., ge=-180, le=180)


def _out(query: str, result) -> dict:
    return {"query": query, **result.as_dict()}


@router.get(
    "/geocode",
    response={200: GeocodeOut, 400: ErrorOut, 404: ErrorOut, 503: ErrorOut},
    summary="Geocode a postcode, ZIP code or place",
)
def geocode_view(request, params: Query[GeocodeParams]):
    try:
        result = geocode(params.q, country=params.country)
    except InvalidLocation as error:
        return Status(400, {"detail": error.message})
    except GeocodingUnavailable as error:
        return Status(503, {"detail": str(error)})
    if result is None:
        query = " ".join(params.q.split())
        return Status(404, {"detail": f"Nothing found for ‘{query}’. Try a postcode, ZIP code or town."})
    return Status(200, _out(params.q, result))


@router.get(
    "/geocode/reverse",
    response={200: GeocodeOut, 404: ErrorOut, 503: ErrorOut},
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
