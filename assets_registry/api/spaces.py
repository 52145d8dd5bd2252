"""`GET /api/v1/spaces`: find-a-space as JSON (the list page's filters, paginated), and
`GET /api/v1/spaces/{id}`: one published space.

Thin: parameters are validated here for the OpenAPI description, then handed to
``selectors.filters_from_params`` (the one parser every view uses) and ``selectors.asset_search``.
Output goes through ``SpaceOut``, an explicit list of public fields: nothing else can leak.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from ninja import Field, Query, Router, Schema, Status
from pydantic import field_validator

from django.http import HttpRequest
from django.utils.http import urlencode

from assets_registry import selectors
from assets_registry.api.errors import ValidationErrorOut
from assets_registry.exporters.rows import asset_row
from assets_registry.taxonomy import (
    CATEGORIES,
    KINDS,
    LOCATION_PRECISIONS,
    LOCATION_SOURCES,
    SETTINGS,
    STATUS_CHOICES,
    THIRD_SPACE_TYPES,
)

router = Router(tags=["spaces"])

MAX_PER_PAGE = 100
_LAT_LON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")

ThirdSpaceType = Literal[tuple(THIRD_SPACE_TYPES.values)]
Category = Literal[tuple(CATEGORIES.values)]
Kind = Literal[tuple(KINDS.values)]
Setting = Literal[tuple(SETTINGS.values)]
SpaceStatus = Literal[tuple(value for value, _label in STATUS_CHOICES)]
LocationSource = Literal[tuple(value for value, _label in LOCATION_SOURCES)]
LocationPrecision = Literal[tuple(value for value, _label in LOCATION_PRECISIONS)]


class OpeningPeriodOut(Schema):
    weekday: int = Field(..., ge=0, le=6, description="0 = Monday … 6 = Sunday")
    opens: str = Field(..., description="HH:MM, local time")
    closes: str = Field(..., description="HH:MM; at or before `opens` means it closes after midnight")


class SpaceOut(Schema):
    """A published space: public fields only."""

    id: int
    slug: str
    url: str = Field(..., description="The space's page on this site")
    name: str
    description: str
    categories: list[Category]
    third_space_types: list[ThirdSpaceType]
    setting: Setting | Literal[""]
    kind: Kind | Literal[""]
    audience: str = Field(..., description="Who it is for")
    # Yes/no facts: null when the source never said (not known is not "no").
    free: bool | None = Field(..., description="Free to use; null: not known")
    open_to_all: bool | None = Field(..., description="Open to all; null: not known")
    mixed_ages: bool | None = Field(..., description="Mixed ages; null: not known")
    step_free: bool | None = Field(..., description="Step-free access; null: not known")
    languages: str = Field(..., description="Languages spoken, separated by commas")
    accessibility_notes: str
    address: str
    postcode: str
    locality: str
    region: str
    country: str = Field(..., description="ISO 3166-1 alpha-2")
    latitude: float | None = Field(None, description="WGS84")
    longitude: float | None = Field(None, description="WGS84")
    location_source: LocationSource
    location_precision: LocationPrecision
    location_basis: str = Field(
        ..., description="What the position was worked out from, e.g. 'postcode W5 2HL'"
    )
    admin_district_code: str = Field(..., description="GB local authority GSS code; US county FIPS")
    admin_district_name: str
    admin_county_code: str
    admin_county_name: str
    website: str
    phone: str
    public_email: str = Field(..., description="The space's own public contact address, if it gave one")
    opening_hours: list[OpeningPeriodOut]
    opening_hours_notes: str
    timezone: str = Field(..., description="IANA time zone of the opening hours")
    status: SpaceStatus
    last_verified: dt.date | None
    data_source: str = Field(
        ..., description="Where the record came from, e.g. 'gla-cultural-infrastructure'"
    )
    source_id: str = Field(..., description="The record's id in that source")
    created_at: dt.datetime
    updated_at: dt.datetime
    distance_m: float | None = Field(None, description="Metres from the search point (searches near a place)")


class SearchCentreOut(Schema):
    latitude: float
    longitude: float
    radius_m: float
    label: str


class SpacePageOut(Schema):
    total: int = Field(..., description="Spaces matching the filters")
    page: int
    per_page: int
    num_pages: int
    next: str | None = Field(None, description="URL of the next page")
    previous: str | None = Field(None, description="URL of the previous page")
    search_centre: SearchCentreOut | None = None
    facets: dict[str, dict[str, int]] = Field(
        ...,
        description="Counts per facet value (third_space_types, categories, kinds, settings, features); "
        "each multi-valued facet is counted with every filter except its own",
    )
    results: list[SpaceOut]


class ErrorOut(Schema):
    detail: str
    errors: dict[str, str] = Field(default_factory=dict, description="Message per query parameter")


class SpacesQuery(Schema):
    q: str | None = Field(None, max_length=200, description="Words to find in the name or description")
    near: str | None = Field(
        None,
        max_length=100,
        description="Where to search: 'lat,lon', or a UK postcode, postcode district, US ZIP code "
        "or place name",
    )
    place: str | None = Field(
        None,
        max_length=24,
        description="Which of the places sharing near's name (an id from /api/v1/geocode's candidates)",
    )
    lat: float | None = Field(None, ge=-90, le=90, description="Latitude (with lon), instead of near")
    lon: float | None = Field(None, ge=-180, le=180, description="Longitude (with lat)")
    radius: float | None = Field(
        None, ge=selectors.MIN_RADIUS_KM, le=selectors.MAX_RADIUS_KM, description="Kilometres (default 5)"
    )
    type: list[ThirdSpaceType] = Field(default_factory=list, description="Third-space types (any of)")
    category: list[Category] = Field(default_factory=list, description="Categories (any of)")
    kind: list[Kind] = Field(
        default_factory=list,
        description="Who or what the space is: individual, association, organisation… (any of)",
    )
    setting: list[Setting] = Field(default_factory=list, description="Social-capital settings (any of)")
    free: bool | None = Field(None, description="true: only spaces known to be free (never those not known)")
    step_free: bool | None = Field(None, description="true: only spaces known to have step-free access")
    open_to_all: bool | None = Field(None, description="true: only spaces known to be open to all")
    mixed_ages: bool | None = Field(None, description="true: only spaces known to mix ages")
    open_now: bool | None = Field(None, description="Open now, by its structured opening hours")
    modified_after: dt.datetime | None = Field(None, description="Changed after this date-time (ISO 8601)")
    country: str | None = Field(None, pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2")
    district: str | None = Field(None, max_length=12, description="Local authority code (GSS or FIPS)")
    county: str | None = Field(None, max_length=12, description="County code")
    include_closed: bool | None = Field(None, description="Include spaces that have closed")
    sort: Literal["distance", "name", "recent"] | None = None
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE)

    @field_validator("*", mode="before")
    @classmethod
    def no_nul_characters(cls, value):
        """NUL cannot be stored or searched for in PostgreSQL: refuse it up front (422)."""
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and "\x00" in v for v in values):
            raise ValueError("must not contain NUL characters")
        return value

    def filter_params(self) -> dict[str, str | list[str]]:
        """The site's query parameters for these values (what filters_from_params reads)."""
        params: dict[str, str | list[str]] = {}
        for name in ("q", "country", "district", "county", "sort"):
            if getattr(self, name):
                params[name] = getattr(self, name)
        if self.near:
            match = _LAT_LON.match(self.near)
            if match:
                params["lat"], params["lon"] = match.groups()
            else:
                params["location"] = self.near
                if self.place:
                    params["place"] = self.place
        if self.lat is not None or self.lon is not None:
            params.pop("location", None)
            params["lat"] = "" if self.lat is None else repr(self.lat)
            params["lon"] = "" if self.lon is None else repr(self.lon)
        if self.radius is not None:
            params["radius"] = repr(self.radius)
        for name in ("type", "category", "kind", "setting"):
            if getattr(self, name):
                params[name] = list(getattr(self, name))
        for name in ("free", "step_free", "open_to_all", "mixed_ages", "open_now", "include_closed"):
            if getattr(self, name) is not None:
                params[name] = "1" if getattr(self, name) else "0"
        if self.modified_after:
            moment = self.modified_after
            params["modified_after"] = moment.isoformat() if moment.tzinfo else moment.isoformat() + "Z"
        return params


