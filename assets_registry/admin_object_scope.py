"""Admin views about one object refuse the objects a user may not touch (any viewset's rule).

Wagtail's snippet viewsets filter listings through ``get_queryset``, but the views about one
object (edit, history, revisions, workflow, lock, usage, delete, preview) look the object up by
its pk themselves. ``ObjectScopedViews`` wraps each of those URL patterns: the object is read
first and, when ``user_may_access(user, obj)`` says no, the answer is 403. Used by the registry's
area-scoped viewsets and the coalitions' coalition-scoped ones.
"""

from __future__ import annotations

import functools

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import URLPattern


class ObjectScopedViews:
    """Mix into a ``SnippetViewSet`` and define ``user_may_access(user, obj) -> bool``."""

    def user_may_access(self, user, obj) -> bool:
        raise NotImplementedError

    def get_urlpatterns(self):
        return [self._scoped(pattern) for pattern in super().get_urlpatterns()]

    def _scoped(self, pattern):
        if "pk" not in str(pattern.pattern):  # "edit/<str:pk>/", "history/(?P<pk>.+)/…"
            return pattern
        view, model = pattern.callback, self.model

        @functools.wraps(view)
        def scoped_view(request, *args, **kwargs):
            try:
                obj = model.objects.filter(pk=unquote(str(kwargs.get("pk", "")))).first()
            except (ValueError, ValidationError):
                obj = None  # the view itself answers 404
            if obj is not None and not self.user_may_access(request.user, obj):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return URLPattern(pattern.pattern, scoped_view, pattern.default_args, pattern.name)
