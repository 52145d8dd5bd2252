"""The judged queries of relevance.yaml, on every backend (see that file for the rules)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from django.db import connection
from django.http import QueryDict

from search.selectors import parse_query, site_search
from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer

from .corpus import build_corpus

JUDGEMENTS = yaml.safe_load((Path(__file__).parent / "relevance.yaml").read_text())

pytestmark = pytest.mark.django_db


def backend_key(search_backend) -> str:
    return "elasticsearch" if search_backend.is_elasticsearch else connection.vendor


def first_result(results):
    """What a visitor sees first: promoted, nearest space (with a place), best page, first space."""
    if results.promotions:
        return results.promotions[0]
    if results.query.section:
        return results.hits[0] if results.hits else None
    if results.location_label and results.spaces_preview:
        return results.spaces_preview[0]
    if results.hits:
        return results.hits[0]
    return results.spaces_preview[0] if results.spaces_preview else None


def describe(hit) -> dict | None:
    if hit is None:
        return None
    return {"kind": hit.kind, "title": hit.obj.name if hit.kind == "space" else hit.obj.title}


def run(judgement: dict) -> tuple[dict | None, str]:
    """(the first result, the page's fallback that produced it: "" when the backend did)."""
    params = QueryDict(mutable=True)
    for name in ("q", "location", "section"):
        if judgement.get(name):
            params[name] = judgement[name]
    results = site_search(query=parse_query(params))
    fallback = "spelling correction" if results.corrected_from else "any words" if results.any_words else ""
    return describe(first_result(results)), fallback


def test_the_judged_set_is_big_enough():
    assert len(JUDGEMENTS) >= 20
    assert all("q" in j and "first" in j for j in JUDGEMENTS)


def test_judged_queries_rank_the_right_result_first(search_backend):
    load_fixture_gazetteer()
    build_corpus()
    search_backend.index()
    key = backend_key(search_backend)

    problems = []
    for judgement in JUDGEMENTS:
        got, fallback = run(judgement)
        ok = got == judgement["first"]
        expected_to_fail = key in (judgement.get("expected_failures") or {})
        via = judgement.get("via") or {}
        declared = via.get(key) or via.get("all") or ""
        label = " / ".join(f"{k}={judgement[k]!r}" for k in ("q", "location", "section") if judgement.get(k))
        if expected_to_fail and ok:
            problems.append(f"{label}: now passes on {key}; remove its expected failure")
        elif not expected_to_fail and not ok:
            problems.append(f"{label}: expected {judgement['first']}, got {got}")
        elif ok and got is not None and not declared.startswith(fallback):
            how = fallback or "the backend itself"
            problems.append(f"{label}: on {key} it passes via {how}; say so in `via`")
    assert not problems, f"on {key}:\n" + "\n".join(problems)
