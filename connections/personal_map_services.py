"""Writes for a resident's map: save under a private link and passphrase, open, change, delete,
and the optional suggestion of a missing place to the registry.

Nothing here logs the answers, the link or the passphrase. Wrong passphrases are limited per
link and per client through the registry's database-backed rate limit, which every server
process shares (assets_registry.spam.rate_limit_take).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import F

from assets_registry.services import asset_submit
from assets_registry.spam import rate_limit_take
from connections.answers import Answers
from connections.models import PersonalMap
from geocoding.exceptions import InvalidLocation

OPEN_SCOPE = "map-open"
SUGGEST_SCOPE = "map-suggest"
SUGGESTION_DESCRIPTION = "Suggested by a resident making their connection map: a place where people meet."


class MapGone(Exception):
    """No saved map has this link (never saved, or deleted)."""


class TooManyAttempts(Exception):
    def __init__(self, retry_after_minutes: int):
        super().__init__("too many attempts")
        self.retry_after_minutes = retry_after_minutes


class WrongPassphrase(Exception):
    pass


def personal_map_save(*, answers: Answers, district: str, passphrase: str) -> PersonalMap:
    """Store the map under a new private link (43 URL-safe characters: 256 random bits)."""
    return PersonalMap.objects.create(
        token=secrets.token_urlsafe(32),
        passphrase_hash=make_password(passphrase),
        answers=answers.as_json(),
        postcode_district=district[:8],
    )


def personal_map_open(*, token: str, passphrase: str, address: str) -> PersonalMap:
    """The saved map, when the passphrase is right. Raises MapGone, TooManyAttempts or
    WrongPassphrase. Every try takes a slot, per link and per client, before the hash is checked."""
    saved = PersonalMap.objects.filter(token=token).first()
    if saved is None:
        raise MapGone
    for key, who in ((f"{OPEN_SCOPE}:{saved.pk}", "link"), (OPEN_SCOPE, address)):
        slot = rate_limit_take(scope=key, address=who)
        if not slot.allowed:
            raise TooManyAttempts(slot.retry_after_minutes)
    if not check_password(passphrase, saved.passphrase_hash):
        PersonalMap.objects.filter(pk=saved.pk).update(failed_attempts=F("failed_attempts") + 1)
        raise WrongPassphrase
    return saved


def personal_map_update(*, saved: PersonalMap, answers: Answers, district: str) -> PersonalMap:
    saved.answers = answers.as_json()
    saved.postcode_district = district[:8]
    saved.failed_attempts = 0
    saved.save(update_fields=["answers", "postcode_district", "failed_attempts", "updated_at"])
    return saved


def personal_map_seen(saved: PersonalMap) -> int:
    """Reset the failed-attempt count once the owner opens the map; returns what it was."""
    failed = saved.failed_attempts
    if failed:
        PersonalMap.objects.filter(pk=saved.pk).update(failed_attempts=0)
    return failed


def personal_map_delete(*, token: str) -> bool:
    """Delete the row (answers, district, hash and all). True when there was one."""
    with transaction.atomic():
        deleted, _ = PersonalMap.objects.filter(token=token).delete()
    return bool(deleted)


@dataclass(frozen=True)
class Suggested:
    sent: bool
    retry_after_minutes: int = 0


def place_suggest(*, name: str, district: str, address: str) -> Suggested:
    """Send a place missing from the registry through its own submission path (a moderated draft).
    Only the name and district go: nothing about the resident or their map."""
    slot = rate_limit_take(scope=SUGGEST_SCOPE, address=address)
    if not slot.allowed:
        return Suggested(False, slot.retry_after_minutes)
    fields = {"name": name[:200], "description": SUGGESTION_DESCRIPTION, "postcode": district}
    try:
        asset_submit(fields=fields)
    except InvalidLocation:
        asset_submit(fields=fields | {"postcode": ""})
    return Suggested(True)
