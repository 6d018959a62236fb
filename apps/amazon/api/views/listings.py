"""Listings Items API 2021-08-01: get, put, patch and delete one listings item,
and searchListingsItems over the seller's listings.

Bodies are not wrapped. Listings speaks UPPER_SNAKE error codes (BAD_REQUEST,
NOT_FOUND). The SKU is routed with a ``path`` converter so ``%2F`` works.
"""

from dataclasses import asdict

from rest_framework.response import Response

from apps.amazon.api import paging
from apps.amazon.api.base import (
    SpApiView,
    query_datetime,
    query_int,
    query_list,
)
from apps.amazon.api.errors import AccessDenied, InvalidInput, NotFound
from apps.amazon.api.payloads import known_marketplace, listing_item_payload
from apps.amazon.api.schema import sp_api_schema
from apps.amazon.selectors import (
    ListingsSearch,
    listing_rows,
    listing_search_page,
    variation_children,
)
from apps.amazon.services.listings import (
    PatchError,
    listing_delete,
    listing_patch,
    listing_put,
)

PATH = "/listings/2021-08-01/items/{sellerId}/{sku}"
SEARCH_PATH = "/listings/2021-08-01/items/{sellerId}"
MODEL = "listingsItems_2021-08-01.json"
GET_INCLUDED = {
    "summaries",
    "attributes",
    "issues",
    "offers",
    "fulfillmentAvailability",
    "procurement",
    "relationships",
    "productTypes",
}
WRITE_INCLUDED = {"identifiers", "issues"}
REQUIREMENTS = {"LISTING", "LISTING_PRODUCT_ONLY", "LISTING_OFFER_ONLY"}
OPERATIONS = {
    "GET": "getListingsItem",
    "PUT": "putListingsItem",
    "PATCH": "patchListingsItem",
    "DELETE": "deleteListingsItem",
}


class ListingsView(SpApiView):
    """What every Listings Items operation shares: error codes, the sellerId
    check and the marketplaceIds / includedData parameters."""

    error_codes = {"InvalidInput": "BAD_REQUEST", "NotFound": "NOT_FOUND"}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if kwargs.get("sellerId") != self.seller.selling_partner_id:
            raise AccessDenied(
                "The access token does not grant access to this sellerId."
            )

    def _marketplaces(self, *, single: bool) -> list[str]:
        ids = query_list(self.request, "marketplaceIds")
        if not ids:
            raise InvalidInput("Missing required parameter: marketplaceIds.")
        if single and len(ids) > 1:
            raise InvalidInput("marketplaceIds accepts exactly one value.")
        unknown = [m for m in ids if not known_marketplace(m)]
        if unknown:
            raise InvalidInput(f"Invalid marketplaceIds: {', '.join(unknown)}.")
        return ids

    def _included(self, allowed: set[str], default: list[str]) -> list[str]:
        included = query_list(self.request, "includedData") or default
        bad = [v for v in included if v not in allowed]
        if bad:
            raise InvalidInput(f"Invalid includedData: {', '.join(bad)}.")
        return included

    def _children(self, rows, included: list[str], marketplace_ids: list[str]):
        if "relationships" not in included:
            return None
        return variation_children(
            seller=self.seller,
            parent_skus=sorted({r.sku for r in rows}),
            marketplace_ids=marketplace_ids,
        )


