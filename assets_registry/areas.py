"""The areas a moderator looks after: local authority and county codes (a plain value type).

``ModeratorScope.objects.areas_for(user)`` builds one from a user's scopes; ``moderation`` applies
it to listings, edit views and the permission policy.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Areas:
    district_codes: frozenset[str]
    county_codes: frozenset[str]

    def covers(self, district_code: str, county_code: str) -> bool:
        return bool(
            (district_code and district_code in self.district_codes)
            or (county_code and county_code in self.county_codes)
        )

    def covers_object(self, obj) -> bool:
        """Whether an asset (or a suggestion, which copies its asset's codes) lies in these areas."""
        return self.covers(getattr(obj, "admin_district_code", ""), getattr(obj, "admin_county_code", ""))

    def q(self) -> Q:
        return Q(admin_district_code__in=self.district_codes) | Q(admin_county_code__in=self.county_codes)
