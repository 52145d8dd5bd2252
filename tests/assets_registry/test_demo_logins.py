"""The demo's one helper for accounts that sign in: passwords kept in a file, written once, shared by
every database; an account someone changed is left alone and the demo says so."""

import pytest

from django.contrib.auth import get_user_model

from assets_registry.demo_logins import DemoLogins
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def logins(tmp_path):
    return DemoLogins("Demo tester", tmp_path / "var" / "demo-testers.txt", sign_in_at="/somewhere/")


def test_a_password_is_written_once_and_a_new_name_is_added_beside_it(logins):
    first = logins.passwords(["ana"])
    assert logins.file.read_text() == f"ana:{first['ana']}\n"
    second = logins.passwords(["ana", "ben"])
    assert second["ana"] == first["ana"] and second["ben"] not in {"", first["ana"]}
    assert logins.stored() == second
    assert len(second["ben"]) >= 16  # token_urlsafe(12)


def test_a_new_account_signs_in_with_the_stored_password_and_says_where(logins):
    user, created = logins.account("ana", first_name="Ana", email="ana@example.org")
    password = logins.stored()["ana"]
    assert created and user.first_name == "Ana" and user.check_password(password)
    assert (
        logins.sign_in(user, site_url="http://host")
        == f"sign in at http://host/somewhere/ as ana / {password}"
    )
    again, created = logins.account("ana")
    assert not created and again.pk == user.pk and again.check_password(password)


def test_an_account_whose_password_changed_keeps_it_and_the_demo_says_so(logins):
    UserFactory(username="ana")  # someone's own password
    user, created = logins.account("ana")
    assert not created and user.check_password("correct-horse-battery-staple")
    assert logins.sign_in(user) == "ana (password changed since; `manage.py changepassword ana` sets one)"


def test_an_account_without_a_usable_password_gets_the_stored_one(logins):
    role = get_user_model().objects.create_user("ana")  # an older demo's role account
    assert not role.has_usable_password()
    user, created = logins.account("ana")
    assert not created and user.check_password(logins.stored()["ana"])


def test_lines_are_printed_only_for_accounts_in_this_database(logins):
    logins.passwords(["ana", "ben"])
    logins.account("ben")
    assert logins.sign_in_lines() == [
        f"Demo tester: sign in at /somewhere/ as ben / {logins.stored()['ben']}"
    ]
