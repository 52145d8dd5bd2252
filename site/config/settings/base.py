"""Settings shared by every environment, read from the environment with django-environ.

SQLite by default, PostgreSQL when DATABASE_URL is set; Wagtail's database search backend by
default, Elasticsearch 8 when ELASTICSEARCH_URL is set. Every variable is listed in README.md.
"""

from pathlib import Path

import environ

from home import security_headers

BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "home",
    "toolkits",
    "assets_registry",
    "geocoding",
    "search",
    "atlas",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    # django-ninja's own Swagger UI files for /api/v1/docs (without it, the docs page loads a CDN).
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Any origin may GET /api/ and the open-data downloads (no credentials): assets_registry/api/cors.py.
    "assets_registry.api.cors.ReadOnlyCorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "home.middleware.RejectNulQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (home/security_headers.py).
    "home.middleware.SiteAndAdminCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.site_settings",  # Wagtail's settings, safe without a Site
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a long import or task writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    # Concurrent writers queue for the lock instead of failing with "database is locked" after
    # SQLite's default 5 s (a burst of residents' submissions on a small server).
    DATABASES["default"]["OPTIONS"].setdefault("timeout", env.int("SQLITE_BUSY_TIMEOUT", default=30))
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Connected Places Hub <hub@localhost>")

# Background work (search indexing, geocoding retries). Immediate by default: no worker needed.
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}
}

# Search: the database backend always exists (SQLite FTS5 / PostgreSQL full-text) so the
# shared search suite can run on it; Elasticsearch 8 becomes the default when configured.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="cph")
# Wagtail's database backend (search/wagtail_backend.py: the same, with relevance ranking that
# scales on SQLite). SEARCH_CONFIG: PostgreSQL's English configuration (stemming); SQLite ignores it.
_DATABASE_SEARCH = {"BACKEND": "search.wagtail_backend", "SEARCH_CONFIG": "english"}
WAGTAILSEARCH_BACKENDS = {"default": _DATABASE_SEARCH}
# Wagtail's Elasticsearch indexes: English stemming and accent folding for every text field
# (autocomplete fields keep Wagtail's edge n-grams). Needs Elasticsearch's analysis-common module,
# or our es-plugin/ on the stripped distribution (scripts/services.sh installs it).
ELASTICSEARCH_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "cph_possessive": {"type": "stemmer", "language": "possessive_english"},
                "cph_stop": {"type": "stop", "stopwords": "_english_"},
                "cph_stemmer": {"type": "stemmer", "language": "english"},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["cph_possessive", "lowercase", "asciifolding", "cph_stop", "cph_stemmer"],
                }
            },
        }
    }
}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # Wagtail's elasticsearch8, a search page in one request (search/wagtail_elasticsearch.py)
            "BACKEND": "search.wagtail_elasticsearch",
            "URLS": [ELASTICSEARCH_URL],
            # modelsearch names indexes INDEX_PREFIX + "<app>_<model>" (it has no "INDEX" option).
            "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}_",
            "TIMEOUT": 10,
            "OPTIONS": {},
            "INDEX_SETTINGS": ELASTICSEARCH_INDEX_SETTINGS,
        },
        "database": _DATABASE_SEARCH,
    }

WAGTAIL_SITE_NAME = "Connected Places Hub"
# The admin asks no outside service: no avatars from Gravatar (it would learn editors' e-mail
# hashes), no update check (and neither is allowed by the Content-Security-Policy).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents download through Wagtail's view, whatever the storage, so home/upload_privacy.py decides.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Find-a-space backend (assets_registry.search_backends.base documents the interface).
# With ELASTICSEARCH_URL: the registry's elasticsearch-dsl index
# (assets_registry/search_backends/elasticsearch_index.py; docs/search.md).
ASSET_SEARCH_BACKEND = env(
    "ASSET_SEARCH_BACKEND",
    default="assets_registry.search_backends.elasticsearch.ElasticsearchAssetSearch"
    if ELASTICSEARCH_URL
    else "assets_registry.search_backends.database.DatabaseAssetSearch",
)
# The search page's spaces preview counts matches up to this many, then says "1000+" (counting
# 360,000 matches costs more than the search; docs/search.md says why 1,000 and not 10,000).
SEARCH_SPACES_COUNT_UP_TO = env.int("SEARCH_SPACES_COUNT_UP_TO", default=1_000)
# Keep that index in step with every change to spaces (assets_registry/signals.py).
ASSET_INDEX_AUTO_UPDATE = env.bool("ASSET_INDEX_AUTO_UPDATE", default=bool(ELASTICSEARCH_URL))
# Residents' submissions (add a space, suggest an edit, report a closure) per IP address.
ASSET_SUBMISSION_RATE_LIMIT = env.int("ASSET_SUBMISSION_RATE_LIMIT", default=5)
ASSET_SUBMISSION_RATE_WINDOW = env.int("ASSET_SUBMISSION_RATE_WINDOW", default=3600)  # seconds
# Residents' e-mails are erased this many days after their submission is decided
# (assets_registry/personal_data.py; manage.py purge_personal_data, daily from cron).
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=90)
# How many reverse proxies you run in front of the site (0: clients connect directly). The rate
# limit then reads the client's address from X-Forwarded-For that many entries from the right.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Map tiles: OpenStreetMap by default; any XYZ tile server can be configured.
MAP_TILE_URL = env("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
CONTENT_SECURITY_POLICY = security_headers.site_policy(MAP_TILE_URL)
PERMISSIONS_POLICY = security_headers.PERMISSIONS_POLICY
MAP_TILE_ATTRIBUTION = env(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)

# Online geocoding (after the offline gazetteer): off unless GEOCODER_ONLINE is set.
GEOCODER_ONLINE = env("GEOCODER_ONLINE", default="")  # "" or "nominatim"
GEOCODER_NOMINATIM_DOMAIN = env("GEOCODER_NOMINATIM_DOMAIN", default="nominatim.openstreetmap.org")
GEOCODER_NOMINATIM_SCHEME = env("GEOCODER_NOMINATIM_SCHEME", default="https")
GEOCODER_USER_AGENT = env("GEOCODER_USER_AGENT", default="connected-places-hub")
GEOCODER_TIMEOUT = env.float("GEOCODER_TIMEOUT", default=5.0)
# Pages never wait for it (docs/geocoding.md): a query that failed is not asked again for
# GEOCODER_FAILURE_SECONDS, and after GEOCODER_BREAKER_FAILURES failures in a row a worker stops
# asking for GEOCODER_BREAKER_RESET_SECONDS.
GEOCODER_FAILURE_SECONDS = env.int("GEOCODER_FAILURE_SECONDS", default=300)
GEOCODER_BREAKER_FAILURES = env.int("GEOCODER_BREAKER_FAILURES", default=3)
GEOCODER_BREAKER_RESET_SECONDS = env.int("GEOCODER_BREAKER_RESET_SECONDS", default=60)
# A name several places share ("Essex", "Boston") lists them all; with no choice made, the pilot
# areas' places rank first, then the home countries in this order (docs/geocoding.md).
GEOCODER_HOME_COUNTRIES = env.list("GEOCODER_HOME_COUNTRIES", default=["GB", "US"])
GEOCODER_PILOT_AREAS = env.list(
    "GEOCODER_PILOT_AREAS",
    # Ealing, Essex, Southend-on-Sea, Thurrock; Baltimore City; Suffolk County MA (Boston).
    default=["E09000009", "E10000012", "E06000033", "E06000034", "24510", "25025"],
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Serve uploaded media from the app when DEBUG is off (small deployments).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
