"""Tokens API 2021-03-01: createRestrictedDataToken and what an RDT opens."""

import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from apps.amazon import factories
from apps.amazon.api import authentication
from apps.amazon.models import AccessToken, hash_token
from apps.amazon.services.lwa import token_exchange
from tests.amazon.conftest import SpApiClient, assert_envelope
from tests.amazon.schemas import ORDERS, assert_response_valid, assert_valid

RDT_URL = "/amazon/tokens/2021-03-01/restrictedDataToken"
ORDERS_URL = "/amazon/orders/v0/orders"
US = "ATVPDKIKX0DER"
BASE = {"MarketplaceIds": US, "CreatedAfter": "2020-01-01T00:00:00Z"}
GENERIC = "/orders/v0/orders/{orderId}"
PII = ["buyerInfo", "shippingAddress"]
# CreateRestrictedDataTokenResponse as the Tokens model defines it.
RDT_RESPONSE_SCHEMA = {
    "type": "object",
    "required": ["restrictedDataToken", "expiresIn"],
    "properties": {
        "restrictedDataToken": {"type": "string", "pattern": r"^Atz\.sprdt\|"},
        "expiresIn": {"type": "integer"},
    },
    "additionalProperties": False,
}


def resource(path: str, data_elements=None, method: str = "GET") -> dict:
    entry = {"method": method, "path": path}
    if data_elements is not None:
        entry["dataElements"] = data_elements
    return entry


def create_rdt(api, *resources, **extra):
    return api.post(RDT_URL, {"restrictedResources": list(resources), **extra})


def rdt_client(api, *resources) -> SpApiClient:
    response = create_rdt(api, *resources)
    assert response.status_code == 200, response.content
    return SpApiClient(response.json()["restrictedDataToken"])


def restricted_count() -> int:
    return AccessToken.objects.filter(kind=AccessToken.Kind.RESTRICTED).count()


@pytest.fixture
def order(seller):
    order = factories.OrderFactory(
        seller=seller,
        amazon_order_id="113-1234567-7654321",
        purchase_order_number="PO-77",
        ship_address_line2="Apt 4",
        ship_address_type="Residential",
        purchase_date=timezone.now() - timedelta(days=5),
    )
    factories.OrderItemFactory(order=order, position=0)
    factories.OrderItemFactory(order=order, position=1, gift=True)
    return order


@pytest.fixture
def other_order(seller):
    return factories.OrderFactory(seller=seller, amazon_order_id="113-7654321-1234567")


# --- createRestrictedDataToken ---------------------------------------------------


def test_create_returns_an_rdt_valid_for_an_hour(api, order):
    response = create_rdt(api, resource(f"{GENERIC}/address"))
    assert response.status_code == 200
    body = response.json()
    assert_valid(RDT_RESPONSE_SCHEMA, body)
    assert body["expiresIn"] == 3600
    assert len(body["restrictedDataToken"]) > 350
    assert response["x-amzn-RateLimit-Limit"] == "1.0"
    assert response.has_header("x-amzn-RequestId")


def test_created_rdt_is_stored_hashed_with_its_resources(api, seller, order):
    body = create_rdt(
        api,
        resource(f"{GENERIC}/address"),
        resource(f"/orders/v0/orders/{order.amazon_order_id}", ["buyerInfo"]),
        targetApplication="amzn1.sellerapps.app.target-application",
    ).json()
    token = AccessToken.objects.get(token_hash=hash_token(body["restrictedDataToken"]))
    assert token.kind == AccessToken.Kind.RESTRICTED
    assert token.seller == seller
    assert token.target_application == "amzn1.sellerapps.app.target-application"
    assert [(r["operation"], r["orderId"]) for r in token.restricted_resources] == [
        ("getOrderAddress", None),
        ("getOrder", order.amazon_order_id),
    ]
    remaining = (token.expires_at - timezone.now()).total_seconds()
    assert 3590 < remaining <= 3600


