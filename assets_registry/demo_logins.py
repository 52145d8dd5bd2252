"""The demo's accounts that can sign in, and how the demo prints them: one helper for every app.

Each demo that prints logins (the admin, the demo Fellow, Ealing's coalition, the survey's
researcher) keeps its accounts' random passwords in a file under ``var/`` (``username:password``
lines). A password is written the first time its account is needed and never rewritten, so the
dev database and the test databases share it and a test run never changes a dev account's.

It lives in the registry because that is the lowest app every demo with accounts may import
(toolkits, coalitions, connections and the site shell); geocoding and importing have no users.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

VAR = Path(settings.BASE_DIR) / "var"


@dataclass(frozen=True)
class DemoLogins:
    """One file of demo accounts: who they are (``label``, as printed) and where they sign in."""

    label: str
    file: Path
    sign_in_at: str = "/admin/"

    def stored(self) -> dict[str, str]:
        if not self.file.exists():
            return {}
        lines = (line.partition(":") for line in self.file.read_text().splitlines())
        return {name.strip(): password.strip() for name, _sep, password in lines if name.strip()}

    def passwords(self, usernames: Iterable[str]) -> dict[str, str]:
        """The stored passwords, with a new random one added to the file for each name missing."""
        stored = self.stored()
        missing = [name for name in usernames if not stored.get(name)]
        if missing:
            stored.update({name: secrets.token_urlsafe(12) for name in missing})
            self.file.parent.mkdir(parents=True, exist_ok=True)
            self.file.write_text("".join(f"{name}:{password}\n" for name, password in stored.items()))
        return stored

    def account(self, username: str, **fields):
        """``(user, created)``: the account, created with its stored password when missing.

        An existing account keeps its password (someone may have changed it), unless it has none
        a person could use (e.g. made by an older demo as a role, not a login).
        """
        password = self.passwords([username])[username]
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(username=username, **fields)
        elif user.has_usable_password():
            return user, False
        user.set_password(password)
        user.save()
        return user, created

    def sign_in(self, user, *, site_url: str = "") -> str:
        """How to sign in as ``user``, or where to turn when its password has changed since."""
        password = self.stored().get(user.username)
        if password and user.check_password(password):
            return f"sign in at {site_url}{self.sign_in_at} as {user.username} / {password}"
        return (
            f"{user.username} (password changed since; `manage.py changepassword {user.username}` sets one)"
        )

    def sign_in_lines(self, *, site_url: str = "") -> list[str]:
        """A line for each account of the file that exists in this database."""
        users = get_user_model().objects.filter(username__in=list(self.stored())).order_by("pk")
        return [f"{self.label}: {self.sign_in(user, site_url=site_url)}" for user in users]
