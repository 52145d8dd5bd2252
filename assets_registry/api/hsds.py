"""The Open Referral HSDS 3.0 API at /api/hsds/ (its own NinjaAPI, mounted in config/urls.py).

Endpoints follow the HSDS 3.0 API description: `/`, `/services`, `/services/{id}`,
`/service_at_locations` (with `postcode` and `proximity` in metres), `/service_at_locations/{id}`,
`/organizations`, `/organizations/{id}`, `/taxonomies`, `/taxonomies/{id}`, `/taxonomy_terms`,
`/taxonomy_terms/{id}`, with HSDS paging (total_items, total_pages, page_number, size,
first_page, last_page, empty, contents). Published spaces only; closed ones appear with status
"defunct" so consumers learn of closures. The mapping is ``exporters.hsds``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Literal

from ninja import Field, Query, Schema, Status
from pydantic import field_validator

from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse

from assets_registry import selectors
from assets_registry.api import hsds_schemas as out
from assets_registry.api.errors import DescribedNinjaAPI
from assets_registry.exporters import hsds
from assets_registry.exporters.rows import asset_row, public_row_chunks

hsds_api = DescribedNinjaAPI(
    title="Connected Places Hub: Open Referral HSDS 3.0 API",
    version="3.0",
    description="Community spaces as Open Referral Human Services Data Specification 3.0 "
    "(organizations, services, locations, taxonomies). Read-only, no personal data.",
    urls_namespace="hsds",
)

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=100_000, description="Page number (from 1)")
    per_page: int = Field(DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE, description="Results per page")

    @field_validator("*", mode="before")
    @classmethod
    def no_nul_characters(cls, value):
        """NUL cannot be stored or searched for in PostgreSQL: refuse it up front (422)."""
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class ServiceQuery(PageQuery):
    search: str | None = Field(None, max_length=200, description="Full-text search")
    taxonomy_term_id: str | None = Field(None, description="Only services with this taxonomy term")
    taxonomy_id: str | None = Field(None, description="Only services with any term of this taxonomy")
    organization_id: str | None = Field(None, description="Only the services of this organization")
    modified_after: dt.datetime | None = Field(None, description="Modified after this date-time")
    postcode: str | None = Field(
        None, max_length=100, description="UK postcode or US ZIP code: nearest first"
    )
    proximity: float | None = Field(
        None, ge=100, le=200_000, description="Metres from the postcode's centre (default 5000)"
    )
    full: bool = Field(False, description="Fully nested records")
    format: Literal["ndjson"] | None = Field(
        None, description="'ndjson' streams every full service, one per line, unpaged"
    )


class OrganizationQuery(PageQuery):
    search: str | None = Field(None, max_length=200)
    full_service: bool = Field(False, description="Nest each organization's full services")


class TermQuery(PageQuery):
    taxonomy_id: str | None = None


def _page(items: list, *, total: int, page: int, per_page: int) -> dict:
    total_pages = max(1, math.ceil(total / per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": total == 0,
        "contents": items,
    }


def _slice(items: list, page: int, per_page: int) -> dict:
    start = (page - 1) * per_page
    return _page(items[start : start + per_page], total=len(items), page=page, per_page=per_page)


class BadQuery(ValueError):
    """400; ``status`` 404 when what the query names does not exist (a taxonomy, a postcode)."""

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.status = status


def _filters(query: ServiceQuery, *, include_closed: bool = True) -> selectors.AssetFilters:
    """HSDS parameters as the site's find-a-space parameters, parsed by the one parser."""
    params: dict[str, str | list[str]] = {"include_closed": "1" if include_closed else "0"}
    if query.search:
        params["q"] = query.search
    if query.modified_after:
        moment = query.modified_after
        params["modified_after"] = moment.isoformat() if moment.tzinfo else moment.isoformat() + "Z"
    if query.postcode:
        params["location"] = query.postcode
        if query.proximity is not None:
            params["radius"] = repr(query.proximity / 1000)
    elif query.proximity is not None:
        raise BadQuery("proximity needs a postcode.")
    if query.taxonomy_term_id:
        found = hsds.terms_by_id().get(query.taxonomy_term_id)
        if found is None:
            raise BadQuery("Unknown taxonomy_term_id.", status=404)
        _add_term(params, *found)
    if query.taxonomy_id:
        vocabulary = hsds.vocabularies_by_taxonomy_id().get(query.taxonomy_id)
        if vocabulary is None:
            raise BadQuery("Unknown taxonomy_id.", status=404)
        if vocabulary is not hsds.FEATURES:  # any term of the taxonomy = every value, OR-ed
            for term in vocabulary.terms:
                _add_term(params, vocabulary, term)
    try:
        return selectors.filters_from_params(params)
    except selectors.FilterError as error:
        messages = {"location": "postcode", "radius": "proximity", "q": "search"}
        text = "; ".join(f"{messages.get(k, k)}: {v}" for k, v in error.errors.items())
        raise BadQuery(text, status=404 if set(error.errors) == {"location"} else 400) from error