def test_lifetime_follows_the_setting(api, settings, order):
    settings.AMAZON_RESTRICTED_DATA_TOKEN_TTL = 120
    body = create_rdt(api, resource(f"{GENERIC}/address")).json()
    assert body["expiresIn"] == 120


def test_keys_beyond_the_model_are_ignored(api, order):
    # python-amazon-sp-api sends its call's own arguments next to the resources.
    response = create_rdt(
        api,
        resource("/orders/v0/orders", PII),
        CreatedAfter="2020-01-01",
        MarketplaceIds=[US],
        original_path="/orders/v0/orders",
    )
    assert response.status_code == 200


def test_grantless_token_cannot_create_an_rdt(lwa_app, order):
    grantless = token_exchange(
        grant_type="client_credentials",
        client_id=lwa_app.client_id,
        client_secret=lwa_app.client_secret,
        scope="sellingpartnerapi::notifications",
    ).access_token
    response = create_rdt(SpApiClient(grantless), resource(f"{GENERIC}/address"))
    assert_envelope(response, 403, "Unauthorized")
    assert restricted_count() == 0


# --- using an RDT on the restricted operations -----------------------------------


@pytest.mark.parametrize(
    ("suffix", "model_path"),
    [
        ("address", "/orders/v0/orders/{orderId}/address"),
        ("buyerInfo", "/orders/v0/orders/{orderId}/buyerInfo"),
        ("orderItems/buyerInfo", "/orders/v0/orders/{orderId}/orderItems/buyerInfo"),
    ],
)
def test_generic_rdt_opens_its_operation_for_any_order(
    api, order, other_order, suffix, model_path
):
    rdt = rdt_client(api, resource(f"{GENERIC}/{suffix}"))
    for target in (order, other_order):
        response = rdt.get(f"{ORDERS_URL}/{target.amazon_order_id}/{suffix}")
        assert response.status_code == 200, response.content
        assert_response_valid(ORDERS, model_path, "get", response)
        assert response["x-amzn-RateLimit-Limit"] == "0.5"


def test_rdt_address_is_the_full_address(api, order):
    rdt = rdt_client(api, resource(f"{GENERIC}/address"))
    payload = rdt.get(f"{ORDERS_URL}/{order.amazon_order_id}/address").json()
    address = payload["payload"]["ShippingAddress"]
    assert address["Name"] == order.ship_name
    assert address["AddressLine1"] == order.ship_address_line1
    assert address["Phone"] == order.ship_phone


def test_specific_rdt_opens_its_order_only(api, order, other_order):
    path = f"/orders/v0/orders/{order.amazon_order_id}/buyerInfo"
    rdt = rdt_client(api, resource(path))
    ok = rdt.get(f"{ORDERS_URL}/{order.amazon_order_id}/buyerInfo")
    assert ok.status_code == 200
    assert ok.json()["payload"]["BuyerName"] == order.buyer_name
    refused = rdt.get(f"{ORDERS_URL}/{other_order.amazon_order_id}/buyerInfo")
    body = assert_envelope(refused, 403, "Unauthorized")
    assert body["errors"][0]["message"] == "Access to requested resource is denied."
    assert refused["x-amzn-ErrorType"] == "AccessDeniedException"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", f"{ORDERS_URL}/113-1234567-7654321/buyerInfo"),
        ("get", f"{ORDERS_URL}/113-1234567-7654321/orderItems/buyerInfo"),
        ("get", f"{ORDERS_URL}/113-1234567-7654321"),
        ("get", ORDERS_URL),
        ("post", ORDERS_URL),
        ("get", "/amazon/fba/inventory/v1/summaries"),
        ("get", "/amazon/reports/2021-06-30/reports"),
    ],
)
def test_rdt_is_refused_outside_its_resources(api, order, method, path):
    rdt = rdt_client(api, resource(f"{GENERIC}/address"))
    response = getattr(rdt, method)(path, BASE if path == ORDERS_URL else None)
    body = assert_envelope(response, 403, "Unauthorized")
    assert "does not grant access" in body["errors"][0]["details"]


