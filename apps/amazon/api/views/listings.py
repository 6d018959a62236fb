"""Listings Items API 2021-08-01: get, put, patch and delete one listings item.

Bodies are not wrapped. Listings speaks UPPER_SNAKE error codes (BAD_REQUEST,
NOT_FOUND). The SKU is routed with a ``path`` converter so ``%2F`` works.
"""

from rest_framework.response import Response

from apps.amazon.api.base import SpApiView, query_list
from apps.amazon.api.errors import AccessDenied, InvalidInput, NotFound
from apps.amazon.api.payloads import known_marketplace, listing_item_payload
from apps.amazon.api.schema import sp_api_schema
from apps.amazon.selectors import listing_rows
from apps.amazon.services.listings import (
    PatchError,
    listing_delete,
    listing_patch,
    listing_put,
)

PATH = "/listings/2021-08-01/items/{sellerId}/{sku}"
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


class ListingsItemView(SpApiView):
    error_codes = {"InvalidInput": "BAD_REQUEST", "NotFound": "NOT_FOUND"}

    def get_operation(self, request) -> str:
        return OPERATIONS.get(request.method, "")

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
        return Response(listing_item_payload(sku, rows, included))

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
