from datetime import timedelta

from django.utils import timezone

from apps.amazon.models import AccessToken
from tests.amazon.conftest import SpApiClient, assert_envelope

ORDERS = "/amazon/orders/v0/orders"
PARAMS = {"MarketplaceIds": "ATVPDKIKX0DER", "CreatedAfter": "2020-01-01T00:00:00Z"}


def test_missing_access_token_is_403_unauthorized(anonymous_api):
    body = assert_envelope(anonymous_api.get(ORDERS, PARAMS), 403, "Unauthorized")
    assert body["errors"][0]["message"] == "Access to requested resource is denied."
    assert "missing" in body["errors"][0]["details"]


def test_403_carries_access_denied_error_type(anonymous_api):
    response = anonymous_api.get(ORDERS, PARAMS)
    assert response["x-amzn-ErrorType"] == "AccessDeniedException"
    assert not response.has_header("x-amzn-RateLimit-Limit")


def test_unknown_access_token_is_refused(db):
    response = SpApiClient("Atza|not-a-token-this-mock-issued").get(ORDERS, PARAMS)
    assert_envelope(response, 403, "Unauthorized")


def test_expired_access_token_is_refused(api, access_token):
    AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    body = assert_envelope(api.get(ORDERS, PARAMS), 403, "Unauthorized")
    assert "expired" in body["errors"][0]["details"]


def test_valid_token_is_accepted(api):
    assert api.get(ORDERS, PARAMS).status_code == 200


def test_sigv4_headers_are_accepted_without_checking(api):
    response = api.get(
        ORDERS,
        PARAMS,
        HTTP_AUTHORIZATION=(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/"
            "execute-api/aws4_request, SignedHeaders=host;x-amz-date, "
            "Signature=deadbeef"
        ),
        HTTP_X_AMZ_DATE="20261122T165530Z",
        HTTP_X_AMZ_SECURITY_TOKEN="FQoGZXIvYXdzEXAMPLE",
    )
    assert response.status_code == 200


def test_token_of_deleted_seller_is_refused(api, seller):
    seller.delete()
    assert_envelope(api.get(ORDERS, PARAMS), 403, "Unauthorized")


def test_token_of_deactivated_application_is_refused(api, lwa_app):
    lwa_app.is_active = False
    lwa_app.save()
    assert_envelope(api.get(ORDERS, PARAMS), 403, "Unauthorized")
