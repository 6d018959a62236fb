"""The batched writer: recording is an append to a bounded in-process buffer;
one daemon thread per process bulk-inserts batches (COPY on PostgreSQL).

Nothing is lost silently. A full buffer drops the newest entry (never
blocks a response) and counts it; a failed batch (a locked table, a
database away) goes back to the head of the buffer and is retried with
backoff, each write bounded by MOCK_JOURNAL_WRITE_TIMEOUT so a lock shows
up as a failure instead of a silent wait; a batch the database refuses
outright is dropped, counted, after a few attempts. Drops and failures are
logged once per interval, not per entry, and published to the shared cache
(``health``) so /ready/ reports the journal's state across every worker.
A graceful shutdown (ASGI lifespan, or exit) writes what is buffered.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import threading
import time
from collections import deque
from functools import lru_cache
from typing import Any

import psycopg
from django.db import (
    DataError,
    IntegrityError,
    ProgrammingError,
    connection,
    connections,
    router,
    transaction,
)
from django.utils import timezone

from .config import journal_config
from .models import JournalEntry

logger = logging.getLogger("apps.core.journal")

RETRY_MAX_DELAY = 5.0  # seconds between attempts at most (backoff doubles)
POISON_ATTEMPTS = 3  # a batch the database refuses this often is dropped
LOG_INTERVAL = 10.0  # at most one drop/failure log line per interval
STALL_SECONDS = 2.0  # a write running longer makes the journal "degraded"
DROP_WINDOW = 30.0  # drops this recent make the journal "degraded"
# Errors retrying cannot cure: the batch itself is at fault.
POISON = (
    DataError,
    IntegrityError,
    ProgrammingError,
    psycopg.DataError,
    psycopg.IntegrityError,
    psycopg.ProgrammingError,
    TypeError,
    ValueError,
)


class JournalWriter:
    """Bounded in-memory buffer drained by one daemon thread per process."""

    def __init__(self) -> None:
        self.buffer: deque[dict[str, Any]] = deque()
        self.dropped = 0  # this process, since it started
        self.written = 0
        self.unreported = 0  # drops not yet added to the shared counter
        self.failures = 0  # consecutive failed attempts at the head batch
        self.failing_since: float | None = None
        self.write_started: float | None = None
        self.last_drop = 0.0
        self.last_error = ""
        self._logged_drops = 0
        self._last_log = 0.0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._pid = 0

    @property
    def enabled(self) -> bool:
        return journal_config().enabled

    def record(self, entry: dict[str, Any]) -> None:
        try:
            config = journal_config()
            if not config.enabled:
                return
            if len(self.buffer) >= config.buffer_max:
                self.count_drop(1)
                return
            self.buffer.append(entry)
            if config.background:
                self._ensure_thread()
                if len(self.buffer) >= config.batch_size:
                    self._wake.set()
        except Exception:  # the journal never fails a response
            logger.exception("journal record failed")

    def count_drop(self, n: int) -> None:
        # Several threads record (the event loop, Django's sync thread): a
        # lost increment would be an uncounted drop.
        with self._lock:
            self.dropped += n
            self.unreported += n
            self.last_drop = time.monotonic()

    def take_unreported(self) -> int:
        with self._lock:
            n, self.unreported = self.unreported, 0
            return n

    def give_back_unreported(self, n: int) -> None:
        with self._lock:
            self.unreported += n

    def _ensure_thread(self) -> None:
        if (
            self._thread is not None
            and self._thread.is_alive()
            and self._pid == os.getpid()
        ) or self._stop.is_set():
            return
        with self._lock:
            if (
                self._thread is not None
                and self._thread.is_alive()
                and self._pid == os.getpid()
            ):
                return
            self._pid = os.getpid()
            self._thread = threading.Thread(
                target=self._run, name="journal-writer", daemon=True
            )
            self._thread.start()

    def _run(self) -> None:
        from . import health

        while not self._stop.is_set():
            if self.failing_since is None:
                self._wake.wait(journal_config().flush_interval)
            else:  # backing off: a full buffer's wake-ups must not hurry it
                self._stop.wait(self.retry_delay())
            self._wake.clear()
            if self._stop.is_set():
                return  # shutdown() writes the rest in its own thread
            if not journal_config().background:
                return  # switched off (a test): whoever records flushes
            try:
                self.flush()
            except Exception:
                logger.exception("journal flush failed")
            try:
                # This thread's connection is opened per flush and closed after,
                # so the writer never pins a connection between bursts (nor
                # keeps a test database busy after its tests end).
                connection.close()
            except Exception:  # never let the writer thread die
                logger.debug("journal connection close failed", exc_info=True)
            health.publish(self)

    def retry_delay(self) -> float:
        base = max(journal_config().flush_interval, 0.05)
        return min(base * 2 ** max(self.failures - 1, 0), RETRY_MAX_DELAY)

    def flush(self) -> int:
        """Write everything buffered now, in batches; returns rows written.
        A failed batch goes back to the head of the buffer for the next
        attempt, and flush returns (no raise: the caller backs off)."""
        total = 0
        size = journal_config().batch_size
        while self.buffer:
            batch = []
            while self.buffer and len(batch) < size:
                batch.append(self.buffer.popleft())
            self.write_started = time.monotonic()
            try:
                _insert(batch)
            except Exception as exc:
                self._failed(batch, exc)
                break
            finally:
                self.write_started = None
            if self.failing_since is not None:
                logger.warning(
                    "journal writes recovered after %.1f s",
                    time.monotonic() - self.failing_since,
                )
            self.failures, self.failing_since = 0, None
            total += len(batch)
        self.written += total
        return total

    def _failed(self, batch: list[dict[str, Any]], exc: Exception) -> None:
        self.failures += 1
        self.last_error = f"{type(exc).__name__}: {exc}"[:300]
        if self.failing_since is None:
            self.failing_since = time.monotonic()
        if isinstance(exc, POISON) and self.failures >= POISON_ATTEMPTS:
            # Retrying cannot cure it, and it would block every later entry.
            logger.error(
                "journal batch of %d dropped after %d attempts: %s",
                len(batch), self.failures, self.last_error,
            )  # fmt: skip
            self.count_drop(len(batch))
            self.failures, self.failing_since = 0, None
            return
        self.buffer.extendleft(reversed(batch))
        if self.failures == 1 or self.should_log():
            logger.warning(
                "journal write failed (attempt %d), %d entries buffered, "
                "retrying in %.1f s: %s",
                self.failures, len(self.buffer), self.retry_delay(), self.last_error,
            )  # fmt: skip

    def should_log(self) -> bool:
        now = time.monotonic()
        if now - self._last_log < LOG_INTERVAL:
            return False
        self._last_log = now
        return True

    def log_drops(self) -> None:
        """One line per interval for the drops since the last one."""
        new = self.dropped - self._logged_drops
        if new and self.should_log():
            self._logged_drops = self.dropped
            logger.error(
                "journal dropped %d entries (buffer of %d full, or not written "
                "by shutdown); %d dropped by this process since it started",
                new, journal_config().buffer_max, self.dropped,
            )  # fmt: skip

    def state(self) -> dict[str, Any]:
        """This process's journal: ok, or degraded and why."""
        now = time.monotonic()
        reasons = []
        if self.failing_since is not None:
            reasons.append("write failing")
        started = self.write_started
        if started is not None and now - started > STALL_SECONDS:
            reasons.append("write stalled")
        if self.last_drop and now - self.last_drop < DROP_WINDOW:
            reasons.append("dropping entries")
        return {
            "status": "degraded" if reasons else "ok",
            "reasons": reasons,
            "buffered": len(self.buffer),
            "last_error": self.last_error if self.failing_since else "",
        }

    def shutdown(self, timeout: float | None = None) -> int:
        """The final flush (ASGI lifespan shutdown, interpreter exit): stop
        the thread, write what is buffered, retrying until the deadline;
        count and log what is still buffered then. Returns rows written."""
        from . import health

        deadline = time.monotonic() + (
            journal_config().shutdown_timeout if timeout is None else timeout
        )
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(max(0.0, deadline - time.monotonic()))
        written = 0
        try:
            while self.buffer and time.monotonic() < deadline:
                written += self.flush()
                if self.buffer:
                    time.sleep(
                        min(self.retry_delay(), max(0.0, deadline - time.monotonic()))
                    )
        finally:
            left = len(self.buffer)
            if left:
                self.buffer.clear()
                self.count_drop(left)
                logger.error(
                    "journal shutdown: %d entries dropped, not written within "
                    "the deadline (%s)", left, self.last_error or "timeout",
                )  # fmt: skip
            health.publish(self)
            if not connection.in_atomic_block:  # a test's transaction stays
                connection.close()
        return written

    def clear(self) -> None:
        self.buffer.clear()


