"""searchListingsItems: GET /listings/2021-08-01/items/{sellerId}."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import resolve
from drf_spectacular.validation import validate_schema

from apps.amazon import factories, ratelimit
from apps.amazon.api.views.listings import ListingsItemView, SearchListingsItemsView
from apps.amazon.models import AccessToken, Listing
from tests.amazon.conftest import assert_envelope
from tests.amazon.schemas import LISTINGS, assert_response_valid

SEARCH_PATH = "/listings/2021-08-01/items/{sellerId}"
ITEM_PATH = "/listings/2021-08-01/items/{sellerId}/{sku}"
US = "ATVPDKIKX0DER"
CA = "A2EUQ1WTGCTBG2"
SELLER = "A3EXAMPLE12345"
T0 = datetime(2025, 1, 1, tzinfo=UTC)
ALL = (
    "summaries,attributes,issues,offers,fulfillmentAvailability,"
    "productTypes,relationships,procurement"
)
ERROR = {
    "code": "90220",
    "message": "'size' is required but not supplied.",
    "severity": "ERROR",
    "attributeNames": ["size"],
    "categories": ["MISSING_ATTRIBUTE"],
}
WARNING = {
    "code": "18027",
    "message": "Image issue",
    "severity": "WARNING",
    "attributeNames": ["main_product_image_locator"],
    "categories": ["INVALID_IMAGE"],
}


def day(n: int) -> datetime:
    return T0 + timedelta(days=n)


def stamp(n: int) -> str:
    return day(n).strftime("%Y-%m-%dT%H:%M:%SZ")


def url(seller: str = SELLER) -> str:
    return f"/amazon/listings/2021-08-01/items/{seller}"


def child_of(parent: str, marketplace_id: str = US) -> dict:
    return {
        "child_parent_sku_relationship": [
            {
                "child_relationship_type": "variation",
                "parent_sku": parent,
                "marketplace_id": marketplace_id,
            }
        ]
    }


def product_id(kind: str, value: str) -> dict:
    return {
        "externally_assigned_product_identifier": [
            {"type": kind, "value": value, "marketplace_id": US}
        ]
    }


def make(seller, sku, created, updated, *, marketplace_id=US, **fields):
    fields.setdefault("attributes", {})
    fields["attributes"] = {
        "item_name": [{"value": sku, "language_tag": "en_US", "marketplace_id": US}],
        **fields["attributes"],
    }
    return factories.ListingFactory(
        seller=seller,
        sku=sku,
        marketplace_id=marketplace_id,
        created_date=day(created),
        last_updated_date=day(updated),
        **fields,
    )


BUYABLE = ["BUYABLE", "DISCOVERABLE"]
DISCOVERABLE = ["DISCOVERABLE"]
# US listings, newest update first (the default sort: lastUpdatedDate DESC).
BY_UPDATED_DESC = ["C-300", "E-500", "A-100", "B-200", "F-600", "D-400", "P-1"]
BY_CREATED_ASC = ["A-100", "B-200", "C-300", "D-400", "E-500", "P-1", "F-600"]
BY_SKU_ASC = ["A-100", "B-200", "C-300", "D-400", "E-500", "F-600", "P-1"]


@pytest.fixture
def catalog(seller, other_seller):
    make(
        seller,
        "A-100",
        1,
        20,
        status=BUYABLE,
        asin="B000000001",
        fnsku="X000000001",
        attributes=product_id("ean", "4006381333931"),
    )
    make(
        seller,
        "B-200",
        2,
        15,
        status=DISCOVERABLE,
        issues=[ERROR],
        asin="B000000002",
        attributes=product_id("upc", "012345678905"),
    )
    make(
        seller, "C-300", 3, 30, status=[], issues=[WARNING], attributes=child_of("P-1")
    )
    make(
        seller,
        "D-400",
        4,
        10,
        status=BUYABLE,
        issues=[WARNING, ERROR],
        attributes=child_of("P-1"),
    )
    make(seller, "E-500", 5, 25, status=DISCOVERABLE)
    make(seller, "P-1", 6, 5, status=DISCOVERABLE, price=0)
    make(seller, "F-600", 7, 12, status=BUYABLE)
    # Canada: F-600 is older and newer there; G-700 is listed in Canada only.
    make(seller, "F-600", 0, 40, marketplace_id=CA, status=DISCOVERABLE, currency="CAD")
    make(seller, "G-700", 8, 8, marketplace_id=CA, status=BUYABLE, currency="CAD")
    # Another seller's listings (one with a SKU this seller also has) never show.
    make(other_seller, "A-100", 1, 50, status=BUYABLE)
    make(other_seller, "Z-999", 1, 50, status=BUYABLE)


def search(api, seller=SELLER, **params):
    params.setdefault("marketplaceIds", US)
    return api.get(url(seller), params)


def skus(response) -> list[str]:
    assert response.status_code == 200, response.content[:500]
    return [item["sku"] for item in response.json()["items"]]


def snapshot():
    return sorted(
        Listing.all_objects.values_list(
            "seller_id", "sku", "marketplace_id", "last_updated_date", "status"
        )
    )


# --- success shape --------------------------------------------------------------------


def test_default_search_validates_against_the_model(api, catalog):
    response = search(api)

    assert response.status_code == 200
    assert_response_valid(LISTINGS, SEARCH_PATH, "get", response)
    body = response.json()
    assert body["numberOfResults"] == 7
    assert [i["sku"] for i in body["items"]] == BY_UPDATED_DESC
    assert "pagination" not in body  # one page: no token to offer
    assert all(set(item) == {"sku", "summaries"} for item in body["items"])
    assert response["x-amzn-RateLimit-Limit"] == "5.0"
    assert response.has_header("x-amzn-RequestId")


def test_item_is_the_same_shape_get_listings_item_returns(api, catalog):
    params = {"marketplaceIds": f"{US},{CA}", "includedData": ALL}
    found = search(api, identifiers="F-600", identifiersType="SKU", **params)
    assert_response_valid(LISTINGS, SEARCH_PATH, "get", found)
    item = api.get(f"{url()}/F-600", params)
    assert_response_valid(LISTINGS, ITEM_PATH, "get", item)

    assert found.json()["items"] == [item.json()]
    assert [s["marketplaceId"] for s in item.json()["summaries"]] == [US, CA]


def test_issues_carry_their_marketplace(api, catalog):
    body = search(
        api, identifiers="D-400", identifiersType="SKU", includedData="issues"
    ).json()

    assert [i["severity"] for i in body["items"][0]["issues"]] == ["WARNING", "ERROR"]
    assert {tuple(i["marketplaceIds"]) for i in body["items"][0]["issues"]} == {(US,)}


def test_issue_locale_is_accepted_and_messages_fall_back_to_en_us(api, catalog):
    response = search(
        api,
        identifiers="B-200",
        identifiersType="SKU",
        includedData="issues",
        issueLocale="fr_FR",
    )

    assert response.json()["items"][0]["issues"][0]["message"] == ERROR["message"]


def test_no_match_is_200_with_zero_results(api, catalog):
    response = search(api, identifiers="NOPE", identifiersType="SKU")

    assert_response_valid(LISTINGS, SEARCH_PATH, "get", response)
    assert response.json() == {"numberOfResults": 0, "items": []}


# --- pagination -------------------------------------------------------------------------


def walk(api, **params) -> list[dict]:
    pages = [search(api, **params).json()]
    while "nextToken" in pages[-1].get("pagination", {}):
        token = pages[-1]["pagination"]["nextToken"]
        response = search(api, **{**params, "pageToken": token})
        assert_response_valid(LISTINGS, SEARCH_PATH, "get", response)
        pages.append(response.json())
        assert len(pages) < 20, "paging does not end"
    return pages


def test_paging_walks_to_the_end_without_duplicates_or_gaps(api, catalog):
    pages = walk(api, pageSize=3)

    assert [len(p["items"]) for p in pages] == [3, 3, 1]
    assert [i["sku"] for p in pages for i in p["items"]] == BY_UPDATED_DESC
    assert {p["numberOfResults"] for p in pages} == {7}
    assert "previousToken" not in pages[0]["pagination"]
    assert "nextToken" not in pages[-1]["pagination"]
    assert "previousToken" in pages[-1]["pagination"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ({"sortBy": "sku", "sortOrder": "ASC"}, BY_SKU_ASC),
        ({"sortBy": "createdDate", "sortOrder": "DESC"}, BY_CREATED_ASC[::-1]),
    ],
)
def test_paging_keeps_the_sort(api, catalog, sort, expected):
    pages = walk(api, pageSize=2, **sort)

    assert [i["sku"] for p in pages for i in p["items"]] == expected


def test_previous_tokens_walk_back_page_by_page(api, catalog):
    last = walk(api, pageSize=3)[-1]

    middle = search(api, pageSize=3, pageToken=last["pagination"]["previousToken"])
    first = search(
        api, pageSize=3, pageToken=middle.json()["pagination"]["previousToken"]
    )

    assert skus(middle) == BY_UPDATED_DESC[3:6]
    assert set(middle.json()["pagination"]) == {"nextToken", "previousToken"}
    assert skus(first) == BY_UPDATED_DESC[:3]
    assert "previousToken" not in first.json()["pagination"]
    assert first.json()["pagination"]["nextToken"]


def test_page_token_keeps_the_filters_of_the_first_page(api, catalog):
    first = search(api, withStatus="BUYABLE", pageSize=2)
    assert skus(first) == ["A-100", "F-600"]

    # The follow-up call omits withStatus: the token still carries it.
    second = search(api, pageSize=2, pageToken=first.json()["pagination"]["nextToken"])

    assert skus(second) == ["D-400"]
    assert second.json()["numberOfResults"] == 3


def test_a_listing_added_while_paging_causes_no_duplicate(api, catalog, seller):
    first = search(api, pageSize=3).json()
    make(seller, "NEW-1", 9, 99)  # sorts before everything already seen

    rest = walk(api, pageSize=3, pageToken=first["pagination"]["nextToken"])

    seen = [i["sku"] for i in first["items"]] + [
        i["sku"] for p in rest for i in p["items"]
    ]
    assert seen == BY_UPDATED_DESC
    assert rest[0]["numberOfResults"] == 8


def test_only_the_first_1000_results_can_be_paged_through(api, catalog, monkeypatch):
    monkeypatch.setattr("apps.amazon.selectors.LISTINGS_SEARCH_MAX", 5)

    pages = walk(api, pageSize=2)

    assert [i["sku"] for p in pages for i in p["items"]] == BY_UPDATED_DESC[:5]
    assert {p["numberOfResults"] for p in pages} == {7}  # the count is not capped


# --- filters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"identifiers": "A-100,E-500,NOPE", "identifiersType": "SKU"},
            {"A-100", "E-500"},
        ),
        ({"identifiers": "b000000002", "identifiersType": "ASIN"}, {"B-200"}),
        ({"identifiers": "X000000001", "identifiersType": "FNSKU"}, {"A-100"}),
        ({"identifiers": "4006381333931", "identifiersType": "EAN"}, {"A-100"}),
        ({"identifiers": "012345678905", "identifiersType": "UPC"}, {"B-200"}),
        ({"identifiers": "012345678905", "identifiersType": "EAN"}, set()),
        ({"identifiers": "4006381333931", "identifiersType": "GTIN"}, set()),
        ({"variationParentSku": "P-1"}, {"C-300", "D-400"}),
        ({"variationParentSku": "A-100"}, set()),
        ({"packageHierarchySku": "A-100"}, set()),
        ({"createdAfter": stamp(5)}, {"E-500", "P-1", "F-600"}),
        ({"createdBefore": stamp(2)}, {"A-100", "B-200"}),
        (
            {"createdAfter": stamp(2), "createdBefore": stamp(4)},
            {"B-200", "C-300", "D-400"},
        ),
        ({"lastUpdatedAfter": stamp(20)}, {"A-100", "E-500", "C-300"}),
        ({"lastUpdatedBefore": stamp(10)}, {"D-400", "P-1"}),
        (
            {"lastUpdatedAfter": "2025-01-13", "lastUpdatedBefore": "2025-01-16"},
            {"B-200", "F-600"},
        ),
        ({"withStatus": "BUYABLE"}, {"A-100", "D-400", "F-600"}),
        ({"withStatus": "BUYABLE,DISCOVERABLE"}, set(BY_SKU_ASC) - {"C-300"}),
        ({"withoutStatus": "BUYABLE"}, {"B-200", "C-300", "E-500", "P-1"}),
        ({"withoutStatus": "BUYABLE,DISCOVERABLE"}, {"C-300"}),
        ({"withIssueSeverity": "ERROR"}, {"B-200", "D-400"}),
        ({"withIssueSeverity": "WARNING"}, {"C-300", "D-400"}),
        ({"withIssueSeverity": "WARNING,ERROR"}, {"B-200", "C-300", "D-400"}),
    ],
)
def test_each_filter(api, catalog, params, expected):
    response = search(api, pageSize=20, **params)

    assert_response_valid(LISTINGS, SEARCH_PATH, "get", response)
    assert set(skus(response)) == expected
    assert response.json()["numberOfResults"] == len(expected)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"withStatus": "BUYABLE", "lastUpdatedAfter": stamp(11)}, ["A-100", "F-600"]),
        ({"withIssueSeverity": "ERROR", "variationParentSku": "P-1"}, ["D-400"]),
        (
            {
                "withoutStatus": "BUYABLE",
                "createdAfter": stamp(2),
                "createdBefore": stamp(5),
                "withIssueSeverity": "WARNING",
            },
            ["C-300"],
        ),
        (
            {
                "identifiers": "A-100,B-200,D-400",
                "identifiersType": "SKU",
                "withStatus": "BUYABLE",
                "sortBy": "sku",
                "sortOrder": "DESC",
            },
            ["D-400", "A-100"],
        ),
    ],
)
def test_filters_combine(api, catalog, params, expected):
    params = {"sortBy": "sku", "sortOrder": "ASC", **params}

    assert skus(search(api, **params)) == expected


def test_repeated_keys_work_like_csv(api, catalog):
    response = api.get(
        url(),
        {
            "marketplaceIds": US,
            "identifiersType": "SKU",
            "identifiers": ["A-100", "B-200,C-300"],
            "sortBy": "sku",
            "sortOrder": "ASC",
        },
    )

    assert skus(response) == ["A-100", "B-200", "C-300"]


def test_marketplaces_select_the_rows_and_the_item_dates(api, catalog, seller):
    canada = search(api, marketplaceIds=CA, sortBy="sku", sortOrder="ASC")
    assert skus(canada) == ["F-600", "G-700"]
    # A-100 in Canada too, created there later: the item's date stays day 1.
    make(seller, "A-100", 9, 3, marketplace_id=CA, currency="CAD")

    both = search(
        api,
        marketplaceIds=f"{US},{CA}",
        sortBy="createdDate",
        sortOrder="ASC",
        pageSize=20,
    )
    # F-600 was created first in Canada (day 0) and lists both marketplaces.
    assert skus(both)[:2] == ["F-600", "A-100"]
    assert len(skus(both)) == 8
    f600 = both.json()["items"][0]
    assert [s["marketplaceId"] for s in f600["summaries"]] == [US, CA]
    # ...and its last update is the latest of its marketplaces (day 20, not 3).
    recent = search(api, marketplaceIds=f"{US},{CA}", lastUpdatedAfter=stamp(20))
    assert skus(recent) == ["F-600", "C-300", "E-500", "A-100"]


def test_created_filter_uses_the_item_first_creation(api, catalog):
    both = search(api, marketplaceIds=f"{US},{CA}", createdBefore=stamp(0))

    assert skus(both) == ["F-600"]


# --- sorting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, BY_UPDATED_DESC),
        ({"sortOrder": "ASC"}, BY_UPDATED_DESC[::-1]),
        ({"sortBy": "lastUpdatedDate"}, BY_UPDATED_DESC),
        ({"sortBy": "sku"}, BY_SKU_ASC[::-1]),
        ({"sortBy": "sku", "sortOrder": "ASC"}, BY_SKU_ASC),
        ({"sortBy": "createdDate", "sortOrder": "ASC"}, BY_CREATED_ASC),
        ({"sortBy": "createdDate"}, BY_CREATED_ASC[::-1]),
    ],
)
def test_sort_by_and_sort_order(api, catalog, params, expected):
    assert skus(search(api, **params)) == expected


def test_equal_sort_values_break_ties_by_sku(api, seller):
    for sku in ("T-2", "T-3", "T-1"):
        make(seller, sku, 1, 1)

    assert skus(search(api, sortOrder="ASC")) == ["T-1", "T-2", "T-3"]
    assert skus(search(api, sortOrder="DESC")) == ["T-3", "T-2", "T-1"]


# --- variation relationships ---------------------------------------------------------


def test_children_name_their_parent_and_the_parent_its_children(api, catalog):
    children = search(api, variationParentSku="P-1", includedData="relationships")
    parent = search(
        api, identifiers="P-1", identifiersType="SKU", includedData="relationships"
    )
    assert_response_valid(LISTINGS, SEARCH_PATH, "get", children)
    assert_response_valid(LISTINGS, SEARCH_PATH, "get", parent)

    assert {i["sku"]: i["relationships"] for i in children.json()["items"]} == {
        sku: [
            {
                "marketplaceId": US,
                "relationships": [{"type": "VARIATION", "parentSkus": ["P-1"]}],
            }
        ]
        for sku in ("C-300", "D-400")
    }
    assert parent.json()["items"][0]["relationships"] == [
        {
            "marketplaceId": US,
            "relationships": [{"type": "VARIATION", "childSkus": ["C-300", "D-400"]}],
        }
    ]


def test_get_listings_item_reports_the_same_children(api, catalog):
    response = api.get(
        f"{url()}/P-1", {"marketplaceIds": US, "includedData": "relationships"}
    )

    assert_response_valid(LISTINGS, ITEM_PATH, "get", response)
    assert response.json()["relationships"][0]["relationships"] == [
        {"type": "VARIATION", "childSkus": ["C-300", "D-400"]}
    ]


def test_variation_parent_in_another_marketplace_does_not_count(api, seller):
    make(seller, "KID-1", 1, 1, attributes=child_of("P-9", marketplace_id=CA))

    assert skus(search(api, variationParentSku="P-9")) == []


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"marketplaceIds": ""},
        {"marketplaceIds": "NOT-A-MARKETPLACE"},
        {"pageSize": "0"},
        {"pageSize": "21"},
        {"pageSize": "-1"},
        {"pageSize": "ten"},
        {"pageSize": "2.5"},
        {"createdAfter": "yesterday"},
        {"createdBefore": "2025-13-01T00:00:00Z"},
        {"lastUpdatedAfter": "2025-01-01T25:00:00Z"},
        {"lastUpdatedBefore": "01/02/2025"},
        {"createdAfter": stamp(5), "createdBefore": stamp(4)},
        {"lastUpdatedAfter": stamp(5), "lastUpdatedBefore": stamp(4)},
        {"includedData": "summaries,everything"},
        {"identifiers": "A-100", "identifiersType": "SSN"},
        {"identifiers": "A-100", "identifiersType": "sku"},
        {"sortBy": "price"},
        {"sortBy": "SKU"},
        {"sortOrder": "up"},
        {"sortOrder": "asc"},
        {"withStatus": "ACTIVE"},
        {"withoutStatus": "BUYABLE,INACTIVE"},
        {"withIssueSeverity": "INFO"},
        {"identifiers": "A-100"},
        {"identifiersType": "SKU"},
        {
            "identifiers": ",".join(f"S-{n}" for n in range(21)),
            "identifiersType": "SKU",
        },
        {"identifiers": "A-100", "identifiersType": "SKU", "variationParentSku": "P-1"},
        {"identifiers": "A-100", "identifiersType": "SKU", "packageHierarchySku": "P"},
        {"variationParentSku": "P-1", "packageHierarchySku": "P-1"},
    ],
)
def test_bad_input_is_400_and_changes_nothing(api, catalog, params):
    before = snapshot()

    response = search(api, **params)

    body = assert_envelope(response, 400, "BAD_REQUEST")
    assert body["errors"][0]["details"]
    assert response["x-amzn-RateLimit-Limit"] == "5.0"
    assert snapshot() == before


def test_missing_marketplace_ids_is_400(api, catalog):
    body = assert_envelope(api.get(url()), 400, "BAD_REQUEST")

    assert "marketplaceIds" in body["errors"][0]["details"]


def test_twenty_identifiers_are_allowed(api, catalog):
    identifiers = ",".join(["A-100"] + [f"S-{n}" for n in range(19)])

    response = search(api, identifiers=identifiers, identifiersType="SKU")

    assert skus(response) == ["A-100"]


def test_bad_date_names_the_field(api, catalog):
    body = assert_envelope(search(api, lastUpdatedAfter="soon"), 400, "BAD_REQUEST")

    assert (
        body["errors"][0]["details"] == "Invalid date-time field(s) [lastUpdatedAfter]."
    )


def test_bad_input_is_refused_even_with_a_page_token(api, catalog):
    token = search(api, pageSize=2).json()["pagination"]["nextToken"]

    response = search(api, pageToken=token, pageSize=2, sortOrder="sideways")

    assert_envelope(response, 400, "BAD_REQUEST")


# --- page tokens --------------------------------------------------------------------


@pytest.fixture
def next_token(api, catalog) -> str:
    return search(api, pageSize=2).json()["pagination"]["nextToken"]


def test_tampered_page_token_is_400(api, next_token):
    middle = len(next_token) // 2
    flipped = "A" if next_token[middle] != "A" else "B"
    tampered = next_token[:middle] + flipped + next_token[middle + 1 :]

    body = assert_envelope(search(api, pageToken=tampered), 400, "BAD_REQUEST")
    assert body["errors"][0]["details"] == "Invalid pageToken."


def test_garbage_page_token_is_400(api, catalog):
    assert_envelope(search(api, pageToken="not-a-token"), 400, "BAD_REQUEST")


def test_another_sellers_page_token_is_400(other_api, next_token):
    response = search(other_api, seller="A1OTHERSELLER9", pageToken=next_token)

    assert_envelope(response, 400, "BAD_REQUEST")


def test_page_token_for_other_marketplaces_is_400(api, next_token):
    response = search(api, marketplaceIds=CA, pageToken=next_token)

    assert_envelope(response, 400, "BAD_REQUEST")


def test_page_token_keeps_the_page_size_unless_the_request_names_one(api, next_token):
    assert skus(search(api, pageToken=next_token)) == BY_UPDATED_DESC[2:4]
    assert skus(search(api, pageSize=5, pageToken=next_token)) == BY_UPDATED_DESC[2:]


# --- who may search -------------------------------------------------------------------


def test_foreign_seller_id_is_403(api, catalog, other_seller):
    response = search(api, seller=other_seller.selling_partner_id)

    body = assert_envelope(response, 403, "Unauthorized")
    assert "sellerId" in body["errors"][0]["details"]


def test_other_seller_sees_only_its_own_listings(other_api, catalog):
    response = search(other_api, seller="A1OTHERSELLER9", sortBy="sku", sortOrder="ASC")

    assert skus(response) == ["A-100", "Z-999"]
    assert response.json()["items"][0]["summaries"][0]["lastUpdatedDate"] == (stamp(50))


def test_expired_access_token_is_403(api, catalog):
    AccessToken.objects.update(expires_at=datetime.now(UTC) - timedelta(seconds=1))

    body = assert_envelope(search(api), 403, "Unauthorized")
    assert "expired" in body["errors"][0]["details"]


def test_missing_access_token_is_403(anonymous_api, catalog):
    assert_envelope(search(anonymous_api), 403, "Unauthorized")


def test_usage_plan_is_rate_5_burst_5(api, catalog, settings, no_refill):
    assert ratelimit.USAGE_PLANS["searchListingsItems"] == ratelimit.UsagePlan(5, 5)
    settings.AMAZON_RATE_LIMITS_ENABLED = True
    settings.AMAZON_RATE_LIMIT_SCALE = 0.2  # burst 5 → 1, rate 5/s → 1/s

    statuses = [search(api).status_code for _ in range(2)]

    assert statuses == [200, 429]


# --- routing and schema ----------------------------------------------------------------


def test_seller_path_routes_to_search_and_sku_path_to_the_item():
    search_match = resolve(url())
    item_match = resolve(f"{url()}/PK/2-AB12")

    assert search_match.func.view_class is SearchListingsItemsView
    assert search_match.kwargs == {"sellerId": SELLER}
    assert item_match.func.view_class is ListingsItemView
    assert item_match.kwargs == {"sellerId": SELLER, "sku": "PK/2-AB12"}


def test_only_get_is_allowed(api, catalog):
    response = api.post(url(), {}, {"marketplaceIds": US})

    assert_envelope(response, 405, "MethodNotAllowed")


def test_mock_schema_documents_search_and_validates(client, db):
    response = client.get("/amazon/_mock/schema", {"format": "json"})
    schema = json.loads(response.content)

    validate_schema(schema)
    operation = schema["paths"][SEARCH_PATH]["get"]
    assert operation["operationId"] == "searchListingsItems"
    assert {p["name"] for p in operation["parameters"]} >= {
        "sellerId",
        "marketplaceIds",
        "identifiers",
        "identifiersType",
        "pageSize",
        "pageToken",
        "sortBy",
        "sortOrder",
        "withStatus",
        "withoutStatus",
        "withIssueSeverity",
        "variationParentSku",
        "packageHierarchySku",
    }
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert ref["$ref"] == "#/components/schemas/ListingsItemSearchResults"
