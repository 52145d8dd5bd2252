"""Add a space without a pointer or JavaScript: typed coordinates, opening-hours rows that are kept
when they cannot be read, and GOV.UK error messages on every residents' form (issue 16, item 5)."""

import html
import re

import pytest

from django import forms
from django.core import validators
from django.db import models
from django.urls import reverse

from assets_registry.models import Asset

from .factories import AssetFactory
from .test_submissions import form_data

pytestmark = pytest.mark.django_db


def add(client, **overrides):
    return client.post(reverse("assets_registry:add"), form_data(**overrides))


def main_text(response) -> str:
    body = response.content.decode()
    return html.unescape(re.sub(r"<[^>]+>", "", body[body.index("<main") : body.index("</main>")]))


def test_hours_rows_are_stored_as_periods_and_shown_back_on_the_thanks_page(client, gazetteer):
    response = add(client, opening_hours_0="Mon-Fri 9-5", opening_hours_1="", opening_hours_2="Sat 10am-4pm")
    assert response.status_code == 302
    asset = Asset.objects.get()
    assert [(h.weekday, f"{h.opens:%H:%M}", f"{h.closes:%H:%M}") for h in asset.opening_hours.all()] == [
        *[(day, "09:00", "17:00") for day in range(5)],
        (5, "10:00", "16:00"),
    ]
    thanks = main_text(client.get(response.url))
    assert "Opening hours we recorded: Mon–Fri 9:00–17:00; Sat 10:00–16:00" in thanks


def test_a_row_that_cannot_be_read_is_kept_as_typed_and_named(client, gazetteer):
    response = add(client, opening_hours_0="Mon-Fri 9:00-17:00", opening_hours_1="9-")
    assert response.status_code == 400
    assert not Asset.objects.exists()
    page = response.content.decode()
    text = main_text(response)
    assert "Row 2: '9-' has no closing time. Write it like Mon–Fri 9:00–17:00" in text
    # Both rows kept as typed; the good one shows what it was read as; one spare empty row.
    assert 'name="opening_hours_0" id="id_opening_hours_0" value="Mon-Fri 9:00-17:00"' in page
    assert 'name="opening_hours_1" id="id_opening_hours_1" value="9-"' in page
    assert "We read this as: Mon–Fri 9:00–17:00" in text
    assert 'name="opening_hours_2" id="id_opening_hours_2" value=""' in page
    # The summary links to the row itself.
    assert re.search(r'<a href="#id_opening_hours_1">Row 2: ', page)


def test_more_rows_than_shown_are_kept_and_a_spare_row_follows(client, gazetteer):
    rows = {f"opening_hours_{i}": f"{day} 9-12" for i, day in enumerate(["Mon", "Tue", "Wed", "Thu"])}
    page = add(client, name="", **rows).content.decode()
    for i in range(4):
        assert f'name="opening_hours_{i}"' in page
    assert 'name="opening_hours_4" id="id_opening_hours_4" value=""' in page


def test_typed_coordinates_are_the_pin(client, gazetteer):
    assert add(client, postcode="", latitude="51.5141", longitude="-0.3080").status_code == 302
    asset = Asset.objects.get()
    assert (asset.latitude, asset.longitude) == (51.5141, -0.3080)
    assert asset.location_precision == "exact"


def test_a_pasted_pair_in_the_latitude_box_fills_both(client, gazetteer):
    assert add(client, latitude="51.5141, -0.3080", longitude="").status_code == 302
    assert (Asset.objects.get().latitude, Asset.objects.get().longitude) == (51.5141, -0.3080)


@pytest.mark.parametrize(
    ("latitude", "longitude", "field", "message"),
    [
        ("51.5141", "", "longitude", "Enter the longitude too, or leave both empty to use the postcode"),
        ("north", "-0.3", "latitude", "Enter the latitude as a number of degrees, like 51.5136"),
        ("91", "-0.3", "latitude", "The latitude must be between -90 and 90, like 51.5136"),
        ("51.5", "-200", "longitude", "The longitude must be between -180 and 180, like -0.3046"),
        ("-0.3080", "51.5141", "latitude", "The position -0.308, 51.5141 is not in the United Kingdom."),
    ],
)
def test_bad_coordinates_say_what_to_do(client, gazetteer, latitude, longitude, field, message):
    response = add(client, latitude=latitude, longitude=longitude)
    assert response.status_code == 400
    assert message in main_text(response)
    assert f'<a href="#id_{field}">{message}' in response.content.decode()
    assert not Asset.objects.exists()


