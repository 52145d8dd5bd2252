"""Find-a-space on the database backend: distances, ordering, radius, facets, text, parsing."""

import random

import pytest
from geopy.distance import great_circle

from django.urls import reverse

from assets_registry.search_backends.base import bounding_box, great_circle_m
from assets_registry.selectors import AssetFilters, FilterError, asset_search, filters_from_params

from .factories import W5_2HL, AssetFactory

pytestmark = pytest.mark.django_db


def test_great_circle_matches_geopy_everywhere():
    rng = random.Random(4)
    for _ in range(2000):
        a = (rng.uniform(-89, 89), rng.uniform(-180, 180))
        b = (rng.uniform(-89, 89), rng.uniform(-180, 180))
        assert great_circle_m(*a, *b) == pytest.approx(great_circle(a, b).meters, abs=1e-3)


@pytest.mark.parametrize(
    ("lat", "lon", "radius"),
    [(51.5, -0.3, 5000), (70.0, 20.0, 50_000), (0.0, 179.99, 10_000), (-33.9, 151.2, 200)],
)
def test_bounding_box_contains_the_whole_circle(lat, lon, radius):
    min_lat, max_lat, lon_ranges = bounding_box(lat, lon, radius)
    for bearing in range(0, 360, 5):
        point = great_circle(meters=radius * 0.999).destination((lat, lon), bearing)
        assert min_lat <= point.latitude <= max_lat
        assert any(lo <= point.longitude <= hi for lo, hi in lon_ranges)


def test_distances_and_order_agree_with_geopy():
    rng = random.Random(7)
    for i in range(60):
        AssetFactory(
            name=f"Space {i}",
            latitude=W5_2HL[0] + rng.uniform(-0.06, 0.06),
            longitude=W5_2HL[1] + rng.uniform(-0.1, 0.1),
        )
    result = asset_search(filters=AssetFilters(near=W5_2HL, radius_m=5000), per_page=100)
    assert result.total == len(result.hits) > 10
    expected = sorted(
        (great_circle(W5_2HL, (a.latitude, a.longitude)).meters, a.pk)
        for a in AssetFactory._meta.model.objects.all()
        if great_circle(W5_2HL, (a.latitude, a.longitude)).meters <= 5000
    )
    assert [asset.pk for asset, _d in result.hits] == [pk for _d, pk in expected]
    for (_asset, distance), (geopy_distance, _pk) in zip(result.hits, expected, strict=True):
        assert distance == pytest.approx(geopy_distance, abs=0.01)


def test_radius_edge_is_inclusive_by_great_circle_not_by_box():
    inside = great_circle(meters=4990).destination(W5_2HL, 45)
    corner = great_circle(meters=6000).destination(W5_2HL, 45)  # inside the box, outside the circle
    AssetFactory(name="Inside", latitude=inside.latitude, longitude=inside.longitude)
    AssetFactory(name="Corner", latitude=corner.latitude, longitude=corner.longitude)
    names = [a.name for a, _d in asset_search(filters=AssetFilters(near=W5_2HL, radius_m=5000)).hits]
    assert names == ["Inside"]


def test_pagination_keeps_distance_order():
    for i in range(25):
        point = great_circle(meters=100 * (i + 1)).destination(W5_2HL, 90)
        AssetFactory(name=f"Hall {i}", latitude=point.latitude, longitude=point.longitude)
    filters = AssetFilters(near=W5_2HL, radius_m=5000)
    first, second = (
        asset_search(filters=filters, page=1, per_page=10),
        asset_search(filters=filters, page=3, per_page=10),
    )
    assert first.total == 25 and first.num_pages == 3 and first.has_next
    assert [a.name for a, _ in first.hits] == [f"Hall {i}" for i in range(10)]
    assert [a.name for a, _ in second.hits] == [f"Hall {i}" for i in range(20, 25)]
    assert asset_search(filters=filters, page=9, per_page=10).hits == []


