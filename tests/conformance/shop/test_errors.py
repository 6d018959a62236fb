"""Every refusal below /shop/api/v1 is FastAPI's ``{"detail": ...}`` in JSON:
unknown paths, wrong methods, malformed JSON, oversized bodies; never HTML."""

import pytest

from . import contract
from .contract import API


@pytest.mark.parametrize("path", ["/nothing", "/products/x/y", "/admin", ""])
def test_an_unknown_path_is_a_404_detail(anon, path):
    contract.assert_message(anon.get(f"{API}{path}"), 404)


def test_a_wrong_method_is_a_405_detail_with_allow(anon):
    response = anon.delete(f"{API}/products")

    assert contract.assert_message(response, 405) == "Method Not Allowed"
    assert "GET" in response.headers["allow"]


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", ""])
def test_a_body_that_is_not_a_json_object_is_a_422(anon, body):
    response = anon.post(f"{API}/auth/login", content=body,
                         headers={"Content-Type": "application/json"})  # fmt: skip

    detail = contract.assert_detail(response, 422)
    assert isinstance(detail, list) and {"type", "loc", "msg"} <= set(detail[0])


def test_unknown_fields_are_extra_forbidden(anon):
    response = anon.post(f"{API}/auth/login",
                         json={"email": "a@b.c", "password": "x", "admin": True})  # fmt: skip

    (item,) = contract.assert_validation(response, ("body", "admin"))
    assert item["type"] == "extra_forbidden"


def test_an_oversized_body_is_a_413_detail(anon):
    # Past Django's default DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB).
    body = '{"email": "' + "a" * 3_000_000 + '", "password": "x"}'

    response = anon.post(f"{API}/auth/login", content=body,
                         headers={"Content-Type": "application/json"})  # fmt: skip

    contract.assert_message(response, 413)


def test_a_broken_token_on_an_unknown_path_is_still_json(anon):
    response = anon.get(f"{API}/nothing", headers={"Authorization": "Bearer x"})

    assert response.status_code in (401, 404)
    contract.assert_detail(response, response.status_code)


def test_every_answer_carries_a_request_id(anon):
    assert anon.get(f"{API}/products").headers.get("x-request-id")
    assert anon.get(f"{API}/nothing").headers.get("x-request-id")
