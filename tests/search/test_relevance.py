"""The judged queries of relevance.yaml, on every backend (see that file for the rules)."""

from __future__ import annotations

import json
import os

import pytest

from django.db import connection

from tests.geocoding.gazetteer_fixture import load_fixture_gazetteer

from .corpus import build_corpus
from .relevance import JUDGEMENTS, run, scores

pytestmark = pytest.mark.django_db
HITS_AT_3_TARGET = 0.95


def backend_key(search_backend) -> str:
    return "elasticsearch" if search_backend.is_elasticsearch else connection.vendor


def test_the_judged_set_is_big_enough():
    assert len(JUDGEMENTS) >= 50
    assert all("q" in j and ("first" in j or j.get("relevant")) for j in JUDGEMENTS)
    in_own_words = [j for j in JUDGEMENTS if "relevant" in j]
    assert len(in_own_words) >= 25


def test_judged_queries_rank_the_right_result_first(search_backend):
    load_fixture_gazetteer()
    build_corpus()
    search_backend.index()
    key = backend_key(search_backend)

    outcomes = [run(judgement) for judgement in JUDGEMENTS]
    problems = []
    for outcome in outcomes:
        judgement = outcome.judgement
        if "first" not in judgement:
            continue
        ok = outcome.first == judgement["first"]
        expected_to_fail = key in (judgement.get("expected_failures") or {})
        via = judgement.get("via") or {}
        declared = via.get(key) or via.get("all") or ""
        if expected_to_fail and ok:
            problems.append(f"{outcome.label}: now passes on {key}; remove its expected failure")
        elif not expected_to_fail and not ok:
            problems.append(f"{outcome.label}: expected {judgement['first']}, got {outcome.first}")
        elif ok and outcome.first is not None and not declared.startswith(outcome.fallback):
            how = outcome.fallback or "the backend itself"
            problems.append(f"{outcome.label}: on {key} it passes via {how}; say so in `via`")

    score = scores(outcomes)
    misses = [
        f"{o.label}: top 3 {o.shown[:3]}" for o in outcomes if o.relevant and not (o.rank and o.rank <= 3)
    ]
    if report := os.environ.get("CPH_RELEVANCE_REPORT"):  # bench/relevance.py collects these
        with open(report, "a") as out:
            out.write(json.dumps({"backend": key, **score, "misses": misses}) + "\n")
    if score["hits@3"] < HITS_AT_3_TARGET:
        problems.append(
            f"hits@3 {score['hits@3']:.3f} < {HITS_AT_3_TARGET}; misses:\n  " + "\n  ".join(misses)
        )
    assert not problems, f"on {key}:\n" + "\n".join(problems)
