"""Where uploaded media live: on disk (``MEDIA_ROOT``, the default) or in an S3-compatible bucket.

``MEDIA_STORAGE=s3`` keeps the files in a **private** bucket through django-storages, and the site
still hands every file out itself: images at ``/media/<key>`` (``home.views.media_file``),
documents at ``/documents/<id>/<name>`` (Wagtail's view). So ``home/upload_privacy.py`` decides who
may fetch an upload whatever the storage, as it does on disk. A public bucket, a custom domain or
unsigned URLs would give every upload a fixed public address, an unpublished case study's images
included (their keys are guessable from the file name), so they are not offered: put a CDN in front
of the site instead, which caches the answers the app gives.

This module stays free of boto3: the settings import it, and only ``MEDIA_STORAGE=s3`` loads
``home.s3_storage``.
"""

from __future__ import annotations

import environ

from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3_BACKEND = "home.s3_storage.AppServedS3Storage"


def default_storage_from_env(env: environ.Env) -> dict:
    """``STORAGES["default"]`` for ``MEDIA_STORAGE`` (``filesystem`` or ``s3``)."""
    kind = env("MEDIA_STORAGE", default="filesystem")
    if kind == "filesystem":
        return FILESYSTEM
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE is {kind!r}: set it to 'filesystem' or 's3'.")
    bucket = env("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME (the bucket's name).")
    # The keys are read by django-storages itself (AWS_S3_ACCESS_KEY_ID or AWS_ACCESS_KEY_ID, and
    # the secret likewise), or by boto3 from an instance role when they are not set.
    options = {
        "bucket_name": bucket,
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,  # MinIO, Ceph, Garage...
        "region_name": env("AWS_S3_REGION_NAME", default="") or None,
        "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default="") or None,  # "path" for most
        "location": env("AWS_LOCATION", default=""),  # a key prefix, to share a bucket
        # Every object private, whatever the bucket's default; URLs are the app's own (above).
        "default_acl": "private",
        "querystring_auth": True,
        "custom_domain": None,
        # Wagtail names uploads after the file: two "photo.jpg" must not replace each other.
        "file_overwrite": False,
    }
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}
