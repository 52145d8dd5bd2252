"""Fellows write, preview and submit their own case studies; they cannot publish, or touch anyone
else's. Moderators approve or request changes with a comment, and the Fellow is e-mailed."""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import Page, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from geocoding.models import Place
from tests.factories import UserFactory, make_site_home
from tests.toolkits.factories import (
    CaseStudyPageFactory,
    ThemeFactory,
    make_fellow,
    make_knowledge_hub,
    make_moderator,
)
from toolkits.models import CaseStudyPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub():
    home, toolkit_index, index = make_knowledge_hub()
    return index


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("toolkits", "casestudypage", index.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def case_study_data(**overrides):
    theme = ThemeFactory(name="Third spaces", slug="third-spaces")
    data = {
        "title": "Hanwell repair café",
        "summary": "A monthly repair café where neighbours fix things together.",
        "place_name": "Hanwell",
        "area": "Ealing",
        "country": "GB",
        "latitude": "",
        "longitude": "",
        "period": "2024",
        "stage": "convening",
        "themes": [str(theme.pk)],
        "third_space_types": ["activity"],
        "image": "",
        "partners": streamfield([]),
        "body": streamfield(
            [("section", {"heading": "What we did", "body": rich_text("<p>We fixed 300 things.</p>")})]
        ),
        "outcomes": streamfield(
            [
                (
                    "measure",
                    {
                        "measure": "Volunteers",
                        "before": "0",
                        "after": "12",
                        "unit": "people",
                        "source": "Rota",
                    },
                )
            ]
        ),
        "outcomes_summary": rich_text("<p>More neighbours know each other.</p>"),
        "author_links": inline_formset([]),
        "toolkit_links": inline_formset([]),
        "asset_links": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_a_fellow_may_add_case_studies_but_not_publish_them(hub):
    fellow = make_fellow("amara")
    permissions = hub.permissions_for_user(fellow)
    assert permissions.can_add_subpage()
    assert not permissions.can_publish_subpage()
    assert not permissions.can_edit()  # the index itself


def test_a_fellow_edits_their_own_case_study_and_nobody_else_s(hub):
    amara, bola = make_fellow("amara"), make_fellow("bola")
    own = CaseStudyPageFactory(parent=hub, owner=amara, live=False)
    other = CaseStudyPageFactory(parent=hub, owner=bola, live=False)
    editors_page = CaseStudyPageFactory(parent=hub, owner=make_moderator(), live=True)

    assert own.permissions_for_user(amara).can_edit()
    assert not own.permissions_for_user(amara).can_publish()
    assert own.permissions_for_user(amara).can_submit_for_moderation()
    assert not other.permissions_for_user(amara).can_edit()
    assert not editors_page.permissions_for_user(amara).can_edit()
    assert not editors_page.permissions_for_user(amara).can_unpublish()


def test_a_fellow_cannot_open_another_fellow_s_case_study_in_the_editor(client, hub):
    amara, bola = make_fellow("amara"), make_fellow("bola")
    other = CaseStudyPageFactory(parent=hub, owner=bola, live=False, title="Bola's draft")
    client.force_login(amara)
    response = client.get(edit_url(other))
    assert response.status_code in (302, 403)
    response = client.post(
        edit_url(other), case_study_data(title="Changed by Amara", **{"action-publish": "1"})
    )
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.title == "Bola's draft" and not other.live
    assert (
        other.get_latest_revision() is None or other.get_latest_revision().content["title"] == "Bola's draft"
    )


def test_a_fellow_s_publish_request_does_not_publish(client, hub):
    amara = make_fellow("amara")
    client.force_login(amara)
    response = client.post(add_url(hub), case_study_data(**{"action-publish": "1"}))
    page = CaseStudyPage.objects.get(title="Hanwell repair café")
    assert response.status_code in (302, 403) and not page.live
    own_live_attempt = client.post(edit_url(page), case_study_data(**{"action-publish": "1"}))
    page.refresh_from_db()
    assert own_live_attempt.status_code in (302, 403) and not page.live


def test_the_fellow_s_editor_has_no_promotion_or_seo_fields(client, hub):
    client.force_login(make_fellow("amara"))
    fellow_form = client.get(add_url(hub)).content.decode()
    assert 'name="summary"' in fellow_form and 'name="place_name"' in fellow_form
    assert 'name="seo_title"' not in fellow_form and 'name="search_description"' not in fellow_form
    assert 'name="slug"' not in fellow_form

    client.force_login(make_moderator())
    moderator_form = client.get(add_url(hub)).content.decode()
    assert 'name="seo_title"' in moderator_form and 'name="slug"' in moderator_form


def test_creating_a_case_study_makes_the_fellow_its_author_and_finds_the_place(client, hub):
    Place.objects.create(
        geonameid=2647563,
        name="Hanwell",
        key="hanwell",
        country="GB",
        admin1="England",
        admin1_code="ENG",
        latitude=51.5093,
        longitude=-0.3382,
        population=28768,
    )
    amara = make_fellow("amara", name="Amara Obi")
    client.force_login(amara)
    response = client.post(add_url(hub), case_study_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CaseStudyPage.objects.get(title="Hanwell repair café")
    assert page.owner == amara and not page.live
    assert page.slug == "hanwell-repair-café"  # from the title: Fellows do not see the slug field
    assert [link.fellow.name for link in page.author_links.all()] == ["Amara Obi"]
    assert (round(page.latitude, 3), round(page.longitude, 3)) == (51.509, -0.338)


def test_an_unknown_place_is_saved_without_a_point(client, hub):
    client.force_login(make_fellow("amara"))
    client.post(add_url(hub), case_study_data(place_name="Nowhere-in-particular", area="Nowhere"))
    page = CaseStudyPage.objects.get(title="Hanwell repair café")
    assert page.latitude is None and page.longitude is None and page.place_name == "Nowhere-in-particular"


def test_reserved_slugs_are_refused(client, hub):
    client.force_login(make_moderator())
    response = client.post(add_url(hub), case_study_data(slug="feed"))
    assert response.status_code == 200
    assert "already an address on the case-study index" in response.content.decode()
    assert not CaseStudyPage.objects.exists()


def submit(client, hub, fellow, **overrides):
    client.force_login(fellow)
    response = client.post(add_url(hub), case_study_data(**{"action-submit": "1"}, **overrides))
    assert response.status_code == 302
    return CaseStudyPage.objects.get(title=overrides.get("title", "Hanwell repair café"))


def workflow_action(client, page, action, comment=""):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def test_submission_enters_the_review_workflow_and_notifies_moderators(client, hub):
    moderator = make_moderator()
    page = submit(client, hub, make_fellow("amara"))
    assert page.workflow_in_progress and not page.live
    assert page.get_workflow() == Workflow.objects.get(name="Case study review")
    assert any(moderator.email in message.to for message in mail.outbox)


def test_approval_publishes_and_emails_the_fellow(client, hub):
    amara = make_fellow("amara")
    moderator = make_moderator()
    page = submit(client, hub, amara)
    mail.outbox.clear()
    client.force_login(moderator)
    workflow_action(client, page, "approve", comment="Lovely work")
    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress
    to_fellow = [m for m in mail.outbox if amara.email in m.to]
    assert to_fellow and "approved" in to_fellow[0].subject
    assert client.get("/case-studies/").content.decode().count("Hanwell repair café") == 1


def test_rejection_keeps_it_private_and_sends_the_comment_to_the_fellow(client, hub):
    amara = make_fellow("amara")
    page = submit(client, hub, amara)
    mail.outbox.clear()
    client.force_login(make_moderator())
    workflow_action(client, page, "reject", comment="Please add what you measured before you started.")
    page.refresh_from_db()
    assert not page.live and not page.workflow_in_progress
    to_fellow = [m for m in mail.outbox if amara.email in m.to]
    assert to_fellow and "Please add what you measured before you started." in to_fellow[0].body
    # Back with the Fellow: they can edit it again and resubmit.
    assert page.permissions_for_user(amara).can_edit()
    client.logout()
    assert client.get(page.url).status_code == 404


def test_a_fellow_cannot_approve_their_own_submission(client, hub):
    amara = make_fellow("amara")
    page = submit(client, hub, amara)
    client.force_login(amara)
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress


def test_share_a_case_study_sends_people_the_right_way(client, hub):
    share = "/case-studies/share/"
    response = client.get(share)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next=")
    client.force_login(make_fellow("amara"))
    response = client.get(share)
    assert response.status_code == 302 and response["Location"] == add_url(hub)
    client.force_login(UserFactory(username="resident"))
    response = client.get(share)
    assert response.status_code == 403
    assert "not set up as a Fellow" in response.content.decode()


def test_a_new_case_study_index_gets_the_fellows_permission_and_the_workflow(client):
    home = make_site_home()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    url = reverse("wagtailadmin_pages:add", args=("toolkits", "casestudyindexpage", home.pk))
    data = nested_form_data({"title": "Stories", "slug": "stories", "intro": "", "action-publish": "1"})
    assert client.post(url, data).status_code == 302
    index = Page.objects.get(slug="stories").specific
    assert index.get_workflow().name == "Case study review"
    assert index.permissions_for_user(make_fellow("amara")).can_add_subpage()
