"""Every SP-API call is recorded in the journal, secrets never."""

import json
from urllib.parse import urlencode

import pytest

from apps.core.journal import REDACTED, JournalEntry, writer

US = "ATVPDKIKX0DER"


def recorded() -> list[JournalEntry]:
    writer.flush()
    return list(JournalEntry.objects.order_by("id"))


@pytest.fixture
def orders_call(api):
    response = api.get(
        "/amazon/orders/v0/orders",
        {"MarketplaceIds": US, "CreatedAfter": "2020-01-01"},
        HTTP_X_EPISODE_ID="episode-7",
    )
    assert response.status_code == 200
    return response


def test_get_orders_is_recorded_with_family_operation_and_principal(
    orders_call, seller
):
    (entry,) = recorded()

    assert entry.family == "amazon"
    assert entry.operation == "getOrders"
    assert entry.principal.startswith(f"seller:{seller.selling_partner_id}")
    assert entry.path == "/amazon/orders/v0/orders"
    assert entry.group_slug == ""
    assert entry.query["MarketplaceIds"] == [US]
    assert entry.status == 200
    assert json.loads(entry.response_body) == orders_call.json()


def test_the_access_token_never_reaches_the_journal(orders_call, access_token):
    (entry,) = recorded()

    assert entry.request_headers["x-amz-access-token"] == REDACTED
    assert access_token not in json.dumps(entry.as_record())


def test_request_id_and_episode_are_kept(orders_call):
    (entry,) = recorded()

    assert entry.request_id == orders_call["x-amzn-RequestId"]
    assert entry.episode == "episode-7"


def test_an_sp_api_error_is_recorded_with_its_status(api):
    api.get("/amazon/orders/v0/orders/111-1111111-1111111")

    (entry,) = recorded()
    assert (entry.operation, entry.status) == ("getOrder", 404)
    assert json.loads(entry.response_body)["errors"][0]["code"] == "NotFound"


def test_an_unknown_path_under_amazon_is_recorded_too(anonymous_api):
    anonymous_api.get("/amazon/no/such/operation")

    (entry,) = recorded()
    assert (entry.family, entry.status, entry.principal) == ("amazon", 404, "")
    assert entry.operation == ""  # no operation answers an unknown path


def test_method_dependent_operation_names_the_method_s_operation(api):
    api.patch("/amazon/orders/v0/orders/111-1111111-1111111/regulatedInfo", {})

    (entry,) = recorded()
    assert entry.operation == "updateVerificationStatus"


def test_lwa_exchange_keeps_no_secret(refresh_token, client):
    app = refresh_token.application
    form = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token.token,
        "client_id": app.client_id,
        "client_secret": app.client_secret,
    }
    response = client.post(
        "/amazon/auth/o2/token",
        urlencode(form),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200

    (entry,) = recorded()
    text = json.dumps(entry.as_record())
    assert entry.operation == "lwaToken"
    for secret in (
        app.client_secret,
        refresh_token.token,
        response.json()["access_token"],
    ):
        assert secret not in text
    assert json.loads(entry.response_body)["access_token"] == REDACTED


def test_restricted_data_tokens_are_redacted_in_the_response(api):
    response = api.post(
        "/amazon/tokens/2021-03-01/restrictedDataToken",
        {
            "restrictedResources": [
                {
                    "method": "GET",
                    "path": "/orders/v0/orders",
                    "dataElements": ["buyerInfo"],
                }
            ]
        },
    )
    assert response.status_code == 200, response.content

    (entry,) = recorded()
    assert entry.operation == "createRestrictedDataToken"
    assert response.json()["restrictedDataToken"] not in json.dumps(entry.as_record())


def test_journal_api_filters_by_family_and_operation(orders_call, staff_user):
    from rest_framework.test import APIClient

    recorded()
    client = APIClient()
    client.force_login(staff_user)

    amazon = client.get("/api/journal", {"family": "amazon"}).json()
    ops = client.get("/api/journal", {"operation": "getOrders"}).json()
    none = client.get("/api/journal", {"family": "amazon", "operation": "x"}).json()

    assert [r["operation"] for r in amazon["results"]] == ["getOrders"]
    assert [r["family"] for r in ops["results"]] == ["amazon"]
    assert none["results"] == []


def test_portal_journal_lists_sp_api_calls(orders_call, staff_user, client):
    recorded()
    client.force_login(staff_user)

    page = client.get("/portal/journal/", {"family": "amazon"})

    assert page.status_code == 200
    assert "/amazon/orders/v0/orders" in page.content.decode()
    assert "getOrders" in page.content.decode()
