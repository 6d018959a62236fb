"""Orders v0 regulated orders: getOrderRegulatedInfo and updateVerificationStatus."""

import copy
import json
import random

import pytest

from apps.amazon import factories
from apps.amazon.models import Order
from apps.amazon.services.seeding import _regulated_details
from tests.amazon.conftest import SpApiClient, assert_envelope
from tests.amazon.schemas import ORDERS, assert_response_valid

ORDER_ID = "113-1234567-7654321"
PLAIN_ID = "113-7654321-1234567"
PATH = "/orders/v0/orders/{orderId}/regulatedInfo"
REASON = "rx_eyewear_reject_expired_prescription"
PRESCRIPTION = {
    "prescriptionId": "Rx-1234",
    "expirationDate": "2030-01-01T00:00:00Z",
    "writtenQuantity": 3,
    "totalRefillsAuthorized": 10,
    "usageInstructions": "Wear for distance vision",
    "refillsRemaining": 10,
    "clinicId": "ABC-1234",
}
SNAPSHOT_FIELDS = (
    "verification_status",
    "rejection_reason",
    "external_reviewer_id",
    "review_date",
    "verification_details",
    "valid_rejection_reasons",
    "regulated_info",
    "last_update_date",
    "updated_at",
)


def url(order_id: str = ORDER_ID) -> str:
    return f"/amazon/orders/v0/orders/{order_id}/regulatedInfo"


def body(status="Approved", reviewer="reviewer1234", **extra) -> dict:
    update = {"status": status, "externalReviewerId": reviewer, **extra}
    return {"regulatedOrderVerificationStatus": update}


def reject_body(reason=REASON, **extra) -> dict:
    return body("Rejected", rejectionReasonId=reason, **extra)


def snapshot(order: Order) -> tuple:
    order.refresh_from_db()
    return tuple(getattr(order, f) for f in SNAPSHOT_FIELDS)


@pytest.fixture
def order(seller) -> Order:
    return factories.OrderFactory(
        seller=seller,
        amazon_order_id=ORDER_ID,
        order_status=Order.Status.UNSHIPPED,
        regulated=True,
    )


@pytest.fixture
def plain_order(seller) -> Order:
    return factories.OrderFactory(seller=seller, amazon_order_id=PLAIN_ID)


def get_info(api, order_id=ORDER_ID):
    response = api.get(url(order_id))
    assert response.status_code == 200, response.content
    assert_response_valid(ORDERS, PATH, "get", response)
    return response.json()["payload"]


# --- getOrderRegulatedInfo ---------------------------------------------------------


def test_pending_order_returns_its_form_and_reasons(api, order):
    payload = get_info(api)
    assert payload["AmazonOrderId"] == ORDER_ID
    assert payload["RequiresDosageLabel"] is False
    fields = payload["RegulatedInformation"]["Fields"]
    assert [f["FieldType"] for f in fields] == ["Text", "FileAttachment"]
    status = payload["RegulatedOrderVerificationStatus"]
    assert status["Status"] == "Pending"
    assert status["RequiresMerchantAction"] is True
    assert [r["RejectionReasonId"] for r in status["ValidRejectionReasons"]] == [
        REASON,
        "rx_eyewear_reject_unreadable_prescription",
    ]
    assert "RejectionReason" not in status
    assert "ReviewDate" not in status


def test_get_orders_reports_has_regulated_items(api, order, plain_order):
    response = api.get(
        "/amazon/orders/v0/orders",
        {"MarketplaceIds": "ATVPDKIKX0DER", "AmazonOrderIds": f"{ORDER_ID},{PLAIN_ID}"},
    )
    flags = {
        o["AmazonOrderId"]: o["HasRegulatedItems"]
        for o in response.json()["payload"]["Orders"]
    }
    assert flags == {ORDER_ID: True, PLAIN_ID: False}