def test_facets_filter_or_within_and_across_and_count_disjunctively():
    AssetFactory(
        name="Church", categories=["place_of_worship"], third_space_types=["identity"], setting="religious"
    )
    AssetFactory(name="Library", categories=["library"], third_space_types=["activity", "purpose"], free=True)
    AssetFactory(
        name="Choir", categories=["arts_club"], third_space_types=["activity"], setting="hobby_recreational"
    )
    near = {"near": W5_2HL, "radius_m": 5000}
    for filters in (AssetFilters(**near), AssetFilters()):  # with and without a location
        both = asset_search(
            filters=AssetFilters(**{**filters.__dict__, "categories": ("library", "arts_club")})
        )
        assert {a.name for a, _ in both.hits} == {"Library", "Choir"}
        narrowed = asset_search(
            filters=AssetFilters(
                **{
                    **filters.__dict__,
                    "categories": ("library", "arts_club"),
                    "third_space_types": ("purpose",),
                }
            )
        )
        assert [a.name for a, _ in narrowed.hits] == ["Library"]
        # Category counts ignore the category filter (so other choices still show their numbers)
        # but respect the type filter; type counts respect the category filter.
        assert narrowed.facet_counts["categories"] == {"library": 1}
        assert narrowed.facet_counts["third_space_types"] == {"activity": 2, "purpose": 1}
        assert narrowed.facet_counts["features"]["free"] == 1


def test_text_search_matches_words_prefixes_and_category_labels():
    AssetFactory(name="Pitshanger Community Choir", categories=["arts_club"])
    AssetFactory(name="St Mary's", description="Parish church and hall", categories=["place_of_worship"])
    AssetFactory(name="Central Library", categories=["library"])
    AssetFactory(name="Draft Choir", live=False)

    def names(text, **extra):
        return sorted(a.name for a, _ in asset_search(filters=AssetFilters(text=text, **extra)).hits)

    assert names("choir") == ["Pitshanger Community Choir"]
    assert names("commun choi") == ["Pitshanger Community Choir"]  # last word as a prefix
    assert names("church") == ["St Mary's"]  # description
    assert names("worship") == ["St Mary's"]  # category label in the keywords
    assert names("libraries") == ["Central Library"]  # stemming
    assert names("choir", near=W5_2HL, radius_m=5000) == ["Pitshanger Community Choir"]
    assert names("'; DROP TABLE") == []  # punctuation is not syntax


def test_closed_spaces_are_left_out_unless_asked():
    AssetFactory(name="Open hall")
    AssetFactory(name="Gone hall", status="closed")
    assert [a.name for a, _ in asset_search(filters=AssetFilters()).hits] == ["Open hall"]
    assert len(asset_search(filters=AssetFilters(include_closed=True)).hits) == 2