JSON_COLUMNS = frozenset(
    {"query", "request_headers", "response_headers", "validation_errors", "tags"}
)
# One encoder for every JSON column: json.dumps() would build a new one per
# call, a fifth of the writer's time at load.
_JSON = json.JSONEncoder(default=str)


@lru_cache(maxsize=1)
def _copy_plan() -> tuple[str, tuple[tuple[str, Any, bool], ...], int]:
    """The COPY statement; per column (field name, default, is JSON); and
    where created_at sits in the row."""
    fields = [f for f in JournalEntry._meta.concrete_fields if f.name != "id"]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(JournalEntry._meta.db_table)
    plan = tuple(
        # get_default(): "" for text without a default, None if nullable;
        # created_at's default (now) is taken once per batch instead.
        (
            f.name,
            None if f.name == "created_at" else f.get_default(),
            f.name in JSON_COLUMNS,
        )
        for f in fields
    )
    created_at = [f.name for f in fields].index("created_at")
    return f"COPY {table} ({columns}) FROM STDIN", plan, created_at


def _copy_value(value: Any, is_json: bool) -> Any:
    # PostgreSQL refuses U+0000 in text and jsonb; the mock fast path records
    # whatever a client sent, so one odd request must not cost the batch.
    # Checking the flat values (and the JSON text, where json escapes NUL as
    # \u0000) is far cheaper than walking every entry's nested dicts.
    if is_json:
        if not value and value is not None:  # most rows: no tags, violations…
            return "[]" if isinstance(value, list) else "{}"
        text = _JSON.encode(value)
        return text.replace("\\u0000", "\\ufffd") if "\\u0000" in text else text
    if type(value) is str and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


