"""Spaces placed in areas: point in polygon on the real (committed, simplified) boundaries."""

import io

import numpy as np
import pytest

from django.core.management import call_command

from assets_registry.models import Asset
from assets_registry.signals import spaces_changed_on_commit
from atlas.models import Area, AreaAsset, AreaKind
from atlas.services import area_index, assign_assets_to_areas, assign_points
from tests.assets_registry.factories import AssetFactory

pytestmark = pytest.mark.django_db

# Real places (WGS84): what each must fall in.
PLACES = {
    "Ealing Broadway": ((51.5130, -0.3015), {(AreaKind.LONDON_BOROUGH, "E09000009")}),
    "Southall": ((51.5110, -0.3759), {(AreaKind.LONDON_BOROUGH, "E09000009")}),
    "Hammersmith": ((51.4927, -0.2240), {(AreaKind.LONDON_BOROUGH, "E09000013")}),
    "Baltimore City Hall": ((39.2909, -76.6108), {(AreaKind.US_COUNTY, "24510")}),
    "Towson, Baltimore County": ((39.4015, -76.6019), {(AreaKind.US_COUNTY, "24005")}),
    "Boston City Hall": ((42.3603, -71.0580), {(AreaKind.US_COUNTY, "25025")}),
    "Cambridge, Middlesex": ((42.3736, -71.1097), {(AreaKind.US_COUNTY, "25017")}),
    "Prattville, Autauga": ((32.4640, -86.4597), {(AreaKind.US_COUNTY, "01001")}),
    "Atlantic Ocean": ((38.0, -70.0), set()),
}


def codes_and_methods(links, asset) -> set[tuple[str, str]]:
    return set(links.filter(asset=asset).values_list("area__code", "method"))


def areas_of(link_rows):
    ids = {area_id for _pos, area_id, _method in link_rows}
    return {(a.kind, a.code) for a in Area.objects.filter(pk__in=ids)}


def test_point_in_polygon_on_real_boundaries(us_counties, london_boroughs):
    index = area_index()
    for name, ((lat, lon), expected) in PLACES.items():
        links = assign_points(index=index, lons=np.array([lon]), lats=np.array([lat]))
        assert areas_of(links) == expected, name


def test_assign_assets_to_areas_places_public_spaces_only(us_counties, london_boroughs):
    ealing = AssetFactory(name="Ealing hall", latitude=51.5130, longitude=-0.3015)
    baltimore = AssetFactory(
        name="Baltimore rec centre", latitude=39.2909, longitude=-76.6108, country="US", postcode="21202"
    )
    draft = AssetFactory(name="Awaiting moderation", live=False, latitude=51.5131, longitude=-0.3016)
    unlocated = AssetFactory(name="Somewhere", latitude=None, longitude=None)
    AreaAsset.objects.all().delete()  # start from nothing: the command must rebuild every link

    result = assign_assets_to_areas()

    linked = {
        (link.asset_id, link.area.kind, link.area.code) for link in AreaAsset.objects.select_related("area")
    }
    assert linked == {
        (ealing.pk, AreaKind.LONDON_BOROUGH, "E09000009"),
        (baltimore.pk, AreaKind.US_COUNTY, "24510"),
    }
    assert result.assets == 2
    assert not AreaAsset.objects.filter(asset__in=[draft, unlocated]).exists()
    again = assign_assets_to_areas()
    assert (again.created, again.removed) == (0, 0)


def test_publication_keeps_links_in_step(london_boroughs, django_capture_on_commit_callbacks):
    # Each change commits, as in production: the registry's spaces_changed places the space.
    with django_capture_on_commit_callbacks(execute=True):
        asset = AssetFactory(name="Library", latitude=51.5130, longitude=-0.3015)
    # Published through Wagtail's revisions: placed without running the command.
    assert list(asset.atlas_links.values_list("area__code", flat=True)) == ["E09000009"]
    with django_capture_on_commit_callbacks(execute=True):
        asset.unpublish()
    assert not AreaAsset.objects.filter(asset=asset).exists()
    asset.latitude, asset.longitude = 51.4927, -0.2240  # moved to Hammersmith, then approved
    with django_capture_on_commit_callbacks(execute=True):
        asset.save()
        asset.save_revision().publish()
    assert list(asset.atlas_links.values_list("area__code", flat=True)) == ["E09000013"]
    with django_capture_on_commit_callbacks(execute=True):
        Asset.objects.filter(pk=asset.pk).update(status="closed")  # no model signals ...
        spaces_changed_on_commit([asset.pk])  # ... so the writer says so
    assert list(asset.atlas_links.values_list("is_open", flat=True)) == [False]


