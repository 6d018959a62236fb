"""The server as deployed, under faults: gunicorn with two uvicorn workers
(config/gunicorn.conf.py), production settings, PostgreSQL and a Redis server
this module starts and kills itself.

Every scenario is bounded in requests and seconds; the figures a scenario
measures are printed (``-s`` shows them) and asserted only as behaviour
(no 5xx, no 404 for an endpoint that exists, connections within the pool).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
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
STARTUP = 60  # seconds: two workers booting on a shared, loaded machine


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
        LOG_LEVEL="WARNING",
        **{
            "DATABASE_POOL_MAX_SIZE": str(POOL_MAX_SIZE),
            "MOCK_ENGINE_VERSION_CHECK_INTERVAL": "0.5",
            **extra,
        },
    )


@pytest.fixture
def gunicorn(transactional_db, redis_server):
    """Start on demand (a test seeds first, or passes its own environment)."""
    started: list[LiveServer] = []

    def start(**extra: str) -> LiveServer:
        env = production_env(redis_server.url, **extra)
        server = LiveServer(
            "config.asgi:application", env, workers=WORKERS, startup_timeout=STARTUP
        )
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


# --- 5. header size and count -----------------------------------------------


# pytest-django sets the test database up only for tests that ask for it;
# these only read what the module fixture committed.
header_test = pytest.mark.django_db


@pytest.fixture(scope="module")
def mock_server(django_db_setup, django_db_blocker):
    """One server for the read-only header tests (a start costs seconds)."""
    from apps.mocks import models as m

    with django_db_blocker.unblock():
        group = services.group_create(data={"name": "Hdr", "slug": "hdr"})
        services.endpoint_create(
            group=group,
            data={"name": "ok", "path": "/ok", "response_body": {"ok": True}},
        )
    redis = RedisServer()
    # No journal: its rows would outlive this module's tests and show up in
    # the next module's (they expect an empty journal).
    server = LiveServer(
        "config.asgi:application",
        production_env(redis.url, MOCK_JOURNAL_ENABLED="false"),
        workers=WORKERS,
        startup_timeout=STARTUP,
    )
    yield server
    server.stop()
    redis.kill()
    with django_db_blocker.unblock():
        m.Group.all_objects.filter(slug="hdr").first().hard_delete()


def raw_request(server: LiveServer, head: bytes, timeout: float = 10) -> bytes:
    """Send ``head`` over a plain socket (httpx refuses such requests itself)
    and return what the server answered before closing."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as s:
        # Refused mid-send: read the answer it wrote first.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            s.sendall(head)
        chunks = []
        try:
            while chunk := s.recv(65536):
                chunks.append(chunk)
        except (ConnectionResetError, TimeoutError):
            pass
    return b"".join(chunks)


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


@header_test
def test_a_huge_header_is_refused_with_431(mock_server):
    head = b"GET /hdr/ok HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 2_000_000
    answer = raw_request(mock_server, head + b"\r\n\r\n")
    print(f"\n[headers] 2 MB header -> {status_of(answer)}")
    assert status_of(answer) == 431


@header_test
def test_one_header_over_the_field_size_is_refused_with_431(mock_server):
    head = b"GET /hdr/ok HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 9000
    assert status_of(raw_request(mock_server, head + b"\r\n\r\n")) == 431


@header_test
def test_ten_thousand_headers_are_refused_with_431(mock_server):
    fields = b"".join(b"X-H%d: v\r\n" % i for i in range(10_000))
    head = b"GET /hdr/ok HTTP/1.1\r\nHost: 127.0.0.1\r\n" + fields + b"\r\n"
    answer = raw_request(mock_server, head)
    print(f"\n[headers] 10,000 headers -> {status_of(answer)}")
    assert status_of(answer) == 431


@header_test
def test_a_request_line_over_the_limit_is_refused_with_414(mock_server):
    head = b"GET /hdr/ok?q=" + b"a" * 10_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    assert status_of(raw_request(mock_server, head)) == 414


@header_test
def test_requests_within_the_limits_are_served(mock_server):
    headers = {f"X-H{i}": "v" * 100 for i in range(90)}
    headers["X-Big"] = "a" * 8000
    resp = httpx.get(mock_server.url + "/hdr/ok?q=" + "a" * 7000, headers=headers)
    assert resp.status_code == 200
    assert resp.json() == {"ok": True}


@header_test
def test_the_server_keeps_serving_after_refusing(mock_server):
    raw_request(mock_server, b"GET /hdr/ok HTTP/1.1\r\nX-Big: " + b"a" * 2_000_000)
    assert httpx.get(mock_server.url + "/hdr/ok").status_code == 200


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


# --- 9. configuration changes reach every request ----------------------------


