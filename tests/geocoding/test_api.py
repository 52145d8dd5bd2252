"""GET /api/v1/geocode and /api/v1/geocode/reverse."""

import pytest

pytestmark = pytest.mark.django_db


def test_postcode_answers_from_the_offline_gazetteer(client, gazetteer):
    response = client.get("/api/v1/geocode", {"q": "W5 2HL"})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "W5 2HL"
    assert body["source"] == "gazetteer"
    assert body["precision"] == "postcode"
    assert body["label"] == "W5 2HL, Ealing"
    assert body["country"] == "GB"
    assert (body["admin_district_code"], body["admin_district_name"]) == ("E09000009", "Ealing")
    assert body["latitude"] == pytest.approx(51.513315, abs=2e-5)
    assert body["longitude"] == pytest.approx(-0.308899, abs=2e-5)


def test_zip_and_place(client, gazetteer):
    assert client.get("/api/v1/geocode", {"q": "21201-1234"}).json()["postcode"] == "21201"
    place = client.get("/api/v1/geocode", {"q": "Boston", "country": "GB"}).json()
    assert (place["precision"], place["country"]) == ("place", "GB")


def test_malformed_postcode_is_404_with_the_reason(client, gazetteer):
    # Well formed for the API (a string), but no place: 404 with what is wrong (docs/api.md).
    response = client.get("/api/v1/geocode", {"q": "W5 2H"})
    assert response.status_code == 404 and response.json()["reason"] == "malformed"
    assert response.json()["detail"].startswith("‘W5 2H’ is not a complete UK postcode: ")


def test_malformed_zip_is_404(client, gazetteer):
    response = client.get("/api/v1/geocode", {"q": "2120"})
    assert response.status_code == 404
    assert "is not a valid US ZIP code" in response.json()["detail"]


def test_nothing_found_is_404(client, gazetteer):
    response = client.get("/api/v1/geocode", {"q": "Nowhereville"})
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Nothing found for ‘Nowhereville’. Try a postcode, ZIP code or town.",
        "reason": "not_found",
    }


def test_missing_query_is_rejected(client, gazetteer):
    assert client.get("/api/v1/geocode").status_code == 422


def test_online_geocoder_down_is_503(client, gazetteer, geocoder_down):
    response = client.get("/api/v1/geocode", {"q": "10 Downing Street, London"})
    assert response.status_code == 503
    assert "online lookups are off" in response.json()["detail"]
    # What the gazetteer knows still answers while the online geocoder is down.
    assert client.get("/api/v1/geocode", {"q": "W5 2HL"}).status_code == 200


def test_reverse(client, gazetteer):
    response = client.get("/api/v1/geocode/reverse", {"lat": 51.5135, "lon": -0.3090})
    assert response.status_code == 200
    body = response.json()
    assert (body["precision"], body["admin_district_code"]) == ("postcode", "E09000009")
    assert body["distance_m"] < 200
    assert client.get("/api/v1/geocode/reverse", {"lat": 0, "lon": 0}).status_code == 404
    assert client.get("/api/v1/geocode/reverse", {"lat": 91, "lon": 0}).status_code == 422


def test_openapi_documents_the_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/geocode" in schema["paths"]
