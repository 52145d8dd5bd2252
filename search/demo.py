"""`manage.py load_demo` step for search: runs last, after every other app's demo content.

1. Wagtail's search index (``update_index``: the database backend, and Elasticsearch when
   configured). An atomic rebuild, so running it twice gives the same index.
2. The Elasticsearch find-a-space index, when this deployment keeps one
   (``ASSET_INDEX_AUTO_UPDATE``): a fresh build swapped in with its alias.
3. Two editors' search promotions, so the demo shows promoted results (created only when
   missing; an editor's changes stay).
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.management import call_command

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from toolkits.models import ToolkitPage

PROMOTIONS = [
    (
        "bridging",
        "Audit your third spaces for bridging",
        "Start here: check who your third spaces bring together.",
    ),
    ("evaluation", "Measure connection: a simple evaluation plan", "A plan you can run with volunteers."),
]


def load(*, stdout) -> None:
    out = io.StringIO()
    call_command("update_index", stdout=out, verbosity=1)
    stdout.write("  Wagtail search index: " + (out.getvalue().strip().splitlines() or ["updated"])[-1])

    if settings.ELASTICSEARCH_URL and getattr(settings, "ASSET_INDEX_AUTO_UPDATE", False):
        from assets_registry.search_backends import elasticsearch_index

        result = elasticsearch_index.rebuild(progress=True)
        stdout.write(f"  Find-a-space index: {result.indexed} spaces in {result.index}")

    for query_string, title, description in PROMOTIONS:
        page = ToolkitPage.objects.live().filter(title=title).first()
        if page is None:
            continue
        query = Query.get(query_string)
        if not SearchPromotion.objects.filter(query=query, page=page).exists():
            SearchPromotion.objects.create(query=query, page=page, description=description, sort_order=0)
    stdout.write(f"  Search promotions for: {', '.join(q for q, _t, _d in PROMOTIONS)}")
