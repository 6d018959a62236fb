"""Local development: debug on, console email."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])
PORTAL_SHOW_CREDENTIALS = env.bool("PORTAL_SHOW_CREDENTIALS", default=True)
