"""Find-a-space through the registry's selector, on every backend (``search_backend``).

The same assertions hold for the database backend (SQLite / PostgreSQL) and for the
elasticsearch-dsl index: the rules of ``assets_registry.search_backends.base``.
"""

import datetime as dt
import random
import zoneinfo

import pytest
from geopy.distance import great_circle

from assets_registry.models import Asset, OpeningHours
from assets_registry.selectors import AssetFilters, asset_search, filters_from_params, get_search_backend
from tests.assets_registry.factories import W5_2HL, AssetFactory

pytestmark = pytest.mark.django_db


def names(filters: AssetFilters, **kwargs) -> list[str]:
    return [asset.name for asset, _distance in asset_search(filters=filters, **kwargs).hits]


def test_the_configured_backend_answers(search_backend):
    expected = "ElasticsearchAssetSearch" if search_backend.is_elasticsearch else "DatabaseAssetSearch"
    assert type(get_search_backend()).__name__ == expected


def test_distances_order_and_radius_agree_with_geopy(search_backend):
    rng = random.Random(7)
    for i in range(40):
        AssetFactory(
            name=f"Space {i}",
            latitude=W5_2HL[0] + rng.uniform(-0.06, 0.06),
            longitude=W5_2HL[1] + rng.uniform(-0.1, 0.1),
        )
    search_backend.index(pages=False)
    result = asset_search(filters=AssetFilters(near=W5_2HL, radius_m=4000), per_page=100)
    expected = sorted(
        (great_circle(W5_2HL, (a.latitude, a.longitude)).meters, a.pk)
        for a in Asset.objects.all()
        if great_circle(W5_2HL, (a.latitude, a.longitude)).meters <= 4000
    )
    assert 5 < result.total == len(result.hits) < 40
    assert [asset.pk for asset, _d in result.hits] == [pk for _d, pk in expected]
    for (_asset, distance), (geopy_distance, _pk) in zip(result.hits, expected, strict=True):
        assert distance == pytest.approx(geopy_distance, abs=0.01)


def test_radius_is_a_circle_not_a_box(search_backend):
    inside = great_circle(meters=4900).destination(W5_2HL, 45)
    corner = great_circle(meters=6000).destination(W5_2HL, 45)
    AssetFactory(name="Inside", latitude=inside.latitude, longitude=inside.longitude)
    AssetFactory(name="Corner", latitude=corner.latitude, longitude=corner.longitude)
    search_backend.index(pages=False)
    assert names(AssetFilters(near=W5_2HL, radius_m=5000)) == ["Inside"]
    assert names(AssetFilters()) == ["Corner", "Inside"]  # no location: every space, by name


def test_pages_keep_their_order_and_past_the_end_is_empty(search_backend):
    for i in range(25):
        point = great_circle(meters=100 * (i + 1)).destination(W5_2HL, 90)
        AssetFactory(name=f"Hall {i:02d}", latitude=point.latitude, longitude=point.longitude)
    search_backend.index(pages=False)
    filters = AssetFilters(near=W5_2HL, radius_m=5000)
    first = asset_search(filters=filters, page=1, per_page=10)
    third = asset_search(filters=filters, page=3, per_page=10)
    assert first.total == 25 and first.num_pages == 3 and first.has_next
    assert [a.name for a, _ in first.hits] == [f"Hall {i:02d}" for i in range(10)]
    assert [a.name for a, _ in third.hits] == [f"Hall {i:02d}" for i in range(20, 25)]
    past = asset_search(filters=filters, page=9, per_page=10)
    assert past.hits == [] and past.total == 25
    by_name = asset_search(filters=AssetFilters(), page=2, per_page=10)
    assert [a.name for a, _ in by_name.hits] == [f"Hall {i:02d}" for i in range(10, 20)]


def test_sorts_by_name_and_by_most_recent(search_backend):
    # Names of one case: the database backend orders by the raw column without a location
    # (binary order on SQLite) but case-insensitively with one; Elasticsearch always lower-cases.
    AssetFactory(name="Bowls club")
    AssetFactory(name="Allotment society")
    AssetFactory(name="Chess club")
    latest = Asset.objects.get(name="Allotment society")
    latest.description = "Edited last"
    latest.save()
    search_backend.index(pages=False)
    assert names(AssetFilters()) == ["Allotment society", "Bowls club", "Chess club"]
    assert names(AssetFilters(sort="recent"))[0] == "Allotment society"
    assert names(AssetFilters(near=W5_2HL, sort="name")) == ["Allotment society", "Bowls club", "Chess club"]