def test_non_regulated_order_is_400(api, plain_order):
    response = api.get(url(PLAIN_ID))
    body_ = assert_envelope(response, 400, "InvalidInput")
    assert body_["errors"][0]["message"] == "Order does not contain regulated items"
    assert_response_valid(ORDERS, PATH, "get", response)


def test_get_unknown_invalid_and_foreign_orders(api, other_api, order):
    assert_envelope(api.get(url("113-0000000-0000000")), 404, "NotFound")
    assert_envelope(api.get(url("not-an-order")), 400, "InvalidInput")
    assert_envelope(other_api.get(url()), 404, "NotFound")


def test_get_needs_a_token(anonymous_api, order):
    assert_envelope(anonymous_api.get(url()), 403)


# --- updateVerificationStatus ------------------------------------------------------


def test_approve_changes_what_later_reads_return(api, order):
    response = api.patch(
        url(), body(verificationDetails={"prescriptionDetail": PRESCRIPTION})
    )
    assert response.status_code == 204, response.content
    assert response.content == b""
    status = get_info(api)["RegulatedOrderVerificationStatus"]
    assert status["Status"] == "Approved"
    assert status["RequiresMerchantAction"] is False
    assert status["ExternalReviewerId"] == "reviewer1234"
    assert status["ReviewDate"].endswith("Z")
    assert status["ValidRejectionReasons"] == []
    assert "RejectionReason" not in status
    order.refresh_from_db()
    assert order.verification_details["prescriptionDetail"]["clinicId"] == "ABC-1234"


def test_reject_records_the_reason(api, order):
    response = api.patch(url(), reject_body())
    assert response.status_code == 204, response.content
    status = get_info(api)["RegulatedOrderVerificationStatus"]
    assert status["Status"] == "Rejected"
    assert status["RejectionReason"] == {
        "RejectionReasonId": REASON,
        "RejectionReasonDescription": "The prescription has expired.",
    }
    assert status["ExternalReviewerId"] == "reviewer1234"
    assert status["ValidRejectionReasons"] == []


def test_reject_with_alternative_details(api, order):
    alternatives = [
        {"attributeName": "asin", "originalValue": "B0A", "approvedValue": "B0B"}
    ]
    response = api.patch(
        url(),
        reject_body(verificationDetails={"approvedAlternativeDetails": alternatives}),
    )
    assert response.status_code == 204, response.content
    order.refresh_from_db()
    assert order.verification_details == {"approvedAlternativeDetails": alternatives}


def test_reviewed_order_cannot_be_reviewed_again(api, order):
    assert api.patch(url(), body()).status_code == 204
    before = snapshot(order)
    response = api.patch(url(), reject_body())
    body_ = assert_envelope(response, 400, "InvalidInput")
    assert "only Pending" in body_["errors"][0]["details"]
    assert snapshot(order) == before


@pytest.mark.parametrize("status", ["Expired", "Cancelled", "Approved", "Rejected"])
def test_non_pending_orders_are_refused(api, seller, status):
    order = factories.OrderFactory(
        seller=seller,
        amazon_order_id=ORDER_ID,
        regulated=True,
        verification_status=status,
    )
    before = snapshot(order)
    assert_envelope(api.patch(url(), body()), 400, "InvalidInput")
    assert snapshot(order) == before


