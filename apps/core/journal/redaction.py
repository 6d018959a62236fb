"""What the journal keeps of a request: secrets redacted, bodies capped.

Names are compared normalised (``normal_name``: camelCase split, case folded,
``-``, ``.`` and spaces read as ``_``), so ``Api-Key``, ``api_key`` and
``apiKey`` are one name. Headers are secret when their name contains a secret
name (``X-Goog-Api-Key``); query and body fields when their name is one or
ends in ``_<name>`` (``refresh_token``, ``clientSecret``), except the page
positions a replay needs (``nextToken``). A body the journal cannot parse
(malformed JSON, XML, text) is replaced by a marker when a secret name appears
in it: the journal would rather lose a body than keep a credential.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode

from .config import journal_config

REDACTED = "[redacted]"
UNREDACTABLE = "[not recorded: nested too deeply to redact]"
REDACTED_BODY = "[not recorded: a body the journal cannot parse names a secret]"
ALWAYS_SECRET = frozenset(
    {
        "authorization",
        "proxy_authorization",
        "cookie",
        "set_cookie",
        "x_api_key",
        "x_amz_access_token",
    }
)
# Fields whose name ends in a secret name but that hold a page position or a
# token's description, not a credential: a replay needs them.
NOT_SECRET = frozenset(
    {
        "next_token",
        "page_token",
        "next_page_token",
        "pagination_token",
        "continuation_token",
        "previous_token",
        "prev_token",
        "sync_token",
        "token_type",
    }
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS = str.maketrans({"-": "_", ".": "_", " ": "_"})


def normal_name(name: str) -> str:
    """``X-Api-Key``, ``x_api_key`` and ``xApiKey`` all become ``x_api_key``."""
    return _CAMEL.sub("_", name).lower().translate(_SEPARATORS)


@lru_cache(maxsize=64)
def _normal_names(names: frozenset[str]) -> frozenset[str]:
    return frozenset(normal_name(n) for n in names)


@lru_cache(maxsize=4096)
def is_secret_name(name: str) -> bool:
    """A header holding a secret. Cached per name: every request redacts the
    same few header names, and the scan was most of the record cost."""
    low = normal_name(name)
    secrets = _normal_names(journal_config().secret_names)
    return low in ALWAYS_SECRET or any(s in low for s in secrets)


@lru_cache(maxsize=4096)
def is_secret_field(name: str, extra: frozenset[str] = frozenset()) -> bool:
    """A query or body field holding a secret: a secret name itself or ending
    in ``_<name>`` (``access_token``, ``client_secret``), or one of a family's
    own (``extra``). Unlike headers, no substring match, and page positions
    (``nextToken``) are kept."""
    low = normal_name(name)
    if low in NOT_SECRET:
        return False
    secrets = _normal_names(journal_config().secret_names | extra)
    return (
        low in secrets
        or low in ALWAYS_SECRET
        or any(low.endswith("_" + s) for s in secrets)
    )


@lru_cache(maxsize=64)
def _secret_words(names: frozenset[str]) -> tuple[tuple[bytes, ...], ...]:
    return tuple(
        tuple(w.encode() for w in n.split("_") if w) for n in _normal_names(names)
    )


@lru_cache(maxsize=64)
def _secret_pattern(names: frozenset[str]) -> re.Pattern[bytes]:
    """Any secret name in lower-cased bytes, whatever its separators
    (``api[-_. ]?key``)."""
    alternatives = sorted(
        rb"[-_. ]?".join(map(re.escape, w)) for w in _secret_words(names)
    )
    return re.compile(b"|".join(alternatives) or rb"(?!)")


def _secret_names(extra: frozenset[str]) -> frozenset[str]:
    return journal_config().secret_names | extra | ALWAYS_SECRET


@lru_cache(maxsize=64)
def _needles(names: frozenset[str]) -> re.Pattern[bytes]:
    """One word of each secret name (its longest), dropping the words that
    contain another: a body holding a secret name holds one of them."""
    words = {max(w, key=len) for w in _secret_words(names)}
    kept = sorted(w for w in words if not any(o != w and o in w for o in words))
    return re.compile(b"|".join(map(re.escape, kept)) or rb"(?!)")


def may_name_a_secret(low: bytes, extra: frozenset[str] = frozenset()) -> bool:
    """Whether the lower-cased body may hold a secret name: a superset found
    by one search for a dozen plain words (half the cost of as many ``in``
    tests, a fraction of a case-insensitive regex or of parsing), so the
    bodies that cannot hold a secret are never parsed."""
    return _needles(_secret_names(extra)).search(low) is not None


def names_a_secret(low: bytes, extra: frozenset[str] = frozenset()) -> bool:
    """Whether a secret name appears in the lower-cased body."""
    return _secret_pattern(_secret_names(extra)).search(low) is not None


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {
        name: REDACTED if is_secret_name(name) else value
        for name, value in headers.items()
    }


def redact_query(
    query: Mapping[str, list[str]], extra: frozenset[str] = frozenset()
) -> dict[str, list[str]]:
    return {
        k: ([REDACTED] * len(v) if is_secret_field(k, extra) else list(v))
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


def redact_form(body: bytes, extra: frozenset[str] = frozenset()) -> bytes | None:
    """A urlencoded body with its secret-named fields redacted; None when it
    does not parse as one."""
    try:
        pairs = parse_qsl(
            body.decode("utf-8"), keep_blank_values=True, strict_parsing=True
        )
    except (UnicodeDecodeError, ValueError):
        return None
    return urlencode(
        [(k, REDACTED if is_secret_field(k, extra) else v) for k, v in pairs]
    ).encode()


def _redacted_body(
    body: bytes, content_type: str, extra: frozenset[str]
) -> tuple[bytes, bool]:
    """The body with its secrets redacted (redaction comes before the cap,
    so a cut never exposes what it hid); and whether it was replaced by a
    marker."""
    # Only the first ``cap`` bytes are kept, and in JSON and forms a field's
    # name comes before its value: when no secret name (nor an escape, JSON's
    # \u0070 or a form's %70, that could spell one) appears in what is kept,
    # nothing kept is a secret. Most bodies stop here, unparsed, and a big one
    # costs a scan of the cap, not of the whole body.
    head = body[: journal_config().body_cap]
    low = head.lower()
    looks_json = head.lstrip()[:1] in (b"{", b"[")
    escaped = (b"\\u" if looks_json else b"%") in head
    if not escaped and not may_name_a_secret(low, extra):
        return body, False
    if len(body) > len(head):
        low = body.lower()
    if looks_json:
        try:
            return json.dumps(_redact_json(json.loads(body), extra)).encode(), False
        except RecursionError:
            return UNREDACTABLE.encode(), True  # too deep to walk, so to redact
        except ValueError:
            pass  # not JSON after all
    if content_type.lower().startswith("application/x-www-form-urlencoded"):
        form = redact_form(body, extra)
        if form is not None:
            return form, False
    if names_a_secret(low, extra):
        return REDACTED_BODY.encode(), True
    return body, False


def capped_text(
    body: bytes,
    *,
    redact: bool = False,
    content_type: str = "",
    extra: frozenset[str] = frozenset(),
) -> tuple[str, bool]:
    """The body as text, secret-named JSON (or form) fields redacted when
    asked (``extra``: a family's own secret field names), cut at the
    configured cap; and whether it was cut (or replaced by a marker)."""
    if not body:
        return "", False
    if redact:
        body, replaced = _redacted_body(body, content_type, extra)
        if replaced:
            return body.decode(), True
    cap = journal_config().body_cap
    return body[:cap].decode("utf-8", "replace"), len(body) > cap
