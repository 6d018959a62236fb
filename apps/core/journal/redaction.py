"""What the journal keeps of a request: secrets redacted, bodies capped."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .config import journal_config

REDACTED = "[redacted]"
UNREDACTABLE = "[not recorded: nested too deeply to redact]"
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


@lru_cache(maxsize=4096)
def is_secret_name(name: str) -> bool:
    # Cached per name: every request redacts the same few header names, and
    # the substring scan over the secret list was most of the record cost.
    low = name.lower()
    secrets = journal_config().secret_names
    return low in ALWAYS_SECRET or low in secrets or any(s in low for s in secrets)


@lru_cache(maxsize=4096)
def is_secret_field(name: str, extra: frozenset[str] = frozenset()) -> bool:
    """A body field (JSON key, form field) holding a secret: a secret name
    itself or ending in ``_<name>`` (``access_token``, ``client_secret``),
    or one of a family's own (``extra``). Unlike headers, no substring match:
    a ``nextToken`` is a page position a replay needs, not a credential."""
    low = name.lower()
    secrets = journal_config().secret_names | extra
    return low in secrets or any(low.endswith("_" + s) for s in secrets)


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {
        name: REDACTED if is_secret_name(name) else value
        for name, value in headers.items()
    }


def redact_query(query: Mapping[str, list[str]]) -> dict[str, list[str]]:
    return {
        k: ([REDACTED] * len(v) if is_secret_field(k) else list(v))
        for k, v in query.items()
    }


def _redact_json(value: Any, extra: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {
            k: (REDACTED if is_secret_field(str(k), extra) else _redact_json(v, extra))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_redact_json(v, extra) for v in value]
    return value


def redact_form(body: bytes, extra: frozenset[str] = frozenset()) -> bytes:
    """A urlencoded body with its secret-named fields redacted."""
    from urllib.parse import parse_qsl, urlencode

    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
    except (UnicodeDecodeError, ValueError):
        return body
    return urlencode(
        [(k, REDACTED if is_secret_field(k, extra) else v) for k, v in pairs]
    ).encode()


def capped_text(
    body: bytes,
    *,
    redact: bool = False,
    content_type: str = "",
    extra: frozenset[str] = frozenset(),
) -> tuple[str, bool]:
    """The body as text, secret-named JSON (or form) fields redacted when
    asked (``extra``: a family's own secret field names, lower-case), cut at
    the configured cap; and whether it was cut."""
    if not body:
        return "", False
    cap = journal_config().body_cap
    if redact and body and len(body) <= cap:
        if body.lstrip()[:1] in (b"{", b"["):
            try:
                document = json.loads(body)
                body = json.dumps(_redact_json(document, extra)).encode()
            except ValueError:
                pass  # not JSON after all: nothing to redact by name
            except RecursionError:
                # Too deep to walk, so too deep to redact: keep none of it.
                return UNREDACTABLE, True
        elif content_type.startswith("application/x-www-form-urlencoded"):
            body = redact_form(body, extra)
    truncated = len(body) > cap
    return body[:cap].decode("utf-8", "replace"), truncated
