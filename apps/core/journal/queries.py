"""Reading the journal (filters, JSONL export) and keeping it bounded."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, timedelta
from typing import Any

from django.db import connections, models
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .config import journal_config
from .models import JournalEntry

# Query parameter → lookup, for the filters that are a plain equality.
EXACT_FILTERS = {
    "family": "family",
    "operation": "operation",
    "group": "group_slug",
    "endpoint": "endpoint_id",
    "fault": "chaos_fault",
    "episode": "episode",
    "principal": "principal",
}


def journal_prune(
    *, max_age_days: int | None = None, max_rows: int | None = None
) -> int:
    """Delete entries older than the age limit and beyond the newest ``max_rows``."""
    config = journal_config()
    if max_age_days is None:
        max_age_days = config.max_age_days
    if max_rows is None:
        max_rows = config.max_rows
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
    """Entries filtered by family, operation, group, endpoint, method, status,
    fault, tag, episode, principal and a since/until window. A bad value
    raises ValueError (the caller's 400)."""
    qs = JournalEntry.objects.all()
    for name, lookup in EXACT_FILTERS.items():
        if params.get(name):
            qs = qs.filter(**{lookup: params[name]})
    if params.get("method"):
        qs = qs.filter(method=params["method"].upper())
    if params.get("status"):
        qs = qs.filter(status=int(params["status"]))
    if params.get("chaos") in ("true", "1"):
        qs = qs.filter(chaos=True)
    if params.get("tag"):
        tag = params["tag"]
        if connections[qs.db].features.supports_json_field_contains:
            qs = qs.filter(tags__contains=[tag])
        else:  # SQLite: match the element in the list's JSON text
            qs = qs.filter(tags__icontains=json.dumps(tag))
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


def journal_readable_by(
    qs: models.QuerySet[JournalEntry],
    *,
    user: Any,
    group_ids: Any = (),
    group_slugs: Any = (),
) -> models.QuerySet[JournalEntry]:
    """The entries ``user`` may read: all of them for staff; otherwise the
    calls to the mock groups they own (``group_ids``, deleted ones included;
    ``group_slugs``, their live groups, for the calls no endpoint matched)
    and the calls they made themselves (principal ``user:<id>``). The caller
    names the groups, so the journal never imports the app that owns them.
    A journal holds other callers' requests (an SP-API seller's, another
    team's): reading one is reading their traffic."""
    if not (user and user.is_authenticated):
        return qs.none()
    if user.is_staff:
        return qs
    return qs.filter(
        models.Q(group_id__in=group_ids)
        | models.Q(group_id__isnull=True, group_slug__in=group_slugs)
        | models.Q(principal=f"user:{user.pk}")
    )


def iter_jsonl(entries: Iterable[JournalEntry]) -> Iterable[str]:
    for entry in entries:
        yield json.dumps(entry.as_record(), ensure_ascii=False, default=str) + "\n"


def families_seen() -> list[str]:
    """The families that have entries (for the portal's filter)."""
    return sorted(
        JournalEntry.objects.exclude(family="")
        .order_by()
        .values_list("family", flat=True)
        .distinct()
    )
