"""FBA Inventory v1 sandbox item writes: createInventoryItem, addInventory and
deleteInventoryItem.

Amazon documents the three as sandbox-only operations on the "Sandbox
Inventory"; here they act on the same ``InventoryItem`` rows getInventorySummaries
reads. As in ``apps.amazon.services.shipments`` the request is checked in two
steps: ``*_parse`` checks the body's shape against the model
(``apps/amazon/spec/fbaInventory.json``: CreateInventoryItemRequest,
AddInventoryRequest) and ``inventory_item_create`` / ``inventory_add`` /
``inventory_item_delete`` enforce the rules that need the database, under row
locks, inside one transaction: either the whole call applies or nothing does.

Rules:

* a seller SKU exists once per seller and marketplace; the model has no 409, so
  creating one that exists is a 400 ``InvalidInput``;
* a new item has zero quantities everywhere;
* addInventory adds ``quantity`` (an integer of at least 1) to the fulfillable
  quantity of each listed item (and so to its totalQuantity); every item must
  exist, or nothing is added;
* ``x-amzn-idempotency-token`` is "a unique token/requestId provided with each
  call to ensure idempotency": it is stored per seller; the same token with the
  same items again changes nothing and answers 200, with other items it is a 400;
* deleteInventoryItem soft-deletes the item; an unknown one is 404.
"""

import hashlib
import json
import secrets
import string
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from apps.amazon.marketplaces import MARKETPLACES
from apps.amazon.models import InventoryAddRequest, InventoryItem, Seller
from apps.amazon.services.refusals import (
    RequestRefused,
    json_object,
    positive_int,
    text_field,
)

MAX_SKU = 200  # InventoryItem.seller_sku
MAX_PRODUCT_NAME = 500  # InventoryItem.product_name
MAX_TOKEN = 200  # InventoryAddRequest.idempotency_token
MAX_ITEMS = 50
MAX_QUANTITY = 1_000_000  # per line
MAX_STORED_QUANTITY = 2_147_483_647  # PositiveIntegerField
UPPER_DIGITS = string.ascii_uppercase + string.digits


class InventoryItemNotFound(RequestRefused):
    def __init__(self, details: str) -> None:
        super().__init__(details, status=404)


@dataclass(frozen=True)
class CreateInventoryItem:
    seller_sku: str
    marketplace_id: str
    product_name: str


@dataclass(frozen=True)
class InventoryLine:
    seller_sku: str
    marketplace_id: str
    quantity: int


@dataclass(frozen=True)
class AddInventory:
    idempotency_token: str
    lines: list[InventoryLine]

    @property
    def body_hash(self) -> str:
        canonical = json.dumps(
            [asdict(line) for line in self.lines], sort_keys=True, separators=(",", ":")
        )
        return hashlib.sha256(canonical.encode()).hexdigest()


# --- shape ------------------------------------------------------------------


def _text(data: dict, key: str, at: str, max_length: int) -> str:
    return text_field(data, key, at, required=True, max_length=max_length)


def marketplace_parse(value: Any, at: str = "") -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RequestRefused(f"Missing required field: {at}marketplaceId.")
    if not isinstance(value, str):
        raise RequestRefused(f"{at}marketplaceId must be a string.")
    value = value.strip()
    if value not in MARKETPLACES:
        raise RequestRefused(f"Invalid {at}marketplaceId: {value[:40]}.")
    return value


def create_inventory_item_parse(data: Any) -> CreateInventoryItem:
    """A CreateInventoryItemRequest body → CreateInventoryItem, or an error."""
    body = json_object(data, "The request body")
    seller_sku = _text(body, "sellerSku", "", MAX_SKU)
    marketplace_id = marketplace_parse(body.get("marketplaceId"))
    product_name = _text(body, "productName", "", MAX_PRODUCT_NAME)
    return CreateInventoryItem(seller_sku, marketplace_id, product_name)


def idempotency_token_parse(value: Any) -> str:
    token = (value or "").strip() if isinstance(value, str) else ""
    if not token:
        raise RequestRefused("Missing required header: x-amzn-idempotency-token.")
    if len(token) > MAX_TOKEN:
        raise RequestRefused(
            f"x-amzn-idempotency-token must be at most {MAX_TOKEN} characters."
        )
    return token


