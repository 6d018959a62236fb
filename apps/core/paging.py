"""Signed page tokens, bound to who asked and what they asked.

``encode()`` turns where the next page starts (``position``: a keyset, an
offset) into an opaque token; ``decode()`` gives it back only to the same
``principal`` asking the same ``query`` of the same ``kind`` of list, and
raises ``PageTokenError`` (``PageTokenExpired`` past ``max_age``) otherwise.

* ``kind`` names the list (``"amazon.orders"``): a token of one list is no
  token of another.
* ``principal`` is whoever the pages belong to (a seller's id, a user's).
* ``query`` is the part of the request a token must be used with (the
  marketplaces, the order whose items are paged); a token minted for another
  query is refused.
* ``filters`` is the query state that travels inside the token instead
  (Amazon's NextToken "doesn't affect any filters": the first page's filters,
  sort and page size hold for every page it leads to, whatever the next
  request says).

``position`` and ``filters`` may hold JSON values and ``datetime``s, which
come back as datetimes (tuples come back as lists). Tokens are signed with ``SECRET_KEY``
(``django.core.signing``), not encrypted: a client can read them but cannot
edit them. The principal, query and kind are not stored in the token but
folded into the signature's salt, so a token used by anyone else, for
anything else, fails as a bad signature (a tampered token fails the same way).
A family renders the refusals in its own words (its own ``ApiError``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core import signing

from apps.core.errors import ApiError, ErrorKind

_DATETIME_TAG = "$datetime"


class PageTokenError(ApiError):
    """The token is not one this principal may use for this query."""

    kind = ErrorKind.VALIDATION
    status = 400
    code = "invalid_page_token"
    message = "Invalid page token."


class PageTokenExpired(PageTokenError):
    code = "expired_page_token"
    message = "The page token has expired."


@dataclass(frozen=True)
class PageToken:
    """A decoded token: where the next page starts, and the filters that
    travelled with it (None when none did)."""

    position: Any
    filters: Any = None


def _tag(value: Any) -> Any:
    if isinstance(value, datetime):
        return {_DATETIME_TAG: value.isoformat()}
    raise TypeError(f"{type(value).__name__} cannot travel in a page token")


def _untag(obj: dict[str, Any]) -> Any:
    if len(obj) == 1 and _DATETIME_TAG in obj:
        return datetime.fromisoformat(obj[_DATETIME_TAG])
    return obj


def _dumps(value: Any, **kwargs: Any) -> str:
    return json.dumps(value, default=_tag, separators=(",", ":"), **kwargs)


class _Serializer:
    """JSON with datetimes (signing's own JSONSerializer has none)."""

    def dumps(self, obj: Any) -> bytes:
        return _dumps(obj).encode("latin-1")

    def loads(self, data: bytes) -> Any:
        return json.loads(data.decode("latin-1"), object_hook=_untag)


def _salt(kind: str, principal: str, query: Any) -> str:
    # Canonical JSON, so that equal queries (whatever their key order) bind alike.
    return "apps.core.paging:" + _dumps([kind, principal, query], sort_keys=True)


def encode(
    *,
    kind: str,
    principal: str,
    position: Any,
    query: Any = None,
    filters: Any = None,
) -> str:
    """A token for the page at ``position`` of ``kind``, usable only by
    ``principal`` with ``query``, carrying ``filters``."""
    return signing.dumps(
        {"p": position, "f": filters},
        salt=_salt(kind, principal, query),
        serializer=_Serializer,
        compress=True,
    )


def decode(
    *,
    kind: str,
    token: str,
    principal: str,
    query: Any = None,
    max_age: int | float | timedelta | None = None,
) -> PageToken:
    """The position and filters ``encode()`` was given, when ``token`` is
    intact, younger than ``max_age`` and was minted for this kind, principal
    and query; else ``PageTokenError`` (``PageTokenExpired`` when only its
    age is wrong)."""
    try:
        state = signing.loads(
            token,
            salt=_salt(kind, principal, query),
            serializer=_Serializer,
            max_age=max_age,
        )
    except signing.SignatureExpired as exc:
        raise PageTokenExpired() from exc
    except signing.BadSignature as exc:
        raise PageTokenError() from exc
    return PageToken(position=state["p"], filters=state["f"])