def test_rdt_cannot_create_another_rdt(api, order):
    rdt = rdt_client(api, resource(f"{GENERIC}/address"))
    response = create_rdt(rdt, resource(f"{GENERIC}/address"))
    assert_envelope(response, 403, "Unauthorized")
    assert restricted_count() == 1


def test_expired_rdt_is_refused(api, order):
    rdt = rdt_client(api, resource(f"{GENERIC}/address"))
    AccessToken.objects.filter(kind=AccessToken.Kind.RESTRICTED).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = rdt.get(f"{ORDERS_URL}/{order.amazon_order_id}/address")
    body = assert_envelope(response, 403, "Unauthorized")
    assert "expired" in body["errors"][0]["details"]


def test_rdt_stops_working_after_its_lifetime(api, order, monkeypatch):
    rdt = rdt_client(api, resource(f"{GENERIC}/address"))
    path = f"{ORDERS_URL}/{order.amazon_order_id}/address"
    assert rdt.get(path).status_code == 200
    later = timezone.now() + timedelta(seconds=3601)
    monkeypatch.setattr(authentication, "timezone", SimpleNamespace(now=lambda: later))
    assert_envelope(rdt.get(path), 403, "Unauthorized")


def test_unknown_rdt_is_refused(db):
    response = SpApiClient("Atz.sprdt|never-issued").get(
        f"{ORDERS_URL}/113-1234567-7654321/address"
    )
    assert_envelope(response, 403, "Unauthorized")


def test_rdt_of_a_deleted_seller_is_refused(api, seller, order):
    rdt = rdt_client(api, resource(f"{GENERIC}/address"))
    seller.delete()
    response = rdt.get(f"{ORDERS_URL}/{order.amazon_order_id}/address")
    assert_envelope(response, 403, "Unauthorized")


def test_rdt_does_not_reach_another_sellers_orders(api, other_api, other_seller):
    foreign = factories.OrderFactory(seller=other_seller)
    rdt = rdt_client(api, resource(f"{GENERIC}/address"))
    response = rdt.get(f"{ORDERS_URL}/{foreign.amazon_order_id}/address")
    assert_envelope(response, 404, "NotFound")


# --- PII in getOrders, getOrder and getOrderItems ------------------------------


def test_get_orders_with_rdt_carries_full_address_and_buyer_info(api, order):
    rdt = rdt_client(api, resource("/orders/v0/orders", PII))
    response = rdt.get(ORDERS_URL, BASE)
    assert response.status_code == 200
    assert_response_valid(ORDERS, "/orders/v0/orders", "get", response)
    (payload,) = response.json()["payload"]["Orders"]
    assert payload["ShippingAddress"] == {
        "Name": order.ship_name,
        "AddressLine1": order.ship_address_line1,
        "AddressLine2": "Apt 4",
        "City": order.ship_city,
        "StateOrRegion": order.ship_state,
        "PostalCode": order.ship_postal_code,
        "CountryCode": "US",
        "Phone": order.ship_phone,
        "AddressType": "Residential",
    }
    assert payload["BuyerInfo"] == {
        "BuyerEmail": order.buyer_email,
        "BuyerName": order.buyer_name,
        "PurchaseOrderNumber": "PO-77",
    }


def test_get_orders_without_rdt_keeps_the_coarse_payload(api, order):
    response = api.get(ORDERS_URL, BASE)
    assert_response_valid(ORDERS, "/orders/v0/orders", "get", response)
    (payload,) = response.json()["payload"]["Orders"]
    assert payload["ShippingAddress"] == {
        "City": order.ship_city,
        "StateOrRegion": order.ship_state,
        "PostalCode": order.ship_postal_code,
        "CountryCode": "US",
    }
    assert payload["BuyerInfo"] == {"BuyerEmail": order.buyer_email}


