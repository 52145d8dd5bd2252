"""The API reference pages (/api/v1/docs, /api/hsds/docs): each API's OpenAPI description rendered
on the server in the site's own template, in place of django-ninja's Swagger UI.

Why not Swagger UI or Redoc: both draw the page in the browser (nothing without JavaScript), are
960+ px wide, and bring their own accessibility faults (axe: contrast, no ``lang``, nested
controls). A server-rendered page carries the site's header and footer, reflows at 320 px and
needs no script; the machine-readable description stays at openapi.json.
"""

from ninja.openapi.docs import DocsBase

from django.shortcuts import render

from config.openapi_reference import openapi_reference


class ApiReferencePage(DocsBase):
    template = "api/docs.html"

    def render_page(self, request, api, **kwargs):
        reference = openapi_reference(api.get_openapi_schema(path_params=kwargs))
        context = {
            "title": f"{reference.title}: reference",
            "reference": reference,
            "openapi_url": self.get_openapi_url(api, kwargs),
            "site_root": request.build_absolute_uri("/").rstrip("/"),
        }
        return render(request, self.template, context)
