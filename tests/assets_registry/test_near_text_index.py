"""Text near a place: the map-cell text index (migration 0005) finds exactly what the plain text
index finds within the circle, on either database, wherever the circle falls (cell edges, the
antimeridian, near a pole, every radius), and stays right when a space moves, is renamed or is
deleted."""

import random

import pytest
from geopy.distance import great_circle

from assets_registry.models import Asset, grid_row_for
from assets_registry.search_backends.base import bounding_box
from assets_registry.search_backends.database import CELLS_PER_DEGREE, box_cells, filter_text
from assets_registry.selectors import AssetFilters, asset_search, public_assets

pytestmark = pytest.mark.django_db

NOUNS = ["Choir", "Football Club", "Community Centre", "Library", "Church", "Clubhouse Café"]
PLACES = ["St Mary's", "Riverside", "Oak Tree", "Hanger Hill", "Market"]
# Centres on cell edges (multiples of 1/50, 1/10 and 1/2 degree), the antimeridian and the Arctic.
CENTRES = [(51.5, -0.3), (51.52, -0.12), (40.0, -179.999), (-33.9, 179.998), (78.2, 15.6), (0.0, 0.0)]
WORDS = ["club", "choir", "commun", "church librar", "oak", "the", "clubhouse", "zzz", "hill club"]


def make_space(rng: random.Random, i: int, centre: tuple[float, float], spread: float) -> Asset:
    lat = max(-89.9, min(89.9, centre[0] + rng.uniform(-spread, spread)))
    lon = centre[1] + rng.uniform(-spread, spread)
    lon = (lon + 180) % 360 - 180
    noun = rng.choice(NOUNS)
    asset = Asset(
        name=f"{rng.choice(PLACES)} {noun} {i}",
        description=f"{noun} for everyone nearby.",
        categories=["community_centre"],
        third_space_types=["purpose"],
        latitude=lat,
        longitude=lon,
        country="GB",
        data_source="test",
        live=True,
    )
    asset.save()
    return asset


def expected_ids(text: str, centre, radius_m: float) -> set[int]:
    """The plain text index (no cells: every match in the world), then geopy's circle."""
    rows = filter_text(public_assets().exclude(status="closed"), text).values_list(
        "id", "latitude", "longitude"
    )
    return {pk for pk, lat, lon in rows if great_circle(centre, (lat, lon)).meters <= radius_m}


@pytest.fixture
def spaces():
    rng = random.Random(5)
    made = []
    for centre in CENTRES:
        for spread in (0.01, 0.05, 0.5, 3.0):
            made += [make_space(rng, len(made), centre, spread) for _ in range(12)]
    return made


def test_box_cells_cover_every_point_of_the_box():
    rng = random.Random(9)
    covered = 0
    for _ in range(300):
        lat, lon = rng.uniform(-85, 85), rng.uniform(-180, 180)
        radius = rng.choice([100, 1000, 5000, 25_000, 200_000])
        min_lat, max_lat, lon_ranges = bounding_box(lat, lon, radius)
        cells = box_cells(min_lat, max_lat, lon_ranges)
        if cells is None:
            continue
        covered += 1
        n = int(cells[0][1 : cells[0].index("x")])
        assert n in CELLS_PER_DEGREE
        for _ in range(20):
            plat = rng.uniform(min_lat, max_lat)
            lo, hi = rng.choice(lon_ranges)
            plon = rng.uniform(lo, hi)
            for corner_lat, corner_lon in ((plat, plon), (min_lat, lo), (max_lat, hi)):
                token = f"c{n}x{int((corner_lat + 90) * n)}y{int((corner_lon + 180) * n)}"
                assert token in cells
    assert covered > 200  # most boxes have cells (None only far north/south or over ~200 km)


def test_a_5_km_box_uses_the_finest_cells():
    min_lat, max_lat, lon_ranges = bounding_box(51.5, -0.3, 5000)
    cells = box_cells(min_lat, max_lat, lon_ranges)
    assert cells and all(cell.startswith("c50x") for cell in cells)


def test_text_near_a_place_matches_the_plain_text_index_within_the_circle(spaces):
    rng = random.Random(11)
    checked = 0
    for centre in CENTRES:
        for radius_m in (100, 1000, 5000, 25_000, 200_000, 2_000_000):
            for text in rng.sample(WORDS, 4):
                filters = AssetFilters(text=text, near=centre, radius_m=radius_m)
                result = asset_search(filters=filters, per_page=5000)
                found = {asset.pk for asset, _distance in result.hits}
                assert found == expected_ids(text, centre, radius_m), (centre, radius_m, text)
                assert result.total == len(found)
                checked += bool(found)
    assert checked > 20  # most queries found something: the comparison is not vacuous


def test_moved_renamed_and_deleted_spaces_are_found_where_they_are_now(spaces):
    space = spaces[0]
    far = (55.95, -3.19)  # Edinburgh: no other space within 25 km
    space.latitude, space.longitude, space.name = far[0], far[1], "Lonely Skiffle Club"
    space.save()

    def found(text, centre):
        filters = AssetFilters(text=text, near=centre, radius_m=25_000)
        return [asset.pk for asset, _d in asset_search(filters=filters).hits]

    assert found("skiffle", far) == [space.pk]
    assert found("skiffle", CENTRES[0]) == []
    # A raw update (as an importer's bulk path may do) moves it in the text index too.
    Asset.objects.filter(pk=space.pk).update(
        latitude=CENTRES[0][0], longitude=CENTRES[0][1], grid_row=grid_row_for(CENTRES[0][0])
    )
    assert found("skiffle", far) == []
    assert found("skiffle", CENTRES[0]) == [space.pk]
    Asset.objects.filter(pk=space.pk).delete()
    assert found("skiffle", CENTRES[0]) == []


def test_postgres_lookup_puts_the_planner_settings_back(spaces):
    """The cell lookup turns parallel workers and JIT off for its own statement only, also when
    the caller is inside a transaction (PostgreSQL only: SQLite has neither)."""
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("parallel workers and JIT are PostgreSQL planner settings")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 3")
        cursor.execute("SET LOCAL jit = on")
        hits = asset_search(filters=AssetFilters(text="club", near=CENTRES[0], radius_m=5000)).hits
        cursor.execute("SELECT current_setting('max_parallel_workers_per_gather'), current_setting('jit')")
        assert cursor.fetchone() == ("3", "on")
    assert hits  # the cell lookup ran
