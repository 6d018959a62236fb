import json
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.amazon.models import AccessToken, hash_token

TOKEN_URL = "/amazon/auth/o2/token"
FORM = "application/x-www-form-urlencoded;charset=UTF-8"


def form_body(**fields) -> str:
    from urllib.parse import urlencode

    return urlencode(fields)


@pytest.fixture
def creds(refresh_token):
    app = refresh_token.application
    return {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token.token,
        "client_id": app.client_id,
        "client_secret": app.client_secret,
    }


def test_refresh_token_grant_form_encoded_returns_bearer_access_token(client, creds):
    response = client.post(TOKEN_URL, form_body(**creds), content_type=FORM)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 3600
    assert body["access_token"].startswith("Atza|")
    assert len(body["access_token"]) >= 350
    assert body["refresh_token"] == creds["refresh_token"]
    assert response.has_header("x-amzn-RequestId")


def test_refresh_token_grant_as_json_is_accepted(client, creds):
    response = client.post(
        TOKEN_URL, json.dumps(creds), content_type="application/json; charset=utf-8"
    )
    assert response.status_code == 200
    assert response.json()["access_token"].startswith("Atza|")


def test_issued_token_is_stored_hashed_and_bound_to_the_seller(client, creds, seller):
    token = client.post(TOKEN_URL, form_body(**creds), content_type=FORM).json()[
        "access_token"
    ]
    stored = AccessToken.objects.get(token_hash=hash_token(token))
    assert stored.seller == seller
    assert token not in {t.token_hash for t in AccessToken.objects.all()}
    assert stored.expires_at > timezone.now() + timedelta(minutes=59)


def test_wrong_client_secret_is_invalid_client_401(client, creds):
    response = client.post(
        TOKEN_URL, form_body(**{**creds, "client_secret": "nope"}), content_type=FORM
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert "error_description" in response.json()


def test_unknown_refresh_token_is_invalid_grant_400(client, creds):
    response = client.post(
        TOKEN_URL,
        form_body(**{**creds, "refresh_token": "Atzr|bogus"}),
        content_type=FORM,
    )
    assert response.status_code == 400
    assert response.json() == {
        "error_description": "The request has an invalid grant parameter : refresh_token",
        "error": "invalid_grant",
    }


def test_refresh_token_of_another_application_is_invalid_grant(client, creds):
    from apps.amazon.factories import LwaApplicationFactory

    other = LwaApplicationFactory()
    response = client.post(
        TOKEN_URL,
        form_body(
            **{
                **creds,
                "client_id": other.client_id,
                "client_secret": other.client_secret,
            }
        ),
        content_type=FORM,
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_revoked_refresh_token_is_refused(client, creds, refresh_token):
    refresh_token.is_active = False
    refresh_token.save()
    response = client.post(TOKEN_URL, form_body(**creds), content_type=FORM)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_missing_grant_type_is_invalid_request(client, creds):
    del creds["grant_type"]
    response = client.post(TOKEN_URL, form_body(**creds), content_type=FORM)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert "grant_type" in response.json()["error_description"]


@pytest.mark.parametrize("body", ["[1, 2]", '"refresh_token"', "null"])
def test_json_body_that_is_not_an_object_is_invalid_request(client, db, body):
    response = client.post(TOKEN_URL, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


def test_client_credentials_grant_returns_scoped_grantless_token(client, lwa_app):
    response = client.post(
        TOKEN_URL,
        form_body(
            grant_type="client_credentials",
            scope="sellingpartnerapi::notifications",
            client_id=lwa_app.client_id,
            client_secret=lwa_app.client_secret,
        ),
        content_type=FORM,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["scope"] == "sellingpartnerapi::notifications"
    assert "refresh_token" not in body
    assert (
        AccessToken.objects.get(token_hash=hash_token(body["access_token"])).seller
        is None
    )


def test_client_credentials_with_unknown_scope_is_invalid_scope(client, lwa_app):
    response = client.post(
        TOKEN_URL,
        form_body(
            grant_type="client_credentials",
            scope="sellingpartnerapi::everything",
            client_id=lwa_app.client_id,
            client_secret=lwa_app.client_secret,
        ),
        content_type=FORM,
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


def test_get_on_token_endpoint_is_405_in_lwa_shape(client, db):
    response = client.get(TOKEN_URL)
    assert response.status_code == 405
    assert response.json()["error"] == "invalid_request"


def test_grantless_token_cannot_call_seller_operations(client, lwa_app):
    token = client.post(
        TOKEN_URL,
        form_body(
            grant_type="client_credentials",
            scope="sellingpartnerapi::notifications",
            client_id=lwa_app.client_id,
            client_secret=lwa_app.client_secret,
        ),
        content_type=FORM,
    ).json()["access_token"]
    response = client.get(
        "/amazon/orders/v0/orders",
        {"MarketplaceIds": "ATVPDKIKX0DER", "CreatedAfter": "2020-01-01"},
        HTTP_X_AMZ_ACCESS_TOKEN=token,
    )
    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "Unauthorized"
