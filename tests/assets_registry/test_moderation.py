"""Moderation in the Wagtail admin: scoped moderators see and act only in their areas; approval
publishes; suggestions show a diff and change the live page only when approved."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import TaskState

from assets_registry.models import Asset, AssetSuggestion, ModeratorScope, RejectionReason
from assets_registry.selectors import public_assets
from assets_registry.services import moderation_workflow, moderators_group, suggestion_submit
from tests.factories import UserFactory

from .factories import ESSEX, AssetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    """Two pending submissions (Ealing; Chelmsford in Essex) and three users."""
    workflow = moderation_workflow()
    group = moderators_group()
    ealing_space = AssetFactory(name="Ealing Pending Hall", live=False)
    essex_space = AssetFactory(
        name="Chelmsford Pending Hall",
        live=False,
        latitude=51.7368,
        longitude=0.4654,
        postcode="CM1 1JE",
        **ESSEX,
    )
    workflow.start(ealing_space, None)
    workflow.start(essex_space, None)
    ealing_mod = UserFactory(username="ealing-fellow")
    essex_mod = UserFactory(username="essex-fellow")
    for user in (ealing_mod, essex_mod):
        user.groups.add(group)
    ModeratorScope.objects.create(user=ealing_mod, admin_district_code="E09000009", label="Ealing")
    # Essex is scoped through a group: a county covers all its districts.
    essex_group = Group.objects.create(name="Essex Fellows")
    essex_mod.groups.add(essex_group)
    ModeratorScope.objects.create(group=essex_group, admin_county_code="E10000012", label="Essex")
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    return {
        "ealing": ealing_space,
        "essex": essex_space,
        "ealing_mod": ealing_mod,
        "essex_mod": essex_mod,
        "admin": admin,
    }


def edit_url(obj):
    return reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk])


def approve_url(obj, action="approve"):
    task_state = obj.current_workflow_task_state
    return reverse(obj.snippet_viewset.get_url_name("workflow_action"), args=[obj.pk, action, task_state.pk])


def test_listing_is_scoped_to_the_moderators_area(client, area):
    list_url = reverse(Asset.snippet_viewset.get_url_name("list"))
    client.force_login(area["ealing_mod"])
    html = client.get(list_url).content.decode()
    assert "Ealing Pending Hall" in html and "Chelmsford Pending Hall" not in html
    client.force_login(area["essex_mod"])
    html = client.get(list_url).content.decode()
    assert "Chelmsford Pending Hall" in html and "Ealing Pending Hall" not in html
    client.force_login(area["admin"])
    html = client.get(list_url).content.decode()
    assert "Chelmsford Pending Hall" in html and "Ealing Pending Hall" in html


def test_moderation_queue_is_scoped_and_filterable(client, area):
    queue = reverse("spaces-moderation:index")
    client.force_login(area["ealing_mod"])
    html = client.get(queue).content.decode()
    assert "Ealing Pending Hall" in html and "Chelmsford Pending Hall" not in html
    client.force_login(area["admin"])
    html = client.get(queue, {"area": "county:E10000012"}).content.decode()
    assert "Chelmsford Pending Hall" in html and "Ealing Pending Hall" not in html
    html = client.get(queue, {"category": "library"}).content.decode()
    assert "Nothing is waiting" in html
    html = client.get(queue, {"category": "community_centre", "type": "new"}).content.decode()
    assert "Chelmsford Pending Hall" in html and "Ealing Pending Hall" in html


def test_out_of_area_editor_and_actions_are_refused(client, area):
    client.force_login(area["ealing_mod"])
    assert client.get(edit_url(area["ealing"])).status_code == 200
    response = client.get(edit_url(area["essex"]))
    assert response.status_code in (302, 403)
    assert (
        "Chelmsford Pending Hall"
        not in client.get(
            response.url if response.status_code == 302 else edit_url(area["essex"])
        ).content.decode()
    )
    response = client.post(approve_url(area["essex"]), {"comment": ""})
    assert response.status_code in (302, 403)
    assert not public_assets().filter(pk=area["essex"].pk).exists()
    assert Asset.objects.get(pk=area["essex"].pk).workflow_in_progress


def test_awaiting_review_lists_only_in_area_tasks(area):
    reviewable = TaskState.objects.reviewable_by(area["ealing_mod"])
    assert {ts.workflow_state.content_object.name for ts in reviewable} == {"Ealing Pending Hall"}
    reviewable = TaskState.objects.reviewable_by(area["admin"])
    assert {ts.workflow_state.content_object.name for ts in reviewable} == {
        "Ealing Pending Hall",
        "Chelmsford Pending Hall",
    }


def test_approval_publishes_and_rejection_keeps_it_hidden_with_the_reason(client, area):
    client.force_login(area["ealing_mod"])
    response = client.post(approve_url(area["ealing"]), {"comment": ""})
    assert response.status_code == 302
    assert public_assets().filter(pk=area["ealing"].pk).exists()
    assert client.get(area["ealing"].get_absolute_url()).status_code == 200

    client.force_login(area["essex_mod"])
    task_state = area["essex"].current_workflow_task_state
    reason = RejectionReason.objects.create(label="Private home", explanation="It is a private home.")
    reject = approve_url(area["essex"], "reject")
    client.post(reject, {"comment": "No reason chosen."})
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"  # a rejection needs a reason
    response = client.post(reject, {"reason": reason.pk, "comment": "A flat, not a space."})
    assert response.status_code == 302
    task_state.refresh_from_db()
    assert (
        task_state.status == "rejected" and task_state.comment == "It is a private home. A flat, not a space."
    )
    assert not public_assets().filter(pk=area["essex"].pk).exists()


def test_suggestion_diff_and_approval_apply_the_change(client, area):
    live = AssetFactory(name="Ealing Live Hall", phone="020 0000 0000")
    suggestion = suggestion_submit(
        asset=live, proposed_changes={"phone": "020 8567 1111", "name": "Ealing Live Hall"}, note="New phone"
    )
    assert suggestion.proposed_changes == {"phone": "020 8567 1111"}  # unchanged fields dropped
    client.force_login(area["ealing_mod"])
    html = client.get(edit_url(suggestion)).content.decode()
    assert "data-suggestion-diff" in html and "020 0000 0000" in html and "020 8567 1111" in html
    assert "New phone" in html
    live.refresh_from_db()
    assert live.phone == "020 0000 0000"

    assert client.post(approve_url(suggestion), {"comment": ""}).status_code == 302
    live.refresh_from_db()
    assert live.phone == "020 8567 1111" and live.live
    assert AssetSuggestion.objects.get(pk=suggestion.pk).applied_at is not None
    assert "020 8567 1111" in client.get(live.get_absolute_url()).content.decode()


def test_rejected_suggestion_and_out_of_area_suggestion(client, area):
    live = AssetFactory(name="Ealing Quiet Hall")
    report = suggestion_submit(asset=live, kind="closure", proposed_changes={"status": "closed"})
    client.force_login(area["essex_mod"])
    assert client.post(approve_url(report), {"comment": ""}).status_code in (302, 403)
    live.refresh_from_db()
    assert live.status == "active"
    client.force_login(area["ealing_mod"])
    assert (
        client.post(approve_url(report, "reject"), {"comment": "Still open: I was there today"}).status_code
        == 302
    )
    live.refresh_from_db()
    assert live.status == "active"
    assert AssetSuggestion.objects.get(pk=report.pk).applied_at is None


def test_approved_closure_takes_the_space_out_of_find_a_space(client, area):
    live = AssetFactory(name="Ealing Closing Hall")
    report = suggestion_submit(asset=live, kind="closure", proposed_changes={"status": "closed"})
    client.force_login(area["ealing_mod"])
    client.post(approve_url(report), {"comment": ""})
    live.refresh_from_db()
    assert live.status == "closed"
    assert "Ealing Closing Hall" not in client.get(reverse("assets_registry:find")).content.decode()
    assert "This space has closed" in client.get(live.get_absolute_url()).content.decode()


def test_choosers_offer_public_spaces_and_only_the_drafts_one_may_moderate(client, area):
    AssetFactory(name="Ealing Public Hall")
    results = reverse("wagtailsnippetchoosers_assets_registry_asset:choose_results")
    # A Fellow: admin access and nothing about spaces (toolkits.services gives Fellows no more).
    fellow = UserFactory(username="a-fellow")
    fellow.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for user, seen, unseen in (
        (fellow, ["Ealing Public Hall"], ["Ealing Pending Hall", "Chelmsford Pending Hall"]),
        (area["essex_mod"], ["Ealing Public Hall", "Chelmsford Pending Hall"], ["Ealing Pending Hall"]),
    ):
        client.force_login(user)
        for query in ({}, {"q": "Hall"}, {"q": "Pending"}):
            html = client.get(results, query).content.decode()
            assert all(name in html for name in seen if query.get("q") != "Pending" or "Pending" in name)
            assert not any(name in html for name in unseen), (user, query)
        chosen = reverse("wagtailsnippetchoosers_assets_registry_asset:chosen", args=[area["ealing"].pk])
        assert client.get(chosen).status_code == 404


def test_bulk_delete_never_names_another_areas_draft(client, area):
    client.force_login(area["essex_mod"])
    url = (
        reverse("wagtail_bulk_action", args=["assets_registry", "asset", "delete"])
        + f"?id={area['ealing'].pk}&id={area['essex'].pk}"
    )
    response = client.get(url)
    assert "Ealing Pending Hall" not in response.content.decode()


def test_a_suggested_edit_is_accepted_field_by_field(client, area):
    live = AssetFactory(name="Ealing Live Hall", phone="020 0000 0000", website="https://old.example.org/")
    suggestion = suggestion_submit(
        asset=live, proposed_changes={"phone": "020 8567 1111", "website": "https://new.example.org/"}
    )
    client.force_login(area["ealing_mod"])
    form = client.get(edit_url(suggestion)).content.decode()
    assert 'name="declined_fields" value="phone"' in form and 'name="declined_fields" value="website"' in form
    # Leave out the phone number, save, then approve: only the website changes.
    assert client.post(edit_url(suggestion), {"declined_fields": ["phone"]}).status_code == 302
    assert client.post(approve_url(suggestion), {"comment": ""}).status_code == 302
    live.refresh_from_db()
    assert (live.website, live.phone) == ("https://new.example.org/", "020 0000 0000")
    assert AssetSuggestion.objects.get(pk=suggestion.pk).declined_fields == ["phone"]