def test_facets_or_within_and_across_with_disjunctive_counts(search_backend):
    AssetFactory(
        name="Church", categories=["place_of_worship"], third_space_types=["identity"], setting="religious"
    )
    AssetFactory(
        name="Library",
        categories=["library"],
        third_space_types=["activity", "purpose"],
        free=True,
        kind="physical",
    )
    AssetFactory(
        name="Choir",
        categories=["arts_club"],
        third_space_types=["activity"],
        setting="hobby_recreational",
        kind="association",
    )
    search_backend.index(pages=False)
    for base in (AssetFilters(near=W5_2HL, radius_m=5000), AssetFilters()):
        both = asset_search(filters=AssetFilters(**{**base.__dict__, "categories": ("library", "arts_club")}))
        assert sorted(a.name for a, _ in both.hits) == ["Choir", "Library"]
        narrowed = asset_search(
            filters=AssetFilters(
                **{**base.__dict__, "categories": ("library", "arts_club"), "third_space_types": ("purpose",)}
            )
        )
        assert [a.name for a, _ in narrowed.hits] == ["Library"]
        assert narrowed.total == 1
        assert narrowed.facet_counts["categories"] == {"library": 1}
        assert narrowed.facet_counts["third_space_types"] == {"activity": 2, "purpose": 1}
        assert narrowed.facet_counts["kinds"] == {"physical": 1}
        assert narrowed.facet_counts["features"]["free"] == 1
        kinds = asset_search(filters=AssetFilters(**{**base.__dict__, "kinds": ("association",)}))
        assert [a.name for a, _ in kinds.hits] == ["Choir"]
        assert kinds.facet_counts["kinds"] == {"physical": 2, "association": 1}
        assert kinds.facet_counts["settings"] == {"hobby_recreational": 1}


def test_text_every_word_last_as_prefix_stemmed_in_name_description_keywords(search_backend):
    AssetFactory(name="Pitshanger Community Choir", categories=["arts_club"])
    AssetFactory(name="St Mary's", description="Parish church and hall", categories=["place_of_worship"])
    AssetFactory(name="Central Library", categories=["library"])
    AssetFactory(name="Draft Choir", live=False)
    search_backend.index(pages=False)

    def found(text, **extra):
        return sorted(names(AssetFilters(text=text, **extra)))

    assert found("choir") == ["Pitshanger Community Choir"]
    assert found("CHOIR") == ["Pitshanger Community Choir"]
    assert found("commun choi") == ["Pitshanger Community Choir"]  # the last word as a prefix
    assert found("choir central") == []  # every word must match
    assert found("church") == ["St Mary's"]  # description
    assert found("worship") == ["St Mary's"]  # category label, in the keywords
    assert found("ealing library") == ["Central Library"]  # place name, in the keywords
    assert found("libraries") == ["Central Library"]  # stemming
    assert found("choir", near=W5_2HL, radius_m=5000) == ["Pitshanger Community Choir"]
    assert found("'; DROP TABLE") == []  # punctuation is not syntax
    assert found("choir OR library") == []  # OR is a word, not an operator


def test_only_public_spaces_and_closed_ones_on_request(search_backend):
    AssetFactory(name="Open hall")
    AssetFactory(name="Gone hall", status="closed")
    AssetFactory(name="Draft hall", live=False)
    search_backend.index(pages=False)
    assert names(AssetFilters()) == ["Open hall"]
    assert names(AssetFilters(include_closed=True)) == ["Gone hall", "Open hall"]


