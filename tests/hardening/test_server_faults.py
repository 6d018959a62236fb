"""The server as deployed, under faults: gunicorn with two uvicorn workers
(config/gunicorn.conf.py), production settings, PostgreSQL and a Redis server
this module starts and kills itself.

Every scenario is bounded in requests and seconds; the figures a scenario
measures are printed (``-s`` shows them) and asserted only as behaviour
(no 5xx, no 404 for an endpoint that exists, connections within the pool).
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import psycopg
import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token

from apps.accounts.factories import UserFactory
from apps.mocks import services
from tests.e2e.server import LiveServer, free_port, server_env

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

WORKERS = 2
POOL_MAX_SIZE = 3  # per worker (DATABASE_POOL_MAX_SIZE)


def database_url() -> str:
    db = settings.DATABASES["default"]
    return (
        f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST']}:"
        f"{db.get('PORT') or 5432}/{db['NAME']}"
    )


class RedisServer:
    """A throwaway redis-server on a free port: the test may kill it."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None
        self.start()

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port),
             "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=5)


@pytest.fixture
def redis_server():
    server = RedisServer()
    yield server
    server.kill()


def production_env(redis_url: str, **extra: str) -> dict[str, str]:
    return server_env(
        database_url(),
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="hardening-tests-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        REDIS_URL=redis_url,
        DATABASE_POOL_MAX_SIZE=str(POOL_MAX_SIZE),
        MOCK_ENGINE_VERSION_CHECK_INTERVAL="0.5",
        LOG_LEVEL="WARNING",
        **extra,
    )


@pytest.fixture
def gunicorn(transactional_db, redis_server):
    """Start on demand (a test seeds first, or passes its own environment)."""
    started: list[LiveServer] = []

    def start(**extra: str) -> LiveServer:
        env = production_env(redis_server.url, **extra)
        server = LiveServer("config.asgi:application", env, workers=WORKERS)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def api_token(transactional_db) -> str:
    return Token.objects.create(user=UserFactory()).key


def load(url: str, *, requests: int, concurrency: int, **kw) -> list[int]:
    """Status codes of ``requests`` GETs from ``concurrency`` clients (0: no
    answer). Each client keeps its connection, as wrk does."""
    per_client = -(-requests // concurrency)

    def client_run(_: int) -> list[int]:
        codes = []
        with httpx.Client(timeout=15) as client:
            for _ in range(per_client):
                try:
                    codes.append(client.get(url, **kw).status_code)
                except httpx.HTTPError:
                    codes.append(0)
        return codes

    with ThreadPoolExecutor(concurrency) as pool:
        return [c for codes in pool.map(client_run, range(concurrency)) for c in codes]


class ConnectionSampler:
    """Peak of this test database's server connections (other engineers'
    databases and the test process's own connection excluded)."""

    def __init__(self) -> None:
        db = settings.DATABASES["default"]
        self.dbname = db["NAME"]
        self.conn = psycopg.connect(
            host=db["HOST"], port=db.get("PORT") or 5432, user=db["USER"],
            password=db.get("PASSWORD") or None, dbname="postgres", autocommit=True,
        )  # fmt: skip
        # The test process's own connection (opened now, if not yet) is no
        # server's; the sampler thread cannot see it, so it is taken here.
        from django.db import connection

        connection.ensure_connection()
        self.own_pid = connection.connection.info.backend_pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def count(self) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
            (self.dbname, self.own_pid),
        ).fetchone()
        return row[0]

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.count())

    def __enter__(self) -> ConnectionSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def close(self) -> None:
        self.conn.close()


@pytest.fixture
def pg_connections(transactional_db):
    sampler = ConnectionSampler()
    yield sampler
    sampler.close()


# --- 1. database connections under ASGI --------------------------------------


def test_api_load_keeps_database_connections_within_the_pool(
    gunicorn, api_token, pg_connections
):
    services.group_create(data={"name": "Conn", "slug": "conn"})
    server = gunicorn()
    auth = {"Authorization": f"Token {api_token}"}
    # Bounded: 40 requests. Before the pool each one left its connection open
    # (CONN_MAX_AGE under ASGI), so the count grew with every request.
    with pg_connections as sampler:
        codes = load(
            server.url + "/api/groups", requests=40, concurrency=4, headers=auth
        )
    time.sleep(1)
    idle = pg_connections.count()
    errors = sum(1 for c in codes if c >= 500 or c == 0)
    print(f"\n[connections] 5xx={errors}/{len(codes)} peak={sampler.peak} idle={idle}")
    assert errors == 0
    assert sampler.peak <= WORKERS * POOL_MAX_SIZE
    assert idle <= WORKERS * POOL_MAX_SIZE
