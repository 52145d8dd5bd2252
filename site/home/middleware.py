from csp.middleware import CSPMiddleware

from django.http import HttpResponseBadRequest, JsonResponse

from home.security_headers import ADMIN_EXTRA

NUL_MESSAGE = "The address contains a NUL character, which no search or filter accepts."


class RejectNulQueryMiddleware:
    """Answer 400 to query strings carrying NUL bytes.

    PostgreSQL text cannot hold NUL, so such a parameter reaching any query would be a 500; forms
    already refuse it, but search boxes and filters read request.GET directly.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in value for _, values in request.GET.lists() for value in values):
            if request.path.startswith("/api/"):
                # The APIs document JSON errors in django-ninja's shape.
                return JsonResponse({"detail": NUL_MESSAGE}, status=400)
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class SiteAndAdminCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, adding ``security_headers.ADMIN_EXTRA`` to the policy on the
    admin's pages (the site's policy everywhere else)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and ADMIN_EXTRA and request.path.startswith("/admin/"):
            parts.update = {**(parts.update or {}), **ADMIN_EXTRA}
        return parts
