"""FBA Inventory v1 sandbox item writes: createInventoryItem, addInventory,
deleteInventoryItem."""

import pytest

from apps.amazon import factories
from apps.amazon.models import InventoryAddRequest, InventoryItem
from tests.amazon.conftest import assert_envelope
from tests.amazon.schemas import INVENTORY, assert_response_valid

US = "ATVPDKIKX0DER"
CA = "A2EUQ1WTGCTBG2"
ITEMS = "/amazon/fba/inventory/v1/items"
ADD = "/amazon/fba/inventory/v1/items/inventory"
SUMMARIES = "/amazon/fba/inventory/v1/summaries"
SKU = "SANDBOX-SKU-1"


def item_url(sku: str = SKU) -> str:
    return f"{ITEMS}/{sku}"


def create_body(**overrides) -> dict:
    return {
        "sellerSku": SKU,
        "marketplaceId": US,
        "productName": "Sandbox widget",
        **overrides,
    }


def add_body(*lines) -> dict:
    return {
        "inventoryItems": list(lines)
        or [{"sellerSku": SKU, "marketplaceId": US, "quantity": 5}]
    }


def add(api, body=None, token="token-1"):
    headers = {} if token is None else {"HTTP_X_AMZN_IDEMPOTENCY_TOKEN": token}
    return api.post(ADD, add_body() if body is None else body, **headers)


def summaries(api, marketplace=US, details=True) -> dict:
    response = api.get(
        SUMMARIES,
        {
            "granularityType": "Marketplace",
            "granularityId": marketplace,
            "marketplaceIds": marketplace,
            "details": "true" if details else "false",
        },
    )
    assert response.status_code == 200, response.content
    return {s["sellerSku"]: s for s in response.json()["payload"]["inventorySummaries"]}


def snapshot() -> tuple:
    return (
        sorted(
            InventoryItem.all_objects.values_list(
                "seller_id",
                "marketplace_id",
                "seller_sku",
                "fulfillable_quantity",
                "deleted_at",
            )
        ),
        sorted(
            InventoryAddRequest.all_objects.values_list(
                "seller_id", "idempotency_token"
            )
        ),
    )


@pytest.fixture
def item(seller) -> InventoryItem:
    return factories.InventoryItemFactory(
        seller=seller, seller_sku=SKU, marketplace_id=US, fulfillable_quantity=0
    )


# --- the whole flow ----------------------------------------------------------------


def test_create_add_summaries_delete(api, seller):
    response = api.post(ITEMS, create_body())
    assert response.status_code == 200, response.content
    assert response.json() == {}
    assert_response_valid(INVENTORY, "/fba/inventory/v1/items", "post", response)
    row = InventoryItem.objects.get(seller=seller, seller_sku=SKU)
    assert row.product_name == "Sandbox widget"
    assert row.total_quantity == 0
    summary = summaries(api)[SKU]
    assert summary["totalQuantity"] == 0
    assert summary["productName"] == "Sandbox widget"
    assert summary["inventoryDetails"]["fulfillableQuantity"] == 0

    response = add(api)
    assert response.status_code == 200, response.content
    assert response.json() == {}
    assert_response_valid(
        INVENTORY, "/fba/inventory/v1/items/inventory", "post", response
    )
    response = add(
        api,
        add_body({"sellerSku": SKU, "marketplaceId": US, "quantity": 7}),
        token="token-2",
    )
    assert response.status_code == 200
    summary = summaries(api)[SKU]
    assert summary["totalQuantity"] == 12
    assert summary["inventoryDetails"]["fulfillableQuantity"] == 12

    response = api.delete(item_url(), {"marketplaceId": US})
    assert response.status_code == 200, response.content
    assert response.json() == {}
    assert_response_valid(
        INVENTORY, "/fba/inventory/v1/items/{sellerSku}", "delete", response
    )
    assert SKU not in summaries(api)
    row = InventoryItem.all_objects.get(pk=row.pk)
    assert row.deleted_at is not None  # soft-deleted
    # Deleted: adding to it or deleting it again fails; it can be created anew.
    assert_envelope(add(api, token="token-3"), 400, "InvalidInput")
    assert_envelope(api.delete(item_url(), {"marketplaceId": US}), 404, "NotFound")
    assert api.post(ITEMS, create_body()).status_code == 200
    assert summaries(api)[SKU]["totalQuantity"] == 0


def test_add_to_an_existing_item_raises_its_totals(api, seller):
    row = factories.InventoryItemFactory(seller=seller, marketplace_id=US)
    before_total = row.total_quantity
    body = add_body({"sellerSku": row.seller_sku, "marketplaceId": US, "quantity": 3})
    assert add(api, body).status_code == 200
    row.refresh_from_db()
    assert row.fulfillable_quantity == 43
    assert summaries(api, details=False)[row.seller_sku]["totalQuantity"] == (
        before_total + 3
    )


