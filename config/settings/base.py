"""Settings shared by every environment.

Every deploy-time value is read from the environment with django-environ; the
defaults give the embedded setup (SQLite, local-memory cache, eager Celery) so
that one command runs the product on a laptop. dev/test/production only override.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
APPS_DIR = BASE_DIR / "apps"

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))

# --- General -----------------------------------------------------------------
SECRET_KEY = env("SECRET_KEY", default="dev-insecure-0d1f4c0ae7a54f0fb7c3c1e2d9b6a8f5")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_TZ = True
USE_I18N = True
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("pt-br", _("Brazilian Portuguese"))]
# One unambiguous date format in both languages (config/formats/).
FORMAT_MODULE_PATH = ["config.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
SITE_ID = 1
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Databases ---------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Under ASGI every request's sync code runs in a thread of its own, so a
# persistent connection (CONN_MAX_AGE > 0) is never reused, only left open:
# two workers ran PostgreSQL out of connections. Connections are closed at the
# end of each request, and reuse comes from psycopg's pool instead (below).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DATABASE_POOL", default=True
):
    # One pool per process: at most DATABASE_POOL_MAX_SIZE connections per
    # worker whatever the concurrency; a request that cannot get one within
    # DATABASE_POOL_TIMEOUT seconds fails with 503 (apps/core/errors), not a hang.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
        "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=4),
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=5.0),
        # A connection idle this long is closed (down to min_size).
        "max_idle": env.float("DATABASE_POOL_MAX_IDLE", default=60.0),
    }
    if DATABASES["default"]["CONN_MAX_AGE"]:
        raise ImproperlyConfigured(
            "CONN_MAX_AGE must be 0 when DATABASE_POOL is on (the pool keeps "
            "the connections); set DATABASE_POOL=false to use CONN_MAX_AGE."
        )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The journal's writer thread writes while requests do: WAL lets readers
    # and one writer work at once, IMMEDIATE transactions take the write lock
    # up front (a deferred one that read first fails at once with "database
    # is locked" when another commit came in between), and busy writers wait.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

# --- Cache and Celery ----------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="mockapi"),
            # Bounded waits: with Redis unreachable a request fails over (the
            # engine's last table, an API's 503) in seconds, not at the OS's
            # TCP timeout.
            "OPTIONS": {
                "socket_connect_timeout": env.float(
                    "CACHE_SOCKET_TIMEOUT", default=2.0
                ),
                "socket_timeout": env.float("CACHE_SOCKET_TIMEOUT", default=2.0),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "mockapi",
        }
    }

# "memory://localhost/" rather than "memory://": kombu warns "No hostname was
# supplied" on every task sent in eager mode otherwise.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://localhost/")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
# Without a broker the tasks run inline, so the embedded setup needs no worker.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers a task whose worker died unacknowledged after this many
# seconds (Celery's default is an hour). It must exceed the longest task run and
# the longest retry countdown (retry_backoff caps at 600 s), or live tasks would
# be delivered twice; tasks are idempotent, so a duplicate is only work.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900)
}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE: dict = {}

# --- Apps ----------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sites",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.admin",
]
THIRD_PARTY_APPS = [
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
]
LOCAL_APPS = [
    "apps.core",
    "apps.accounts",
    "apps.mocks",
    "apps.amazon",
    "apps.core.idempotency",
    "apps.bookstore",
    "apps.shop",
    "apps.generator",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    # Outermost: it records every API family's final response (apps/core/journal).
    "apps.core.journal.middleware.JournalMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "apps.core.middleware.RejectOversizedBodiesMiddleware",
    "apps.core.middleware.RejectNulCharactersMiddleware",
    "apps.core.middleware.RejectDeepJsonMiddleware",
    # WhiteNoise, streaming asynchronously under ASGI (apps/core/static_files.py).
    "apps.core.static_files.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.mocks.portal.context_processors.portal",
            ],
        },
    }
]

# --- Static files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Authentication ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="none")
ACCOUNT_ALLOW_REGISTRATION = env.bool("ACCOUNT_ALLOW_REGISTRATION", default=True)
ACCOUNT_ADAPTER = "apps.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "apps.accounts.adapters.SocialAccountAdapter"
# A Google user whose verified email matches an existing account signs in as it.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False
GOOGLE_CLIENT_ID = env("GOOGLE_CLIENT_ID", default="")
GOOGLE_CLIENT_SECRET = env("GOOGLE_CLIENT_SECRET", default="")
SOCIALACCOUNT_PROVIDERS = {
    "google": {
        "SCOPE": ["profile", "email"],
        "AUTH_PARAMS": {"access_type": "online"},
        "EMAIL_AUTHENTICATION": True,
        # Credentials come from the environment, not the database, so the
        # provider is enabled exactly when both values are set.
        "APPS": (
            [
                {
                    "client_id": GOOGLE_CLIENT_ID,
                    "secret": GOOGLE_CLIENT_SECRET,
                    "key": "",
                }
            ]
            if GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET
            else []
        ),
    }
}

# --- Django REST framework -----------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": env.int("API_PAGE_SIZE", default=50),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    # JSON with a nesting limit (JSON_MAX_DEPTH): deep bodies are a 400, never
    # a RecursionError.
    "DEFAULT_PARSER_CLASSES": [
        "apps.core.parsers.DepthLimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # problem+json by default; an imitated API sets its own on its base view.
    "EXCEPTION_HANDLER": "apps.core.api_problems.problem_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Mock API portal — management API",
    "DESCRIPTION": (
        "Configure mock groups, endpoints, expected headers and URL parameters. "
        "Errors are RFC 9457 problem+json."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Offline: system fonts instead of the Google Fonts ReDoc asks for
    # (templates/drf_spectacular/redoc.html drops that link).
    "REDOC_UI_SETTINGS": {
        "theme": {
            "typography": {
                "fontFamily": "system-ui, -apple-system, 'Segoe UI', sans-serif",
                "headings": {"fontFamily": "system-ui, -apple-system, sans-serif"},
            }
        }
    },
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Rate limits (django-ratelimit) ---------------------------------------------
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_USE_CACHE = "default"
API_RATELIMIT = env("API_RATELIMIT", default="600/m")
LOGIN_RATELIMIT = env("LOGIN_RATELIMIT", default="10/m")

# --- Security (hardened further in production.py) --------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Portal ------------------------------------------------------------------------
# The APIs section shows each family's seeded credentials (client ids,
# secrets, refresh tokens) where this is on: development's default.
PORTAL_SHOW_CREDENTIALS = env.bool("PORTAL_SHOW_CREDENTIALS", default=DEBUG)

# --- Email ---------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Mock API <noreply@localhost>")

# --- Logging -------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Amazon SP-API mock ---
# Usage plans (token buckets in Redis when REDIS_URL is set). The scale multiplies
# every operation's rate and burst (10 = ten times Amazon's limits); training runs
# and load tests switch them off entirely.
AMAZON_RATE_LIMITS_ENABLED = env.bool("AMAZON_RATE_LIMITS_ENABLED", default=True)
AMAZON_RATE_LIMIT_SCALE = env.float("AMAZON_RATE_LIMIT_SCALE", default=1.0)
AMAZON_ACCESS_TOKEN_TTL = env.int("AMAZON_ACCESS_TOKEN_TTL", default=3600)
# Restricted Data Tokens (createRestrictedDataToken) live an hour, as Amazon's.
AMAZON_RESTRICTED_DATA_TOKEN_TTL = env.int(
    "AMAZON_RESTRICTED_DATA_TOKEN_TTL", default=3600
)
# Production Amazon serves getOrderAddress, getOrderBuyerInfo and
# getOrderItemsBuyerInfo only to a Restricted Data Token; off by default so that
# clients written against the plain access token keep working.
AMAZON_REQUIRE_RESTRICTED_DATA_TOKEN = env.bool(
    "AMAZON_REQUIRE_RESTRICTED_DATA_TOKEN", default=False
)
# Report document links are signed by this app and expire like S3's (5 minutes).
AMAZON_DOCUMENT_URL_TTL = env.int("AMAZON_DOCUMENT_URL_TTL", default=300)
# Amazon documents its FBA inventory nextToken as expiring after 30 seconds.
AMAZON_INVENTORY_NEXT_TOKEN_TTL = env.int("AMAZON_INVENTORY_NEXT_TOKEN_TTL", default=30)
# Compress report documents with gzip (compressionAlgorithm=GZIP).
AMAZON_REPORT_GZIP = env.bool("AMAZON_REPORT_GZIP", default=False)
# Seeded dates are relative to this instant (ISO 8601); empty = today 00:00 UTC.
AMAZON_SEED_ANCHOR = env("AMAZON_SEED_ANCHOR", default="")
# A report no worker finishes within this many seconds of being claimed (or
# queued) is re-queued, up to AMAZON_REPORT_MAX_ATTEMPTS claims, then FATAL;
# beat checks every AMAZON_REPORT_RECOVERY_INTERVAL seconds.
AMAZON_REPORT_STUCK_SECONDS = env.int("AMAZON_REPORT_STUCK_SECONDS", default=300)
AMAZON_REPORT_MAX_ATTEMPTS = env.int("AMAZON_REPORT_MAX_ATTEMPTS", default=3)
CELERY_BEAT_SCHEDULE["amazon-recover-stuck-reports"] = {
    "task": "amazon.recover_stuck_reports",
    "schedule": env.float("AMAZON_REPORT_RECOVERY_INTERVAL", default=60.0),
}
# Report schedules: a minute's resolution is plenty for the shortest period (PT5M).
CELERY_BEAT_SCHEDULE["amazon-run-report-schedules"] = {
    "task": "amazon.run_report_schedules",
    "schedule": 60.0,
}

# Deepest nesting of a JSON request body any API family (and the mock engine)
# parses; deeper is a 400 (apps/core/jsonparse.py).
JSON_MAX_DEPTH = env.int("JSON_MAX_DEPTH", default=100)

# --- Mock engine ---------------------------------------------------------------------
# Seconds between checks of the shared config version (one cache read per process).
MOCK_ENGINE_VERSION_CHECK_INTERVAL = env.float(
    "MOCK_ENGINE_VERSION_CHECK_INTERVAL", default=0.5
)
MOCK_MAX_BODY_BYTES = env.int("MOCK_MAX_BODY_BYTES", default=1_048_576)
# Chaos: how long "timeout" hangs before its 504, how long "slow_drip" trickles.
MOCK_CHAOS_TIMEOUT_SECONDS = env.float("MOCK_CHAOS_TIMEOUT_SECONDS", default=35.0)
MOCK_CHAOS_DRIP_SECONDS = env.float("MOCK_CHAOS_DRIP_SECONDS", default=4.0)
MOCK_CHAOS_MAX_RANDOM_DELAY_MS = env.int("MOCK_CHAOS_MAX_RANDOM_DELAY_MS", default=5000)
# Schema limits (refused at save beyond them) and the budget of one generated body.
MOCK_SCHEMA_MAX_ITEMS = env.int("MOCK_SCHEMA_MAX_ITEMS", default=1000)
MOCK_SCHEMA_MAX_PROPERTIES = env.int("MOCK_SCHEMA_MAX_PROPERTIES", default=1000)
MOCK_SCHEMA_MAX_STRING_LENGTH = env.int("MOCK_SCHEMA_MAX_STRING_LENGTH", default=10_000)
MOCK_SCHEMA_MAX_DEPTH = env.int("MOCK_SCHEMA_MAX_DEPTH", default=64)
MOCK_GENERATED_BODY_MAX_VALUES = env.int(
    "MOCK_GENERATED_BODY_MAX_VALUES", default=10_000
)
MOCK_GENERATED_BODY_MAX_BYTES = env.int(
    "MOCK_GENERATED_BODY_MAX_BYTES", default=1_048_576
)
# Journal: batched background writes, capped bodies, redaction, retention.
MOCK_JOURNAL_ENABLED = env.bool("MOCK_JOURNAL_ENABLED", default=True)
MOCK_JOURNAL_BACKGROUND = env.bool("MOCK_JOURNAL_BACKGROUND", default=True)
MOCK_JOURNAL_FLUSH_INTERVAL = env.float("MOCK_JOURNAL_FLUSH_INTERVAL", default=0.5)
MOCK_JOURNAL_BATCH_SIZE = env.int("MOCK_JOURNAL_BATCH_SIZE", default=500)
MOCK_JOURNAL_BUFFER_MAX = env.int("MOCK_JOURNAL_BUFFER_MAX", default=50_000)
MOCK_JOURNAL_BODY_CAP = env.int("MOCK_JOURNAL_BODY_CAP", default=16_384)
MOCK_JOURNAL_SECRET_NAMES = env.list(
    "MOCK_JOURNAL_SECRET_NAMES",
    default=[
        "password",
        "passwd",
        "pwd",
        "passphrase",
        "secret",
        "token",
        "api_key",
        "apikey",
        "credential",
        "credentials",
        "private_key",
    ],
)
# A batch write waiting longer (a locked table) fails and is retried; the
# final flush on a graceful shutdown gives up (counting what it drops) after:
MOCK_JOURNAL_WRITE_TIMEOUT = env.float("MOCK_JOURNAL_WRITE_TIMEOUT", default=5.0)
MOCK_JOURNAL_SHUTDOWN_TIMEOUT = env.float("MOCK_JOURNAL_SHUTDOWN_TIMEOUT", default=5.0)
MOCK_JOURNAL_MAX_AGE_DAYS = env.int("MOCK_JOURNAL_MAX_AGE_DAYS", default=14)
MOCK_JOURNAL_MAX_ROWS = env.int("MOCK_JOURNAL_MAX_ROWS", default=200_000)
CELERY_BEAT_SCHEDULE["mocks-prune-journal"] = {
    "task": "apps.core.tasks.prune_journal",
    "schedule": 3600.0,
}

# --- Bookstore API (apps/bookstore, docs/bookstore.md) ---------------------------
BOOKSTORE_MAX_QUANTITY = env.int("BOOKSTORE_MAX_QUANTITY", default=10)  # per ISBN
BOOKSTORE_MAX_ITEMS = env.int("BOOKSTORE_MAX_ITEMS", default=50)  # lines per order
BOOKSTORE_PAGE_SIZE_MAX = env.int("BOOKSTORE_PAGE_SIZE_MAX", default=100)
# Seconds between delivery steps (scheduled → dispatched → in transit → delivered);
# tests and demos set it to a fraction of a second.
BOOKSTORE_DELIVERY_STEP_SECONDS = env.float(
    "BOOKSTORE_DELIVERY_STEP_SECONDS", default=60.0
)
BOOKSTORE_DELIVERY_HORIZON_DAYS = env.int("BOOKSTORE_DELIVERY_HORIZON_DAYS", default=30)
# Countdown tasks drive the steps; beat sweeps up any whose task was lost.
CELERY_BEAT_SCHEDULE["bookstore-advance-overdue-deliveries"] = {
    "task": "bookstore.advance_overdue_deliveries",
    "schedule": 60.0,
}
# How long the "times out" test card keeps the client waiting before its 504.
BOOKSTORE_PAYMENT_TIMEOUT_SECONDS = env.float(
    "BOOKSTORE_PAYMENT_TIMEOUT_SECONDS", default=2.0
)
# Seed the demo key "secret123"; unset: only when DEBUG is on (dev).
BOOKSTORE_SEED_DEMO_KEY = env.bool("BOOKSTORE_SEED_DEMO_KEY", default=None)
# --- Shop API (apps/shop, docs/shop.md) -------------------------------------------
SHOP_ACCESS_TOKEN_MINUTES = env.int("SHOP_ACCESS_TOKEN_MINUTES", default=30)
SHOP_REFRESH_TOKEN_DAYS = env.int("SHOP_REFRESH_TOKEN_DAYS", default=7)
# Unset: derived from SECRET_KEY, so rotating SECRET_KEY also logs shoppers out.
SHOP_JWT_SIGNING_KEY = env("SHOP_JWT_SIGNING_KEY", default="")
SHOP_MAX_QUANTITY = env.int("SHOP_MAX_QUANTITY", default=99)  # per cart line
SHOP_MAX_CART_LINES = env.int("SHOP_MAX_CART_LINES", default=50)
SHOP_PAGE_SIZE_MAX = env.int("SHOP_PAGE_SIZE_MAX", default=100)
# Seed the demo admin and shoppers (docs/shop.md); unset: only when DEBUG is on.
SHOP_SEED_DEMO_ACCOUNTS = env.bool("SHOP_SEED_DEMO_ACCOUNTS", default=None)
# simplejwt is used by the shop only; its settings follow the shop's.
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=SHOP_ACCESS_TOKEN_MINUTES),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=SHOP_REFRESH_TOKEN_DAYS),
    "ALGORITHM": "HS256",
    "SIGNING_KEY": SHOP_JWT_SIGNING_KEY or f"shop-jwt:{SECRET_KEY}",
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "sub",
    "UPDATE_LAST_LOGIN": False,
}
# Idempotency keys (apps/core/idempotency): kept 24 h, pruned hourly by beat.
IDEMPOTENCY_KEY_TTL_SECONDS = env.int("IDEMPOTENCY_KEY_TTL_SECONDS", default=86_400)
CELERY_BEAT_SCHEDULE["core-prune-idempotency-keys"] = {
    "task": "apps.core.idempotency.tasks.prune_idempotency_keys",
    "schedule": 3600.0,
}
# LOG_FORMAT=json: one JSON object per line (apps/core/logs.py); plain by default.
if env("LOG_FORMAT", default="plain") == "json":
    LOGGING["formatters"]["json"] = {"()": "apps.core.logs.JsonFormatter"}
    LOGGING["handlers"]["console"]["formatter"] = "json"
