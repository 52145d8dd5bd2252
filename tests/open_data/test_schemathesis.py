"""Property-based tests of /api/v1/ from its own OpenAPI description (schemathesis + hypothesis):
generated requests, valid and invalid, must never cause a server error, and every documented
response must match its schema. Bounded (25 examples per operation) so it runs in CI.

Schemathesis's Python API (``from_wsgi``, ``as_strategy``) is used directly: its pytest
integration reads a pytest internal that pytest 9 no longer has.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from tests.assets_registry.factories import AssetFactory
from tests.factories import make_site_home

from .conftest import SECRET_EMAIL


def positive_data_accepted(ctx, response, case):
    """Schemathesis's check, but for the rules an OpenAPI parameter list cannot state: `lat` and
    `lon` go together, and `proximity` needs a `postcode` (the descriptions say so, and document
    the 400)."""
    query = case.query or {}
    if ("lat" in query) != ("lon" in query) or ("proximity" in query and not query.get("postcode")):
        return None
    return positive_data_acceptance(ctx, response, case)


# Every status the API answers is documented, and a request the description allows is accepted.
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    status_code_conformance,
    positive_data_accepted,
]


@pytest.fixture
def keep_test_connection():
    """As Django's test client does: the WSGI handler would otherwise close the test's database
    connection after each request (PostgreSQL), losing the test transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def operations(description="/api/v1/openapi.json"):
    schema = schemathesis.openapi.from_wsgi(description, get_wsgi_application())
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.django_db
def test_no_server_errors_and_responses_match_the_description(keep_test_connection):
    # A site, as every deployment has: a path no route matches (/api/v1/spaces/-1) gets the site's
    # 404 page, which needs one; a transactional test earlier in the run may have flushed it.
    make_site_home()
    AssetFactory(name="Ealing Central Library", categories=["library"], submitter_email=SECRET_EMAIL)
    AssetFactory(
        name="Southall Cricket Club", categories=["sports_club"], latitude=51.5093, longitude=-0.3786
    )
    AssetFactory(name="Closed Chapel", status="closed")
    AssetFactory(name="Draft Hall", live=False, submitter_email=SECRET_EMAIL)
    found = operations()
    assert {op.path for op in found} >= {"/api/v1/spaces", "/api/v1/spaces/{space_id}", "/api/v1/taxonomy"}
    hsds = operations("/api/hsds/openapi.json")
    assert {op.path for op in hsds} >= {"/api/hsds/services", "/api/hsds/organizations"}
    for operation in found + hsds:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def check(case):
            response = case.call_and_validate(checks=CHECKS)
            assert SECRET_EMAIL not in response.text

        check()