def test_a_bulk_import_places_its_spaces_in_areas_by_itself(
    london_boroughs, tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / "partner.csv"
    path.write_text(
        "id,name,lat,lon\np1,Ealing Library,51.5130,-0.3015\np2,Hammersmith Hall,51.4927,-0.2240\n",
        encoding="utf-8",
    )
    flags = ["--id-column", "id", "--lat-column", "lat", "--lon-column", "lon", "--source", "partner"]
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "import_csv", str(path), *flags, "--trusted", "--commit", "--no-progress", stdout=io.StringIO()
        )
    assert Asset.objects.filter(data_source="partner", live=True).count() == 2
    assert set(AreaAsset.objects.values_list("asset__name", "area__code")) == {
        ("Ealing Library", "E09000009"),
        ("Hammersmith Hall", "E09000013"),
    }


def test_zip_by_postcode_then_by_nearest_centroid(us_counties, us_zips):
    by_postcode = AssetFactory(latitude=39.2946, longitude=-76.6252, country="US", postcode="21201")
    # No postcode: placed in the ZIP whose centroid is nearest (ZIP boundaries are not shipped).
    by_position = AssetFactory(latitude=39.2946, longitude=-76.6252, country="US", postcode="")
    assign_assets_to_areas()
    zip_links = AreaAsset.objects.filter(area__kind=AreaKind.US_ZIP)
    assert codes_and_methods(zip_links, by_postcode) == {("21201", AreaAsset.METHOD_POSTCODE)}
    assert codes_and_methods(zip_links, by_position) == {("21201", AreaAsset.METHOD_NEAREST)}
    # A British space is never put in a US ZIP.
    british = AssetFactory(latitude=51.5130, longitude=-0.3015)
    assign_assets_to_areas()
    assert not zip_links.filter(asset=british).exists()


def test_uk_postcode_district_by_the_space_postcode():
    from atlas.importers import UKSocialCapitalImporter
    from tests.atlas.conftest import FIXTURES

    UKSocialCapitalImporter(category="low_ses").run(
        FIXTURES / "uk_social_capital_pcd_release_layout.csv", commit=True, progress=False
    )
    in_w5 = AssetFactory(postcode="W5 2HL", latitude=51.5085, longitude=-0.3069)
    in_ss1 = AssetFactory(
        postcode="SS11AA", latitude=51.537, longitude=0.713, admin_district_code="E06000033"
    )
    assign_assets_to_areas()
    assert set(in_w5.atlas_links.values_list("area__code", "method")) == {("W5", AreaAsset.METHOD_POSTCODE)}
    assert set(in_ss1.atlas_links.values_list("area__code", "method")) == {("SS1", AreaAsset.METHOD_POSTCODE)}


def test_a_space_located_only_by_its_zip_is_in_the_zips_census_county(us_counties):
    # Brookline, MA (02445) is in Norfolk County (25021) by the Census ZCTA-county relationship,
    # but its ZCTA internal point falls inside Suffolk's (Boston's) simplified boundary.
    point = {"latitude": 42.325483, "longitude": -71.135045, "country": "US", "postcode": "02445"}
    by_zip = AssetFactory(location_precision="postcode", admin_county_code="25021", **point)
    surveyed = AssetFactory(location_precision="exact", admin_county_code="25021", **point)
    assign_assets_to_areas()
    counties = AreaAsset.objects.filter(area__kind=AreaKind.US_COUNTY)
    assert codes_and_methods(counties, by_zip) == {("25021", AreaAsset.METHOD_POSTCODE)}
    assert codes_and_methods(counties, surveyed) == {("25025", AreaAsset.METHOD_POLYGON)}