def test_add_several_items_at_once(api, seller, item):
    other = factories.InventoryItemFactory(
        seller=seller, marketplace_id=CA, fulfillable_quantity=1
    )
    body = add_body(
        {"sellerSku": SKU, "marketplaceId": US, "quantity": 2},
        {"sellerSku": other.seller_sku, "marketplaceId": CA, "quantity": 4},
    )
    assert add(api, body).status_code == 200
    item.refresh_from_db()
    other.refresh_from_db()
    assert (item.fulfillable_quantity, other.fulfillable_quantity) == (2, 5)


def test_the_same_sku_in_two_marketplaces_is_two_items(api, seller):
    assert api.post(ITEMS, create_body()).status_code == 200
    assert api.post(ITEMS, create_body(marketplaceId=CA)).status_code == 200
    assert InventoryItem.objects.filter(seller=seller, seller_sku=SKU).count() == 2


# --- idempotency --------------------------------------------------------------------


def test_replayed_token_with_same_body_changes_nothing(api, item):
    assert add(api).status_code == 200
    before = snapshot()
    response = add(api)
    assert response.status_code == 200
    assert response.json() == {}
    assert snapshot() == before
    item.refresh_from_db()
    assert item.fulfillable_quantity == 5
    assert InventoryAddRequest.objects.count() == 1


def test_reused_token_with_a_different_body_is_400(api, item):
    assert add(api).status_code == 200
    before = snapshot()
    body = add_body({"sellerSku": SKU, "marketplaceId": US, "quantity": 6})
    assert_envelope(add(api, body), 400, "InvalidInput")
    assert snapshot() == before


def test_tokens_are_per_seller(api, other_api, item, other_seller):
    factories.InventoryItemFactory(
        seller=other_seller, seller_sku=SKU, marketplace_id=US, fulfillable_quantity=0
    )
    assert add(api).status_code == 200
    assert add(other_api).status_code == 200
    assert sorted(
        InventoryItem.objects.filter(seller_sku=SKU).values_list(
            "fulfillable_quantity", flat=True
        )
    ) == [5, 5]


def test_a_refused_add_does_not_burn_its_token(api, item):
    bad = add_body({"sellerSku": "NOPE", "marketplaceId": US, "quantity": 1})
    assert_envelope(add(api, bad), 400, "InvalidInput")
    assert add(api).status_code == 200


# --- refusals -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["{not json", "[1, 2]", '"text"', "null"],
    ids=["malformed", "list", "str", "null"],
)
@pytest.mark.parametrize("url", [ITEMS, ADD], ids=["create", "add"])
def test_non_json_or_non_object_body_is_400(api, item, raw, url):
    before = snapshot()
    response = api.post(url, raw, HTTP_X_AMZN_IDEMPOTENCY_TOKEN="t")
    assert_envelope(response, 400, "InvalidInput")
    assert snapshot() == before


@pytest.mark.parametrize(
    "overrides",
    [
        {"sellerSku": None},
        {"marketplaceId": None},
        {"productName": None},
        {"sellerSku": ""},
        {"sellerSku": 12},
        {"productName": "   "},
        {"marketplaceId": "NOTAMARKETPLACE"},
        {"marketplaceId": 5},
        {"sellerSku": "x" * 201},
    ],
    ids=[
        "no-sku",
        "no-marketplace",
        "no-name",
        "empty-sku",
        "sku-int",
        "blank-name",
        "unknown-marketplace",
        "marketplace-int",
        "sku-too-long",
    ],
)
def test_create_bad_input_is_400(api, seller, overrides):
    before = snapshot()
    body = {k: v for k, v in create_body(**overrides).items() if v is not None}
    assert_envelope(api.post(ITEMS, body), 400, "InvalidInput")
    assert snapshot() == before


def test_duplicate_create_is_400_and_changes_nothing(api, item):
    before = snapshot()
    body = assert_envelope(api.post(ITEMS, create_body()), 400, "InvalidInput")
    assert "already exists" in body["errors"][0]["details"]
    assert snapshot() == before


def test_another_sellers_sku_does_not_block_create(other_api, item, other_seller):
    assert other_api.post(ITEMS, create_body()).status_code == 200
    assert InventoryItem.objects.filter(seller=other_seller, seller_sku=SKU).exists()


@pytest.mark.parametrize(
    "line",
    [
        {"sellerSku": SKU, "marketplaceId": US, "quantity": 0},
        {"sellerSku": SKU, "marketplaceId": US, "quantity": -3},
        {"sellerSku": SKU, "marketplaceId": US, "quantity": 1.5},
        {"sellerSku": SKU, "marketplaceId": US, "quantity": "5"},
        {"sellerSku": SKU, "marketplaceId": US, "quantity": True},
        {"sellerSku": SKU, "marketplaceId": US},
        {"sellerSku": SKU, "quantity": 1},
        {"marketplaceId": US, "quantity": 1},
        {"sellerSku": SKU, "marketplaceId": "NOTAMARKETPLACE", "quantity": 1},
        {"sellerSku": "UNKNOWN-SKU", "marketplaceId": US, "quantity": 1},
        {"sellerSku": SKU, "marketplaceId": CA, "quantity": 1},
        "not-an-object",
    ],
    ids=[
        "zero",
        "negative",
        "float",
        "string",
        "bool",
        "no-quantity",
        "no-marketplace",
        "no-sku",
        "unknown-marketplace",
        "unknown-sku",
        "other-marketplace",
        "not-object",
    ],
)
def test_add_bad_line_is_400_and_all_or_nothing(api, seller, item, line):
    good = factories.InventoryItemFactory(seller=seller, marketplace_id=US)
    before = snapshot()
    body = add_body(
        {"sellerSku": good.seller_sku, "marketplaceId": US, "quantity": 2}, line
    )
    assert_envelope(add(api, body), 400, "InvalidInput")
    assert snapshot() == before


