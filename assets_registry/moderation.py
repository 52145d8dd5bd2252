"""Who may moderate what: moderators scoped to areas (local authority or county).

The rule, everywhere (snippet listings, edit views, workflow actions, the moderation queue):

* superusers moderate everything;
* a user with one or more ``ModeratorScope`` rows (their own or their groups') moderates only
  assets whose ``admin_district_code`` or ``admin_county_code`` is one of those areas, and the
  suggestions and closure reports about them;
* a user with no scope at all is not area-limited (site staff); Wagtail's ordinary model
  permissions still decide what they may do.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from wagtail.permission_policies import ModelPermissionPolicy


@dataclass(frozen=True)
class Areas:
    district_codes: frozenset[str]
    county_codes: frozenset[str]

    def covers(self, district_code: str, county_code: str) -> bool:
        return bool(
            (district_code and district_code in self.district_codes)
            or (county_code and county_code in self.county_codes)
        )

    def q(self) -> Q:
        return Q(admin_district_code__in=self.district_codes) | Q(admin_county_code__in=self.county_codes)


def user_areas(user) -> Areas | None:
    """The areas ``user`` is limited to, or None when they are not area-limited."""
    from assets_registry.models import ModeratorScope

    if not getattr(user, "is_authenticated", False):
        return Areas(frozenset(), frozenset())
    if user.is_superuser:
        return None
    cached = getattr(user, "_moderator_areas", False)
    if cached is not False:
        return cached
    rows = list(
        ModeratorScope.objects.filter(Q(user=user) | Q(group__in=user.groups.all())).values_list(
            "admin_district_code", "admin_county_code"
        )
    )
    areas = None
    if rows:
        areas = Areas(
            frozenset(d for d, _c in rows if d),
            frozenset(c for _d, c in rows if c),
        )
    user._moderator_areas = areas
    return areas


def scope_queryset(queryset: QuerySet, user) -> QuerySet:
    """Limit a queryset of assets or suggestions to the user's areas."""
    areas = user_areas(user)
    return queryset if areas is None else queryset.filter(areas.q())


def user_can_moderate_object(user, obj) -> bool:
    areas = user_areas(user)
    if areas is None:
        return True
    district = getattr(obj, "admin_district_code", "")
    county = getattr(obj, "admin_county_code", "")
    return areas.covers(district, county)


def task_states_in_scope(task_states: QuerySet, user) -> QuerySet:
    """Keep the task states whose asset or suggestion lies in the user's areas."""
    from assets_registry.models import Asset, AssetSuggestion

    areas = user_areas(user)
    if areas is None:
        return task_states
    by_type: dict[int, list[tuple[int, str]]] = {}
    for pk, content_type_id, object_id in task_states.values_list(
        "pk", "workflow_state__base_content_type_id", "workflow_state__object_id"
    ):
        by_type.setdefault(content_type_id, []).append((pk, object_id))
    allowed: list[int] = []
    for model in (Asset, AssetSuggestion):
        rows = by_type.get(ContentType.objects.get_for_model(model).pk, [])
        ids = {int(object_id) for _pk, object_id in rows if object_id.isdigit()}
        ok = {
            str(pk) for pk in model.objects.filter(pk__in=ids).filter(areas.q()).values_list("pk", flat=True)
        }
        allowed += [pk for pk, object_id in rows if object_id in ok]
    return task_states.filter(pk__in=allowed)


class AreaScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, then the area rule for every instance-level check."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and user_can_moderate_object(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return scope_queryset(super().instances_user_has_any_permission_for(user, actions), user)
