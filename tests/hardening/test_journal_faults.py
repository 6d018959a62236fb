"""The journal under faults, against the server as deployed (gunicorn with two
uvicorn workers, PostgreSQL, Redis): a journal table locked under load and a
graceful SIGTERM under load lose no entry silently. Every load is bounded in
requests and in seconds; the figures are printed (``-s`` shows them)."""

from __future__ import annotations

import os
import signal
import threading
import time
import uuid
from collections import Counter

import httpx
import psycopg
import pytest
from django.conf import settings

from apps.core.journal import JournalEntry
from apps.mocks import services
from tests.e2e.server import LiveServer, server_env
from tests.e2e.test_config_propagation import database_url

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

SLUG = "faults"
CONCURRENCY = 12
LOCK_SECONDS = 6.0
LOCK_REQUESTS = 1500
SIGTERM_AFTER_ANSWERS = 300
SIGTERM_MAX_REQUESTS = 4000
DRAIN_SECONDS = 30.0


@pytest.fixture
def endpoint(transactional_db):
    group = services.group_create(data={"name": "Faults", "slug": SLUG})
    return services.endpoint_create(
        group=group, data={"name": "ping", "path": "/ping", "response_body": {"ok": 1}}
    )


@pytest.fixture
def logs(tmp_path):
    return str(tmp_path)


def start_server(logs: str, **extra: str) -> LiveServer:
    env = server_env(
        database_url(),
        E2E_LOG_DIR=logs,
        REDIS_URL=settings.CACHES["default"]["LOCATION"],
        # A prefix of its own: the drop counter starts at zero for this server.
        CACHE_KEY_PREFIX=f"journal-faults-{uuid.uuid4().hex[:8]}",
        MOCK_JOURNAL_WRITE_TIMEOUT="1",
        **extra,
    )
    # A loaded CI machine (or laptop) boots two Django workers slowly.
    server = LiveServer("config.asgi:application", env, workers=2, startup_timeout=90)
    for _ in range(4 * 2):  # a fresh connection each: both workers warm up
        httpx.get(f"{server.url}/{SLUG}/warm-up", timeout=30)
    return server


def load(
    url: str,
    total: int,
    seconds: float,
    outcomes: Counter | None = None,
    answered: set[int] | None = None,
) -> set[int]:
    """Send up to ``total`` requests for at most ``seconds`` from CONCURRENCY
    clients, each tagged ``?n=<i>``; the numbers that got a 200 back. A client
    stops at its first connection error (the server went away)."""
    numbers = iter(range(total))
    lock = threading.Lock()
    answered = set() if answered is None else answered
    outcomes = Counter() if outcomes is None else outcomes
    deadline = time.monotonic() + seconds

    def client() -> None:
        with httpx.Client(base_url=url, timeout=10) as http:
            while time.monotonic() < deadline:
                with lock:
                    n = next(numbers, None)
                if n is None:
                    return
                try:
                    response = http.get(f"/{SLUG}/ping", params={"n": n})
                except httpx.TransportError as exc:
                    with lock:
                        outcomes[type(exc).__name__] += 1
                    return
                with lock:
                    outcomes[response.status_code] += 1
                if response.status_code == 200:
                    with lock:
                        answered.add(n)

    threads = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 15)
    return answered


def journal_state(url: str) -> dict:
    return httpx.get(url + "/ready/", timeout=10).json()["checks"].get("journal", {})


def recorded_numbers() -> set[int]:
    return {
        int(query["n"][0])
        for query in JournalEntry.objects.filter(
            group_slug=SLUG, path="/ping"
        ).values_list("query", flat=True)
    }


def drain(url: str, sent: int) -> tuple[int, int]:
    """Wait (bounded) until every sent request is recorded or counted as
    dropped; the recorded and dropped counts."""
    deadline = time.monotonic() + DRAIN_SECONDS
    while True:
        recorded = JournalEntry.objects.filter(group_slug=SLUG, path="/ping").count()
        dropped = journal_state(url).get("dropped", 0)
        if recorded + dropped >= sent or time.monotonic() > deadline:
            return recorded, dropped
        time.sleep(0.25)


@pytest.mark.parametrize(
    ("buffer_max", "expect_drops"),
    [("50000", False), ("200", True)],
    ids=["big-buffer", "small-buffer"],
)
def test_a_locked_journal_table_loses_nothing_silently(
    endpoint, logs, buffer_max, expect_drops
):
    server = start_server(logs, MOCK_JOURNAL_BUFFER_MAX=buffer_max)
    try:
        db = settings.DATABASES["default"]
        locker = psycopg.connect(
            host=db["HOST"], port=db.get("PORT") or 5432, user=db["USER"],
            password=db.get("PASSWORD") or None, dbname=db["NAME"],
        )  # fmt: skip
        try:
            locker.execute("LOCK TABLE core_journalentry IN ACCESS EXCLUSIVE MODE")
            locked_at = time.monotonic()
            answered = load(server.url, LOCK_REQUESTS, LOCK_SECONDS - 1)
            while_locked = [journal_state(server.url) for _ in range(4)]
            time.sleep(max(0.0, LOCK_SECONDS - (time.monotonic() - locked_at)))
        finally:
            locker.rollback()  # releases the lock
            locker.close()
        recorded, dropped = drain(server.url, len(answered))
        after = journal_state(server.url)
    finally:
        server.stop()

    print(
        f"\nlocked {LOCK_SECONDS:g} s, buffer {buffer_max}: sent {len(answered)}, "
        f"recorded {recorded}, dropped {dropped}, ready while locked "
        f"{[s.get('status') for s in while_locked]}, after {after}"
    )
    assert recorded + dropped == len(answered)
    assert (dropped > 0) is expect_drops
    assert any(s.get("status") == "degraded" for s in while_locked)


def test_a_graceful_sigterm_under_load_records_every_answered_request(endpoint, logs):
    # Small batches keep the writer thread inside a COPY most of the time: a
    # process that exits then loses that batch unless shutdown waits for it.
    server = start_server(
        logs, MOCK_JOURNAL_BATCH_SIZE="25", MOCK_JOURNAL_FLUSH_INTERVAL="0.05"
    )
    answered: set[int] = set()
    outcomes: Counter = Counter()
    loader = threading.Thread(
        target=load,
        args=(server.url, SIGTERM_MAX_REQUESTS, 60, outcomes, answered),
    )
    try:
        loader.start()
        deadline = time.monotonic() + 20
        while len(answered) < SIGTERM_AFTER_ANSWERS and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(server.proc.pid, signal.SIGTERM)
        server.proc.wait(timeout=40)
        loader.join(30)
    finally:
        server.stop()

    missing = answered - recorded_numbers()
    print(
        f"\nSIGTERM after {SIGTERM_AFTER_ANSWERS} answers: answered {len(answered)}, "
        f"not recorded {len(missing)}, outcomes {dict(outcomes)}"
    )
    assert answered, "the load never got an answer"
    assert not missing
