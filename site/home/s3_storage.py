"""django-storages' S3 storage whose file URLs are the site's own (``home/media_storage.py`` says why)."""

from __future__ import annotations

from urllib.parse import urljoin

from storages.backends.s3 import S3Storage

from django.conf import settings
from django.utils.encoding import filepath_to_uri


class AppServedS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        # /media/<key>: home.views.media_file checks upload_privacy, then streams from the bucket.
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))
