"""Opaque, tamper-proof page tokens that carry the original query.

Amazon says a NextToken "doesn't affect any filters": the filters travel inside
it, signed, so a client cannot widen a query by editing the token, and keyset
positions (last sort key seen) make pages stable without duplicates or gaps.
"""

from typing import Any

from django.core import signing

from apps.amazon.api.errors import InvalidInput


def encode(kind: str, payload: dict[str, Any]) -> str:
    return signing.dumps(payload, salt=f"amazon.{kind}", compress=True)


def decode(
    kind: str, token: str, *, max_age: int | None = None, name: str = "NextToken"
) -> dict[str, Any]:
    try:
        return signing.loads(token, salt=f"amazon.{kind}", max_age=max_age)
    except signing.SignatureExpired as exc:
        raise InvalidInput(f"The {name} has expired.", message="Invalid Input") from exc
    except signing.BadSignature as exc:
        raise InvalidInput(f"Invalid {name}.", message="Invalid Input") from exc
