"""Project-wide fixtures and the service markers.

``@pytest.mark.postgres`` / ``@pytest.mark.redis`` tests run whenever their
service is configured and reachable. With REQUIRE_SERVICES=1 (set by .ci/run) a
missing service fails the test instead of skipping it, so CI cannot go green
without having exercised them.
"""

import os
import socket
from functools import cache
from urllib.parse import urlparse

import pytest
from django.conf import settings

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1
        ):
            return True
    except OSError:
        return False


@cache
def service_problem(name: str) -> str | None:
    """Why the service cannot be used, or None when it can."""
    if name == "postgres":
        if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
            return "DATABASE_URL does not point at PostgreSQL"
        return None  # pytest-django already connected to it
    if name == "redis":
        url = os.environ.get("REDIS_URL", "")
        if not url:
            return "REDIS_URL is not set"
        if not _reachable(url, 6379):
            return f"Redis at {url} is not reachable"
        return None
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    for name in ("postgres", "redis"):
        if item.get_closest_marker(name) is None:
            continue
        problem = service_problem(name)
        if problem is None:
            continue
        if REQUIRE_SERVICES:
            pytest.fail(f"{name} is required (REQUIRE_SERVICES=1): {problem}")
        pytest.skip(problem)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (rate-limit counters, config version)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _empty_journal_buffer():
    """Journal records stay in the writer's buffer in-process (test settings:
    no background writer); each test starts with none of another's."""
    from apps.core.journal import writer

    writer.clear()
    yield
    writer.clear()


@pytest.fixture
def user(db):
    from apps.accounts.models import User

    return User.objects.create_user(
        email="user@example.com", password="pw-Secret-123", name="Una User"
    )


@pytest.fixture
def other_user(db):
    from apps.accounts.models import User

    return User.objects.create_user(
        email="other@example.com", password="pw-Secret-123", name="Otto Other"
    )


@pytest.fixture
def staff_user(db):
    from apps.accounts.models import User

    return User.objects.create_superuser(
        email="admin@example.com", password="pw-Secret-123", name="Ada Admin"
    )


@pytest.fixture
def in_process_wsgi():
    """Let tests call the WSGI app directly (schemathesis) inside the test's
    transaction: like Django's test client, stop request_started/finished from
    closing the connection the transaction lives on."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
