"""Test run: fast hashing, no rate limits unless a test turns them on."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=False)
ALLOWED_HOSTS = ["*"]
