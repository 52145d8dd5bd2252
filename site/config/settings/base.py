"""Settings shared by every environment, read from the environment with django-environ.

SQLite by default, PostgreSQL when DATABASE_URL is set; Wagtail's database search backend by
default, Elasticsearch 8 when ELASTICSEARCH_URL is set. Every variable is listed in README.md.
"""

from pathlib import Path

import environ

from home import media_storage, security_headers

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
    "coalitions",
    "connections",
    "wagtail.contrib.forms",
    # Purges a CDN or Varnish in front when configured (FRONTEND_CACHE_* below); idle otherwise.
    "wagtail.contrib.frontend_cache",
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
    # The database task backend: its queue table, its worker and its admin of results.
    "django_tasks_db",
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
    # Anonymous visitors' pages from the shared cache, before anything else runs (home/page_cache.py).
    "home.page_cache.PageCacheMiddleware",
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
    # Notes searches answered by the database while Elasticsearch is down: such a response is
    # never cached and shows a notice (search/middleware.py). Inside the page cache, so it sees that.
    "search.middleware.SearchModeMiddleware",
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
                "search.context_processors.search_mode",  # the notice while Elasticsearch is down
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

# The shared cache (docs/deployment.md, "Caching"): the database cache by default (its tables are
# made by `manage.py migrate`, home/apps.py), Django's Redis cache when REDIS_URL is set. It holds
# anonymous visitors' pages, without ("pages") and with ("page_queries") a query string, apart, so
# random query strings can only evict each other (home/page_cache.py). "default" stays in each
# process's memory: Wagtail and our selectors read it many times a render (a page's URL reads the
# site root paths), where a database round trip each would cost more than it saves.
REDIS_URL = env("REDIS_URL", default="")
_PAGE_CACHES = {
    "pages": ("cph_page_cache", env.int("PAGE_CACHE_MAX_ENTRIES", default=50_000)),
    "page_queries": ("cph_page_query_cache", env.int("PAGE_CACHE_MAX_QUERY_ENTRIES", default=5_000)),
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
for _alias, (_table, _max_entries) in _PAGE_CACHES.items():
    CACHES[_alias] = (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": _alias,
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": _table,
            "OPTIONS": {"MAX_ENTRIES": _max_entries},
        }
    )
# How long a stored page lives (0: no page cache; production turns it on). Browsers and shared
# caches revalidate after PAGE_CACHE_BROWSER_SECONDS; a CDN keeps pages PAGE_CACHE_CDN_SECONDS,
# set only when Wagtail purges it (FRONTEND_CACHE_*).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
PAGE_CACHE_BROWSER_SECONDS = env.int("PAGE_CACHE_BROWSER_SECONDS", default=0)
# A CDN or Varnish in front (wagtail.contrib.frontend_cache): FRONTEND_CACHE_PURGE_URL for an HTTP
# purger (Varnish, nginx), or the Cloudflare zone and API token. Off unless set.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN", default=""),
    }
PAGE_CACHE_CDN_SECONDS = env.int("PAGE_CACHE_CDN_SECONDS", default=300 if WAGTAILFRONTENDCACHE else 0)
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
# Uploads on disk, or MEDIA_STORAGE=s3: a private S3-compatible bucket, files still handed out by
# the app so unpublished uploads stay private (home/media_storage.py; docs/deployment.md).
MEDIA_STORAGE = env("MEDIA_STORAGE", default="filesystem")
STORAGES = {
    "default": media_storage.default_storage_from_env(env),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Connected Places Hub <hub@localhost>")

# Background work (indexing, geocoding retries, e-mails, periodic jobs: docs/deployment.md,
# "Background work"). Immediate here, so dev and tests need no worker; production queues it in
# the database (django_tasks_db.DatabaseBackend) for `manage.py task_worker`.
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}
}
# A queued task that raises runs again, up to TASK_RETRY_ATTEMPTS runs in all, after
# TASK_RETRY_DELAY seconds, then twice that, ... (home/task_retries.py). A task still "running"
# after TASK_STALE_AFTER seconds lost its worker and is queued again (home/task_recovery.py).
TASK_RETRY_ATTEMPTS = env.int("TASK_RETRY_ATTEMPTS", default=3)
TASK_RETRY_DELAY = env.float("TASK_RETRY_DELAY", default=30)
TASK_STALE_AFTER = env.int("TASK_STALE_AFTER", default=30 * 60)

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
# While Elasticsearch is down, searches are answered by the database backends (with a notice) and
# index updates are kept for a replay (docs/deployment.md, "When a service fails"): after this
# many failures in a row a process stops asking the node for this many seconds.
ELASTICSEARCH_BREAKER_FAILURES = env.int("ELASTICSEARCH_BREAKER_FAILURES", default=3)
ELASTICSEARCH_BREAKER_RESET_SECONDS = env.int("ELASTICSEARCH_BREAKER_RESET_SECONDS", default=30)
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

# Serve uploaded media from the app when DEBUG is off (small deployments). Always with S3: the
# files' URLs are the app's own and nothing else can read the private bucket.
SERVE_MEDIA = MEDIA_STORAGE == "s3" or env.bool("SERVE_MEDIA", default=True)
