"""The writer loses nothing silently: a failed batch is kept and retried, a
batch the database refuses is dropped and counted, every drop is counted
(across processes, in the shared cache) and logged once per interval, a
locked table fails the write in bounded time, shutdown writes the rest."""

import asyncio
import importlib
import logging
import time

import psycopg
import pytest
from django.core.cache import cache

from apps.core.journal import JournalEntry, health, lifespan
from apps.core.journal.writer import JournalWriter

pytestmark = pytest.mark.django_db
# The module (the package exports the process-wide writer under that name).
writer_module = importlib.import_module("apps.core.journal.writer")


def entry(n: int = 0) -> dict:
    return {"method": "GET", "path": f"/x/{n}", "group_slug": "w", "status": 200}


@pytest.fixture
def fresh():
    """A writer of its own (the process-wide one is shared by every test)."""
    cache.delete_many([health.DROPPED_KEY, health.DEGRADED_KEY])
    yield JournalWriter()
    cache.delete_many([health.DROPPED_KEY, health.DEGRADED_KEY])


@pytest.fixture
def failing_insert(monkeypatch):
    """_insert fails with ``error`` for the next ``times`` calls."""
    plan = {"times": 0, "error": psycopg.OperationalError("database away")}
    real = writer_module._insert

    def insert(batch):
        if plan["times"]:
            plan["times"] -= 1
            raise plan["error"]
        real(batch)

    monkeypatch.setattr(writer_module, "_insert", insert)
    return plan


def test_a_failed_batch_is_kept_for_a_retry(fresh, failing_insert):
    failing_insert["times"] = 1
    fresh.record(entry(1))
    fresh.record(entry(2))

    assert fresh.flush() == 0
    assert len(fresh.buffer) == 2 and fresh.state()["status"] == "degraded"
    assert fresh.flush() == 2
    assert fresh.state()["status"] == "ok" and JournalEntry.objects.count() == 2


def test_the_retry_backs_off_up_to_a_bound(fresh, settings):
    settings.MOCK_JOURNAL_FLUSH_INTERVAL = 0.5
    delays = []
    for failures in range(1, 8):
        fresh.failures = failures
        delays.append(fresh.retry_delay())
    assert delays == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0, 5.0]


def test_a_batch_the_database_refuses_is_dropped_and_counted(fresh, failing_insert):
    failing_insert.update(times=99, error=psycopg.DataError("bad value"))
    fresh.record(entry())
    for _ in range(writer_module.POISON_ATTEMPTS):
        fresh.flush()
    assert not fresh.buffer and fresh.dropped == 1


def test_a_transient_failure_is_retried_however_long_it_lasts(fresh, failing_insert):
    failing_insert["times"] = 99
    fresh.record(entry())
    for _ in range(writer_module.POISON_ATTEMPTS * 2):
        fresh.flush()
    assert len(fresh.buffer) == 1 and fresh.dropped == 0


def test_overflow_is_counted_and_logged_once_per_interval(fresh, settings, caplog):
    settings.MOCK_JOURNAL_BUFFER_MAX = 2
    for n in range(10):
        fresh.record(entry(n))
    with caplog.at_level(logging.ERROR, "apps.core.journal"):
        health.publish(fresh)
        fresh.record(entry())
        health.publish(fresh)  # within the interval: counted, not logged
    assert fresh.dropped == 9
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
        "journal dropped 8 entries"
    ]


@pytest.mark.redis
def test_drops_add_up_across_processes_in_the_shared_cache(fresh, settings):
    settings.MOCK_JOURNAL_BUFFER_MAX = 0
    other = JournalWriter()  # another worker process, as far as the cache knows
    for _ in range(3):
        fresh.record(entry())
    for _ in range(4):
        other.record(entry())
    health.publish(fresh)
    health.publish(other)
    assert cache.get(health.DROPPED_KEY) == 7
    assert health.journal_health(JournalWriter())["dropped"] == 7


