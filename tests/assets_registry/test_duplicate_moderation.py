"""Possible duplicates in the admin: marked in the listing and the editor, compared side by side,
merged field by field (and never re-created by a re-import) or declared a different space; only
by moderators of that area, by POST with CSRF, and no odd id answers 500."""

import pytest

from django.test import Client
from django.urls import reverse

from assets_registry.importers.base import IMPORT_FIELDS
from assets_registry.importers.csv_importer import CsvImporter, mapping_from_flags
from assets_registry.importers.mapping import ColumnMapping
from assets_registry.models import Asset, ModeratorScope
from assets_registry.selectors import public_assets
from assets_registry.services import moderation_workflow, moderators_group
from tests.factories import UserFactory

from .factories import ESSEX, AssetFactory

pytestmark = pytest.mark.django_db
TAVERN = (51.495820, -0.306046)


def import_rows(tmp_path, rows: str, **options):
    path = tmp_path / "partner.csv"
    path.write_text("id,name,lat,lon,category,website\n" + rows, encoding="utf-8")
    spec = mapping_from_flags(
        id_column="id",
        lat_column="lat",
        lon_column="lon",
        category_column="category",
        website_column="website",
    )
    mapping = ColumnMapping.from_dict(spec, allowed_fields=IMPORT_FIELDS)
    return CsvImporter(path, mapping, source="partner", areas=False, trusted=True, **options).run(commit=True)


@pytest.fixture
def marked(tmp_path):
    """A published pub, and a partner's row 140 m away that an import marked as its duplicate."""
    moderation_workflow()
    original = AssetFactory(
        name="Ealing Park Tavern",
        categories=["pub_cafe"],
        latitude=TAVERN[0],
        longitude=TAVERN[1],
        location_precision="address",
        description="A Victorian pub.",
        website="",
    )
    row = f"p1,The Ealing Park Tavern,{TAVERN[0] + 0.00126},{TAVERN[1]},pub_cafe,https://ealingparktavern.example\n"
    import_rows(tmp_path, row)
    # The row's local authority (an import with areas=False leaves it to the source).
    Asset.objects.filter(source_id="p1").update(admin_district_code="E09000009", admin_district_name="Ealing")
    duplicate = Asset.objects.get(source_id="p1")
    assert duplicate.possible_duplicate_of == original and duplicate.workflow_in_progress
    ealing = UserFactory(username="ealing-mod")
    essex = UserFactory(username="essex-mod")
    for user in (ealing, essex):
        user.groups.add(moderators_group())
    ModeratorScope.objects.create(user=ealing, admin_district_code="E09000009", label="Ealing")
    ModeratorScope.objects.create(user=essex, admin_county_code=ESSEX["admin_county_code"], label="Essex")
    return {"original": original, "duplicate": duplicate, "row": row, "ealing": ealing, "essex": essex}


def compare_url(asset):
    return reverse("space-duplicates:compare", args=[asset.pk])


