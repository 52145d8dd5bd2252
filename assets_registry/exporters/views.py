"""Download views: CSV of any search, GeoJSON of any search or of everything. Streamed.

Thin: filters come from ``selectors.filters_from_params`` (the list page's parser, so the file
matches what the resident sees), rows from ``exporters.rows``.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from assets_registry import selectors
from assets_registry.exporters import csv_export, geojson
from assets_registry.exporters.rows import public_row_chunks


def _filters_or_error(request: HttpRequest):
    try:
        return selectors.filters_from_params(request.GET), None
    except selectors.FilterError as error:
        return None, JsonResponse({"errors": error.errors}, status=400)


def _download(chunks, *, content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse((piece.encode("utf-8") for piece in chunks), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def spaces_csv(request: HttpRequest) -> HttpResponse:
    """``/spaces.csv``: the spaces find-a-space lists for the same query parameters."""
    filters, error = _filters_or_error(request)
    if error:
        return error
    columns = csv_export.COLUMNS + (("distance_m",) if filters.near else ())
    chunks = public_row_chunks(filters, base_url=request.build_absolute_uri("/"))
    return _download(
        csv_export.csv_chunks(chunks, columns=columns),
        content_type=csv_export.MEDIA_TYPE,
        filename="spaces.csv",
    )


@require_GET
def spaces_export_geojson(request: HttpRequest) -> HttpResponse:
    """``/spaces/export.geojson``: every published space (closed ones too, with their status); with
    query parameters, the spaces find-a-space lists for them (no 2,000-feature cap, unlike the map feed)."""
    filters = None
    if request.GET:
        filters, error = _filters_or_error(request)
        if error:
            return error
    chunks = public_row_chunks(filters, base_url=request.build_absolute_uri("/"))
    members = {"name": "Connected Places Hub spaces"}
    body = geojson.feature_collection_chunks(chunks, members=members)
    return _download(body, content_type=geojson.MEDIA_TYPE, filename="spaces.geojson")
