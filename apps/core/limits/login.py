"""One login limit for every path that checks a password: failed attempts per
client IP and per username, ``LOGIN_RATELIMIT`` each (``10/m``).

Failures are counted where Django counts them: ``authenticate()`` sends
``user_login_failed`` whichever path called it (admin login form, allauth,
DRF's HTTP Basic), so no path can forget to count. Each path asks
``login_wait()`` *before* checking the password and, when it gets a number,
refuses in its own format (the admin page's message, a family's error body)
with that many seconds in Retry-After; the right password is refused too, or
the limit would only slow a guesser down. Successful logins are not counted,
so a staff script sending Basic credentials on every call is never limited.

The counters are django-ratelimit fixed windows in ``RATELIMIT_USE_CACHE``
(Redis when ``REDIS_URL`` is set), so every web worker shares them;
``RATELIMIT_ENABLE`` switches them off with every other limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy
from django_ratelimit import ALL
from django_ratelimit.core import get_usage
from drf_spectacular.authentication import BasicScheme
from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication

IP_GROUP = "core.login.ip"
USER_GROUP = "core.login.user"
_rate: list[str | None] = []


def login_rate() -> str | None:
    """LOGIN_RATELIMIT, read once per process (again when a test changes it)."""
    if not _rate:
        _rate.append(settings.LOGIN_RATELIMIT or None)
    return _rate[0]


@receiver(setting_changed)
def _forget_rate(*, setting: str, **kwargs: Any) -> None:
    if setting == "LOGIN_RATELIMIT":
        _rate.clear()


def normalize_username(username: Any) -> str:
    return str(username or "").strip().lower()


def _usages(request, username: str, *, increment: bool) -> list[dict]:
    rate = login_rate()
    if not rate or request is None:
        return []
    keys = [(IP_GROUP, "ip")]
    if username:
        keys.append((USER_GROUP, lambda group, request: username))
    usages = []
    for group, key in keys:
        usage = get_usage(
            request, group=group, key=key, rate=rate, method=ALL, increment=increment
        )
        if usage is not None:
            usages.append(usage)
    return usages


def login_wait(request, username: Any = "") -> int | None:
    """Seconds until this client (by IP) or this username may try a password
    again; None when it may now. Counts nothing."""
    blocked = [
        usage
        for usage in _usages(request, normalize_username(username), increment=False)
        if usage["count"] >= usage["limit"]
    ]
    if not blocked:
        return None
    # time_left is 0 in a window's last second and -1 when the cache failed.
    return max(1, *(int(usage["time_left"]) for usage in blocked))


def login_failed(request, username: Any = "") -> None:
    """Count one failed attempt against the client's IP and the username."""
    _usages(request, normalize_username(username), increment=True)


def _username_from(credentials: Mapping[str, Any]) -> str:
    for name in (get_user_model().USERNAME_FIELD, "username", "email", "login"):
        if credentials.get(name):
            return credentials[name]
    return ""


@receiver(user_login_failed)
def _count_failed_login(sender, credentials, request=None, **kwargs: Any) -> None:
    login_failed(request, _username_from(credentials))


class LimitedBasicAuthentication(BasicAuthentication):
    """DRF's HTTP Basic behind the login limit: over it, a 429 in the view's
    own error shape (its exception handler) with Retry-After, before the
    password is checked."""

    def authenticate_credentials(self, userid, password, request=None):
        wait = login_wait(request, userid)
        if wait is not None:
            raise LoginRateLimited(wait=wait)
        return super().authenticate_credentials(userid, password, request)


class LoginRateLimited(exceptions.Throttled):
    default_detail = gettext_lazy("Too many failed sign-in attempts.")
    extra_detail_singular = gettext_lazy("Try again in {wait} second.")
    extra_detail_plural = gettext_lazy("Try again in {wait} seconds.")


class LimitedBasicScheme(BasicScheme):
    """The schema's ``basicAuth``, as for DRF's own class."""

    target_class = LimitedBasicAuthentication
