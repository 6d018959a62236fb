from urllib.parse import quote

import pytest

from apps.amazon import factories
from apps.amazon.models import Listing
from tests.amazon.conftest import assert_envelope
from tests.amazon.schemas import LISTINGS, assert_response_valid

MODEL_PATH = "/listings/2021-08-01/items/{sellerId}/{sku}"
US = "ATVPDKIKX0DER"
CA = "A2EUQ1WTGCTBG2"
SELLER = "A3EXAMPLE12345"


def url(sku: str, seller: str = SELLER) -> str:
    return f"/amazon/listings/2021-08-01/items/{seller}/{quote(sku, safe='')}"


@pytest.fixture
def listing(seller):
    factories.ListingFactory(
        seller=seller,
        sku="GM-ZDPI-9B4E",
        marketplace_id=CA,
        price="27.00",
        currency="CAD",
    )
    return factories.ListingFactory(
        seller=seller,
        sku="GM-ZDPI-9B4E",
        marketplace_id=US,
        issues=[
            {
                "code": "18027",
                "message": "Image issue",
                "severity": "WARNING",
                "attributeNames": ["main_product_image_locator"],
                "categories": ["INVALID_IMAGE"],
            }
        ],
    )


ALL = "summaries,attributes,issues,offers,fulfillmentAvailability,productTypes,relationships,procurement"


def put_body(**attributes):
    base = {
        "item_name": [
            {"value": "Hardside Spinner", "language_tag": "en_US", "marketplace_id": US}
        ],
        "condition_type": [{"value": "new_new", "marketplace_id": US}],
        "purchasable_offer": [
            {
                "currency": "USD",
                "our_price": [{"schedule": [{"value_with_tax": 49.5}]}],
                "marketplace_id": US,
            }
        ],
        "fulfillment_availability": [
            {"fulfillment_channel_code": "DEFAULT", "quantity": 7}
        ],
    }
    base.update(attributes)
    return {"productType": "LUGGAGE", "requirements": "LISTING", "attributes": base}


# --- getListingsItem -------------------------------------------------------------


def test_get_listings_item_with_everything_validates(api, listing):
    response = api.get(
        url(listing.sku), {"marketplaceIds": f"{US},{CA}", "includedData": ALL}
    )
    assert response.status_code == 200
    assert_response_valid(LISTINGS, MODEL_PATH, "get", response)
    body = response.json()
    assert body["sku"] == listing.sku
    assert [s["marketplaceId"] for s in body["summaries"]] == [US, CA]
    assert {o["price"]["currencyCode"] for o in body["offers"]} == {"USD", "CAD"}
    assert body["issues"][0]["marketplaceIds"] == [US]
    assert response["x-amzn-RateLimit-Limit"] == "5.0"


def test_default_included_data_is_summaries_only(api, listing):
    body = api.get(url(listing.sku), {"marketplaceIds": US}).json()
    assert set(body) == {"sku", "summaries"}


def test_unknown_sku_is_404_not_found_in_listings_style(api, seller):
    body = assert_envelope(
        api.get(url("NOPE-1"), {"marketplaceIds": US}), 404, "NOT_FOUND"
    )
    assert "NOPE-1" in body["errors"][0]["details"]


def test_missing_marketplace_ids_is_400_bad_request(api, listing):
    assert_envelope(api.get(url(listing.sku)), 400, "BAD_REQUEST")


def test_invalid_included_data_is_400(api, listing):
    response = api.get(
        url(listing.sku), {"marketplaceIds": US, "includedData": "everything"}
    )
    assert_envelope(response, 400, "BAD_REQUEST")


def test_sku_with_slash_round_trips(api, seller):
    factories.ListingFactory(seller=seller, sku="PK/2-AB12 x")
    response = api.get(url("PK/2-AB12 x"), {"marketplaceIds": US})
    assert response.status_code == 200
    assert response.json()["sku"] == "PK/2-AB12 x"


def test_foreign_seller_id_is_403(api, listing, other_seller):
    response = api.get(
        url(listing.sku, other_seller.selling_partner_id), {"marketplaceIds": US}
    )
    assert_envelope(response, 403, "Unauthorized")