def _add_term(params: dict, vocabulary, term) -> None:
    if vocabulary is hsds.FEATURES:
        params[term.value] = "1"
        return
    parameter = next(p for p, v in selectors.MULTI_FACETS.values() if v is vocabulary)
    params.setdefault(parameter, [])
    params[parameter].append(term.value)


def _rows(request: HttpRequest, query: ServiceQuery):
    """(rows of this page, total) for the query."""
    base_url = request.build_absolute_uri("/")
    if query.organization_id:
        pk = hsds.pk_from_record_id("organization", query.organization_id)
        asset = selectors.public_assets().filter(pk=pk).first() if pk else None
        rows = [asset_row(asset, base_url=base_url)] if asset else []
        return rows, len(rows)
    filters = _filters(query)
    result = selectors.asset_search(filters=filters, page=query.page, per_page=query.per_page)
    rows = [asset_row(asset, base_url=base_url, distance_m=d) for asset, d in result.hits]
    return rows, result.total


def _row_for(entity: str, record_id: str, request: HttpRequest) -> dict | None:
    pk = hsds.pk_from_record_id(entity, record_id)
    asset = selectors.public_assets().filter(pk=pk).first() if pk else None
    return asset_row(asset, base_url=request.build_absolute_uri("/")) if asset else None


def _endpoint(path: str, schema, *, errors: tuple[int, ...] = (), **options):
    """GET ``path`` answering ``schema`` (and ``out.Error`` for each code in ``errors``); None
    fields are left out, as HSDS leaves out what a record does not have."""
    response = {200: schema, **dict.fromkeys(errors, out.Error)} if errors else schema
    return hsds_api.get(path, response=response, exclude_none=True, **options)


def _one(found, make, what: str) -> Status:
    """The record ``make(found)``, or 404 "No such <what>." when nothing was found."""
    if found is None:
        return Status(404, {"detail": f"No such {what}."})
    return Status(200, make(found))


def _page_of_rows(request: HttpRequest, query: ServiceQuery, make_items) -> Status:
    """One HSDS page of the spaces matching ``query``, as ``make_items(rows)``; 400 for a bad query."""
    try:
        rows, total = _rows(request, query)
    except BadQuery as error:
        return Status(error.status, {"detail": str(error)})
    return Status(200, _page(make_items(rows), total=total, page=query.page, per_page=query.per_page))


@hsds_api.get("/", response=out.ApiInfo, summary="About this API", tags=["meta"])
def api_info(request: HttpRequest):
    return {
        "version": hsds.HSDS_VERSION,
        "profile": hsds.HSDS_PROFILE,
        "openapi_url": request.build_absolute_uri(reverse("hsds:openapi-json")),
    }


@_endpoint(
    "/services",
    out.ServicePage,
    errors=(400, 404),
    summary="Services (one per published space)",
    description="404 when `postcode`, `taxonomy_id` or `taxonomy_term_id` names nothing we know; "
    "400 for `proximity` without `postcode`.",
    # format=ndjson: one full service (JSON) per line (openapi_extra replaces the content: both given).
    openapi_extra={
        "responses": {
            "200": {
                "description": "A page of services, or with format=ndjson every full service, one per line",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ServicePage"}},
                    "application/x-ndjson": {"schema": {"type": "string"}},
                },
            }
        }
    },
    tags=["services"],
)
def list_services(request: HttpRequest, query: Query[ServiceQuery]):
    if query.format == "ndjson":
        return _ndjson(request, query)
    make = hsds.service_full if query.full else hsds.service_list_item
    return _page_of_rows(request, query, lambda rows: [make(row) for row in rows])


