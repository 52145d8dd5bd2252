"""`make run` ends with `ensure_demo_admin`: every way into the demo, each login printed and working."""

import io
import re

import pytest

from django.core.management import call_command
from django.test import Client

from coalitions import demo as coalitions_demo
from connections import demo as connections_demo
from tests.coalitions.demo_setup import demo_output, demo_pilots
from tests.factories import make_site_home
from toolkits import demo_content

pytestmark = pytest.mark.django_db

URL = "http://testserver"
LINE = re.compile(rf"^(.+): sign in at {URL}(/\S*) as (\S+) / (\S+)$", re.MULTILINE)


def test_ensure_demo_admin_prints_every_demo_login_and_each_works():
    make_site_home()
    demo_pilots()
    for module in (demo_content, coalitions_demo, connections_demo):
        demo_output(module)
    out = io.StringIO()
    call_command("ensure_demo_admin", url=URL, stdout=out)
    logins = {
        username: (label, where, password)
        for label, where, username, password in LINE.findall(out.getvalue())
    }
    assert {username: logins[username][:2] for username in logins} == {
        "admin": ("Demo admin", "/admin/"),
        "fellow": ("Demo Fellow", "/admin/"),
        "ealing-steward": ("Demo coalition (Ealing)", "/admin/"),
        "ealing-member": ("Demo coalition (Ealing)", "/admin/"),
        "ealing-researcher": ("Demo survey researcher (Ealing)", "/interviewing/"),
    }
    for username, (_label, where, password) in logins.items():
        client = Client()
        response = client.post(
            "/admin/login/", {"username": username, "password": password, "next": where}, follow=True
        )
        assert response.status_code == 200 and response.redirect_chain[-1][0] == where, username
        assert "Sign in" not in response.content.decode(), username

    again = io.StringIO()
    call_command("ensure_demo_admin", url=URL, stdout=again)
    assert again.getvalue() == out.getvalue()  # the admin's password is kept, not renewed
