"""MEDIA_STORAGE=s3: uploads live in a private S3-compatible bucket and the site hands them out, so
an unpublished case study's image or document stays private exactly as it does on disk.

The bucket is moto's S3 server on a local port: a stand-in for the third-party service at the HTTP
level (boto3 and django-storages speak real S3 requests to it). The settings come from the same
function config/settings/base.py calls, fed the documented variables.
"""

from __future__ import annotations

import urllib.error
import urllib.request

import environ
import pytest

from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from bench.harness import free_port
from home.media_storage import default_storage_from_env
from tests.toolkits.factories import SECTION, CaseStudyPageFactory, make_knowledge_hub

boto3 = pytest.importorskip("boto3")
moto_server = pytest.importorskip("moto.server")

BUCKET = "cph-media"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "cph-test-key",
        "AWS_SECRET_ACCESS_KEY": "cph-test-secret",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-west-2")
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def s3_media(bucket, s3_endpoint, settings, monkeypatch):
    """The site configured as docs/deployment.md tells a deployer: MEDIA_STORAGE=s3 and the bucket."""
    for name, value in {
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "eu-west-2",
        "AWS_S3_ADDRESSING_STYLE": "path",
    }.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": default_storage_from_env(environ.Env())}
    return bucket


def _stored(bucket, key: str) -> bytes:
    return bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()


def _assert_private_in_bucket(bucket, s3_endpoint: str, key: str) -> None:
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert all(grant["Grantee"].get("URI") != ALL_USERS for grant in grants), grants
    # And nobody reads it from the bucket without the keys.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{s3_endpoint}/{BUCKET}/{key}", timeout=10)
    assert refused.value.code == 403


def _upload_through_wagtail(editor: Client, view: str, *, title: str, file) -> None:
    response = editor.post(reverse(view), {"title": title, "file": file, "collection": 1})
    assert response.status_code == 302, response.content.decode()[:2000]


pytestmark = pytest.mark.django_db


def test_an_image_uploaded_to_s3_is_private_until_its_page_is_published(s3_media, s3_endpoint, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    editor = Client()
    editor.force_login(admin_user)
    png = SimpleUploadedFile("supper.png", get_test_image_file().file.getvalue(), content_type="image/png")
    _upload_through_wagtail(editor, "wagtailimages:add", title="Supper photo", file=png)
    image = get_image_model().objects.get(title="Supper photo")
    assert image.file.name.startswith("original_images/")
    _assert_private_in_bucket(s3_media, s3_endpoint, image.file.name)

    _home, _toolkits, case_studies = make_knowledge_hub()
    figure = {"image": image, "decorative": False, "alt_text": "Neighbours at supper"}
    body = [SECTION, ("image", {"image": figure, "caption": "Supper", "credit": ""})]
    page = CaseStudyPageFactory(parent=case_studies, title="Shared suppers", body=body)
    page.unpublish()
    rendition = image.get_rendition("width-1200")  # the one the figure block shows
    # The rendition was made from the original read back from the bucket, and written there.
    _assert_private_in_bucket(s3_media, s3_endpoint, rendition.file.name)
    # The site prints its own address for it, never the bucket's.
    assert rendition.url == f"/media/{rendition.file.name}"

    visitor = Client()
    for url in (rendition.url, image.file.url):
        assert visitor.get(url).status_code == 404, url
    as_editor = editor.get(rendition.url)
    assert as_editor.status_code == 200
    assert b"".join(as_editor.streaming_content) == _stored(s3_media, rendition.file.name)

    page.save_revision().publish()
    html = visitor.get(page.url).content.decode()
    assert rendition.url in html and s3_endpoint not in html
    served = visitor.get(rendition.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == _stored(s3_media, rendition.file.name)


def test_a_document_uploaded_to_s3_is_private_until_its_page_is_published(s3_media, s3_endpoint, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail.documents import get_document_model

    editor = Client()
    editor.force_login(admin_user)
    upload = SimpleUploadedFile("budget.txt", b"Budget 2026: draft figures", content_type="text/plain")
    _upload_through_wagtail(editor, "wagtaildocs:add", title="Draft budget", file=upload)
    document = get_document_model().objects.get(title="Draft budget")
    assert _stored(s3_media, document.file.name) == b"Budget 2026: draft figures"
    _assert_private_in_bucket(s3_media, s3_endpoint, document.file.name)

    _home, _toolkits, case_studies = make_knowledge_hub()
    body = [SECTION, ("document", {"document": document, "title": "", "description": ""})]
    page = CaseStudyPageFactory(parent=case_studies, title="Shared suppers", body=body)
    page.unpublish()
    visitor = Client()
    assert visitor.get(document.url).status_code == 404
    assert visitor.get(f"/media/{document.file.name}").status_code == 404

    page.save_revision().publish()
    served = visitor.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"Budget 2026: draft figures"


def test_two_uploads_with_one_name_keep_both_files(s3_media):
    from django.core.files.base import ContentFile

    first = default_storage.save("documents/notes.txt", ContentFile(b"first"))
    second = default_storage.save("documents/notes.txt", ContentFile(b"second"))
    assert first != second
    assert (_stored(s3_media, first), _stored(s3_media, second)) == (b"first", b"second")


def test_a_missing_file_in_the_bucket_is_not_found(s3_media):
    assert Client().get("/media/images/nothing-here.png").status_code == 404


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"MEDIA_STORAGE": "ftp"}, "set it to 'filesystem' or 's3'"),
        ({"MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": ""}, "needs AWS_STORAGE_BUCKET_NAME"),
    ],
)
def test_a_half_configured_media_storage_says_what_to_set(monkeypatch, variables, message):
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        default_storage_from_env(environ.Env())
