"""The search page's preview of spaces (newest first, counted up to a limit, no facet counts)
gives the same page and count as the full search, however it is found.

On PostgreSQL ``postgres_newest`` chooses between walking the newest ids and asking the text
index, from how often the words match among the newest ids; its sizes are made small here so
that 300 spaces take every way through it: a probe that is enough, a longer walk, the index
listing every match, the index counting past the limit with the page from the walk, and a page
none of the newest ids holds. On SQLite the same checks run through ``sqlite_newest``."""

import pytest

from assets_registry.models import Asset
from assets_registry.search_backends import postgres_newest
from assets_registry.search_backends.hints import counting_up_to, without_facet_counts
from assets_registry.selectors import AssetFilters, asset_search

pytestmark = pytest.mark.django_db

WORDS = ["choir", "skiffle", "zumba", "ceilidh", "choir skiffle", "and skiffle choir", "choi", "nothing"]


def words_of(i: int) -> list[str]:
    words = []
    if i % 2 == 0:
        words.append("Choir")  # half of them, everywhere
    if i < 40:
        words.append("Skiffle")  # only the oldest
    if i >= 280:
        words.append("Zumba")  # only the newest
    if i % 37 == 0:
        words.append("Ceilidh")  # rare, spread out
    return words


@pytest.fixture
def spaces():
    for i in range(300):
        Asset(
            name=f"Hall {i} {' '.join(words_of(i))}",
            description="Neighbours meet here.",
            categories=["arts_club" if i % 3 else "community_centre"],
            third_space_types=["activity"],
            latitude=51.5,
            longitude=-0.3,
            country="GB",
            data_source="test",
            live=i % 50 != 7,  # a few drafts
            status="closed" if i % 50 == 9 else "active",
        ).save()


@pytest.fixture(params=["probe only", "walk", "walk cut short"])
def sizes(request, monkeypatch):
    probe, walk = {"probe only": (20, 20), "walk": (20, 200), "walk cut short": (20, 60)}[request.param]
    monkeypatch.setattr(postgres_newest, "PROBE_IDS", probe)
    monkeypatch.setattr(postgres_newest, "MAX_WALK_IDS", walk)
    monkeypatch.setattr(postgres_newest, "MIN_PROBE_MATCHES", 3)


def test_preview_is_the_newest_page_and_the_count_up_to_the_limit(spaces, sizes):
    for text in WORDS:
        for categories in [(), ("arts_club",)]:
            filters = AssetFilters(text=text, sort="newest", categories=categories)
            every = asset_search(filters=filters, per_page=1000)  # the full search, counting all
            ids = [asset.pk for asset, _ in every.hits]
            assert len(ids) == every.total
            for limit in (2, 10, 60, 500):
                for page in (1, 2):
                    with without_facet_counts(), counting_up_to(limit):
                        preview = asset_search(filters=filters, page=page, per_page=5)
                    case = (text, categories, limit, page)
                    assert [asset.pk for asset, _ in preview.hits] == ids[(page - 1) * 5 : page * 5], case
                    assert preview.total == min(every.total, limit), case
                    assert preview.total_is_lower_bound == (every.total > limit), case
