"""Settings shared by every environment.

Every deploy-time value is read from the environment with django-environ; the
defaults give the embedded setup (SQLite, local-memory cache, eager Celery) so
that one command runs the product on a laptop. dev/test/production only override.
"""

from pathlib import Path

import environ
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
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
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
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "mockapi",
        }
    }

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
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
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    # Outermost: it records every API family's final response (apps/core/journal).
    "apps.core.journal.middleware.JournalMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "apps.core.middleware.RejectOversizedBodiesMiddleware",
    "apps.core.middleware.RejectNulCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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
# Journal: batched background writes, capped bodies, redaction, retention.
MOCK_JOURNAL_ENABLED = env.bool("MOCK_JOURNAL_ENABLED", default=True)
MOCK_JOURNAL_BACKGROUND = env.bool("MOCK_JOURNAL_BACKGROUND", default=True)
MOCK_JOURNAL_FLUSH_INTERVAL = env.float("MOCK_JOURNAL_FLUSH_INTERVAL", default=0.5)
MOCK_JOURNAL_BATCH_SIZE = env.int("MOCK_JOURNAL_BATCH_SIZE", default=500)
MOCK_JOURNAL_BUFFER_MAX = env.int("MOCK_JOURNAL_BUFFER_MAX", default=50_000)
MOCK_JOURNAL_BODY_CAP = env.int("MOCK_JOURNAL_BODY_CAP", default=16_384)
MOCK_JOURNAL_SECRET_NAMES = env.list(
    "MOCK_JOURNAL_SECRET_NAMES",
    default=["password", "secret", "token", "api_key", "apikey", "client_secret"],
)
MOCK_JOURNAL_MAX_AGE_DAYS = env.int("MOCK_JOURNAL_MAX_AGE_DAYS", default=14)
MOCK_JOURNAL_MAX_ROWS = env.int("MOCK_JOURNAL_MAX_ROWS", default=200_000)
CELERY_BEAT_SCHEDULE["mocks-prune-journal"] = {
    "task": "apps.core.tasks.prune_journal",
    "schedule": 3600.0,
}
