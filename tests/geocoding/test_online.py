"""The chain with the online geocoder (geopy's Nominatim) against a local server speaking its protocol."""

import pytest

from django.core.cache import cache

from geocoding import services
from geocoding.exceptions import GeocodingUnavailable, InvalidLocation

from .nominatim_server import EALING_BROADWAY

pytestmark = pytest.mark.django_db


def test_offline_only_unless_configured(gazetteer, settings):
    settings.GEOCODER_ONLINE = ""
    assert services.geocode("10 Downing Street, London", wait=True) is None


def test_gazetteer_answers_first_and_the_online_geocoder_is_not_asked(gazetteer, online_geocoder):
    result = services.geocode("W5 2HL", wait=True)
    assert (result.source, result.precision, result.postcode) == ("gazetteer", "postcode", "W5 2HL")
    assert online_geocoder.requests == []


def test_malformed_postcode_is_rejected_before_going_online(gazetteer, online_geocoder):
    with pytest.raises(InvalidLocation):
        services.geocode("W5 2H", wait=True)
    assert online_geocoder.requests == []


def test_good_online_answer(gazetteer, online_geocoder):
    result = services.geocode("10 Downing Street, London", country="uk", wait=True)
    assert result.source == "nominatim"
    assert result.precision == "address"
    assert result.point == pytest.approx((51.5033635, -0.1276248))
    assert result.label.startswith("Prime Minister's Office, 10, Downing Street")
    assert (result.country, result.postcode) == ("GB", "SW1A 2AA")
    (request,) = online_geocoder.searches()
    assert request["params"]["q"] == "10 Downing Street, London"
    assert request["params"]["countrycodes"] == "gb"
    assert request["params"]["addressdetails"] == "1"
    assert request["agent"] == "cph-tests"


def test_online_answer_gets_admin_areas_from_the_gazetteer(gazetteer, online_geocoder):
    online_geocoder.answer = EALING_BROADWAY
    result = services.geocode("Ealing Broadway station", wait=True)
    assert (result.source, result.precision) == ("nominatim", "point")
    assert (result.admin_district_code, result.admin_district_name) == ("E09000009", "Ealing")


def test_well_formed_postcode_missing_offline_goes_online(gazetteer, online_geocoder):
    result = services.geocode("SW1A 2AA", wait=True)
    assert result.source == "nominatim"
    assert online_geocoder.searches()[0]["params"]["q"] == "SW1A 2AA"


def test_empty_online_answer_is_none(gazetteer, online_geocoder):
    online_geocoder.mode = "empty"
    assert services.geocode("Nowhere In Particular", wait=True) is None


def test_http_500_raises_unavailable(gazetteer, online_geocoder):
    online_geocoder.mode = "error"
    with pytest.raises(GeocodingUnavailable, match="not answering"):
        services.geocode("10 Downing Street, London", wait=True)


def test_slow_answer_beyond_the_timeout_raises_unavailable(gazetteer, online_geocoder):
    online_geocoder.mode = "slow"
    online_geocoder.delay = 1.5  # GEOCODER_TIMEOUT is 0.5 s
    with pytest.raises(GeocodingUnavailable, match="GeocoderTimedOut"):
        services.geocode("10 Downing Street, London", wait=True)


def test_outage_does_not_matter_when_the_gazetteer_knows(gazetteer, online_geocoder):
    online_geocoder.mode = "error"
    assert services.geocode("21201", wait=True).source == "gazetteer"


def test_answers_misses_and_recent_failures_are_cached(gazetteer, online_geocoder):
    first = services.geocode("10 Downing Street, London", wait=True)
    again = services.geocode("  10 downing street,  london ", wait=True)
    assert again == first
    assert len(online_geocoder.searches()) == 1

    online_geocoder.mode = "empty"
    assert services.geocode("Atlantis", wait=True) is None
    assert services.geocode("Atlantis", wait=True) is None
    assert len(online_geocoder.searches()) == 2

    online_geocoder.mode = "error"
    for _ in range(2):
        with pytest.raises(GeocodingUnavailable):
            services.geocode("El Dorado", wait=True)
    assert len(online_geocoder.searches()) == 3  # the failure is remembered: not asked again at once
    online_geocoder.mode = "ok"
    cache.clear()  # (the failure is forgotten after GEOCODER_FAILURE_SECONDS)
    assert services.geocode("El Dorado", wait=True).source == "nominatim"


def test_rate_limiter_spaces_requests(gazetteer, online_geocoder, settings):
    settings.GEOCODER_MIN_DELAY_SECONDS = 0.4
    for query in ("Place one", "Place two", "Place three"):
        services.geocode(query, wait=True)
    times = [r["at"] for r in online_geocoder.searches()]
    assert len(times) == 3
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.35


def test_reverse_uses_the_gazetteer_then_online(gazetteer, online_geocoder):
    near_w5 = services.reverse_geocode(51.5135, -0.3090, wait=True)
    assert (near_w5.source, near_w5.precision) == ("gazetteer", "postcode")
    assert online_geocoder.requests == []
    far_away = services.reverse_geocode(48.8566, 2.3522, wait=True)  # Paris: no gazetteer rows there
    assert far_away.source == "nominatim"
    assert online_geocoder.requests[0]["path"] == "/reverse"


def test_reverse_outage_raises_unavailable(gazetteer, online_geocoder):
    online_geocoder.mode = "error"
    with pytest.raises(GeocodingUnavailable):
        services.reverse_geocode(48.8566, 2.3522, wait=True)
