"""Fixtures for the SP-API mock: a seller with LWA credentials and a client."""

import pytest
from django.test import Client

from apps.amazon import factories
from apps.amazon.services.lwa import token_exchange


@pytest.fixture(autouse=True)
def _no_usage_plans(settings):
    # Paging tests make more calls than Amazon's bursts allow; the rate-limit
    # tests switch the plans back on explicitly.
    settings.AMAZON_RATE_LIMITS_ENABLED = False


class SpApiClient:
    """A Django test client that sends x-amz-access-token on every call."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.token = token

    def _headers(self, headers):
        base = {"content_type": "application/json"}
        if self.token:
            base["HTTP_X_AMZ_ACCESS_TOKEN"] = self.token
        base.update(headers)
        return base

    def get(self, path, params=None, **headers):
        return self.client.get(path, params or {}, **self._headers(headers))

    def delete(self, path, params=None, **headers):
        from urllib.parse import urlencode

        query = f"?{urlencode(params, doseq=True)}" if params else ""
        return self.client.delete(path + query, **self._headers(headers))

    def _write(self, method, path, body, params, headers):
        import json
        from urllib.parse import urlencode

        query = f"?{urlencode(params, doseq=True)}" if params else ""
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return getattr(self.client, method)(
            path + query, data, **self._headers(headers)
        )

    def post(self, path, body=None, params=None, **headers):
        return self._write(
            "post", path, body if body is not None else {}, params, headers
        )

    def put(self, path, body=None, params=None, **headers):
        return self._write(
            "put", path, body if body is not None else {}, params, headers
        )

    def patch(self, path, body=None, params=None, **headers):
        return self._write(
            "patch", path, body if body is not None else {}, params, headers
        )


@pytest.fixture
def lwa_app(db):
    return factories.LwaApplicationFactory()


@pytest.fixture
def seller(db):
    return factories.SellerFactory(
        selling_partner_id="A3EXAMPLE12345", marketplace_ids=["ATVPDKIKX0DER"]
    )


@pytest.fixture
def refresh_token(lwa_app, seller):
    return factories.RefreshTokenFactory(application=lwa_app, seller=seller)


def issue_token(refresh) -> str:
    return token_exchange(
        grant_type="refresh_token",
        client_id=refresh.application.client_id,
        client_secret=refresh.application.client_secret,
        refresh_token=refresh.token,
    ).access_token


@pytest.fixture
def access_token(refresh_token) -> str:
    return issue_token(refresh_token)


@pytest.fixture
def api(access_token) -> SpApiClient:
    return SpApiClient(access_token)


@pytest.fixture
def anonymous_api(db) -> SpApiClient:
    return SpApiClient(None)


@pytest.fixture
def other_seller(db, lwa_app):
    seller = factories.SellerFactory(selling_partner_id="A1OTHERSELLER9")
    return seller


@pytest.fixture
def other_api(lwa_app, other_seller) -> SpApiClient:
    refresh = factories.RefreshTokenFactory(application=lwa_app, seller=other_seller)
    return SpApiClient(issue_token(refresh))


def assert_envelope(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"errors"}, body
    assert body["errors"], body
    for error in body["errors"]:
        assert isinstance(error["code"], str) and error["code"]
        assert isinstance(error["message"], str) and error["message"]
        assert set(error) <= {"code", "message", "details"}
    if code is not None:
        assert body["errors"][0]["code"] == code, body
    assert response.has_header("x-amzn-RequestId")
    return body


@pytest.fixture
def no_refill(monkeypatch):
    """Burst tests: each bucket keeps its documented burst but stops refilling.

    A 5/s bucket earns a token every 0.2 s, so on a busy machine a burst of
    requests can outlast it and the request that should be the 429 passes.
    The plans themselves (and the x-amzn-RateLimit-Limit header) are untouched.
    """
    from apps.amazon import ratelimit

    consume = ratelimit.consume
    monkeypatch.setattr(
        ratelimit,
        "consume",
        lambda key, plan: consume(key, ratelimit.UsagePlan(1e-9, plan.burst)),
    )


@pytest.fixture
def limits_on(settings):
    """Usage plans on at Amazon's documented rates (the autouse fixture above
    switches them off for everything else)."""
    settings.AMAZON_RATE_LIMITS_ENABLED = True
    settings.AMAZON_RATE_LIMIT_SCALE = 1.0
    return settings
