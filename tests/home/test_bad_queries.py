import pytest

from tests.factories import make_site_home

pytestmark = pytest.mark.django_db

# Every page that reads search or filter parameters straight from the query string.
URLS = ["/search/", "/atlas/", "/spaces/", "/spaces.geojson", "/toolkits/", "/case-studies/"]


@pytest.mark.parametrize("path", URLS)
def test_nul_in_a_query_is_a_clear_400_not_a_server_error(client, path):
    make_site_home()
    response = client.get(path, {"q": "youth\x00club"})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_ordinary_queries_pass_through(client):
    make_site_home()
    assert client.get("/search/", {"q": "youth club"}).status_code == 200


def test_the_apis_answer_a_nul_in_json(client):
    response = client.get("/api/v1/spaces", {"q": "a\x00b"})
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