# --- putListingsItem -------------------------------------------------------------


def test_put_creates_a_listing_that_get_then_returns(api, seller):
    response = api.put(url("NEW/SKU-1"), put_body(), {"marketplaceIds": US})
    assert response.status_code == 200
    assert_response_valid(LISTINGS, MODEL_PATH, "put", response)
    body = response.json()
    assert body["status"] == "ACCEPTED" and body["issues"] == []
    assert len(body["submissionId"]) == 32
    item = api.get(
        url("NEW/SKU-1"),
        {
            "marketplaceIds": US,
            "includedData": "summaries,offers,fulfillmentAvailability",
        },
    ).json()
    assert item["summaries"][0]["itemName"] == "Hardside Spinner"
    assert item["summaries"][0]["status"] == ["BUYABLE", "DISCOVERABLE"]
    assert item["offers"][0]["price"] == {"currencyCode": "USD", "amount": "49.50"}
    assert item["fulfillmentAvailability"] == [
        {"fulfillmentChannelCode": "DEFAULT", "quantity": 7}
    ]


def test_put_replaces_all_attributes(api, listing):
    body = put_body()
    del body["attributes"]["fulfillment_availability"]
    api.put(url(listing.sku), body, {"marketplaceIds": US})
    attributes = api.get(
        url(listing.sku), {"marketplaceIds": US, "includedData": "attributes"}
    ).json()["attributes"]
    assert "fulfillment_availability" not in attributes
    assert attributes["item_name"][0]["value"] == "Hardside Spinner"


def test_put_missing_condition_type_is_invalid_with_issue_and_no_write(api, seller):
    body = put_body()
    del body["attributes"]["condition_type"]
    response = api.put(
        url("BAD-1"), body, {"marketplaceIds": US, "includedData": "issues,identifiers"}
    )
    assert response.status_code == 200
    assert_response_valid(LISTINGS, MODEL_PATH, "put", response)
    result = response.json()
    assert result["status"] == "INVALID"
    assert result["issues"][0]["attributeNames"] == ["condition_type"]
    assert result["issues"][0]["categories"] == ["MISSING_ATTRIBUTE"]
    assert not Listing.objects.filter(sku="BAD-1").exists()


def test_put_validation_preview_writes_nothing(api, seller):
    response = api.put(
        url("PREVIEW-1"),
        put_body(),
        {"marketplaceIds": US, "mode": "VALIDATION_PREVIEW"},
    )
    assert response.json()["status"] == "VALID"
    assert not Listing.objects.filter(sku="PREVIEW-1").exists()


def test_put_with_two_marketplaces_is_400(api, seller):
    response = api.put(url("X-1"), put_body(), {"marketplaceIds": f"{US},{CA}"})
    assert_envelope(response, 400, "BAD_REQUEST")


def test_put_without_product_type_is_400(api, seller):
    body = put_body()
    del body["productType"]
    assert_envelope(
        api.put(url("X-1"), body, {"marketplaceIds": US}), 400, "BAD_REQUEST"
    )


def test_put_tolerates_client_injected_marketplace_keys_in_body(api, seller):
    body = {
        **put_body(),
        "MarketplaceId": US,
        "MarketplaceIds": [US],
        "marketplace_ids": [US],
        "marketplaceIds": [US],
    }
    assert (
        api.put(url("X-2"), body, {"marketplaceIds": US}).json()["status"] == "ACCEPTED"
    )


def test_put_with_text_body_is_415(api, seller):
    response = api.put(
        url("X-3"),
        "productType=LUGGAGE",
        {"marketplaceIds": US},
        content_type="text/plain",
    )
    assert_envelope(response, 415)


def test_put_with_malformed_json_is_400(api, seller):
    response = api.put(url("X-4"), "{not json", {"marketplaceIds": US})
    assert_envelope(response, 400, "BAD_REQUEST")


# --- patchListingsItem ----------------------------------------------------------------