BAD_BODIES = [
    ({}, "Missing request parameter: regulatedOrderVerificationStatus."),
    ([], None),
    ("not json", None),
    ({"regulatedOrderVerificationStatus": "Approved"}, None),
    ({"regulatedOrderVerificationStatus": {"externalReviewerId": "r"}}, None),
    (
        body("Cancelled"),
        "Invalid request parameter `status`. Must be one of [Approved, Rejected].",
    ),
    (body("Pending"), None),
    (body("approved"), None),
    (body(reviewer=None), "Missing request parameter: externalReviewerId."),
    (body(reviewer=""), "Missing request parameter: externalReviewerId."),
    (body(reviewer=42), None),
    (body(reviewer="x" * 201), None),
    (body("Rejected"), "Missing request parameter: rejectionReasonId."),
    (reject_body(""), "Missing request parameter: rejectionReasonId."),
    (reject_body(7), None),
    (reject_body("no_such_reason"), None),
    (body(rejectionReasonId=REASON), None),
    (
        reject_body(verificationDetails={"prescriptionDetail": PRESCRIPTION}),
        "Verification Detail `prescriptionDetail` is not supported when order is "
        "in Rejected status.",
    ),
    (
        body(
            verificationDetails={
                "approvedAlternativeDetails": [
                    {
                        "attributeName": "asin",
                        "originalValue": "a",
                        "approvedValue": "b",
                    }
                ]
            }
        ),
        "Verification Detail `approvedAlternativeDetails` is not supported when "
        "order is in Approved status.",
    ),
    (
        body(verificationDetails={"interimStatusDetail": {"statusCode": "x"}}),
        None,
    ),
    (body(verificationDetails="yes"), None),
    (
        body(
            verificationDetails={
                "prescriptionDetail": {
                    k: v for k, v in PRESCRIPTION.items() if k != "clinicId"
                }
            }
        ),
        "Missing required parameter(s) from prescriptionDetail value: clinicId",
    ),
    (
        body(
            verificationDetails={
                "prescriptionDetail": {**PRESCRIPTION, "writtenQuantity": 0}
            }
        ),
        None,
    ),
    (
        body(
            verificationDetails={
                "prescriptionDetail": {**PRESCRIPTION, "refillsRemaining": True}
            }
        ),
        None,
    ),
    (
        body(
            verificationDetails={
                "prescriptionDetail": {**PRESCRIPTION, "refillsRemaining": 11}
            }
        ),
        None,
    ),
    (
        body(
            verificationDetails={
                "prescriptionDetail": {**PRESCRIPTION, "expirationDate": "soon"}
            }
        ),
        None,
    ),
    (
        reject_body(verificationDetails={"approvedAlternativeDetails": []}),
        None,
    ),
    (
        reject_body(
            verificationDetails={"approvedAlternativeDetails": [{"attributeName": "a"}]}
        ),
        None,
    ),
]


@pytest.mark.parametrize(("payload", "message"), BAD_BODIES)
def test_bad_bodies_are_400_and_change_nothing(api, order, payload, message):
    before = snapshot(order)
    response = api.patch(url(), copy.deepcopy(payload))
    body_ = assert_envelope(response, 400)
    assert body_["errors"][0]["code"] in {"InvalidInput", "InvalidArgument"}
    if message is not None:
        assert body_["errors"][0]["message"] == message
    assert_response_valid(ORDERS, PATH, "patch", response)
    assert snapshot(order) == before


def test_update_on_non_regulated_order_is_400(api, plain_order):
    before = snapshot(plain_order)
    response = api.patch(url(PLAIN_ID), body())
    body_ = assert_envelope(response, 400, "InvalidInput")
    assert body_["errors"][0]["message"] == "Order does not contain regulated items"
    assert snapshot(plain_order) == before


def test_update_unknown_invalid_and_foreign_orders(api, other_api, order):
    before = snapshot(order)
    assert_envelope(api.patch(url("113-0000000-0000000"), body()), 404, "NotFound")
    assert_envelope(api.patch(url("nope"), body()), 400, "InvalidInput")
    assert_envelope(other_api.patch(url(), body()), 403, "Unauthorized")
    assert snapshot(order) == before


def test_update_needs_a_token(anonymous_api, order):
    before = snapshot(order)
    assert_envelope(anonymous_api.patch(url(), body()), 403)
    assert snapshot(order) == before


# --- Restricted Data Tokens ----------------------------------------------------------


RDT_URL = "/amazon/tokens/2021-03-01/restrictedDataToken"


