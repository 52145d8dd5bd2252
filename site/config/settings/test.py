"""Test settings: the same configuration as dev, made fast and self-contained."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, WAGTAILSEARCH_BACKENDS

DEBUG = False
SECRET_KEY = "test-only-secret-key-connected-places-hub"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, as in production, not Django's shared in-memory database: concurrent requests in the
    # tests then meet SQLite's real locking (WAL, busy timeout), not shared-cache "table is locked".
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"cph-test-{os.getpid()}.sqlite3")
    }
# Elasticsearch indexes get their own prefix so a test run never touches a dev index.
for _backend in WAGTAILSEARCH_BACKENDS.values():
    if "INDEX_PREFIX" in _backend:
        _backend["INDEX_PREFIX"] = "cph_test_"
ELASTICSEARCH_INDEX_PREFIX = "cph_test"
# Search, as in Wagtail's own test settings: the database backend is the default and the
# find-a-space index is not auto-updated, so no test outside tests/search waits on an
# Elasticsearch refresh or shares an index with another run. tests/search switches each of its
# tests to every configured backend, with index names unique to the run (its conftest.py).
WAGTAILSEARCH_BACKENDS = {
    "default": WAGTAILSEARCH_BACKENDS.get("database", WAGTAILSEARCH_BACKENDS["default"]),
}
ASSET_SEARCH_BACKEND = "assets_registry.search_backends.database.DatabaseAssetSearch"
ASSET_INDEX_AUTO_UPDATE = False
# load_demo in tests: only the pilot areas' GB postcodes (the full set loads in the real demo).
GAZETTEER_DEMO_AREAS = "pilot"