def test_a_us_position_is_accepted_when_the_country_is_the_us(client, gazetteer):
    response = add(client, country="US", postcode="", latitude="39.2904", longitude="-76.6122")
    assert response.status_code == 302


def test_failed_submit_title_and_summary_come_first_in_main(client, gazetteer):
    response = add(client, name="")
    page = response.content.decode()
    assert "<title>Error: Add a space" in page
    main = page[page.index("<main") :]
    summary = main.index('id="error-summary"')
    assert summary < main.index("<h1")
    assert 'tabindex="-1"' in main[main.rindex("<div", 0, summary) : summary + 200]
    assert "autofocus" in main[summary : summary + 200]
    assert '<a href="#id_name">Enter the name of the space or group</a>' in page


def _default_messages() -> set[str]:
    """Django's own messages for the fields and validators these forms use (the part before any
    placeholder), so that none can slip through."""
    found = set()
    for module in (forms.fields, models.fields):
        for value in vars(module).values():
            if isinstance(value, type) and hasattr(value, "default_error_messages"):
                for cls in value.__mro__:
                    found.update(str(m) for m in getattr(cls, "default_error_messages", {}).values())
    for value in vars(validators).values():
        message = getattr(value, "message", None)
        if isinstance(value, type) and message:
            found.add(str(message))
    return {m.split("%(")[0].strip() for m in found if len(m.split("%(")[0].strip()) > 8}


DEFAULTS = _default_messages()


def assert_no_default_messages(response):
    text = main_text(response)
    assert "There is a problem" in text
    leaked = sorted(m for m in DEFAULTS if m in text)
    assert not leaked, leaked


def test_the_defaults_list_is_real():
    assert "This field is required." in DEFAULTS and "Enter a valid email address." in DEFAULTS


@pytest.mark.parametrize(
    "overrides",
    [
        dict.fromkeys(form_data(), ""),
        {"name": "x" * 201, "public_email": "not an email", "website": "http://", "country": "FR"},
        {"submitter_email": "me@", "categories": ["nonsense"], "setting": "nope", "kind": "?"},
        {"description": "x" * 3001, "phone": "1" * 41, "opening_hours_0": "Mon 9-"},
    ],
)
def test_add_form_never_shows_a_default_message(client, gazetteer, overrides):
    assert_no_default_messages(add(client, **overrides))


def test_empty_add_form_says_what_to_enter(client, gazetteer):
    text = main_text(add(client, **dict.fromkeys(form_data(), "")))
    assert "Enter the name of the space or group" in text
    assert "Enter the postcode or ZIP code, like W5 2HL or 21201" in text


@pytest.mark.parametrize(
    "data",
    [
        {"name": ""},
        {"name": "x" * 201, "public_email": "bad", "website": "http://", "submitter_email": "a@"},
        {"categories": ["nonsense"], "note": "x" * 2001},
    ],
)
def test_suggest_form_never_shows_a_default_message(client, data):
    asset = AssetFactory(name="Named Hall")
    response = client.post(reverse("assets_registry:suggest", args=[asset.slug]), data)
    assert response.status_code == 400
    assert_no_default_messages(response)


@pytest.mark.parametrize("data", [{}, {"status": "gone"}, {"status": "closed", "submitter_email": "x@"}])
def test_closure_report_never_shows_a_default_message(client, data):
    asset = AssetFactory(name="Named Hall")
    response = client.post(reverse("assets_registry:report_closed", args=[asset.slug]), data)
    assert response.status_code == 400
    assert_no_default_messages(response)


def test_email_message_shows_the_format(client, gazetteer):
    text = main_text(add(client, submitter_email="me@"))
    assert "Enter an email address in the correct format, like name@example.com" in text