def add_inventory_parse(data: Any, idempotency_token: Any) -> AddInventory:
    """An AddInventoryRequest body and its idempotency token → AddInventory."""
    token = idempotency_token_parse(idempotency_token)
    body = json_object(data, "The request body")
    raw_items = body.get("inventoryItems")
    if raw_items is None:
        raise RequestRefused("Missing required field: inventoryItems.")
    if not isinstance(raw_items, list) or not raw_items:
        raise RequestRefused("inventoryItems must be a non-empty list.")
    if len(raw_items) > MAX_ITEMS:
        raise RequestRefused(f"inventoryItems accepts at most {MAX_ITEMS} items.")
    lines: list[InventoryLine] = []
    seen: set[tuple[str, str]] = set()
    for index, raw in enumerate(raw_items):
        at = f"inventoryItems[{index}]."
        item = json_object(raw, at.rstrip("."))
        seller_sku = _text(item, "sellerSku", at, MAX_SKU)
        marketplace_id = marketplace_parse(item.get("marketplaceId"), at)
        if "quantity" not in item or item["quantity"] is None:
            raise RequestRefused(f"Missing required field: {at}quantity.")
        quantity = positive_int(item["quantity"], f"{at}quantity", maximum=MAX_QUANTITY)
        key = (seller_sku, marketplace_id)
        if key in seen:
            raise RequestRefused(
                f"sellerSku {seller_sku} appears more than once for marketplaceId "
                f"{marketplace_id} in inventoryItems."
            )
        seen.add(key)
        lines.append(InventoryLine(seller_sku, marketplace_id, quantity))
    return AddInventory(token, lines)


# --- rules and effects ------------------------------------------------------------


def _random_code(prefix: str, length: int) -> str:
    return prefix + "".join(secrets.choice(UPPER_DIGITS) for _ in range(length))


def inventory_item_create(
    *, seller: Seller, request: CreateInventoryItem
) -> InventoryItem:
    """A zero-quantity item for ``seller``; an existing SKU is refused."""
    with transaction.atomic():
        # One create at a time per seller: the check and the insert go together.
        Seller.objects.select_for_update().get(pk=seller.pk)
        if InventoryItem.objects.filter(
            seller=seller,
            marketplace_id=request.marketplace_id,
            seller_sku=request.seller_sku,
        ).exists():
            raise RequestRefused(
                f"sellerSku {request.seller_sku} already exists in marketplaceId "
                f"{request.marketplace_id}."
            )
        return InventoryItem.objects.create(
            seller=seller,
            marketplace_id=request.marketplace_id,
            seller_sku=request.seller_sku,
            product_name=request.product_name,
            fnsku=_random_code("X00", 7),
            asin=_random_code("B0", 8),
            fulfillable_quantity=0,
            researching_breakdown=[],
            last_updated_time=timezone.now(),
        )


def inventory_add(*, seller: Seller, request: AddInventory) -> bool:
    """Add the quantities, all or nothing. False when the token was already used
    with the same items (a replay: nothing changes)."""
    with transaction.atomic():
        # Serialise a seller's adds so one token is checked and stored once.
        Seller.objects.select_for_update().get(pk=seller.pk)
        previous = InventoryAddRequest.objects.filter(
            seller=seller, idempotency_token=request.idempotency_token
        ).first()
        if previous is not None:
            if previous.body_hash == request.body_hash:
                return False
            raise RequestRefused(
                "x-amzn-idempotency-token was already used with a different "
                "request body."
            )
        items: dict[tuple[str, str], InventoryItem] = {}
        for line in request.lines:
            item = (
                InventoryItem.objects.select_for_update()
                .filter(
                    seller=seller,
                    marketplace_id=line.marketplace_id,
                    seller_sku=line.seller_sku,
                )
                .first()
            )
            if item is None:
                raise RequestRefused(
                    f"sellerSku {line.seller_sku} does not exist in marketplaceId "
                    f"{line.marketplace_id}."
                )
            if item.fulfillable_quantity + line.quantity > MAX_STORED_QUANTITY:
                raise RequestRefused(
                    f"quantity for sellerSku {line.seller_sku} would exceed "
                    f"{MAX_STORED_QUANTITY}."
                )
            items[(line.seller_sku, line.marketplace_id)] = item
        now = timezone.now()
        for line in request.lines:
            item = items[(line.seller_sku, line.marketplace_id)]
            item.fulfillable_quantity += line.quantity
            item.last_updated_time = now
            item.save(
                update_fields=[
                    "fulfillable_quantity",
                    "last_updated_time",
                    "updated_at",
                ]
            )
        InventoryAddRequest.objects.create(
            seller=seller,
            idempotency_token=request.idempotency_token,
            body_hash=request.body_hash,
            inventory_items=[asdict(line) for line in request.lines],
        )
        return True


def inventory_item_delete(
    *, seller: Seller, seller_sku: str, marketplace_id: str
) -> None:
    """Soft-delete the seller's item; an unknown one is 404."""
    with transaction.atomic():
        item = (
            InventoryItem.objects.select_for_update()
            .filter(seller=seller, marketplace_id=marketplace_id, seller_sku=seller_sku)
            .first()
        )
        if item is None:
            raise InventoryItemNotFound(
                f"sellerSku {seller_sku} does not exist in marketplaceId "
                f"{marketplace_id}."
            )
        item.delete()
