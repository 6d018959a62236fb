"""FBA Inventory API v1: getInventorySummaries, the mock's /details extension, and
the sandbox item writes createInventoryItem, addInventory and deleteInventoryItem
(200 with ``{}``; their rules live in ``apps.amazon.services.inventory_items``).

The body is ``{"payload": {...}, "pagination": {"nextToken"}}`` with pagination as
a sibling of payload. Amazon says a nextToken expires 30 seconds after it is
created (``AMAZON_INVENTORY_NEXT_TOKEN_TTL``).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from apps.amazon.api import paging
from apps.amazon.api.base import (
    SpApiView,
    parse_datetime,
    query_bool,
    query_datetime,
    query_list,
)
from apps.amazon.api.errors import InvalidInput
from apps.amazon.api.payloads import inventory_summary, known_marketplace
from apps.amazon.api.schema import sp_api_schema
from apps.amazon.selectors import inventory_page
from apps.amazon.services.inventory_items import (
    add_inventory_parse,
    create_inventory_item_parse,
    inventory_add,
    inventory_item_create,
    inventory_item_delete,
    marketplace_parse,
)

MODEL = "fbaInventory.json"
INVENTORY_PAGE_SIZE = 50
MAX_LOOKBACK = timedelta(days=548)  # "not earlier than 18 months ago"


def _token_binding(query: dict) -> dict:
    """A nextToken serves the marketplace it was minted for."""
    return {"marketplace_id": query["marketplace_id"]}


class InventorySummariesView(SpApiView):
    operation = "getInventorySummaries"
    force_details = False

    def _query(self, request) -> dict:
        params = request.query_params
        granularity_type = params.get("granularityType", "")
        granularity_id = params.get("granularityId", "")
        marketplace_ids = query_list(request, "marketplaceIds")
        if not granularity_type:
            raise InvalidInput("Missing required parameter: granularityType.")
        if granularity_type != "Marketplace":
            raise InvalidInput(
                f"Invalid granularityType: {granularity_type}. Allowed: Marketplace."
            )
        if not granularity_id:
            raise InvalidInput("Missing required parameter: granularityId.")
        if not marketplace_ids:
            raise InvalidInput("Missing required parameter: marketplaceIds.")
        if len(marketplace_ids) > 1:
            raise InvalidInput("marketplaceIds accepts at most one value.")
        if not known_marketplace(marketplace_ids[0]):
            raise InvalidInput(f"Invalid marketplaceIds: {marketplace_ids[0]}.")
        if granularity_id != marketplace_ids[0]:
            raise InvalidInput("granularityId must be the requested marketplace id.")
        start = query_datetime(request, "startDateTime")
        now = timezone.now()
        if start is not None and (start < now - MAX_LOOKBACK or start > now):
            raise InvalidInput(
                "startDateTime must be within the last 18 months and not in the future."
            )
        skus = query_list(request, "sellerSkus")
        if len(skus) > 50:
            raise InvalidInput("sellerSkus accepts at most 50 values.")
        if not skus and params.get("sellerSku"):
            skus = [params["sellerSku"]]
        return {
            "marketplace_id": marketplace_ids[0],
            "skus": [] if start else skus,
            "start": start.isoformat() if start else None,
            "details": self.force_details or query_bool(request, "details"),
        }

    @sp_api_schema(MODEL, "/fba/inventory/v1/summaries", "get")
    def get(self, request):
        query = self._query(request)
        token = request.query_params.get("nextToken", "").strip()
        after = None
        if token:
            page = paging.decode(
                "inventory",
                token,
                seller=self.seller,
                query=_token_binding(query),
                max_age=settings.AMAZON_INVENTORY_NEXT_TOKEN_TTL,
                name="nextToken",
            )
            # The token's filters, but the details switch of this request.
            query = {**page.filters, "details": query["details"]}
            after = page.position
        rows, next_sku = inventory_page(
            seller=self.seller,
            marketplace_id=query["marketplace_id"],
            skus=query["skus"],
            changed_since=(
                parse_datetime(query["start"], "startDateTime")
                if query["start"]
                else None
            ),
            after_sku=after,
            limit=INVENTORY_PAGE_SIZE,
        )
        body: dict = {
            "payload": {
                "granularity": {
                    "granularityType": "Marketplace",
                    "granularityId": query["marketplace_id"],
                },
                "inventorySummaries": [
                    inventory_summary(r, details=query["details"]) for r in rows
                ],
            }
        }
        if next_sku is not None:
            body["pagination"] = {
                "nextToken": paging.encode(
                    "inventory",
                    seller=self.seller,
                    query=_token_binding(query),
                    filters=query,
                    position=next_sku,
                )
            }
        return Response(body)


class InventoryDetailsView(InventorySummariesView):
    """Mock extension: GET /fba/inventory/v1/details = summaries with details=true."""

    operation = "getInventoryDetails"
    force_details = True

    @sp_api_schema(
        MODEL,
        "/fba/inventory/v1/summaries",
        "get",
        operation_id="getInventoryDetails",
        summary="Mock extension: inventory summaries with the full breakdown",
        description=(
            "Not part of Amazon's API. Same parameters and response as "
            "getInventorySummaries, with details=true forced."
        ),
    )
    def get(self, request):
        return super().get(request)


# --- sandbox item writes ------------------------------------------------------------


def _item_write(apply) -> Response:
    """Run ``apply``; a refusal (``RequestRefused``, the kit's ApiError)
    changes nothing, and the SP-API renderer answers it as the envelope."""
    apply()
    return Response({})


class CreateInventoryItemView(SpApiView):
    operation = "createInventoryItem"

    @sp_api_schema(MODEL, "/fba/inventory/v1/items", "post")
    def post(self, request):
        def apply():
            parsed = create_inventory_item_parse(request.data)
            inventory_item_create(seller=self.seller, request=parsed)

        return _item_write(apply)


def _delete_item(view: SpApiView, request, seller_sku: str) -> Response:
    def apply():
        marketplace_id = marketplace_parse(request.query_params.get("marketplaceId"))
        inventory_item_delete(
            seller=view.seller, seller_sku=seller_sku, marketplace_id=marketplace_id
        )

    return _item_write(apply)


class InventoryItemView(SpApiView):
    operation = "deleteInventoryItem"

    @sp_api_schema(MODEL, "/fba/inventory/v1/items/{sellerSku}", "delete")
    def delete(self, request, sellerSku: str):
        return _delete_item(self, request, sellerSku)


class AddInventoryView(SpApiView):
    """POST is addInventory; DELETE is deleteInventoryItem for the SKU
    ``inventory``, whose path is the same."""

    OPERATIONS = {"POST": "addInventory", "DELETE": "deleteInventoryItem"}

    def get_operation(self, request) -> str:
        return self.OPERATIONS.get(request.method, "")

    @sp_api_schema(MODEL, "/fba/inventory/v1/items/inventory", "post")
    def post(self, request):
        def apply():
            parsed = add_inventory_parse(
                request.data, request.headers.get("x-amzn-idempotency-token")
            )
            inventory_add(seller=self.seller, request=parsed)

        return _item_write(apply)

    @extend_schema(exclude=True)  # documented on /items/{sellerSku}
    def delete(self, request):
        return _delete_item(self, request, "inventory")
