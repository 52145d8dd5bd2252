"""Judging the one search against relevance.yaml: what a visitor meets, in page order, and the
scores (hits@3, MRR). Shared by test_relevance.py and bench/relevance.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from django.http import QueryDict

from search.selectors import parse_query, site_search

JUDGEMENTS = yaml.safe_load((Path(__file__).parent / "relevance.yaml").read_text())
TOP = 10


def page_order(results) -> list:
    """The results in the order the page shows them (templates/search/search.html)."""
    if results.query.section:
        return list(results.hits)
    spaces, pages = list(results.spaces_preview), list(results.hits)
    return list(results.promotions) + (spaces + pages if results.location_label else pages + spaces)


def describe(hit) -> dict | None:
    if hit is None:
        return None
    return {"kind": hit.kind, "title": hit.obj.name if hit.kind == "space" else hit.obj.title}


@dataclass
class Outcome:
    judgement: dict
    shown: list[dict]  # the first TOP results, described
    fallback: str  # "" when the backend answered; else the page's fallback that did

    @property
    def first(self) -> dict | None:
        return self.shown[0] if self.shown else None

    @property
    def relevant(self) -> list[dict]:
        if "relevant" in self.judgement:
            return self.judgement["relevant"]
        return [self.judgement["first"]] if self.judgement.get("first") else []

    @property
    def rank(self) -> int | None:
        """1-based position of the first relevant result in the top TOP, None if none is there."""
        return next((i for i, hit in enumerate(self.shown, 1) if hit in self.relevant), None)

    @property
    def label(self) -> str:
        return " / ".join(
            f"{k}={self.judgement[k]!r}" for k in ("q", "location", "section") if self.judgement.get(k)
        )


def run(judgement: dict) -> Outcome:
    params = QueryDict(mutable=True)
    for name in ("q", "location", "section"):
        if judgement.get(name):
            params[name] = str(judgement[name])
    results = site_search(query=parse_query(params))
    fallback = "spelling correction" if results.corrected_from else "any words" if results.any_words else ""
    return Outcome(judgement, [describe(hit) for hit in page_order(results)[:TOP]], fallback)


def scores(outcomes: list[Outcome]) -> dict[str, float]:
    """hits@3 and MRR over the judgements that have something relevant to find."""
    judged = [o for o in outcomes if o.relevant]
    ranks = [o.rank for o in judged]
    return {
        "queries": len(judged),
        "hits@3": sum(1 for r in ranks if r and r <= 3) / len(judged),
        "mrr": sum(1 / r for r in ranks if r) / len(judged),
    }
