from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from apps.amazon import factories
from apps.amazon.api.views import inventory as inventory_views
from tests.amazon.conftest import assert_envelope
from tests.amazon.schemas import INVENTORY, assert_response_valid

URL = "/amazon/fba/inventory/v1/summaries"
DETAILS_URL = "/amazon/fba/inventory/v1/details"
US = "ATVPDKIKX0DER"
BASE = {"granularityType": "Marketplace", "granularityId": US, "marketplaceIds": US}


@pytest.fixture
def stock(seller):
    return [
        factories.InventoryItemFactory(
            seller=seller,
            seller_sku=f"FBA-{i:02d}",
            last_updated_time=timezone.now() - timedelta(days=i),
        )
        for i in range(7)
    ]


def skus(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [s["sellerSku"] for s in response.json()["payload"]["inventorySummaries"]]


def test_summaries_validate_and_have_no_details_by_default(api, stock):
    response = api.get(URL, BASE)
    assert_response_valid(INVENTORY, "/fba/inventory/v1/summaries", "get", response)
    body = response.json()
    assert body["payload"]["granularity"] == {
        "granularityType": "Marketplace",
        "granularityId": US,
    }
    assert all(
        "inventoryDetails" not in s for s in body["payload"]["inventorySummaries"]
    )
    assert "pagination" not in body
    assert response["x-amzn-RateLimit-Limit"] == "2.0"


def test_details_true_adds_a_consistent_breakdown(api, stock):
    response = api.get(URL, {**BASE, "details": "true"})
    assert_response_valid(INVENTORY, "/fba/inventory/v1/summaries", "get", response)
    summary = response.json()["payload"]["inventorySummaries"][0]
    details = summary["inventoryDetails"]
    item = stock[0]
    assert details["fulfillableQuantity"] == item.fulfillable_quantity
    reserved = details["reservedQuantity"]
    assert reserved["totalReservedQuantity"] == (
        reserved["pendingCustomerOrderQuantity"]
        + reserved["pendingTransshipmentQuantity"]
        + reserved["fcProcessingQuantity"]
    )
    researching = details["researchingQuantity"]
    assert researching["totalResearchingQuantity"] == sum(
        e["quantity"] for e in researching["researchingQuantityBreakdown"]
    )
    unfulfillable = details["unfulfillableQuantity"]
    assert unfulfillable["totalUnfulfillableQuantity"] == sum(
        v for k, v in unfulfillable.items() if k != "totalUnfulfillableQuantity"
    )
    assert summary["totalQuantity"] == (
        details["fulfillableQuantity"]
        + details["inboundWorkingQuantity"]
        + details["inboundShippedQuantity"]
        + details["inboundReceivingQuantity"]
        + reserved["totalReservedQuantity"]
        + researching["totalResearchingQuantity"]
        + unfulfillable["totalUnfulfillableQuantity"]
    )


def test_details_extension_equals_summaries_with_details(api, stock):
    extension = api.get(DETAILS_URL, BASE).json()
    standard = api.get(URL, {**BASE, "details": "true"}).json()
    assert extension == standard


def test_seller_skus_filter(api, stock):
    assert skus(api.get(URL, {**BASE, "sellerSkus": "FBA-01,FBA-03"})) == [
        "FBA-01",
        "FBA-03",
    ]


def test_seller_skus_wins_over_seller_sku(api, stock):
    assert skus(
        api.get(URL, {**BASE, "sellerSkus": "FBA-02", "sellerSku": "FBA-04"})
    ) == ["FBA-02"]
    assert skus(api.get(URL, {**BASE, "sellerSku": "FBA-04"})) == ["FBA-04"]


def test_start_date_time_returns_changed_items_and_ignores_skus(api, stock):
    since = (timezone.now() - timedelta(days=2, hours=12)).isoformat()
    result = skus(
        api.get(URL, {**BASE, "startDateTime": since, "sellerSkus": "FBA-06"})
    )
    assert result == ["FBA-00", "FBA-01", "FBA-02"]


def test_pagination_walks_all_skus_once(api, seller, monkeypatch):
    monkeypatch.setattr(inventory_views, "INVENTORY_PAGE_SIZE", 3)
    for i in range(10):
        factories.InventoryItemFactory(seller=seller, seller_sku=f"P-{i:02d}")
    seen, params = [], dict(BASE)
    while True:
        body = api.get(URL, params).json()
        seen.extend(s["sellerSku"] for s in body["payload"]["inventorySummaries"])
        token = body.get("pagination", {}).get("nextToken")
        if not token:
            break
        params = {**BASE, "nextToken": token}
    assert seen == [f"P-{i:02d}" for i in range(10)]


def test_expired_next_token_is_refused(api, seller, monkeypatch, settings):
    monkeypatch.setattr(inventory_views, "INVENTORY_PAGE_SIZE", 1)
    for i in range(2):
        factories.InventoryItemFactory(seller=seller, seller_sku=f"E-{i}")
    token = api.get(URL, BASE).json()["pagination"]["nextToken"]
    settings.AMAZON_INVENTORY_NEXT_TOKEN_TTL = -1
    body = assert_envelope(
        api.get(URL, {**BASE, "nextToken": token}), 400, "InvalidInput"
    )
    assert "expired" in body["errors"][0]["details"]


def first_token(client, seller) -> str:
    for i in range(2):
        factories.InventoryItemFactory(seller=seller, seller_sku=f"T-{i}")
    return client.get(URL, BASE).json()["pagination"]["nextToken"]


def test_expired_next_token_says_so_in_sp_api_words(api, seller, monkeypatch, settings):
    monkeypatch.setattr(inventory_views, "INVENTORY_PAGE_SIZE", 1)
    token = first_token(api, seller)
    settings.AMAZON_INVENTORY_NEXT_TOKEN_TTL = -1
    body = api.get(URL, {**BASE, "nextToken": token}).json()
    assert body["errors"][0]["message"] == "Invalid Input"
    assert body["errors"][0]["details"] == "The nextToken has expired."


def test_next_token_of_another_seller_is_refused(
    api, other_api, other_seller, monkeypatch
):
    monkeypatch.setattr(inventory_views, "INVENTORY_PAGE_SIZE", 1)
    token = first_token(other_api, other_seller)
    body = assert_envelope(
        api.get(URL, {**BASE, "nextToken": token}), 400, "InvalidInput"
    )
    assert body["errors"][0]["details"] == "Invalid nextToken."


def test_next_token_for_another_marketplace_is_refused(api, seller, monkeypatch):
    monkeypatch.setattr(inventory_views, "INVENTORY_PAGE_SIZE", 1)
    token = first_token(api, seller)
    canada = "A2EUQ1WTGCTBG2"
    params = {**BASE, "granularityId": canada, "marketplaceIds": canada}
    body = assert_envelope(
        api.get(URL, {**params, "nextToken": token}), 400, "InvalidInput"
    )
    assert body["errors"][0]["details"] == "Invalid nextToken."


def test_forged_next_token_is_refused(api, stock):
    forged = signing.dumps({"after": "A"}, salt="something.else")
    assert_envelope(api.get(URL, {**BASE, "nextToken": forged}), 400, "InvalidInput")


def test_other_sellers_inventory_is_invisible(api, other_seller, stock):
    factories.InventoryItemFactory(seller=other_seller, seller_sku="THEIRS")
    assert "THEIRS" not in skus(api.get(URL, BASE))


@pytest.mark.parametrize(
    "params",
    [
        {"granularityId": US, "marketplaceIds": US},
        {**BASE, "granularityType": "Country"},
        {"granularityType": "Marketplace", "marketplaceIds": US},
        {"granularityType": "Marketplace", "granularityId": US},
        {**BASE, "marketplaceIds": f"{US},A2EUQ1WTGCTBG2"},
        {**BASE, "granularityId": "A2EUQ1WTGCTBG2"},
        {**BASE, "startDateTime": "2001-01-01T00:00:00Z"},
        {**BASE, "startDateTime": "not-a-date"},
        {**BASE, "details": "maybe"},
    ],
)
def test_invalid_requests_are_400_invalid_input(api, params):
    assert_envelope(api.get(URL, params), 400, "InvalidInput")


def test_duplicated_marketplace_key_from_python_client_is_accepted(api, stock):
    params = {
        **BASE,
        "marketplaceIds": [US, US],
        "MarketplaceId": US,
        "marketplace_ids": US,
    }
    assert api.get(URL, params).status_code == 200