def _ndjson(request: HttpRequest, query: ServiceQuery):
    try:
        filters = _filters(query)
    except BadQuery as error:
        return Status(error.status, {"detail": str(error)})
    chunks = public_row_chunks(filters, base_url=request.build_absolute_uri("/"))
    lines = (json.dumps(service, ensure_ascii=False) + "\n" for service in hsds.iter_services(chunks))
    return StreamingHttpResponse(
        (line.encode("utf-8") for line in lines), content_type="application/x-ndjson"
    )


@_endpoint(
    "/services/{service_id}", out.Service, errors=(404,), summary="A fully nested service", tags=["services"]
)
def get_service(request: HttpRequest, service_id: str):
    return _one(_row_for("service", service_id, request), hsds.service_full, "service")


@_endpoint(
    "/service_at_locations",
    out.ServiceAtLocationPage,
    errors=(400, 404),
    summary="Services at locations; with `postcode` (and `proximity` in metres), nearest first",
    tags=["service_at_locations"],
)
def list_service_at_locations(request: HttpRequest, query: Query[ServiceQuery]):
    # A space without a position or address has no location, so no service_at_location: it is
    # still counted in total_items (the count is of services) but left out of contents.
    return _page_of_rows(
        request,
        query,
        lambda rows: [
            hsds.service_at_location_item(row, full=query.full) for row in rows if hsds.has_location(row)
        ],
    )


@_endpoint(
    "/service_at_locations/{sal_id}",
    out.ServiceAtLocation,
    errors=(404,),
    summary="A fully nested service at a location",
    tags=["service_at_locations"],
)
def get_service_at_location(request: HttpRequest, sal_id: str):
    row = _row_for("service_at_location", sal_id, request)
    located = row if row is not None and hsds.has_location(row) else None
    return _one(located, lambda r: hsds.service_at_location_item(r, full=True), "service_at_location")


@_endpoint(
    "/organizations",
    out.OrganizationPage,
    errors=(400,),
    summary="Organizations (one per published space)",
    tags=["organizations"],
)
def list_organizations(request: HttpRequest, query: Query[OrganizationQuery]):
    service_query = ServiceQuery(page=query.page, per_page=query.per_page, search=query.search)
    if query.full_service:
        return _page_of_rows(
            request, service_query, lambda rows: [hsds.organization_full(r, with_services=True) for r in rows]
        )
    return _page_of_rows(request, service_query, lambda rows: [hsds.organization(r) for r in rows])


@_endpoint(
    "/organizations/{organization_id}",
    out.Organization,
    errors=(404,),
    summary="An organization with its locations and services",
    tags=["organizations"],
)
def get_organization(request: HttpRequest, organization_id: str, full_service: bool = False):
    row = _row_for("organization", organization_id, request)
    return _one(row, lambda r: hsds.organization_full(r, with_services=full_service), "organization")


@_endpoint("/taxonomies", out.TaxonomyPage, tags=["taxonomies"])
def list_taxonomies(request: HttpRequest, query: Query[PageQuery]):
    return _slice(hsds.all_taxonomies(), query.page, query.per_page)


@_endpoint("/taxonomies/{taxonomy_id}", out.Taxonomy, errors=(404,), tags=["taxonomies"])
def get_taxonomy(request: HttpRequest, taxonomy_id: str):
    return _one(hsds.vocabularies_by_taxonomy_id(every=True).get(taxonomy_id), hsds.taxonomy, "taxonomy")


@_endpoint("/taxonomy_terms", out.TaxonomyTermPage, tags=["taxonomies"])
def list_taxonomy_terms(request: HttpRequest, query: Query[TermQuery]):
    terms = hsds.all_taxonomy_terms()
    if query.taxonomy_id:
        terms = [term for term in terms if term["taxonomy_id"] == query.taxonomy_id]
    return _slice(terms, query.page, query.per_page)


@_endpoint("/taxonomy_terms/{term_id}", out.TaxonomyTerm, errors=(404,), tags=["taxonomies"])
def get_taxonomy_term(request: HttpRequest, term_id: str):
    found = hsds.terms_by_id(every=True).get(term_id)
    return _one(found, lambda f: hsds.taxonomy_term(*f, nested=True), "taxonomy term")
