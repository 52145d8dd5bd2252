"""Output schemas of the HSDS 3.0 API (/api/hsds/), after Open Referral's JSON Schemas.

They list the HSDS fields we publish, so nothing else can leave through this API, and they make
the OpenAPI description at /api/hsds/openapi.json useful. Optional fields default to None and the
routes drop None values (HSDS types are strict: a string field may be absent but never null).
The tests validate real responses against the official schemas in ``assets_registry/hsds_schema``.
"""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema


class Taxonomy(Schema):
    id: str
    name: str
    description: str
    uri: str | None = None
    version: str | None = None


class TaxonomyTerm(Schema):
    id: str
    code: str | None = None
    name: str
    description: str
    parent_id: str | None = None
    taxonomy: str | None = None
    taxonomy_detail: Taxonomy | None = None
    language: str | None = None
    taxonomy_id: str | None = None
    term_uri: str | None = None


class Attribute(Schema):
    id: str
    link_id: str | None = None
    taxonomy_term_id: str | None = None
    link_type: str | None = None
    link_entity: str | None = None
    value: str | None = None
    taxonomy_term: TaxonomyTerm | None = None


class Phone(Schema):
    id: str
    location_id: str | None = None
    service_id: str | None = None
    organization_id: str | None = None
    number: str
    type: str | None = None
    description: str | None = None


class Schedule(Schema):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    service_at_location_id: str | None = None
    freq: Literal["WEEKLY", "MONTHLY"] | None = None
    wkst: Literal["MO", "TU", "WE", "TH", "FR", "SA", "SU"] | None = None
    byday: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    description: str | None = None
    notes: str | None = None


class Language(Schema):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    name: str | None = None
    code: str | None = None
    note: str | None = None


class ServiceArea(Schema):
    id: str
    service_id: str | None = None
    name: str | None = None
    description: str | None = None
    uri: str | None = None


class Address(Schema):
    id: str
    location_id: str | None = None
    address_1: str
    address_2: str | None = None
    city: str
    region: str | None = None
    state_province: str
    postal_code: str
    country: str
    address_type: Literal["physical", "postal", "virtual"]


class Accessibility(Schema):
    id: str
    location_id: str | None = None
    description: str | None = None
    details: str | None = None


class Location(Schema):
    id: str
    location_type: Literal["physical", "postal", "virtual"]
    organization_id: str | None = None
    name: str | None = None
    description: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[Address] | None = None
    accessibility: list[Accessibility] | None = None
    # The position's precision and provenance, and the parts of an incomplete address.
    attributes: list[Attribute] | None = None


class Organization(Schema):
    id: str
    name: str
    description: str
    email: str | None = None
    website: str | None = None
    phones: list[Phone] | None = None
    locations: list[Location] | None = None
    # Not an HSDS 3.0 field of organization.json: what `full_service` adds (additional properties
    # are allowed), as the HSDS API description asks.
    services: list[Service] | None = None


class ServiceAtLocation(Schema):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    description: str | None = None
    location: Location | None = None
    service: Service | None = None


class Service(Schema):
    id: str
    organization_id: str | None = None
    name: str
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: Literal["active", "inactive", "defunct", "temporarily closed"]
    eligibility_description: str | None = None
    fees_description: str | None = None
    assured_date: str | None = None
    last_modified: str | None = None
    organization: Organization | None = None
    phones: list[Phone] | None = None
    schedules: list[Schedule] | None = None
    service_areas: list[ServiceArea] | None = None
    languages: list[Language] | None = None
    attributes: list[Attribute] | None = None
    contacts: list[dict] | None = None
    service_at_locations: list[ServiceAtLocation] | None = None


Organization.model_rebuild()
ServiceAtLocation.model_rebuild()


class Page(Schema):
    total_items: int = Field(..., description="Matching entities in all pages")
    total_pages: int
    page_number: int
    size: int = Field(..., description="Entities in this page")
    first_page: bool
    last_page: bool
    empty: bool


class ServicePage(Page):
    contents: list[Service]


class ServiceAtLocationPage(Page):
    contents: list[ServiceAtLocation]


class OrganizationPage(Page):
    contents: list[Organization]


class TaxonomyPage(Page):
    contents: list[Taxonomy]


class TaxonomyTermPage(Page):
    contents: list[TaxonomyTerm]


class ApiInfo(Schema):
    version: str
    profile: str
    openapi_url: str


class Error(Schema):
    detail: str
