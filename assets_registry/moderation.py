"""Who may moderate what: moderators scoped to areas (local authority or county).

The rule, everywhere (snippet listings, edit views, workflow actions, the moderation queue):

* superusers moderate everything;
* a user with one or more ``ModeratorScope`` rows (their own or their groups') moderates only
  assets whose ``admin_district_code`` or ``admin_county_code`` is one of those areas, and the
  suggestions and closure reports about them;
* a user with no scope at all is not area-limited (site staff); Wagtail's ordinary model
  permissions still decide what they may do.

Which areas a user has is read by ``ModeratorScope.objects`` (the workflow task,
``AreaApprovalTask``, uses it there); this module applies it to listings, views and Wagtail's
permission policy.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from wagtail.permission_policies import ModelPermissionPolicy

from assets_registry.areas import Areas
from assets_registry.models import ModeratorScope


def user_areas(user) -> Areas | None:
    """The areas ``user`` is limited to, or None when they are not area-limited."""
    return ModeratorScope.objects.areas_for(user)


def scope_queryset(queryset: QuerySet, user) -> QuerySet:
    """Limit a queryset of assets or suggestions to the user's areas."""
    areas = user_areas(user)
    return queryset if areas is None else queryset.filter(areas.q())


def user_can_moderate_object(user, obj) -> bool:
    return ModeratorScope.objects.user_can_moderate(user, obj)


class AreaScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, then the area rule for every instance-level check."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and user_can_moderate_object(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return scope_queryset(super().instances_user_has_any_permission_for(user, actions), user)


def assets_user_may_see(user) -> QuerySet:
    """What a chooser may offer ``user``: every public space, and the unpublished ones they may
    moderate (their areas). A Fellow choosing a space for a case study sees public spaces only.
    (Built from the search index's filter fields, so a chooser's search can use it.)"""
    from assets_registry.models import Asset

    if not AreaScopedPermissionPolicy(Asset).user_has_permission(user, "change"):
        return Asset.objects.filter(live=True)
    areas = user_areas(user)
    return Asset.objects.all() if areas is None else Asset.objects.filter(Q(live=True) | areas.q())
