"""The Elasticsearch node has our analysis plugin (es-plugin/), so Wagtail's index settings work.

The node scripts/services.sh starts comes from Elasticsearch's integ-test-zip, which lacks the
analysis-common module; without es-plugin, creating any Wagtail index fails on "asciifolding".
"""

import uuid
from copy import deepcopy

import pytest
from elasticsearch import BadRequestError, Elasticsearch
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

from tests.services import elasticsearch_url, missing_service

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def es():
    url = elasticsearch_url()
    if not url:
        missing_service("ELASTICSEARCH_URL is not set (start one with `make services`)")
    client = Elasticsearch(url, request_timeout=30)
    try:
        client.cluster.health(wait_for_status="yellow", timeout="10s")
    except Exception as error:  # the client raises several kinds for "not there"
        missing_service(f"Elasticsearch at {url} is not reachable: {error}")
    yield client
    client.close()


@pytest.fixture
def wagtail_index(es):
    """An index with exactly the analysis settings Wagtail's Elasticsearch backend creates."""
    name = f"cph_test_plugin_{uuid.uuid4().hex[:8]}"
    body = deepcopy(ElasticsearchBaseSearchBackend.settings)
    body["mappings"] = {
        "properties": {
            "title": {"type": "text", "analyzer": "ngram_analyzer", "search_analyzer": "standard"},
            "prefixes": {"type": "text", "analyzer": "edgengram_analyzer", "search_analyzer": "standard"},
        }
    }
    es.indices.create(index=name, **body)
    yield name
    es.indices.delete(index=name, ignore_unavailable=True)


def tokens(es, index=None, **body) -> list[str]:
    return [t["token"] for t in es.indices.analyze(index=index, **body)["tokens"]]


def test_node_reports_the_plugin(es):
    components = {row["component"] for row in es.cat.plugins(format="json")}
    assert "cph-analysis" in components


def test_wagtail_analyzers_fold_accents_and_make_grams(es, wagtail_index):
    assert tokens(es, wagtail_index, analyzer="edgengram_analyzer", text="Café Hub") == [
        "c", "ca", "caf", "cafe", "h", "hu", "hub",
    ]  # fmt: skip
    assert tokens(es, wagtail_index, analyzer="ngram_analyzer", text="Zürich")[:3] == ["zur", "zuri", "zuric"]


def test_wagtail_index_finds_prefixes_without_accents(es, wagtail_index):
    es.index(index=wagtail_index, id="1", document={"prefixes": "Community café, Ealing"}, refresh=True)
    es.index(index=wagtail_index, id="2", document={"prefixes": "Boston library"}, refresh=True)
    hits = es.search(index=wagtail_index, query={"match": {"prefixes": "comm cafe"}})["hits"]["hits"]
    assert [hit["_id"] for hit in hits] == ["1"]


@pytest.mark.parametrize(
    ("stemmer", "expected"),
    [
        ({"type": "stemmer", "language": "english"}, ["commun", "volunt"]),
        ({"type": "stemmer", "language": "light_english"}, ["community", "volunteer"]),
        ({"type": "stemmer", "language": "minimal_english"}, ["community", "volunteering"]),
        ("porter_stem", ["commun", "volunt"]),
        ("kstem", ["community", "volunteer"]),
    ],
)
def test_english_stemmers(es, stemmer, expected):
    text = "Communities volunteering"
    assert tokens(es, tokenizer="standard", filter=["lowercase", stemmer], text=text) == expected


def test_english_analyzer_drops_stop_words_and_possessives(es):
    assert tokens(es, analyzer="english", text="The community's libraries") == ["commun", "librari"]


def test_ngram_tokenizer_splits_on_token_chars(es):
    tokenizer = {"type": "edge_ngram", "min_gram": 2, "max_gram": 3, "token_chars": ["letter", "digit"]}
    assert tokens(es, tokenizer=tokenizer, text="W5 2HA") == ["W5", "2H", "2HA"]


def test_ngram_respects_max_ngram_diff(es):
    too_wide = {"type": "ngram", "min_gram": 1, "max_gram": 5}  # the default index.max_ngram_diff is 1
    with pytest.raises(BadRequestError, match="max_ngram_diff"):
        es.indices.analyze(tokenizer="standard", filter=[too_wide], text="x")


def test_unknown_stemmer_language_is_a_clear_error(es):
    klingon = {"type": "stemmer", "language": "klingon"}
    with pytest.raises(BadRequestError, match="not available"):
        es.indices.analyze(tokenizer="standard", filter=[klingon], text="x")