def test_get_orders_rdt_pages_keep_the_pii(api, seller, order, other_order):
    rdt = rdt_client(api, resource("/orders/v0/orders", ["shippingAddress"]))
    first = rdt.get(ORDERS_URL, {**BASE, "MaxResultsPerPage": "1"}).json()["payload"]
    second = rdt.get(
        ORDERS_URL, {"MarketplaceIds": US, "NextToken": first["NextToken"]}
    ).json()["payload"]
    for page in (first, second):
        assert "Name" in page["Orders"][0]["ShippingAddress"]


def test_get_order_with_rdt_gets_only_the_elements_asked_for(api, order):
    path = f"/orders/v0/orders/{order.amazon_order_id}"
    rdt = rdt_client(api, resource(path, ["shippingAddress"]))
    response = rdt.get(f"{ORDERS_URL}/{order.amazon_order_id}")
    assert response.status_code == 200
    assert_response_valid(ORDERS, "/orders/v0/orders/{orderId}", "get", response)
    payload = response.json()["payload"]
    assert payload["ShippingAddress"]["AddressLine1"] == order.ship_address_line1
    assert payload["BuyerInfo"] == {"BuyerEmail": order.buyer_email}


def test_get_order_without_rdt_has_no_street_address(api, order):
    payload = api.get(f"{ORDERS_URL}/{order.amazon_order_id}").json()["payload"]
    assert "AddressLine1" not in payload["ShippingAddress"]
    assert "BuyerName" not in payload["BuyerInfo"]


def test_resources_for_one_operation_merge_their_data_elements(api, order):
    rdt = rdt_client(
        api,
        resource(GENERIC, ["buyerInfo"]),
        resource(f"/orders/v0/orders/{order.amazon_order_id}", ["shippingAddress"]),
    )
    payload = rdt.get(f"{ORDERS_URL}/{order.amazon_order_id}").json()["payload"]
    assert payload["BuyerInfo"]["BuyerName"] == order.buyer_name
    assert payload["ShippingAddress"]["Name"] == order.ship_name


def test_buyer_tax_information_adds_nothing_the_models_do_not_hold(api, order):
    plain = api.get(f"{ORDERS_URL}/{order.amazon_order_id}").json()
    rdt = rdt_client(api, resource(GENERIC, ["buyerTaxInformation"]))
    response = rdt.get(f"{ORDERS_URL}/{order.amazon_order_id}")
    assert response.status_code == 200
    assert response.json() == plain


def test_get_order_items_with_buyer_info_rdt_adds_item_buyer_info(api, order):
    rdt = rdt_client(api, resource(f"{GENERIC}/orderItems", ["buyerInfo"]))
    response = rdt.get(f"{ORDERS_URL}/{order.amazon_order_id}/orderItems")
    assert response.status_code == 200
    assert_response_valid(
        ORDERS, "/orders/v0/orders/{orderId}/orderItems", "get", response
    )
    plain_item, gift_item = response.json()["payload"]["OrderItems"]
    assert "BuyerInfo" not in plain_item
    assert gift_item["BuyerInfo"] == {
        "GiftWrapLevel": "Classic",
        "GiftWrapPrice": {"CurrencyCode": "USD", "Amount": "3.99"},
        "GiftWrapTax": {"CurrencyCode": "USD", "Amount": "0.33"},
        "GiftMessageText": "Happy birthday! Love, Ana",
    }


def test_get_order_items_without_rdt_have_no_buyer_info(api, order):
    items = api.get(f"{ORDERS_URL}/{order.amazon_order_id}/orderItems").json()
    assert all("BuyerInfo" not in i for i in items["payload"]["OrderItems"])