def _page_url(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{urlencode(params, doseq=True)}")


@router.get(
    "/spaces",
    response={200: SpacePageOut, 400: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    summary="Find spaces",
    description="Published spaces matching the find-a-space filters, nearest first when searching "
    "near a place. "
    "Multi-valued filters accept repeated parameters or comma-separated values. "
    "404 when `near` names no place we can find (`errors.location` says what to try); 400 for "
    "`lat` without `lon` or the other way round, and for values the filters cannot read.",
)
def list_spaces(request: HttpRequest, query: Query[SpacesQuery]):
    try:
        filters = selectors.filters_from_params(query.filter_params())
    except selectors.FilterError as error:
        status = 404 if set(error.errors) == {"location"} else 400  # only the place was not found
        return Status(status, {"detail": str(error), "errors": error.errors})
    result = selectors.asset_search(filters=filters, page=query.page, per_page=query.per_page)
    base_url = request.build_absolute_uri("/")
    body = {
        "total": result.total,
        "page": result.page,
        "per_page": result.per_page,
        "num_pages": result.num_pages,
        "next": _page_url(request, result.page + 1) if result.has_next else None,
        "previous": _page_url(request, min(result.page - 1, result.num_pages))
        if result.has_previous
        else None,
        "facets": result.facet_counts,
        "results": [
            asset_row(asset, base_url=base_url, distance_m=distance) for asset, distance in result.hits
        ],
    }
    if filters.near:
        body["search_centre"] = filters.search_centre()
    return Status(200, body)


@router.get(
    "/spaces/{int:space_id}",
    response={200: SpaceOut, 404: ErrorOut},
    summary="One space",
    description="A published space by its id. Drafts and submissions awaiting moderation are not found.",
)
def get_space(request: HttpRequest, space_id: int):
    in_range = 0 < space_id < 2**63  # the column is a 64-bit integer
    asset = selectors.public_assets().filter(pk=space_id).first() if in_range else None
    if asset is None:
        return Status(404, {"detail": "No published space has this id."})
    return Status(200, asset_row(asset, base_url=request.build_absolute_uri("/")))