@pytest.mark.parametrize(
    "body",
    [{}, {"inventoryItems": []}, {"inventoryItems": {"sellerSku": SKU}}],
    ids=["missing", "empty", "not-list"],
)
def test_add_without_items_is_400(api, item, body):
    before = snapshot()
    assert_envelope(add(api, body), 400, "InvalidInput")
    assert snapshot() == before


def test_add_duplicate_line_is_400(api, item):
    before = snapshot()
    line = {"sellerSku": SKU, "marketplaceId": US, "quantity": 1}
    assert_envelope(add(api, add_body(line, line)), 400, "InvalidInput")
    assert snapshot() == before


@pytest.mark.parametrize(
    "token", [None, "", "   ", "x" * 201], ids=["missing", "empty", "blank", "long"]
)
def test_add_without_a_valid_idempotency_token_is_400(api, item, token):
    before = snapshot()
    body = assert_envelope(add(api, token=token), 400, "InvalidInput")
    assert "x-amzn-idempotency-token" in body["errors"][0]["details"]
    assert snapshot() == before


def test_foreign_sellers_item_cannot_be_added_to_or_deleted(other_api, item):
    before = snapshot()
    assert_envelope(add(other_api), 400, "InvalidInput")
    assert_envelope(
        other_api.delete(item_url(), {"marketplaceId": US}), 404, "NotFound"
    )
    assert snapshot() == before


def test_delete_unknown_sku_is_404(api, item):
    before = snapshot()
    response = api.delete(item_url("NOPE"), {"marketplaceId": US})
    envelope = assert_envelope(response, 404, "NotFound")
    # The same 404 as every other unknown resource, not an invalid-input one.
    assert envelope["errors"][0]["message"] == "The resource specified does not exist."
    assert response["x-amzn-ErrorType"] == "ResourceNotFoundException"
    # Right SKU, wrong marketplace.
    assert_envelope(api.delete(item_url(), {"marketplaceId": CA}), 404, "NotFound")
    assert snapshot() == before


@pytest.mark.parametrize(
    "params", [{}, {"marketplaceId": "NOTAMARKETPLACE"}], ids=["missing", "unknown"]
)
def test_delete_needs_a_known_marketplace(api, item, params):
    before = snapshot()
    assert_envelope(api.delete(item_url(), params), 400, "InvalidInput")
    assert snapshot() == before


def test_skus_with_slashes_and_the_sku_named_inventory(api, seller):
    for sku in ("A/B-1", "inventory"):
        assert api.post(ITEMS, create_body(sellerSku=sku)).status_code == 200
        response = api.delete(item_url(sku.replace("/", "%2F")), {"marketplaceId": US})
        assert response.status_code == 200, response.content
        assert not InventoryItem.objects.filter(seller=seller, seller_sku=sku).exists()


def test_without_a_token_is_403(anonymous_api, item):
    before = snapshot()
    assert anonymous_api.post(ITEMS, create_body(sellerSku="NEW")).status_code == 403
    assert add(anonymous_api).status_code == 403
    assert anonymous_api.delete(item_url(), {"marketplaceId": US}).status_code == 403
    assert snapshot() == before


# --- usage plans -------------------------------------------------------------------


def test_create_allows_a_burst_of_2_then_429(api, seller, limits_on, no_refill):
    statuses = [
        api.post(ITEMS, create_body(sellerSku=f"S-{i}")).status_code for i in range(2)
    ]
    assert statuses == [200, 200]
    response = api.post(ITEMS, create_body(sellerSku="S-3"))
    assert_envelope(response, 429, "QuotaExceeded")
    assert InventoryItem.objects.filter(seller=seller).count() == 2


def test_add_allows_a_burst_of_2_then_429(api, item, limits_on, no_refill):
    assert [add(api, token=f"t-{i}").status_code for i in range(2)] == [200, 200]
    assert_envelope(add(api, token="t-3"), 429, "QuotaExceeded")
    item.refresh_from_db()
    assert item.fulfillable_quantity == 10


def test_delete_allows_a_burst_of_2_then_429(api, item, limits_on, no_refill):
    statuses = [
        api.delete(item_url(), {"marketplaceId": US}).status_code for _ in range(2)
    ]
    assert statuses == [200, 404]
    response = api.delete(item_url(), {"marketplaceId": US})
    assert_envelope(response, 429, "QuotaExceeded")
