from django.http import HttpResponseBadRequest, JsonResponse

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
