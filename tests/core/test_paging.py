"""The kit's page tokens: signed, bound to the principal, the query and the kind."""

import time
from datetime import UTC, datetime

import pytest
from django.core import signing

from apps.core import paging
from apps.core.errors import ApiError, ErrorKind

KIND = "test.widgets"
PRINCIPAL = "seller-1"
QUERY = {"marketplace_ids": ["A", "B"], "color": "red"}


def mint(**overrides) -> str:
    values = {
        "kind": KIND,
        "principal": PRINCIPAL,
        "query": QUERY,
        "position": {"after": [datetime(2024, 5, 1, 12, 30, 15, 123456, UTC), "id-9"]},
        "filters": {"since": datetime(2024, 1, 1, tzinfo=UTC), "sizes": [1, 2]},
    }
    return paging.encode(**{**values, **overrides})


def read(token: str, **overrides) -> paging.PageToken:
    values = {"kind": KIND, "principal": PRINCIPAL, "query": QUERY}
    return paging.decode(token=token, **{**values, **overrides})


def test_round_trip_gives_back_position_and_filters_with_datetimes():
    page = read(mint())

    assert page.position == {
        "after": [datetime(2024, 5, 1, 12, 30, 15, 123456, UTC), "id-9"]
    }
    assert page.filters == {"since": datetime(2024, 1, 1, tzinfo=UTC), "sizes": [1, 2]}


def test_filters_are_optional():
    token = paging.encode(kind=KIND, principal=PRINCIPAL, position=40)

    assert read(token, query=None) == paging.PageToken(position=40, filters=None)


def test_query_binds_whatever_the_key_order():
    reordered = {"color": "red", "marketplace_ids": ["A", "B"]}

    assert read(mint(), query=reordered).position["after"][1] == "id-9"


def test_token_is_opaque_text_safe_in_a_query_string():
    token = mint()

    assert token.isascii()
    assert not set(token) & set(" &=?#/+")


@pytest.mark.parametrize("where", ["start", "payload", "signature"])
def test_tampered_token_is_refused(where):
    token = mint()
    index = {"start": 0, "payload": len(token) // 3, "signature": -1}[where]
    index %= len(token)
    flipped = "A" if token[index] != "A" else "B"
    tampered = token[:index] + flipped + token[index + 1 :]

    with pytest.raises(paging.PageTokenError) as caught:
        read(tampered)
    assert not isinstance(caught.value, paging.PageTokenExpired)


@pytest.mark.parametrize("garbage", ["", "not-a-token", "abc:def", ":" * 5, "é:ü"])
def test_garbage_is_refused(garbage):
    with pytest.raises(paging.PageTokenError):
        read(garbage)


def test_token_of_another_principal_is_refused():
    with pytest.raises(paging.PageTokenError):
        read(mint(), principal="seller-2")


def test_token_for_another_query_is_refused():
    with pytest.raises(paging.PageTokenError):
        read(mint(), query={**QUERY, "marketplace_ids": ["A"]})


def test_token_minted_without_a_query_is_refused_with_one():
    token = mint(query=None)

    with pytest.raises(paging.PageTokenError):
        read(token)


def test_token_of_another_kind_is_refused():
    with pytest.raises(paging.PageTokenError):
        read(mint(), kind="test.gadgets")


def test_token_signed_elsewhere_with_the_same_key_is_refused():
    forged = signing.dumps({"p": 0, "f": None}, salt="something.else")

    with pytest.raises(paging.PageTokenError):
        read(forged)


def test_expired_token_is_refused_as_expired(monkeypatch):
    token = mint()
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 61)

    with pytest.raises(paging.PageTokenExpired):
        read(token, max_age=60)


def test_token_younger_than_max_age_is_accepted(monkeypatch):
    token = mint()
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 30)

    assert read(token, max_age=60).filters["sizes"] == [1, 2]


def test_refusals_are_the_kits_validation_error():
    with pytest.raises(ApiError) as caught:
        read(mint(), principal="seller-2")

    assert caught.value.kind is ErrorKind.VALIDATION
    assert caught.value.status_code == 400
    assert caught.value.code == "invalid_page_token"


def test_expiry_has_its_own_code():
    with pytest.raises(ApiError) as caught:
        read(mint(), max_age=-1)

    assert caught.value.code == "expired_page_token"


def test_values_json_cannot_carry_are_refused_at_encoding():
    with pytest.raises(TypeError, match="set"):
        paging.encode(kind=KIND, principal=PRINCIPAL, position={1, 2})
