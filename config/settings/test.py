"""Test run: fast hashing, no rate limits unless a test turns them on.

Under pytest-xdist every worker gets its own Redis database, so one worker's
cache.clear() (a FLUSHDB) never wipes another's rate-limit counters or tasks.
"""

import os
import re

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, REDIS_URL, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=False)
ALLOWED_HOSTS = ["*"]

_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw-1")
_worker_number = int(re.sub(r"\D", "", _worker) or 0) if _worker != "gw-1" else -1
if REDIS_URL:
    # Database 0 is left to development; tests use 1 (no xdist) or 2, 3, …
    TEST_REDIS_URL = re.sub(r"/\d*$", "", REDIS_URL.rstrip("/")) + (
        f"/{_worker_number + 2}"
    )
    CACHES = {"default": {**CACHES["default"], "LOCATION": TEST_REDIS_URL}}
    CELERY_BROKER_URL = TEST_REDIS_URL
    CELERY_RESULT_BACKEND = TEST_REDIS_URL

# Inside pytest the journal stays in the writer's buffer (tests flush it): a
# background writer would commit rows outside each test's transaction. Server
# processes the tests start (no PYTEST_* variables) write as in production.
_IN_PYTEST = any(k.startswith("PYTEST_") for k in os.environ)
MOCK_JOURNAL_BACKGROUND = env.bool("MOCK_JOURNAL_BACKGROUND", default=not _IN_PYTEST)

# Tasks run inline unless a test starts a real worker (those tests override it).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)

# The pytest process itself works in one thread inside test transactions; the
# pool is for the server processes the live tests start (as deployed).
if _IN_PYTEST:
    DATABASES["default"].get("OPTIONS", {}).pop("pool", None)
