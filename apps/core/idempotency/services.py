"""Claim, replay and store (see the package docstring)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from apps.core.errors import ApiError, ErrorKind, FieldError

from . import HEADER, REPLAYED_HEADER
from .models import IdempotencyKey

MAX_LENGTH = 255
# A claim still "in progress" after this long belongs to a process that died
# (no request lives longer than the server's 120 s timeout): a retry takes it.
STALE_AFTER = timedelta(seconds=150)


@cache
def ttl() -> timedelta:
    return timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL_SECONDS)


def _forget(*, setting: str, **kwargs) -> None:
    if setting == "IDEMPOTENCY_KEY_TTL_SECONDS":
        ttl.cache_clear()


setting_changed.connect(_forget)


def _key_of(request) -> str | None:
    raw = request.headers.get(HEADER)
    if raw is None:
        return None
    if not 1 <= len(raw) <= MAX_LENGTH or not raw.isprintable():
        raise ApiError(
            kind=ErrorKind.VALIDATION,
            fields=[
                FieldError(
                    ("header", HEADER),
                    f"{HEADER} must be 1 to {MAX_LENGTH} printable characters",
                    "string_too_long" if len(raw) > MAX_LENGTH else "value_error",
                    raw[: MAX_LENGTH + 1],
                )
            ],
        )
    return raw


def fingerprint(request) -> str:
    """The request a key stands for: method, path and the body, as parsed JSON
    when it is JSON (so key order and whitespace do not matter)."""
    body = request.body
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"))
        body = canonical.encode()
    except (ValueError, UnicodeDecodeError):
        pass
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(body)
    return digest.hexdigest()


def _claim(*, scope: str, principal: str, key: str, fp: str) -> IdempotencyKey | None:
    """Claim the key (None) or return the row that holds it already."""
    now = timezone.now()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                IdempotencyKey.objects.create(
                    scope=scope, principal=principal, key=key, fingerprint=fp,
                    locked_at=now, expires_at=now + ttl(),
                )  # fmt: skip
            return None
        except IntegrityError:
            pass
        found = IdempotencyKey.all_objects.filter(
            scope=scope, principal=principal, key=key
        ).first()
        if found is None:  # pruned between our insert and this read
            continue
        if found.expires_at <= now:
            IdempotencyKey.all_objects.filter(
                pk=found.pk, expires_at__lte=now
            ).hard_delete()
            continue
        if (
            found.status == IdempotencyKey.Status.IN_PROGRESS
            and found.fingerprint == fp
            and found.locked_at <= now - STALE_AFTER
        ):
            # The conditional update lets one retry, and only one, take it over.
            taken = IdempotencyKey.all_objects.filter(
                pk=found.pk, status=found.status, locked_at=found.locked_at
            ).update(locked_at=now)
            if taken:
                return None
        return found
    raise ApiError(
        f"{HEADER} is being reused too fast; retry later",
        kind=ErrorKind.CONFLICT,
        headers={"Retry-After": "1"},
    )


def respond(
    view, request, *, scope: str, principal: str, run: Callable[[], Response]
) -> Response:
    """``run()``'s answer, once per key: see the package docstring."""
    key = _key_of(request)
    if key is None:
        return run()
    fp = fingerprint(request)
    held = _claim(scope=scope, principal=principal, key=key, fp=fp)
    if held is not None:
        return _answer_held(held, fp)
    where = {"scope": scope, "principal": principal, "key": key}
    try:
        with transaction.atomic():
            try:
                # A savepoint: a failing run undoes its own work only, and the
                # outer transaction can still store the answer.
                with transaction.atomic():
                    response = run()
            except Exception as exc:  # rendered in the family's shape
                response = view.handle_exception(exc)
            if response.status_code >= 500:
                raise _Release(response)
            body = json.loads(json.dumps(response.data, cls=JSONEncoder))
            IdempotencyKey.all_objects.filter(**where).update(
                status=IdempotencyKey.Status.COMPLETED,
                response_status=response.status_code,
                response_body=body,
            )
    except _Release as release:
        IdempotencyKey.all_objects.filter(**where).hard_delete()
        return release.response
    except BaseException:
        IdempotencyKey.all_objects.filter(**where).hard_delete()
        raise
    return response


class _Release(Exception):
    def __init__(self, response: Response) -> None:
        self.response = response


def _answer_held(held: IdempotencyKey, fp: str) -> Response:
    if held.fingerprint != fp:
        raise ApiError(
            kind=ErrorKind.VALIDATION,
            fields=[
                FieldError(
                    ("header", HEADER),
                    f"This {HEADER} was already used with a different request",
                    "idempotency_key_reused",
                    held.key,
                )
            ],
        )
    if held.status == IdempotencyKey.Status.IN_PROGRESS:
        raise ApiError(
            f"A request with this {HEADER} is still being processed; retry later",
            kind=ErrorKind.CONFLICT,
            headers={"Retry-After": "1"},
        )
    return Response(
        held.response_body,
        status=held.response_status,
        headers={REPLAYED_HEADER: "true"},
    )


def prune_expired(*, now=None) -> int:
    deleted, _ = IdempotencyKey.all_objects.filter(
        expires_at__lte=now or timezone.now()
    ).hard_delete()
    return deleted