# --- invalid requests: 400, nothing stored --------------------------------------


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({}, "restrictedResources is required"),
        ({"restrictedResources": None}, "restrictedResources is required"),
        ({"restrictedResources": []}, "must not be empty"),
        ({"restrictedResources": {"method": "GET"}}, "must be a list"),
        (
            {"restrictedResources": [resource(f"{GENERIC}/address")] * 51},
            "at most 50",
        ),
        ({"restrictedResources": ["GET /orders/v0/orders"]}, "must be an object"),
        ({"restrictedResources": [{"path": f"{GENERIC}/address"}]}, "method"),
        ({"restrictedResources": [resource(f"{GENERIC}/address", None, "")]}, "method"),
        (
            {"restrictedResources": [resource(f"{GENERIC}/address", None, "FETCH")]},
            "method 'FETCH' is invalid",
        ),
        (
            {"restrictedResources": [resource(f"{GENERIC}/address", None, "get")]},
            "is invalid",
        ),
        ({"restrictedResources": [{"method": "GET"}]}, "path is required"),
        ({"restrictedResources": [resource("/orders/v1/orders")]}, "not the path"),
        (
            {"restrictedResources": [resource("/mfn/v0/shipments/{shipmentId}")]},
            "not the path",
        ),
        (
            {"restrictedResources": [resource(f"{GENERIC}/shipmentConfirmation")]},
            "not the path",
        ),
        ({"restrictedResources": [resource(f"{GENERIC}/address/")]}, "not the path"),
        (
            {"restrictedResources": [resource(f"{GENERIC}/address", None, "POST")]},
            "does not match getOrderAddress",
        ),
        (
            {"restrictedResources": [resource("/orders/v0/orders", PII, "DELETE")]},
            "does not match getOrders",
        ),
        (
            {"restrictedResources": [resource(f"{GENERIC}/address", ["buyerInfo"])]},
            "only allowed for getOrders",
        ),
        (
            {
                "restrictedResources": [
                    resource(f"{GENERIC}/orderItems/buyerInfo", ["buyerInfo"])
                ]
            },
            "only allowed for getOrders",
        ),
        (
            {"restrictedResources": [resource(GENERIC, ["buyerEmail"])]},
            "invalid value(s) buyerEmail",
        ),
        (
            {"restrictedResources": [resource(GENERIC, "buyerInfo")]},
            "list of strings",
        ),
        ({"restrictedResources": [resource(GENERIC, [])]}, "must not be empty"),
        ({"restrictedResources": [resource("/orders/v0/orders")]}, "is required"),
        (
            {"restrictedResources": [resource("/orders/v0/orders/943-12-123434")]},
            "invalid orderId",
        ),
        (
            {
                "restrictedResources": [
                    resource("/orders/v0/orders/111-0000000-0000000/address")
                ]
            },
            "does not exist",
        ),
        (
            {
                "restrictedResources": [
                    resource(f"{GENERIC}/address"),
                    resource("/orders/v0/orders", ["shippingAddress", "phone"]),
                ]
            },
            "restrictedResources[1].dataElements",
        ),
        (
            {
                "restrictedResources": [resource(f"{GENERIC}/address")],
                "targetApplication": 7,
            },
            "targetApplication",
        ),
    ],
)
def test_invalid_body_is_400_and_stores_nothing(api, order, body, fragment):
    response = api.post(RDT_URL, body)
    error = assert_envelope(response, 400, "InvalidRequest")["errors"][0]
    assert error["message"] == "Request is missing or has invalid parameters"
    assert fragment in error["details"]
    assert response["x-amzn-RateLimit-Limit"] == "1.0"
    assert restricted_count() == 0


def test_specific_path_for_another_sellers_order_is_400(api, other_seller):
    foreign = factories.OrderFactory(seller=other_seller)
    path = f"/orders/v0/orders/{foreign.amazon_order_id}/address"
    assert_envelope(create_rdt(api, resource(path)), 400, "InvalidRequest")
    assert restricted_count() == 0


@pytest.mark.parametrize("body", ["[]", '"restrictedResources"', "null", "42"])
def test_json_that_is_not_an_object_is_400(api, body):
    response = api.post(RDT_URL, body)
    error = assert_envelope(response, 400, "InvalidRequest")["errors"][0]
    assert "JSON object" in error["details"]
    assert restricted_count() == 0


def test_malformed_json_is_400(api):
    response = api.post(RDT_URL, '{"restrictedResources": [')
    assert_envelope(response, 400, "InvalidRequest")
    assert restricted_count() == 0