def test_a_degraded_worker_shows_in_another_workers_health(fresh, failing_insert):
    failing_insert["times"] = 1
    fresh.record(entry())
    fresh.flush()
    health.publish(fresh)
    state = health.journal_health(JournalWriter())  # a healthy worker answers
    assert state["status"] == "degraded" and "write failing" in state["reasons"]


def test_unpublished_drops_count_in_this_workers_health(fresh, settings):
    settings.MOCK_JOURNAL_BUFFER_MAX = 0
    fresh.record(entry())
    assert health.journal_health(fresh)["dropped"] == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_locked_table_fails_the_write_in_bounded_time(fresh, settings):
    settings.MOCK_JOURNAL_WRITE_TIMEOUT = 0.3
    db = settings.DATABASES["default"]
    fresh.record(entry())
    with psycopg.connect(
        host=db["HOST"], port=db.get("PORT") or 5432, user=db["USER"],
        password=db.get("PASSWORD") or None, dbname=db["NAME"],
    ) as locker:  # fmt: skip
        locker.execute("LOCK TABLE core_journalentry IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        assert fresh.flush() == 0
        waited = time.monotonic() - started
        locker.rollback()
    assert waited < 5  # the lock timeout ended it, not the lock's release
    assert "LockNotAvailable" in fresh.state()["last_error"]
    assert fresh.flush() == 1 and JournalEntry.objects.count() == 1


def test_shutdown_writes_what_is_buffered(fresh):
    for n in range(3):
        fresh.record(entry(n))
    assert fresh.shutdown(timeout=5) == 3
    assert JournalEntry.objects.count() == 3 and fresh.dropped == 0


def test_shutdown_counts_and_logs_what_it_cannot_write(fresh, failing_insert, caplog):
    failing_insert["times"] = 999
    fresh.record(entry())
    with caplog.at_level(logging.ERROR, "apps.core.journal"):
        fresh.shutdown(timeout=0.3)
    assert fresh.dropped == 1 and not fresh.buffer
    assert any(
        "journal shutdown: 1 entries dropped" in r.getMessage() for r in caplog.records
    )


def run_lifespan(app, messages):
    sent = []
    queue = list(messages)

    async def receive():
        return queue.pop(0)

    async def send(message):
        sent.append(message["type"])

    asyncio.run(app({"type": "lifespan"}, receive, send))
    return sent


def test_lifespan_shutdown_flushes_the_journal(monkeypatch):
    calls = []
    monkeypatch.setattr(lifespan.writer, "shutdown", lambda: calls.append("flush"))
    app = lifespan.with_lifespan(None)  # lifespan never reaches the inner app
    sent = run_lifespan(
        app, [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    )
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert calls == ["flush"]


def test_lifespan_shutdown_completes_even_when_the_flush_fails(monkeypatch):
    def explode():
        raise RuntimeError("database away")

    monkeypatch.setattr(lifespan.writer, "shutdown", explode)
    sent = run_lifespan(lifespan.with_lifespan(None), [{"type": "lifespan.shutdown"}])
    assert sent == ["lifespan.shutdown.complete"]


def test_other_scopes_reach_the_application():
    seen = []

    async def inner(scope, receive, send):
        seen.append(scope["type"])

    asyncio.run(lifespan.with_lifespan(inner)({"type": "http"}, None, None))
    assert seen == ["http"]


def test_ready_reports_a_degraded_journal_and_stays_200(client, monkeypatch):
    monkeypatch.setattr(
        writer_module.writer, "failing_since", time.monotonic(), raising=True
    )
    monkeypatch.setattr(writer_module.writer, "last_error", "LockNotAvailable: x")
    response = client.get("/ready/")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["journal"]["status"] == "degraded"
    assert body["checks"]["journal"]["last_error"] == "LockNotAvailable: x"


def test_ready_reports_a_healthy_journal(client, monkeypatch, fresh):
    monkeypatch.setattr(writer_module.writer, "last_drop", 0.0)
    journal = client.get("/ready/").json()["checks"]["journal"]
    assert journal["status"] == "ok" and set(journal) >= {"dropped", "buffered"}