def test_area_country_and_modified_after(search_backend):
    AssetFactory(name="Ealing hall")
    AssetFactory(
        name="Chelmsford hall",
        admin_district_code="E07000070",
        admin_county_code="E10000012",
        latitude=51.7356,
        longitude=0.4685,
    )
    AssetFactory(
        name="Baltimore hall",
        country="US",
        region="MD",
        latitude=39.29,
        longitude=-76.61,
        admin_district_code="",
        admin_district_name="Baltimore City",
    )
    Asset.objects.filter(name="Ealing hall").update(updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    search_backend.index(pages=False)
    assert names(AssetFilters(country="US")) == ["Baltimore hall"]
    assert names(AssetFilters(admin_district_code="E09000009")) == ["Ealing hall"]
    assert names(AssetFilters(admin_county_code="E10000012")) == ["Chelmsford hall"]
    since = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    assert names(AssetFilters(modified_after=since)) == ["Baltimore hall", "Chelmsford hall"]


def test_open_now_in_each_space_s_own_time_zone_overnight_included(search_backend):
    ealing = AssetFactory(name="Ealing hall")
    baltimore = AssetFactory(
        name="Baltimore hall", country="US", region="MD", latitude=39.29, longitude=-76.61
    )
    late = AssetFactory(name="Late bar")
    for asset in (ealing, baltimore):
        OpeningHours.objects.create(asset=asset, weekday=0, opens=dt.time(9), closes=dt.time(17))
    OpeningHours.objects.create(asset=late, weekday=6, opens=dt.time(18), closes=dt.time(2))  # Sun-Mon
    search_backend.index(pages=False)
    london, new_york = zoneinfo.ZoneInfo("Europe/London"), zoneinfo.ZoneInfo("America/New_York")
    assert names(AssetFilters(open_now=True, at=dt.datetime(2025, 3, 3, 10, 0, tzinfo=london))) == [
        "Ealing hall"
    ]
    assert names(AssetFilters(open_now=True, at=dt.datetime(2025, 3, 3, 15, 0, tzinfo=new_york))) == [
        "Baltimore hall"
    ]
    # Sunday 18:00 to Monday 02:00 wraps round the end of the week.
    assert names(AssetFilters(open_now=True, at=dt.datetime(2025, 3, 3, 1, 30, tzinfo=london))) == [
        "Late bar"
    ]
    assert names(AssetFilters(open_now=True, at=dt.datetime(2025, 3, 2, 23, 0, tzinfo=london))) == [
        "Late bar"
    ]
    assert names(AssetFilters(open_now=True, at=dt.datetime(2025, 3, 3, 2, 0, tzinfo=london))) == []


def test_the_parsed_parameters_give_the_same_answer(search_backend):
    AssetFactory(
        name="Ealing Quaker Meeting", categories=["place_of_worship"], third_space_types=["identity"]
    )
    AssetFactory(
        name="Ealing Chess Club", categories=["arts_club"], third_space_types=["activity"], free=True
    )
    search_backend.index(pages=False)
    filters = filters_from_params(
        {
            "q": "ealing",
            "lat": str(W5_2HL[0]),
            "lon": str(W5_2HL[1]),
            "radius": "2",
            "type": "activity",
            "free": "1",
        }
    )
    result = asset_search(filters=filters)
    assert [a.name for a, _ in result.hits] == ["Ealing Chess Club"]
    assert result.facet_counts["third_space_types"] == {"activity": 1}
    assert result.hits[0][1] == pytest.approx(great_circle(W5_2HL, (51.5130, -0.3015)).meters, abs=0.01)


def test_a_yes_no_filter_matches_only_yes_and_counts_only_yes(search_backend):
    # Issue 14: not known (None) is neither "yes" for the filter nor a "no" in the counts.
    AssetFactory(name="Free Library", categories=["library"], free=True, step_free=True)
    AssetFactory(name="Paid Gym", categories=["sports_centre"], free=False, step_free=False)
    AssetFactory(name="Unknown Hall", categories=["community_centre"])  # every fact not known
    search_backend.index(pages=False)
    for base in (AssetFilters(near=W5_2HL, radius_m=5000), AssetFilters()):
        everything = asset_search(filters=base)
        assert everything.total == 3
        assert everything.facet_counts["features"] == {
            "free": 1,
            "step_free": 1,
            "open_to_all": 0,
            "mixed_ages": 0,
        }
        assert names(AssetFilters(**{**base.__dict__, "free": True})) == ["Free Library"]
        assert names(AssetFilters(**{**base.__dict__, "open_to_all": True})) == []
        # "free=0" is no filter at all (it does not mean "not free").
        unfiltered = filters_from_params({"free": "0"}, geocode_location=False)
        assert not unfiltered.free
