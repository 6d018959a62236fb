"""The batched writer: recording is an append to a bounded in-process buffer;
one daemon thread per process bulk-inserts batches (COPY on PostgreSQL).

Overflow is counted and dropped, never blocks; a journal failure is logged and
never reaches the response it records.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import threading
from collections import deque
from functools import lru_cache
from typing import Any

from django.db import connection, connections, router
from django.utils import timezone

from .config import journal_config
from .models import JournalEntry

logger = logging.getLogger("apps.core.journal")


class JournalWriter:
    """Bounded in-memory buffer drained by one daemon thread per process."""

    def __init__(self) -> None:
        self.buffer: deque[dict[str, Any]] = deque()
        self.dropped = 0
        self.written = 0
        self._wake = threading.Event()
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
                self.dropped += 1
                return
            self.buffer.append(entry)
            if config.background:
                self._ensure_thread()
                if len(self.buffer) >= config.batch_size:
                    self._wake.set()
        except Exception:  # the journal never fails a response
            logger.exception("journal record failed")

    def _ensure_thread(self) -> None:
        if (
            self._thread is not None
            and self._thread.is_alive()
            and self._pid == os.getpid()
        ):
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
        while True:
            self._wake.wait(journal_config().flush_interval)
            self._wake.clear()
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

    def flush(self) -> int:
        """Write everything buffered now, in batches; returns rows written."""
        total = 0
        size = journal_config().batch_size
        while self.buffer:
            batch = []
            while self.buffer and len(batch) < size:
                batch.append(self.buffer.popleft())
            try:
                _insert(batch)
            except Exception:
                logger.exception("journal batch of %d lost", len(batch))
                continue
            total += len(batch)
        self.written += total
        return total

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
    with conn.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
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
    if writer.buffer:
        with contextlib.suppress(Exception):
            writer.flush()


atexit.register(_flush_at_exit)