def test_patch_replace_changes_what_get_returns(api, listing):
    body = {
        "productType": "HOME",
        "patches": [
            {
                "op": "replace",
                "path": "/attributes/purchasable_offer",
                "value": [
                    {
                        "currency": "USD",
                        "our_price": [{"schedule": [{"value_with_tax": 12.34}]}],
                        "marketplace_id": US,
                    }
                ],
            }
        ],
    }
    response = api.patch(url(listing.sku), body, {"marketplaceIds": US})
    assert response.status_code == 200
    assert_response_valid(LISTINGS, MODEL_PATH, "patch", response)
    assert response.json()["status"] == "ACCEPTED"
    offers = api.get(
        url(listing.sku), {"marketplaceIds": US, "includedData": "offers"}
    ).json()["offers"]
    assert offers[0]["price"]["amount"] == "12.34"


def test_patch_merge_updates_matching_element_and_delete_removes(api, listing):
    body = {
        "productType": "HOME",
        "patches": [
            {
                "op": "merge",
                "path": "/attributes/item_name",
                "value": [
                    {"value": "Renamed", "language_tag": "en_US", "marketplace_id": US}
                ],
            },
            {"op": "add", "path": "/attributes/color", "value": [{"value": "Red"}]},
            {"op": "delete", "path": "/attributes/color"},
        ],
    }
    assert (
        api.patch(url(listing.sku), body, {"marketplaceIds": US}).json()["status"]
        == "ACCEPTED"
    )
    listing.refresh_from_db()
    assert listing.attributes["item_name"] == [
        {"value": "Renamed", "language_tag": "en_US", "marketplace_id": US}
    ]
    assert "color" not in listing.attributes
    assert listing.item_name == "Renamed"


def test_patch_of_nested_path_is_400(api, listing):
    body = {
        "productType": "HOME",
        "patches": [
            {"op": "replace", "path": "/attributes/item_name/0/value", "value": ["x"]}
        ],
    }
    assert_envelope(
        api.patch(url(listing.sku), body, {"marketplaceIds": US}), 400, "BAD_REQUEST"
    )


def test_patch_with_unknown_op_is_400(api, listing):
    body = {
        "productType": "HOME",
        "patches": [{"op": "move", "path": "/attributes/a", "value": []}],
    }
    assert_envelope(
        api.patch(url(listing.sku), body, {"marketplaceIds": US}), 400, "BAD_REQUEST"
    )


def test_patch_of_missing_listing_is_invalid(api, seller):
    body = {
        "productType": "HOME",
        "patches": [{"op": "add", "path": "/attributes/a", "value": [{"value": 1}]}],
    }
    result = api.patch(url("GHOST"), body, {"marketplaceIds": US}).json()
    assert result["status"] == "INVALID" and result["issues"]


def test_patch_removing_condition_type_is_invalid_and_not_applied(api, listing):
    body = {
        "productType": "HOME",
        "patches": [{"op": "delete", "path": "/attributes/condition_type"}],
    }
    assert (
        api.patch(url(listing.sku), body, {"marketplaceIds": US}).json()["status"]
        == "INVALID"
    )
    listing.refresh_from_db()
    assert "condition_type" in listing.attributes


# --- deleteListingsItem --------------------------------------------------------------------


def test_delete_removes_listing_from_later_reads(api, listing):
    response = api.delete(url(listing.sku), {"marketplaceIds": US})
    assert response.status_code == 200
    assert_response_valid(LISTINGS, MODEL_PATH, "delete", response)
    assert response.json()["status"] == "ACCEPTED"
    assert api.get(url(listing.sku), {"marketplaceIds": US}).status_code == 404
    # The other marketplace keeps its listing.
    assert api.get(url(listing.sku), {"marketplaceIds": CA}).status_code == 200


def test_delete_then_put_recreates(api, listing):
    api.delete(url(listing.sku), {"marketplaceIds": US})
    assert (
        api.put(url(listing.sku), put_body(), {"marketplaceIds": US}).json()["status"]
        == "ACCEPTED"
    )
    assert api.get(url(listing.sku), {"marketplaceIds": US}).status_code == 200


def test_delete_without_marketplace_is_400(api, listing):
    assert_envelope(api.delete(url(listing.sku)), 400, "BAD_REQUEST")
