"""SP-API page tokens: the kit's signed tokens (``apps.core.paging``), bound to
the seller, refused in SP-API's words.

Amazon says a NextToken "doesn't affect any filters": the filters travel inside
it, signed, so a client cannot widen a query by editing the token, and keyset
positions (last sort key seen) make pages stable without duplicates or gaps.
"""

from datetime import timedelta
from typing import Any

from apps.amazon.api.errors import InvalidInput
from apps.amazon.models import Seller
from apps.core import paging
from apps.core.paging import PageToken

__all__ = ["PageToken", "decode", "encode"]


def encode(kind: str, *, seller: Seller, **token: Any) -> str:
    """``token``: ``position``, ``query`` and ``filters``, as
    ``apps.core.paging.encode`` takes them."""
    return paging.encode(kind=f"amazon.{kind}", principal=str(seller.pk), **token)


def decode(
    kind: str,
    token: str,
    *,
    seller: Seller,
    query: Any = None,
    max_age: int | timedelta | None = None,
    name: str = "NextToken",
) -> PageToken:
    """``name`` is the parameter as the operation spells it (``nextToken``,
    ``pageToken``): the refusal quotes it."""
    try:
        return paging.decode(
            kind=f"amazon.{kind}",
            token=token,
            principal=str(seller.pk),
            query=query,
            max_age=max_age,
        )
    except paging.PageTokenExpired as exc:
        raise InvalidInput(f"The {name} has expired.", message="Invalid Input") from exc
    except paging.PageTokenError as exc:
        raise InvalidInput(f"Invalid {name}.", message="Invalid Input") from exc
