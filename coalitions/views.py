"""The public pages of coalitions (docs/impact.md, "Pages"): thin views over ``coalitions.selectors``.

Everything is complete without JavaScript: charts are SVG drawn here (``coalitions.charts``) with
the same numbers in a table beside each. Only live measures and observations reach these pages
and downloads; people appear by name and role, never by e-mail address.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from coalitions import charts, downloads, selectors
from coalitions.annual_summary import annual_summary, summary_years
from coalitions.models import CoalitionPerson, PersonRole
from coalitions.selectors import CoalitionPage, MeasureSeries
from coalitions.value_tables import values_table_rows


@dataclass(frozen=True)
class MeasureView:
    """A measure with its chart, ready for a template."""

    series: MeasureSeries
    chart: str
    band: charts.Band | None

    @property
    def anchor(self) -> str:
        return f"measure-{self.series.measure_id}"

    @property
    def table_rows(self) -> str:
        return values_table_rows(self.series)


def _measure_views(page: CoalitionPage, *, prefix: str) -> list[MeasureView]:
    views = []
    for series in page.measures:
        band = charts.chart_band(series)
        data = charts.series_chart_data(series, chart_id=f"{prefix}-{series.measure_id}", band=band)
        views.append(MeasureView(series=series, chart=charts.measure_chart(data), band=band))
    return views


def _page_or_404(slug: str) -> CoalitionPage:
    page = selectors.coalition_page(slug)
    if page is None:
        raise Http404("No coalition has this address.")
    return page


def display_name(user) -> str:
    """A person's public name: their full name, never an e-mail address (a username that is
    one is not shown)."""
    full = user.get_full_name().strip()
    if full:
        return full
    username = user.get_username()
    return username if "@" not in username else ""


def _people(page: CoalitionPage) -> dict[str, list[dict]]:
    people = {PersonRole.STEWARD: [], PersonRole.MEMBER: []}
    rows = CoalitionPerson.objects.filter(coalition=page.coalition).select_related("user")
    for person in rows:
        name = display_name(person.user) or "A member (name not shown)"
        people[person.role].append({"name": name, "organisation": person.organisation})
    return people


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    cards = selectors.public_coalitions()
    return render(request, "coalitions/index.html", {"title": "Coalitions", "cards": cards})


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = _page_or_404(slug)
    context = {
        "title": page.coalition.name,
        "page_data": page,
        "coalition": page.coalition,
        "measures": _measure_views(page, prefix="chart"),
        "people": _people(page),
        "summary_year": timezone.localdate().year,
    }
    return render(request, "coalitions/detail.html", context)


@require_GET
def impact(request: HttpRequest, slug: str) -> HttpResponse:
    page = _page_or_404(slug)
    context = {
        "title": f"{page.coalition.name}: impact",
        "page_data": page,
        "coalition": page.coalition,
        "measures": _measure_views(page, prefix="impact"),
        "summary_year": timezone.localdate().year,
    }
    return render(request, "coalitions/impact.html", context)


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def impact_csv(request: HttpRequest, slug: str) -> HttpResponse:
    page = _page_or_404(slug)
    body = (piece.encode("utf-8") for piece in downloads.impact_csv(page))
    response = StreamingHttpResponse(body, content_type="text/csv; charset=utf-8")
    return _attachment(response, f"{page.coalition.slug}-impact.csv")


@require_GET
def impact_json(request: HttpRequest, slug: str) -> HttpResponse:
    page = _page_or_404(slug)
    data = downloads.impact_json(page, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
    return _attachment(response, f"{page.coalition.slug}-impact.json")


@require_GET
def summary_latest(request: HttpRequest, slug: str) -> HttpResponse:
    page = _page_or_404(slug)
    year = summary_years(page, today=timezone.localdate())[-1]
    return redirect("coalitions:summary", slug=slug, year=year)


@require_GET
def summary(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    page = _page_or_404(slug)
    today = timezone.localdate()
    result = annual_summary(page, year, today=today)
    if result is None:  # year 0, a year to come, one before anything was dated: say which exist
        context = {"title": "No summary for that year", "coalition": page.coalition}
        context["years"] = summary_years(page, today=today)
        return render(request, "coalitions/summary_missing.html", context, status=404)
    measures = {m.series.measure_id: m for m in _measure_views(page, prefix="summary")}
    context = {
        "title": f"{page.coalition.name}: {year} summary",
        "page_data": page,
        "coalition": page.coalition,
        "summary": result,
        "rows": [(item, measures[item.series.measure_id]) for item in result.measures],
    }
    return render(request, "coalitions/summary.html", context)


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    shared = selectors.shared_measures_across_coalitions()
    toolkits: dict[int, dict] = {}
    for measure in shared:
        for row in measure.rows:
            entry = toolkits.setdefault(row.coalition.pk, {"coalition": row.coalition, "toolkits": {}})
            for toolkit in row.toolkits:
                entry["toolkits"][toolkit.pk] = toolkit
    context = {
        "title": "Compare coalitions",
        "shared": shared,
        "toolkits": [
            {"coalition": e["coalition"], "toolkits": list(e["toolkits"].values())} for e in toolkits.values()
        ],
    }
    return render(request, "coalitions/compare.html", context)
