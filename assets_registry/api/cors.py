"""Open CORS for reading the open data: any web page may GET the API and the downloads.

A few lines instead of django-cors-headers: we need one fixed policy (any origin, GET/HEAD only,
no credentials) on a few public paths, not per-origin configuration; fewer moving parts.
Nothing here is personal or behind a login, and no cookies are honoured cross-origin
(``Access-Control-Allow-Origin: *`` forbids credentials), so CSRF and sessions are unaffected.
"""

from __future__ import annotations

from django.http import HttpResponse

OPEN_DATA_PATHS = ("/api/", "/spaces.geojson", "/spaces.csv", "/spaces/export.geojson")
READ_METHODS = ("GET", "HEAD")
PREFLIGHT_MAX_AGE = 86400


def is_open_data_path(path: str) -> bool:
    return path.startswith(OPEN_DATA_PATHS)


class ReadOnlyCorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_open_data_path(request.path):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Language"
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
            response["Access-Control-Allow-Origin"] = "*"
            return response
        response = self.get_response(request)
        if request.method in READ_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
        return response