class ListingsItemView(ListingsView):
    def get_operation(self, request) -> str:
        return OPERATIONS.get(request.method, "")

    def _preview(self) -> bool:
        mode = self.request.query_params.get("mode", "")
        if mode and mode != "VALIDATION_PREVIEW":
            raise InvalidInput(f"Invalid mode: {mode}.")
        return mode == "VALIDATION_PREVIEW"

    def _body(self) -> dict:
        data = self.request.data
        if not isinstance(data, dict):
            raise InvalidInput("The request body must be a JSON object.")
        product_type = data.get("productType")
        if not isinstance(product_type, str) or not product_type:
            raise InvalidInput("Missing required field: productType.")
        return data

    @sp_api_schema(MODEL, PATH, "get")
    def get(self, request, sellerId: str, sku: str):
        marketplace_ids = self._marketplaces(single=False)
        included = self._included(GET_INCLUDED, ["summaries"])
        rows = listing_rows(
            seller=self.seller, sku=sku, marketplace_ids=marketplace_ids
        )
        if not rows:
            raise NotFound(
                f"Requested item, {sku}, not found in marketplace(s) "
                f"[{', '.join(marketplace_ids)}].",
                message="Requested item not found.",
            )
        children = self._children(rows, included, marketplace_ids)
        return Response(listing_item_payload(sku, rows, included, children))

    @sp_api_schema(MODEL, PATH, "put")
    def put(self, request, sellerId: str, sku: str):
        (marketplace_id,) = self._marketplaces(single=True)
        included = self._included(WRITE_INCLUDED, ["issues"])
        preview = self._preview()
        data = self._body()
        attributes = data.get("attributes")
        if not isinstance(attributes, dict):
            raise InvalidInput("Missing required field: attributes (an object).")
        requirements = data.get("requirements") or "LISTING"
        if requirements not in REQUIREMENTS:
            raise InvalidInput(f"Invalid requirements: {requirements}.")
        submission = listing_put(
            seller=self.seller,
            sku=sku,
            marketplace_id=marketplace_id,
            product_type=data["productType"],
            attributes=attributes,
            requirements=requirements,
            preview=preview,
        )
        return Response(submission.body(included))

    @sp_api_schema(MODEL, PATH, "patch")
    def patch(self, request, sellerId: str, sku: str):
        marketplace_ids = self._marketplaces(single=False)
        included = self._included(WRITE_INCLUDED, ["issues"])
        preview = self._preview()
        data = self._body()
        patches = data.get("patches")
        if not isinstance(patches, list) or not patches:
            raise InvalidInput("patches must be a non-empty array.")
        try:
            submission = listing_patch(
                seller=self.seller,
                sku=sku,
                marketplace_ids=marketplace_ids,
                product_type=data["productType"],
                patches=patches,
                preview=preview,
            )
        except PatchError as exc:
            raise InvalidInput(str(exc)) from exc
        return Response(submission.body(included))

    @sp_api_schema(MODEL, PATH, "delete")
    def delete(self, request, sellerId: str, sku: str):
        (marketplace_id,) = self._marketplaces(single=True)
        submission = listing_delete(
            seller=self.seller, sku=sku, marketplace_id=marketplace_id
        )
        return Response(submission.body(["issues"]))


# --- searchListingsItems ------------------------------------------------------------

IDENTIFIERS_TYPES = {
    "ASIN",
    "EAN",
    "FNSKU",
    "GTIN",
    "ISBN",
    "JAN",
    "MINSAN",
    "SKU",
    "UPC",
}
ISSUE_SEVERITIES = {"WARNING", "ERROR"}
LISTING_STATUSES = {"BUYABLE", "DISCOVERABLE"}
SORT_BY = {"sku", "createdDate", "lastUpdatedDate"}
SORT_ORDERS = {"ASC", "DESC"}
MAX_IDENTIFIERS = 20
DEFAULT_PAGE_SIZE = 10
SEARCH_DATETIMES = {
    "created_after": "createdAfter",
    "created_before": "createdBefore",
    "last_updated_after": "lastUpdatedAfter",
    "last_updated_before": "lastUpdatedBefore",
}
DATE_RANGES = (
    ("created_after", "created_before"),
    ("last_updated_after", "last_updated_before"),
)


def _enum_list(request, name: str, allowed: set[str]) -> list[str]:
    values = query_list(request, name)
    bad = [v for v in values if v not in allowed]
    if bad:
        raise InvalidInput(f"Invalid {name}: {', '.join(bad)}.")
    return values


def _enum(request, name: str, allowed: set[str], default: str = "") -> str:
    value = request.query_params.get(name, "").strip()
    if value and value not in allowed:
        raise InvalidInput(f"Invalid {name}: {value}.")
    return value or default