def refused(response) -> bool:
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message,
    and a user without admin access with its login page."""
    if response.status_code == 302:
        return response.url == "/admin/" or response.url.startswith("/admin/login/")
    return response.status_code == 403


def logged_in(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


def test_the_mark_shows_in_the_listing_the_editor_and_the_list_of_duplicates(marked):
    client = logged_in(marked["ealing"])
    listing = client.get(reverse("wagtailsnippets_assets_registry_asset:list")).content.decode()
    assert "Possible duplicate of" in listing and "The Ealing Park Tavern" in listing
    edit = client.get(reverse("wagtailsnippets_assets_registry_asset:edit", args=[marked["duplicate"].pk]))
    html = edit.content.decode()
    assert edit.status_code == 200
    assert "Possible duplicate of <a" in html and "same name, both pubs, 140 m apart" in html
    assert compare_url(marked["duplicate"]) in html
    index = client.get(reverse("space-duplicates:index")).content.decode()
    assert "The Ealing Park Tavern" in index and compare_url(marked["duplicate"]) in index


def test_compare_page_sets_both_records_side_by_side(marked):
    page = logged_in(marked["ealing"]).get(compare_url(marked["duplicate"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<caption" in html and 'scope="row"' in html and "<legend" in html
    assert f"Published: #{marked['original'].pk} Ealing Park Tavern" in html
    assert "https://ealingparktavern.example" in html and "differs" in html
    # One radio group per field that differs, keeping the published value by default.
    assert 'name="website"' in html and 'name="name"' in html and 'name="categories"' not in html
    assert 'value="keep"' in html and "checked" in html


def test_merge_takes_the_chosen_values_and_a_reimport_does_not_bring_it_back(marked, tmp_path):
    original, duplicate = marked["original"], marked["duplicate"]
    client = logged_in(marked["ealing"])
    response = client.post(
        reverse("space-duplicates:merge", args=[duplicate.pk]),
        {"name": "keep", "website": "take", "position": "keep", "description": "keep"},
    )
    assert response.status_code == 302
    original.refresh_from_db()
    duplicate.refresh_from_db()
    assert original.live and original.name == "Ealing Park Tavern"
    assert original.website == "https://ealingparktavern.example"
    assert original.latitude == pytest.approx(TAVERN[0])
    assert original.latest_revision.user == marked["ealing"]
    assert duplicate.merged_into == original and not duplicate.live
    assert not duplicate.workflow_in_progress and duplicate.possible_duplicate_of is None
    # Re-importing the partner's row finds the merged record: reported, not re-created.
    report = import_rows(tmp_path, marked["row"])
    assert report.created == 0 and Asset.objects.filter(data_source="partner").count() == 1
    merged = [line for line in report.lines if line.status == "merged"]
    assert merged[0].reason == f"merged into #{original.pk} by a moderator: not re-created"


def test_not_a_duplicate_clears_the_mark_and_approval_publishes_it_unmarked(marked):
    duplicate = marked["duplicate"]
    client = logged_in(marked["ealing"])
    assert client.post(reverse("space-duplicates:dismiss", args=[duplicate.pk])).status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.possible_duplicate_of is None and duplicate.workflow_in_progress
    task_state = duplicate.current_workflow_task_state
    url = reverse(
        "wagtailsnippets_assets_registry_asset:workflow_action", args=[duplicate.pk, "approve", task_state.pk]
    )
    assert client.post(url, {"comment": ""}).status_code in (200, 302)
    duplicate.refresh_from_db()
    assert duplicate.live and duplicate.possible_duplicate_of is None
    assert public_assets().count() == 2


def test_only_moderators_of_the_area_by_post_with_csrf_and_no_500(marked):
    duplicate, original = marked["duplicate"], marked["original"]
    merge = reverse("space-duplicates:merge", args=[duplicate.pk])
    outsider = logged_in(marked["essex"])
    assert refused(outsider.get(compare_url(duplicate)))
    assert refused(outsider.post(merge, {"website": "take"}))
    assert refused(outsider.post(reverse("space-duplicates:dismiss", args=[duplicate.pk])))
    assert refused(logged_in(UserFactory(username="reader")).get(compare_url(duplicate)))
    ealing = logged_in(marked["ealing"])
    assert ealing.get(merge).status_code == 405
    assert ealing.get("/admin/space-duplicates/999999/").status_code == 404
    assert ealing.post("/admin/space-duplicates/999999/merge/").status_code == 404
    assert ealing.get("/admin/space-duplicates/abc/").status_code == 404
    # A tampered choice is refused with the page again, nothing changed.
    assert ealing.post(merge, {"website": "both", "name": "keep"}).status_code == 400
    # The published space itself is not marked: its compare page says so, merging does nothing.
    assert "is not marked as a possible duplicate" in ealing.get(compare_url(original)).content.decode()
    assert ealing.post(reverse("space-duplicates:merge", args=[original.pk])).status_code == 302
    csrf = logged_in(marked["ealing"], enforce_csrf_checks=True)
    assert csrf.post(merge, {"website": "take"}).status_code == 403
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None and duplicate.possible_duplicate_of == original


def test_approving_a_marked_space_as_it_is_clears_the_mark(marked):
    duplicate = marked["duplicate"]
    task_state = duplicate.current_workflow_task_state
    url = reverse(
        duplicate.snippet_viewset.get_url_name("workflow_action"),
        args=[duplicate.pk, "approve", task_state.pk],
    )
    assert logged_in(marked["ealing"]).post(url, {"comment": ""}).status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.live and duplicate.possible_duplicate_of is None and duplicate.duplicate_reasons == ""
    assert list(Asset.objects.filter(possible_duplicate_of__isnull=False)) == []


def test_the_moderation_queue_says_which_space_it_may_repeat(marked):
    html = logged_in(marked["ealing"]).get(reverse("spaces-moderation:index")).content.decode()
    assert "Possible duplicate of “Ealing Park Tavern”" in html
    assert f'href="{compare_url(marked["duplicate"])}"' in html