def test_wrong_content_type_is_415(api, order):
    body = json.dumps({"restrictedResources": [resource(f"{GENERIC}/address")]})
    response = api.post(RDT_URL, body, content_type="text/plain")
    assert_envelope(response, 415, "UnsupportedMediaType")
    assert restricted_count() == 0


def test_only_post_is_allowed(api):
    response = api.get(RDT_URL)
    assert_envelope(response, 405, "MethodNotAllowed")
    assert response["Allow"] == "POST, OPTIONS"


def test_missing_token_is_403(anonymous_api):
    response = anonymous_api.post(
        RDT_URL, {"restrictedResources": [resource(f"{GENERIC}/address")]}
    )
    assert_envelope(response, 403, "Unauthorized")


# --- AMAZON_REQUIRE_RESTRICTED_DATA_TOKEN ---------------------------------------


RESTRICTED_SUFFIXES = ["address", "buyerInfo", "orderItems/buyerInfo"]


@pytest.fixture
def rdt_required(settings):
    settings.AMAZON_REQUIRE_RESTRICTED_DATA_TOKEN = True
    return settings


@pytest.mark.parametrize("suffix", RESTRICTED_SUFFIXES)
def test_required_setting_refuses_plain_tokens(api, order, rdt_required, suffix):
    response = api.get(f"{ORDERS_URL}/{order.amazon_order_id}/{suffix}")
    body = assert_envelope(response, 403, "Unauthorized")
    assert "Restricted Data Token" in body["errors"][0]["details"]


@pytest.mark.parametrize("suffix", RESTRICTED_SUFFIXES)
def test_required_setting_serves_rdts(api, order, rdt_required, suffix):
    rdt = rdt_client(api, resource(f"{GENERIC}/{suffix}"))
    response = rdt.get(f"{ORDERS_URL}/{order.amazon_order_id}/{suffix}")
    assert response.status_code == 200


def test_required_setting_leaves_other_operations_alone(api, order, rdt_required):
    assert api.get(ORDERS_URL, BASE).status_code == 200
    assert api.get(f"{ORDERS_URL}/{order.amazon_order_id}").status_code == 200
    assert api.get(f"{ORDERS_URL}/{order.amazon_order_id}/orderItems").status_code == (
        200
    )


@pytest.mark.parametrize("suffix", RESTRICTED_SUFFIXES)
def test_plain_tokens_are_served_by_default(api, order, suffix):
    response = api.get(f"{ORDERS_URL}/{order.amazon_order_id}/{suffix}")
    assert response.status_code == 200


# --- usage plan, schema ------------------------------------------------------------


def test_usage_plan_allows_a_burst_of_10_then_429(api, order, settings, no_refill):
    settings.AMAZON_RATE_LIMITS_ENABLED = True
    settings.AMAZON_RATE_LIMIT_SCALE = 1.0
    body = {"restrictedResources": [resource(f"{GENERIC}/address")]}
    statuses = [api.post(RDT_URL, body).status_code for _ in range(10)]
    assert statuses == [200] * 10
    response = api.post(RDT_URL, body)
    assert_envelope(response, 429, "QuotaExceeded")
    assert not response.has_header("x-amzn-RateLimit-Limit")
    assert restricted_count() == 10


def test_schema_documents_create_restricted_data_token(client, db):
    schema = json.loads(client.get("/amazon/_mock/schema", {"format": "json"}).content)
    validate_schema(schema)
    operation = schema["paths"]["/tokens/2021-03-01/restrictedDataToken"]["post"]
    assert operation["operationId"] == "createRestrictedDataToken"
    assert operation["tags"] == ["tokens"]
    request = operation["requestBody"]["content"]["application/json"]["schema"]
    assert request["$ref"] == (
        "#/components/schemas/TokensCreateRestrictedDataTokenRequest"
    )
    resources = schema["components"]["schemas"][
        "TokensCreateRestrictedDataTokenRequest"
    ]["properties"]["restrictedResources"]
    assert (resources["minItems"], resources["maxItems"]) == (1, 50)
    assert {"200", "400", "403", "415", "429"} <= set(operation["responses"])