def _insert(batch: list[dict[str, Any]]) -> None:
    """COPY on PostgreSQL (several times cheaper in CPU than INSERT, which
    matters because the writer shares the GIL with the event loop)."""
    alias = router.db_for_write(JournalEntry)
    conn = connections[alias]
    if conn.vendor != "postgresql":
        JournalEntry.objects.using(alias).bulk_create(
            [JournalEntry(**_without_nul(e)) for e in batch]
        )
        return
    copy_sql, plan, created_at = _copy_plan()
    now = timezone.now()
    timeout_ms = int(journal_config().write_timeout * 1000)
    with transaction.atomic(using=alias), conn.cursor() as cursor:
        # A locked table would hold COPY (and this thread) for as long as the
        # lock lasts, with nothing to show for it: fail instead, and retry.
        cursor.execute(
            "SELECT set_config('lock_timeout', %s, true),"
            " set_config('statement_timeout', %s, true)",
            # The statement bound is the backstop (a slow server, not a lock).
            [str(timeout_ms), str(2 * timeout_ms)],
        )
        with cursor.cursor.copy(copy_sql) as copy:
            _write_rows(copy, batch, plan, created_at, now)


def _write_rows(copy, batch, plan, created_at, now) -> None:
    for entry in batch:
        row = [
            _copy_value(entry.get(name, default), is_json)
            for name, default, is_json in plan
        ]
        if row[created_at] is None:
            row[created_at] = now
        copy.write_row(row)


def _without_nul(value: Any) -> Any:
    """The value with every U+0000 in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_without_nul(v) for v in value]
    return value


writer = JournalWriter()


def _flush_at_exit() -> None:
    # Servers without an ASGI lifespan (WSGI, plain uvicorn --lifespan off)
    # and management commands still write what they buffered.
    if writer.buffer:
        try:
            writer.shutdown()
        except Exception:
            logger.exception("journal flush at exit failed")


atexit.register(_flush_at_exit)
