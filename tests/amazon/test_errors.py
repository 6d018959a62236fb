"""Every error the app can produce is the SP-API envelope, never HTML or DRF's."""

import pytest

from apps.amazon.api.views import orders as orders_views
from tests.amazon.conftest import assert_envelope

US = "ATVPDKIKX0DER"


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_unknown_path_under_amazon_is_404_envelope(api, method):
    response = getattr(api, method)("/amazon/orders/v0/nothing/here")
    body = assert_envelope(response, 404, "NotFound")
    assert "/amazon/orders/v0/nothing/here" in body["errors"][0]["details"]


def test_unknown_path_without_token_is_still_404_envelope(anonymous_api):
    assert_envelope(anonymous_api.get("/amazon/"), 404, "NotFound")


def test_wrong_method_is_405_envelope(api):
    response = api.post("/amazon/orders/v0/orders", {})
    assert_envelope(response, 405, "MethodNotAllowed")
    assert "GET" in response["Allow"]


def test_allow_header_is_only_on_405(api, anonymous_api):
    # DRF adds Allow to every response; real SP-API responses carry none.
    ok = api.get(
        "/amazon/orders/v0/orders", {"MarketplaceIds": US, "CreatedAfter": "2020-01-01"}
    )
    assert ok.status_code == 200
    assert not ok.has_header("Allow")
    assert not anonymous_api.get("/amazon/orders/v0/orders").has_header("Allow")


def test_unexpected_failure_is_500_internal_failure(api, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(orders_views, "order_get", boom)
    response = api.get("/amazon/orders/v0/orders/111-1111111-1111111")
    body = assert_envelope(response, 500, "InternalFailure")
    assert "fire" not in response.content.decode()
    assert (
        body["errors"][0]["message"]
        == "We encountered an internal error. Please try again."
    )


def test_html_accept_header_still_gets_json(api):
    response = api.get("/amazon/orders/v0/orders", {}, HTTP_ACCEPT="text/html")
    assert_envelope(response, 400, "InvalidInput")
