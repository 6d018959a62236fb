"""A configuration change reaches every server process through the shared
config version in Redis, with PostgreSQL as the store: two real uvicorn
processes serve the same group, the test edits it, and both follow."""

import time

import httpx
import pytest
from django.conf import settings

from apps.mocks import services

from .server import LiveServer, server_env

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

# Workers check the version every 0.5 s; the bound leaves room for a loaded CI.
PROPAGATION_DEADLINE_SECONDS = 5.0


def database_url() -> str:
    db = settings.DATABASES["default"]
    return (
        f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST']}:"
        f"{db.get('PORT') or 5432}/{db['NAME']}"
    )


@pytest.fixture
def servers(transactional_db):
    env = server_env(
        database_url(),
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="false",
        # The very Redis database (and key prefix) this test process bumps.
        REDIS_URL=settings.CACHES["default"]["LOCATION"],
        CACHE_KEY_PREFIX=settings.CACHES["default"].get("KEY_PREFIX", ""),
        MOCK_ENGINE_VERSION_CHECK_INTERVAL="0.5",
    )
    started: list[LiveServer] = []
    try:
        # One at a time: if the second fails to start, the first still stops.
        for _ in range(2):
            started.append(LiveServer("config.asgi:application", env))
        yield started
    finally:
        for server in started:
            server.stop()


def wait_until_all(servers, path: str, predicate) -> float:
    """Seconds until every server's answer satisfies ``predicate``."""
    started = time.monotonic()
    pending = list(servers)
    while pending and time.monotonic() - started < PROPAGATION_DEADLINE_SECONDS:
        pending = [
            s for s in pending if not predicate(httpx.get(s.url + path, timeout=2))
        ]
        if pending:
            time.sleep(0.05)
    assert not pending, f"{len(pending)} server(s) still serve the old config"
    return time.monotonic() - started


def test_an_edit_and_a_delete_reach_every_server_process(servers):
    group = services.group_create(data={"name": "Live", "slug": "live-config"})
    endpoint = services.endpoint_create(
        group=group, data={"name": "v", "path": "/version", "response_body": {"v": 1}}
    )
    for server in servers:
        assert httpx.get(server.url + "/live-config/version").json() == {"v": 1}

    services.endpoint_update(
        endpoint=endpoint, data={"response_body": {"v": 2}}, partial=True
    )
    wait_until_all(servers, "/live-config/version", lambda r: r.json() == {"v": 2})

    services.endpoint_delete(endpoint=endpoint)
    wait_until_all(servers, "/live-config/version", lambda r: r.status_code == 404)

    services.endpoint_restore(endpoint=endpoint)
    wait_until_all(servers, "/live-config/version", lambda r: r.status_code == 200)