@pytest.fixture
def shared_cache(redis_server, settings):
    """This process bumps the config version in the servers' Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "mockapi",  # CACHE_KEY_PREFIX's default, as the servers
        }
    }


@pytest.fixture
def fresh_group(transactional_db):
    group = services.group_create(data={"name": "Fresh", "slug": "fresh"})
    services.endpoint_create(
        group=group, data={"name": "old", "path": "/old", "response_body": {"v": 0}}
    )
    return group


def warm(server: LiveServer) -> None:
    for _ in range(20):  # both workers have built their table
        assert httpx.get(server.url + "/fresh/old").status_code == 200


def burst_after_create(server: LiveServer, group) -> list[int]:
    """Create an endpoint and call it at once: 120 requests, 12 clients."""
    services.endpoint_create(
        group=group, data={"name": "new", "path": "/new", "response_body": {"v": 1}}
    )
    return load(server.url + "/fresh/new", requests=120, concurrency=12)


def test_an_endpoint_created_within_the_check_interval_is_never_a_404(
    gunicorn, shared_cache, fresh_group
):
    # A long interval: every request of the burst comes before the next
    # scheduled check, so only a re-check on a miss can find the endpoint.
    server = gunicorn(MOCK_ENGINE_VERSION_CHECK_INTERVAL="5")
    warm(server)
    codes = burst_after_create(server, fresh_group)
    print(f"\n[config, within interval] 404s={codes.count(404)}/{len(codes)}")
    assert set(codes) == {200}


def test_an_endpoint_created_while_workers_idle_is_never_a_404(
    gunicorn, shared_cache, fresh_group
):
    server = gunicorn()
    warm(server)
    time.sleep(1.5)  # idle past the check interval: the burst finds it expired
    codes = burst_after_create(server, fresh_group)
    print(f"\n[config, after idle] 404s={codes.count(404)}/{len(codes)}")
    assert set(codes) == {200}


# --- 10. dependencies down ------------------------------------------------------


@pytest.fixture
def down_group(transactional_db):
    group = services.group_create(data={"name": "Down", "slug": "down"})
    services.endpoint_create(
        group=group, data={"name": "ok", "path": "/ok", "response_body": {"ok": True}}
    )
    return group


def assert_problem(resp: httpx.Response, status: int) -> None:
    assert (resp.status_code, resp.headers["content-type"]) == (
        status,
        "application/problem+json",
    )
    assert resp.json()["status"] == status


def mock_answers(server: LiveServer, path: str, n: int = 20) -> list[httpx.Response]:
    with httpx.Client(timeout=15) as client:
        return [client.get(server.url + path) for _ in range(n)]


def test_redis_down_mocks_keep_serving_their_last_table(
    gunicorn, redis_server, down_group
):
    server = gunicorn()
    mock_answers(server, "/down/ok")  # both workers hold a table
    redis_server.kill()
    time.sleep(1)  # past the check interval: the next request finds Redis gone
    answers = mock_answers(server, "/down/ok")
    print(f"\n[redis down] mock statuses={sorted({r.status_code for r in answers})}")
    assert {(r.status_code, r.headers.get("x-mock-config-stale")) for r in answers} == {
        (200, "config version unavailable")
    }


def test_redis_down_an_unknown_group_is_still_a_404(gunicorn, redis_server, down_group):
    server = gunicorn()
    mock_answers(server, "/down/ok")
    redis_server.kill()
    time.sleep(1)
    assert_problem(httpx.get(server.url + "/nogroup/anything", timeout=15), 404)


def test_redis_down_from_the_start_mocks_are_served_from_the_database(
    gunicorn, redis_server, down_group
):
    redis_server.kill()
    server = gunicorn()
    answers = mock_answers(server, "/down/ok")
    assert {r.status_code for r in answers} == {200}


def test_redis_down_the_management_api_answers_503_problem(
    gunicorn, redis_server, api_token
):
    # Production settings: the API's rate limit counts in Redis (fails closed).
    server = gunicorn()
    redis_server.kill()
    resp = httpx.get(
        server.url + "/api/groups",
        headers={"Authorization": f"Token {api_token}"},
        timeout=15,
    )
    print(f"\n[redis down] /api/groups -> {resp.status_code}")
    assert_problem(resp, 503)
    assert resp.headers["retry-after"] == "5"


@pytest.fixture
def no_database(gunicorn):
    """A server whose DATABASE_URL points at a port nobody listens on."""
    dead = f"postgres://postgres@127.0.0.1:{free_port()}/nothing"
    return gunicorn(DATABASE_URL=dead, DATABASE_POOL_TIMEOUT="1")


def down_answer(server: LiveServer, path: str, **headers: str) -> httpx.Response:
    resp = httpx.get(server.url + path, headers=headers, timeout=15)
    print(f"\n[database down] {path} -> {resp.status_code} {resp.text[:160]}")
    return resp


def test_database_down_a_mock_answers_503_problem(no_database):
    assert_problem(down_answer(no_database, "/down/ok"), 503)


def test_database_down_the_management_api_answers_503_problem(no_database):
    resp = down_answer(
        no_database, "/api/groups", Authorization="Token 0123456789abcdef"
    )
    assert_problem(resp, 503)


def test_database_down_amazon_answers_in_its_envelope(no_database):
    resp = down_answer(
        no_database, "/amazon/orders/v0/orders", **{"x-amz-access-token": "Atza|x"}
    )
    assert (resp.status_code, "errors" in resp.json()) == (503, True)
