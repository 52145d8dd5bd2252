"""A document or image uploaded for a case study is public only once the case study is live."""

from __future__ import annotations

import pytest

from django.core.files.base import ContentFile
from django.test import Client

from wagtail.documents import get_document_model

from tests.toolkits.factories import SECTION, CaseStudyPageFactory, make_knowledge_hub

pytestmark = pytest.mark.django_db


def _document(title: str):
    document = get_document_model()(title=title)
    document.file.save(f"{title.lower().replace(' ', '-')}.txt", ContentFile(b"Budget 2026: draft figures"))
    return document


def _case_study_with(document, *, live: bool, parent):
    body = [SECTION, ("document", {"document": document, "title": "", "description": ""})]
    page = CaseStudyPageFactory(parent=parent, title="Shared suppers", body=body)
    if not live:
        page.unpublish()
    return page


def test_a_draft_case_studys_document_is_private_until_it_is_published(admin_user):
    _home, _toolkits, case_studies = make_knowledge_hub()
    document = _document("Draft budget")
    page = _case_study_with(document, live=False, parent=case_studies)
    visitor = Client()
    assert visitor.get(document.url).status_code == 404
    # The uploaded file is not served round the check either.
    assert visitor.get("/media/" + document.file.name).status_code == 404

    editor = Client()
    editor.force_login(admin_user)
    assert editor.get(document.url).status_code == 200

    page.save_revision().publish()
    assert visitor.get(document.url).status_code == 200


def test_a_document_nothing_uses_is_private(admin_user):
    document = _document("Loose notes")
    assert Client().get(document.url).status_code == 404


def _image(title: str):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    return get_image_model().objects.create(title=title, file=get_test_image_file())


def test_a_draft_case_studys_image_is_private_until_it_is_published(admin_user):
    _home, _toolkits, case_studies = make_knowledge_hub()
    image = _image("Draft photo")
    figure = {"image": image, "decorative": False, "alt_text": "Neighbours at supper"}
    body = [SECTION, ("image", {"image": figure, "caption": "Supper", "credit": ""})]
    page = CaseStudyPageFactory(parent=case_studies, title="Shared suppers", body=body)
    page.unpublish()
    rendition = image.get_rendition("width-400")
    visitor = Client()
    for url in (rendition.url, image.file.url):
        assert visitor.get(url).status_code == 404, url
    editor = Client()
    editor.force_login(admin_user)
    assert editor.get(rendition.url).status_code == 200

    page.save_revision().publish()
    assert visitor.get(rendition.url).status_code == 200