def _search_from_request(request, marketplace_ids: list[str]) -> ListingsSearch:
    """The query, with the exclusion rules the model's descriptions state."""
    params = request.query_params
    query = ListingsSearch(
        marketplace_ids=marketplace_ids,
        identifiers=query_list(request, "identifiers"),
        identifiers_type=_enum(request, "identifiersType", IDENTIFIERS_TYPES),
        variation_parent_sku=params.get("variationParentSku", "").strip(),
        package_hierarchy_sku=params.get("packageHierarchySku", "").strip(),
        with_issue_severity=_enum_list(request, "withIssueSeverity", ISSUE_SEVERITIES),
        with_status=_enum_list(request, "withStatus", LISTING_STATUSES),
        without_status=_enum_list(request, "withoutStatus", LISTING_STATUSES),
        sort_by=_enum(request, "sortBy", SORT_BY, "lastUpdatedDate"),
        sort_order=_enum(request, "sortOrder", SORT_ORDERS, "DESC"),
        **{
            field: query_datetime(request, name)
            for field, name in SEARCH_DATETIMES.items()
        },
    )
    if query.identifiers and not query.identifiers_type:
        raise InvalidInput("identifiersType is required when identifiers is provided.")
    if query.identifiers_type and not query.identifiers:
        raise InvalidInput("identifiers is required when identifiersType is provided.")
    if len(query.identifiers) > MAX_IDENTIFIERS:
        raise InvalidInput(f"identifiers accepts at most {MAX_IDENTIFIERS} values.")
    exclusive = [
        name
        for name, value in (
            ("identifiers", query.identifiers),
            ("variationParentSku", query.variation_parent_sku),
            ("packageHierarchySku", query.package_hierarchy_sku),
        )
        if value
    ]
    if len(exclusive) > 1:
        raise InvalidInput(
            f"{' and '.join(exclusive)} cannot be used in the same request."
        )
    for after, before in DATE_RANGES:
        low, high = getattr(query, after), getattr(query, before)
        if low is not None and high is not None and high < low:
            raise InvalidInput(
                f"{SEARCH_DATETIMES[before]} must be equal to or after "
                f"{SEARCH_DATETIMES[after]}."
            )
    return query


def _token_binding(marketplace_ids: list[str]) -> dict:
    """A pageToken serves the marketplaces it was minted for, in any order."""
    return {"marketplace_ids": sorted(marketplace_ids)}


class SearchListingsItemsView(ListingsView):
    """A pageToken carries the signed search and a keyset position, so the
    filters and sort of the first page hold for every page it leads to."""

    operation = "searchListingsItems"

    def _page_token(self, query: ListingsSearch, size: int, key, direction: str) -> str:
        return paging.encode(
            "listings-search",
            seller=self.seller,
            query=_token_binding(query.marketplace_ids),
            filters=asdict(query),
            position={"size": size, "key": key, "dir": direction},
        )

    def _resume(self, token: str, marketplace_ids: list[str]):
        """(search, page size, cursor, backwards) from a pageToken of this
        seller's search in the same marketplaces; anything else is refused."""
        page = paging.decode(
            "listings-search",
            token,
            seller=self.seller,
            query=_token_binding(marketplace_ids),
            name="pageToken",
        )
        position = page.position
        cursor = tuple(position["key"])
        backwards = position["dir"] == "previous"
        return ListingsSearch(**page.filters), position["size"], cursor, backwards

    @sp_api_schema(MODEL, SEARCH_PATH, "get")
    def get(self, request, sellerId: str):
        marketplace_ids = self._marketplaces(single=False)
        included = self._included(GET_INCLUDED, ["summaries"])
        query = _search_from_request(request, marketplace_ids)
        size = query_int(request, "pageSize", default=0, low=1, high=20)
        token = request.query_params.get("pageToken", "").strip()
        cursor, backwards = None, False
        if token:
            # Parameters are still validated above; the token's search wins,
            # and its page size unless the request names one.
            query, token_size, cursor, backwards = self._resume(token, marketplace_ids)
            size = size or token_size
        size = size or DEFAULT_PAGE_SIZE
        page = listing_search_page(
            seller=self.seller,
            query=query,
            size=size,
            cursor=cursor,
            backwards=backwards,
        )
        rows = [row for skus_rows in page.rows.values() for row in skus_rows]
        children = self._children(rows, included, query.marketplace_ids)
        body: dict = {"numberOfResults": page.total}
        pagination = {}
        if page.next_key is not None:
            pagination["nextToken"] = self._page_token(
                query, size, page.next_key, "next"
            )
        if page.previous_key is not None:
            pagination["previousToken"] = self._page_token(
                query, size, page.previous_key, "previous"
            )
        if pagination:
            body["pagination"] = pagination
        body["items"] = [
            listing_item_payload(sku, sku_rows, included, children)
            for sku, sku_rows in page.rows.items()
        ]
        return Response(body)
