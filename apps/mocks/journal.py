"""The request journal: every mock request and its response, for inspection,
export (JSONL) and replay.

Recording is off the critical path: the view appends a plain dict to an
in-process buffer (bounded; overflow is counted and dropped, never blocks) and
a background thread bulk-inserts batches. A journal failure is logged and
never reaches the mock response. Secrets are redacted before anything is kept.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import threading
import time
from collections import deque
from collections.abc import Iterable, Mapping
from datetime import UTC, timedelta
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

REDACTED = "[redacted]"
ALWAYS_SECRET = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
        "x-amz-access-token",
    }
)
DEFAULT_SECRET_NAMES = ("password", "secret", "token", "api_key", "apikey", "access_token", "refresh_token", "client_secret")  # fmt: skip


class JournalEntry(models.Model):
    id = models.BigAutoField(primary_key=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    group_slug = models.CharField(_("group"), max_length=50, db_index=True)
    group_id = models.UUIDField(_("group id"), null=True, blank=True)
    endpoint_id = models.UUIDField(
        _("endpoint id"), null=True, blank=True, db_index=True
    )
    endpoint_name = models.CharField(_("endpoint"), max_length=120, blank=True)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=2000)
    query = models.JSONField(_("query"), default=dict, blank=True)
    request_headers = models.JSONField(_("request headers"), default=dict, blank=True)
    request_body = models.TextField(_("request body"), blank=True)
    request_body_truncated = models.BooleanField(
        _("request body truncated"), default=False
    )
    status = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)
    response_headers = models.JSONField(_("response headers"), default=dict, blank=True)
    response_body = models.TextField(_("response body"), blank=True)
    response_body_truncated = models.BooleanField(
        _("response body truncated"), default=False
    )
    latency_ms = models.FloatField(_("latency (ms)"), default=0)
    chaos = models.BooleanField(_("chaos twin"), default=False)
    chaos_fault = models.CharField(
        _("chaos fault"), max_length=40, blank=True, db_index=True
    )
    validation_errors = models.JSONField(
        _("validation failures"), default=list, blank=True
    )
    seed = models.BigIntegerField(_("seed"), null=True, blank=True)

    class Meta:
        app_label = "mocks"
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["group_slug", "created_at"], name="mocks_journal_group_time"
            )
        ]

    def __str__(self) -> str:
        return f"{self.method} /{self.group_slug}{self.path} → {self.status}"

    def as_record(self) -> dict[str, Any]:
        """One request/response pair, the JSONL export line."""
        return {
            "id": self.id,
            "time": self.created_at.isoformat(),
            "group": self.group_slug,
            "endpoint_id": str(self.endpoint_id) if self.endpoint_id else None,
            "endpoint": self.endpoint_name,
            "request": {
                "method": self.method,
                "path": self.path,
                "query": self.query,
                "headers": self.request_headers,
                "body": self.request_body,
                "body_truncated": self.request_body_truncated,
            },
            "response": {
                "status": self.status,
                "headers": self.response_headers,
                "body": self.response_body,
                "body_truncated": self.response_body_truncated,
            },
            "latency_ms": self.latency_ms,
            "chaos": self.chaos,
            "chaos_fault": self.chaos_fault or None,
            "validation_errors": self.validation_errors,
            "seed": self.seed,
        }


# --- redaction and capping ----------------------------------------------------


@lru_cache(maxsize=1)
def _secret_names() -> frozenset[str]:
    extra = getattr(settings, "MOCK_JOURNAL_SECRET_NAMES", DEFAULT_SECRET_NAMES)
    return frozenset(n.lower() for n in extra)


@lru_cache(maxsize=4096)
def _is_secret_header(name: str) -> bool:
    # Cached per name: every request redacts the same few header names, and
    # the substring scan over the secret list was most of the record cost.
    low = name.lower()
    secrets = _secret_names()
    return low in ALWAYS_SECRET or low in secrets or any(s in low for s in secrets)


def _forget_secret_names(*, setting: str, **kwargs: Any) -> None:
    if setting == "MOCK_JOURNAL_SECRET_NAMES":
        _secret_names.cache_clear()
        _is_secret_header.cache_clear()


setting_changed.connect(_forget_secret_names)


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {
        name: REDACTED if _is_secret_header(name) else value
        for name, value in headers.items()
    }


def redact_query(query: Mapping[str, list[str]]) -> dict[str, list[str]]:
    secrets = _secret_names()
    return {
        k: ([REDACTED] * len(v) if k.lower() in secrets else list(v))
        for k, v in query.items()
    }


def _redact_json(value: Any, secrets: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {
            k: (REDACTED if str(k).lower() in secrets else _redact_json(v, secrets))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_redact_json(v, secrets) for v in value]
    return value


def capped_text(body: bytes, *, redact: bool = False) -> tuple[str, bool]:
    cap = int(getattr(settings, "MOCK_JOURNAL_BODY_CAP", 16_384))
    if redact and body and len(body) <= cap and body.lstrip()[:1] in (b"{", b"["):
        try:
            document = json.loads(body)
        except ValueError:
            pass
        else:
            body = json.dumps(_redact_json(document, _secret_names())).encode()
    truncated = len(body) > cap
    return body[:cap].decode("utf-8", "replace"), truncated


# --- the batched writer -------------------------------------------------------


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
        return bool(getattr(settings, "MOCK_JOURNAL_ENABLED", True))

    def record(self, entry: dict[str, Any]) -> None:
        try:
            if not self.enabled:
                return
            if len(self.buffer) >= int(
                getattr(settings, "MOCK_JOURNAL_BUFFER_MAX", 50_000)
            ):
                self.dropped += 1
                return
            self.buffer.append(entry)
            if getattr(settings, "MOCK_JOURNAL_BACKGROUND", True):
                self._ensure_thread()
                if len(self.buffer) >= self._batch_size():
                    self._wake.set()
        except Exception:  # the journal never fails a mock response
            logger.exception("journal record failed")

    def _batch_size(self) -> int:
        return int(getattr(settings, "MOCK_JOURNAL_BATCH_SIZE", 500))

    def _ensure_thread(self) -> None:
        import os

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
                target=self._run, name="mock-journal", daemon=True
            )
            self._thread.start()

    def _run(self) -> None:
        interval = float(getattr(settings, "MOCK_JOURNAL_FLUSH_INTERVAL", 0.5))
        while True:
            self._wake.wait(interval)
            self._wake.clear()
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
        size = self._batch_size()
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
    {"query", "request_headers", "response_headers", "validation_errors"}
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
        text = _JSON.encode(value)
        return text.replace("\\u0000", "\\ufffd") if "\\u0000" in text else text
    if type(value) is str and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


def _insert(batch: list[dict[str, Any]]) -> None:
    """COPY on PostgreSQL (several times cheaper in CPU than INSERT, which
    matters because the writer shares the GIL with the event loop)."""
    from django.db import connections, router

    alias = router.db_for_write(JournalEntry)
    connection = connections[alias]
    if connection.vendor != "postgresql":
        JournalEntry.objects.using(alias).bulk_create(
            [JournalEntry(**_without_nul(e)) for e in batch]
        )
        return
    copy_sql, plan, created_at = _copy_plan()
    now = timezone.now()
    with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
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


# --- services: retention and reads ---------------------------------------------


def journal_prune(
    *, max_age_days: int | None = None, max_rows: int | None = None
) -> int:
    """Delete entries older than the age limit and beyond the newest ``max_rows``."""
    if max_age_days is None:
        max_age_days = int(getattr(settings, "MOCK_JOURNAL_MAX_AGE_DAYS", 14))
    if max_rows is None:
        max_rows = int(getattr(settings, "MOCK_JOURNAL_MAX_ROWS", 200_000))
    deleted = 0
    if max_age_days > 0:
        cutoff = timezone.now() - timedelta(days=max_age_days)
        deleted += JournalEntry.objects.filter(created_at__lt=cutoff).delete()[0]
    if max_rows >= 0:
        boundary = (
            JournalEntry.objects.order_by("-created_at", "-id")
            .values_list("created_at", "id")[max_rows : max_rows + 1]
            .first()
        )
        if boundary is not None:
            at, row_id = boundary
            deleted += JournalEntry.objects.filter(
                models.Q(created_at__lt=at) | models.Q(created_at=at, id__lte=row_id)
            ).delete()[0]
    return deleted


def journal_filter(params: Mapping[str, str]) -> models.QuerySet[JournalEntry]:
    """Entries filtered by group, endpoint, method, status, fault, since/until."""
    from django.utils.dateparse import parse_datetime

    qs = JournalEntry.objects.all()
    if params.get("group"):
        qs = qs.filter(group_slug=params["group"])
    if params.get("endpoint"):
        qs = qs.filter(endpoint_id=params["endpoint"])
    if params.get("method"):
        qs = qs.filter(method=params["method"].upper())
    if params.get("status"):
        qs = qs.filter(status=int(params["status"]))
    if params.get("fault"):
        qs = qs.filter(chaos_fault=params["fault"])
    if params.get("chaos") in ("true", "1"):
        qs = qs.filter(chaos=True)
    for name, lookup in (("since", "created_at__gte"), ("until", "created_at__lt")):
        if params.get(name):
            when = parse_datetime(params[name])
            if when is None:
                raise ValueError(f"{name} must be an ISO 8601 date-time")
            if timezone.is_naive(when):
                when = timezone.make_aware(when, UTC)
            try:
                # The database compares in UTC; PostgreSQL refuses offsets
                # beyond ±15:59 that Python accepts.
                when = when.astimezone(UTC)
            except OverflowError as exc:
                raise ValueError(f"{name} is out of range") from exc
            qs = qs.filter(**{lookup: when})
    return qs


def iter_jsonl(entries: Iterable[JournalEntry]) -> Iterable[str]:
    for entry in entries:
        yield json.dumps(entry.as_record(), ensure_ascii=False, default=str) + "\n"


def now_ms() -> float:
    return time.perf_counter() * 1000
