"""Who may do what in a coalition (the rule everywhere: admin listings, edit views, approval).

* superusers: everything;
* a coalition's **stewards** edit the coalition (vision, organisations, people), its measures,
  observations and initiatives, and approve what members submit — for their own coalitions only;
* a coalition's **members** add and edit drafts of measures, observations and initiatives of their
  own coalitions and submit them to a steward; they publish nothing;
* everyone else: nothing here (Wagtail's model permissions still apply on top: the demo's
  "Coalition stewards" and "Coalition members" groups hold them).
"""

from __future__ import annotations

from django.db.models import QuerySet

from coalitions.models import Coalition, CoalitionPerson, Observation, PersonRole, coalition_of


def _roles(user) -> dict[int, str]:
    return CoalitionPerson.objects.roles_of(user)


def user_stewards(user, coalition: Coalition | None) -> bool:
    return CoalitionPerson.objects.stewards(user, coalition)


def user_belongs_to(user, coalition: Coalition | None) -> bool:
    return coalition is not None and coalition.pk in _roles(user)


def coalition_ids_for(user, *, stewards_only: bool = False) -> list[int] | None:
    """The coalitions a user works in (None: all of them, for superusers)."""
    if getattr(user, "is_superuser", False):
        return None
    roles = _roles(user)
    return [pk for pk, role in roles.items() if not stewards_only or role == PersonRole.STEWARD]


def scope_queryset(queryset: QuerySet, user, *, stewards_only: bool = False) -> QuerySet:
    """Limit coalitions, measures, observations or initiatives to the user's coalitions."""
    ids = coalition_ids_for(user, stewards_only=stewards_only)
    if ids is None:
        return queryset
    model = queryset.model
    if model is Coalition:
        return queryset.filter(pk__in=ids)
    if model is Observation:
        return queryset.filter(measure__coalition__in=ids)
    return queryset.filter(coalition__in=ids)


def user_may_edit(user, obj) -> bool:
    """Members may edit their coalition's measures, observations and initiatives (as drafts);
    only stewards may edit the coalition itself."""
    if getattr(user, "is_superuser", False):
        return True
    coalition = coalition_of(obj)
    if isinstance(obj, Coalition):
        return user_stewards(user, coalition)
    return user_belongs_to(user, coalition)