def test_open_now_uses_each_space_s_time_zone():
    import datetime as dt
    import zoneinfo

    from assets_registry.models import OpeningHours

    ealing = AssetFactory(name="Ealing hall")
    baltimore = AssetFactory(
        name="Baltimore hall", country="US", region="MD", latitude=39.29, longitude=-76.61
    )
    for asset in (ealing, baltimore):
        OpeningHours.objects.create(asset=asset, weekday=0, opens=dt.time(9), closes=dt.time(17))
    monday_10_london = dt.datetime(2025, 3, 3, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    names = [a.name for a, _ in asset_search(filters=AssetFilters(open_now=True, at=monday_10_london)).hits]
    assert names == ["Ealing hall"]  # 05:00 in Baltimore
    monday_15_baltimore = dt.datetime(2025, 3, 3, 15, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    names = [
        a.name for a, _ in asset_search(filters=AssetFilters(open_now=True, at=monday_15_baltimore)).hits
    ]
    assert names == ["Baltimore hall"]  # 20:00 in London
    assert ealing.is_open_at(monday_10_london) is True


def test_overnight_opening_hours():
    import datetime as dt
    import zoneinfo

    from assets_registry.models import OpeningHours

    pub = AssetFactory(name="Late bar")
    OpeningHours.objects.create(asset=pub, weekday=4, opens=dt.time(18), closes=dt.time(2))  # Fri 18:00-02:00
    london = zoneinfo.ZoneInfo("Europe/London")
    assert pub.is_open_at(dt.datetime(2025, 3, 8, 1, 0, tzinfo=london)) is True  # Saturday 01:00
    assert pub.is_open_at(dt.datetime(2025, 3, 8, 3, 0, tzinfo=london)) is False
    at = dt.datetime(2025, 3, 8, 1, 0, tzinfo=london)
    assert [a.name for a, _ in asset_search(filters=AssetFilters(open_now=True, at=at)).hits] == ["Late bar"]


# --- parameters ---------------------------------------------------------------------------


def test_filters_from_params_parses_everything(gazetteer):
    filters = filters_from_params(
        {
            "q": "  choir  ",
            "location": "W5 2HL",
            "radius": "2",
            "type": "activity,identity",
            "category": ["library", "arts_club"],
            "free": "1",
            "open_now": "on",
            "modified_after": "2025-01-31",
            "sort": "name",
        }
    )
    assert filters.text == "choir"
    assert filters.near == pytest.approx((51.513315, -0.308899), abs=1e-5)
    assert filters.radius_m == 2000 and filters.location_label.startswith("W5 2HL")
    assert filters.third_space_types == ("activity", "identity")
    assert filters.categories == ("library", "arts_club")
    assert filters.free and filters.open_now and not filters.step_free
    assert filters.modified_after.isoformat().startswith("2025-01-31T00:00:00")
    assert filters.effective_sort == "name"
    # Round trip through to_params (what links and the map feed use).
    again = filters_from_params(filters.to_params())
    assert again == filters


def test_filters_from_params_collects_clear_errors(gazetteer):
    with pytest.raises(FilterError) as caught:
        filters_from_params(
            {"category": "spaceport", "radius": "nine", "lat": "51.5", "free": "maybe", "q": "ok"}
        )
    errors = caught.value.errors
    assert set(errors) == {"category", "radius", "lat", "free"}
    assert "spaceport" in errors["category"]
    assert caught.value.filters.text == "ok"  # what did parse is kept


@pytest.mark.parametrize(
    ("location", "message"),
    [("W5 2ZZZ", None), ("Nowhereville-on-Sea", "couldn't find"), ("999", None)],
)
def test_location_errors_are_messages_not_crashes(gazetteer, location, message):
    with pytest.raises(FilterError) as caught:
        filters_from_params({"location": location})
    assert caught.value.errors["location"]
    if message:
        assert message in caught.value.errors["location"]


def test_lat_lon_beat_the_location_box():
    filters = filters_from_params({"lat": "39.29", "lon": "-76.61", "radius": "10"})
    assert filters.near == (39.29, -76.61) and filters.radius_m == 10_000
    assert filters.location_label == "your location"


# --- list page and map feed share parameters ---------------------------------------------------


def test_list_and_geojson_honour_the_same_parameters(client, gazetteer):
    near = AssetFactory(name="Near library", categories=["library"])
    AssetFactory(name="Near pub", categories=["pub_cafe"])
    far_point = great_circle(meters=20_000).destination(W5_2HL, 0)
    AssetFactory(
        name="Far library", categories=["library"], latitude=far_point.latitude, longitude=far_point.longitude
    )
    params = {"location": "W5 2HL", "radius": "5", "category": "library"}

    page = client.get(reverse("assets_registry:find"), params)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Near library" in html and "Near pub" not in html and "Far library" not in html

    feed = client.get(reverse("assets_registry:geojson"), params)
    assert feed.status_code == 200 and feed["Content-Type"] == "application/geo+json"
    data = feed.json()
    assert [f["properties"]["name"] for f in data["features"]] == ["Near library"]
    feature = data["features"][0]
    assert feature["geometry"]["coordinates"] == [round(near.longitude, 6), round(near.latitude, 6)]
    expected = great_circle(
        (data["search_centre"]["latitude"], data["search_centre"]["longitude"]),
        (near.latitude, near.longitude),
    ).meters
    assert feature["properties"]["distance_m"] == pytest.approx(expected, abs=0.1)
    assert "submitter_email" not in feature["properties"]


def test_bad_parameters_give_400_with_messages_not_500(client, gazetteer):
    page = client.get(reverse("assets_registry:find"), {"category": "spaceport", "location": "W5 2ZZZ"})
    assert page.status_code == 400
    assert "Unknown category" in page.content.decode()
    feed = client.get(reverse("assets_registry:geojson"), {"radius": "-4"})
    assert feed.status_code == 400 and "radius" in feed.json()["errors"]


def test_find_page_shows_distance_and_sorts_by_it(client, gazetteer):
    for metres, name in ((900, "Second"), (300, "First"), (2500, "Third")):
        point = great_circle(meters=metres).destination((51.513315, -0.308899), 180)
        AssetFactory(name=name, latitude=point.latitude, longitude=point.longitude)
    html = client.get(reverse("assets_registry:find"), {"location": "W5 2HL"}).content.decode()
    assert html.index("First") < html.index("Second") < html.index("Third")
    assert "300 m away" in html and "2.5 km away" in html