def rdt(api, path="/orders/v0/orders/{orderId}/regulatedInfo") -> SpApiClient:
    response = api.post(
        RDT_URL, {"restrictedResources": [{"method": "GET", "path": path}]}
    )
    assert response.status_code == 200, response.content
    return SpApiClient(response.json()["restrictedDataToken"])


def test_plain_token_works_unless_rdt_required(api, order, settings):
    settings.AMAZON_REQUIRE_RESTRICTED_DATA_TOKEN = False
    assert api.get(url()).status_code == 200
    settings.AMAZON_REQUIRE_RESTRICTED_DATA_TOKEN = True
    response = api.get(url())
    body_ = assert_envelope(response, 403, "Unauthorized")
    assert "Restricted Data Token" in body_["errors"][0]["details"]


@pytest.mark.parametrize(
    "path",
    [
        "/orders/v0/orders/{orderId}/regulatedInfo",
        f"/orders/v0/orders/{ORDER_ID}/regulatedInfo",
    ],
)
def test_rdt_opens_regulated_info(api, order, settings, path):
    settings.AMAZON_REQUIRE_RESTRICTED_DATA_TOKEN = True
    client = rdt(api, path)
    response = client.get(url())
    assert response.status_code == 200, response.content
    assert_response_valid(ORDERS, PATH, "get", response)
    # The token opens only what it names.
    assert_envelope(client.get(f"/amazon/orders/v0/orders/{ORDER_ID}/address"), 403)


def test_rdt_for_address_does_not_open_regulated_info(api, order, settings):
    settings.AMAZON_REQUIRE_RESTRICTED_DATA_TOKEN = True
    client = rdt(api, "/orders/v0/orders/{orderId}/address")
    assert_envelope(client.get(url()), 403, "Unauthorized")


def test_update_is_not_restricted(api, order, settings):
    settings.AMAZON_REQUIRE_RESTRICTED_DATA_TOKEN = True
    assert api.patch(url(), body()).status_code == 204


# --- usage plans ---------------------------------------------------------------------


def test_get_regulated_info_allows_a_burst_of_30_then_429(
    api, order, limits_on, no_refill
):
    responses = [api.get(url()) for _ in range(30)]
    assert [r.status_code for r in responses] == [200] * 30
    assert responses[0]["x-amzn-RateLimit-Limit"] == "0.5"
    response = api.get(url())
    assert_envelope(response, 429, "QuotaExceeded")


def test_update_verification_status_allows_a_burst_of_30_then_429(
    api, order, limits_on, no_refill
):
    statuses = [api.patch(url(), body()).status_code for _ in range(30)]
    assert statuses == [204] + [400] * 29  # reviewed once; later calls refused
    response = api.patch(url(), body())
    assert_envelope(response, 429, "QuotaExceeded")
    # Separate buckets: the read still has its own burst.
    assert api.get(url()).status_code == 200


# --- seeding and schema --------------------------------------------------------------


def test_seeded_regulated_details_follow_the_order_id():
    state = random.getstate()
    hits = 0
    for n in range(400):
        order = factories.OrderFactory.build(
            amazon_order_id=f"113-{n:07d}-0000000",
            order_status=Order.Status.UNSHIPPED,
            buyer_name="Jane Doe",
        )
        _regulated_details(order)
        if order.has_regulated_items:
            hits += 1
            assert order.verification_status == "Pending"
            assert {f["FieldType"] for f in order.regulated_info} == {
                "Text",
                "FileAttachment",
            }
    assert random.getstate() == state
    assert 0 < hits < 40


def test_mock_schema_documents_both_operations(client, db):
    from drf_spectacular.validation import validate_schema

    schema = json.loads(client.get("/amazon/_mock/schema", {"format": "json"}).content)
    validate_schema(schema)
    ops = schema["paths"]["/orders/v0/orders/{orderId}/regulatedInfo"]
    assert ops["get"]["operationId"] == "getOrderRegulatedInfo"
    assert ops["patch"]["operationId"] == "updateVerificationStatus"
    assert "204" in ops["patch"]["responses"]
