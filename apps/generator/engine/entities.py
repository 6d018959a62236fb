"""The 19 entities: each a field list (for CSV headers, XML, OpenAPI and the
docs) and a function (ctx, index) -> record.

A record reads only its own draws and the draws of the records it points at
(an order recomputes its user and the prices of its products), so any window
of any entity is computed alone. Money is summed in minor units and turned
into amounts once (``keys.money``), so order total = Σ(quantity × unit
price) − discount + shipping + tax holds to the cent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from . import catalog as cat
from .keys import ANCHOR, DAY, cumulative, draws, iso, iso_date, money, record_id
from .pools import LOCALES, POOL_SIZE, Locale, Pools, pools
from .universe import (
    RETURN_BLOCK,
    SIZES,
    TOP_CATEGORIES,
    inventory_pair,
    returnable_order,
    subscription_user,
)  # fmt: skip


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # JSON Schema type: string, integer, number, boolean, object, array
    format: str = ""  # uuid, email, date-time, date
    description: str = ""
    nullable: bool = False
    children: tuple[Field, ...] = ()  # an object's fields, an array item's


def f(name, type_="string", format_="", description="", *, null=False, children=()):
    return Field(name, type_, format_, description, null, tuple(children))


@dataclass(frozen=True)
class Ctx:
    seed: int
    locale: Locale
    pools: Pools


@dataclass(frozen=True)
class Entity:
    name: str  # the path below /generator/api/v1/
    plural: str  # XML root element
    singular: str  # XML element per record
    fields: tuple[Field, ...]
    make: Callable[[Ctx, int], dict] = field(repr=False)
    references: str = ""  # what its ids point at, for the docs

    @property
    def size(self) -> int:
        return SIZES[self.name]


def context(seed: int, locale: str) -> Ctx:
    return Ctx(seed, LOCALES[locale], pools(locale))


def rows(
    entity: str, *, seed: int, locale: str, offset: int, limit: int
) -> Iterator[dict]:
    """Records ``offset`` … ``offset + limit - 1`` of ``entity`` (fewer past
    the end of its universe)."""
    spec = ENTITIES[entity]
    ctx = context(seed, locale)
    make = spec.make
    for index in range(offset, min(offset + limit, spec.size)):
        yield make(ctx, index)


# --- shared pieces ---------------------------------------------------------

ADDRESS = (
    f("street"), f("city"), f("state"), f("postal_code"), f("country"),
)  # fmt: skip
MONEY_NOTE = "in `currency`; two decimals (JPY: none)"


def _price(ctx: Ctx, usd_cents: int) -> int:
    """US cents → minor units of the locale's currency."""
    return round(usd_cents * ctx.locale.rate)


@cache
def _phone_format(pattern: str) -> tuple[str, int]:
    """ "+1 (###) ###-####" as a %-format with one %s per digit."""
    return pattern.replace("%", "%%").replace("#", "%s"), pattern.count("#")


def _phone(ctx: Ctx, d) -> str:
    template, digits = _phone_format(ctx.locale.phone)
    return template % tuple(str(d.below(10**digits)).zfill(digits))


def _ago(d, low_days: int, high_days: int) -> int:
    """An instant between ``high_days`` and ``low_days`` before the anchor."""
    return ANCHOR - d.between(low_days * DAY, high_days * DAY)


def _rate(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


# --- users -----------------------------------------------------------------

USER_FIELDS = (
    f("user_id", format_="uuid"), f("email", format_="email", description="derived from the name"),
    f("username"), f("first_name"), f("last_name"), f("phone_number"),
    f("address"), f("city"), f("state"), f("postal_code"), f("country"),
    f("created_at", format_="date-time"), f("updated_at", format_="date-time"),
    f("is_active", "boolean"), f("loyalty_points", "integer"),
)  # fmt: skip


def _user_place(p: Pools, d) -> tuple[str, str, str, str]:
    # First of a user's draws, so an order reads its user's address without
    # drawing the rest of the user.
    city, state, postal = p.places[d.below(POOL_SIZE)]
    return p.streets[d.below(POOL_SIZE)], city, state, postal


def user_and_created(ctx: Ctx, i: int) -> tuple[dict, int]:
    d = draws(ctx.seed, "users", i)
    p = ctx.pools
    street, city, state, postal = _user_place(p, d)
    first, last, first_a, last_a = p.names[d.below(POOL_SIZE)]
    # The index makes the username (and so the email) unique; names carry no
    # digits, so "ana.silva12" can only be user 12's.
    username = f"{first_a}.{last_a}{i}"
    created = _ago(d, 1, 3 * 365)
    record = {
        "user_id": record_id(ctx.seed, "users", i),
        "email": f"{username}@{p.email_domains[d.below(len(p.email_domains))]}",
        "username": username,
        "first_name": first,
        "last_name": last,
        "phone_number": _phone(ctx, d),
        "address": street,
        "city": city,
        "state": state,
        "postal_code": postal,
        "country": ctx.locale.country,
        "created_at": iso(created),
        "updated_at": iso(created + d.below(ANCHOR - created + 1)),
        "is_active": d.chance(92),
        "loyalty_points": d.below(50) * d.below(100),
    }
    return record, created


def user_address(ctx: Ctx, i: int) -> dict:
    """The address an order of user ``i`` ships to."""
    street, city, state, postal = _user_place(ctx.pools, draws(ctx.seed, "users", i))
    return {
        "street": street,
        "city": city,
        "state": state,
        "postal_code": postal,
        "country": ctx.locale.country,
    }


def user(ctx: Ctx, i: int) -> dict:
    return user_and_created(ctx, i)[0]


# --- categories, vendors, products, warehouses, inventory ------------------

CATEGORY_FIELDS = (
    f("category_id", format_="uuid"), f("name"), f("slug"),
    f("parent_category_id", format_="uuid", null=True,
      description="null for the 12 top-level categories"),
    f("level", "integer", description="0 top-level, 1 sub-category"),
    f("created_at", format_="date-time"),
)  # fmt: skip


def _category_name(i: int) -> tuple[str, int | None]:
    if i < TOP_CATEGORIES:
        return cat.CATEGORY_TREE[i][0], None
    top, k = divmod(i - TOP_CATEGORIES, 4)
    return cat.CATEGORY_TREE[top][1][k], top


def category(ctx: Ctx, i: int) -> dict:
    d = draws(ctx.seed, "categories", i)
    name, parent = _category_name(i)
    return {
        "category_id": record_id(ctx.seed, "categories", i),
        "name": name,
        "slug": "-".join(
            "".join(c for c in w if c.isalnum())
            for w in name.lower().split()
            if w != "&"
        ),
        "parent_category_id": None
        if parent is None
        else record_id(ctx.seed, "categories", parent),
        "level": 0 if parent is None else 1,
        "created_at": iso(_ago(d, 3 * 365, 5 * 365)),
    }


VENDOR_FIELDS = (
    f("vendor_id", format_="uuid"), f("name"), f("email", format_="email"),
    f("phone_number"), f("country"), f("rating", "number", description="1.0–5.0"),
    f("is_verified", "boolean"), f("created_at", format_="date-time"),
)  # fmt: skip


def vendor(ctx: Ctx, i: int) -> dict:
    d = draws(ctx.seed, "vendors", i)
    name = ctx.pools.companies[d.below(len(ctx.pools.companies))]
    slug = (
        "".join(ch for ch in name.lower() if ch.isascii() and ch.isalnum()) or "vendor"
    )
    return {
        "vendor_id": record_id(ctx.seed, "vendors", i),
        "name": name,
        "email": f"sales{i}@{slug}.example.com",
        "phone_number": _phone(ctx, d),
        "country": ctx.locale.country,
        "rating": d.between(25, 50) / 10,
        "is_verified": d.chance(80),
        "created_at": iso(_ago(d, 2 * 365, 6 * 365)),
    }


def _product_head(d) -> tuple[int, int, int, int]:
    sub = d.below(SIZES["categories"] - TOP_CATEGORIES)
    vendor_index = d.below(SIZES["vendors"])
    low, high = cat.PRICE_RANGE[sub // 4]
    # Prices end in 99 (or 49), as shops print them.
    cents = (d.between(low, high) // 100) * 100 + (99 if d.chance(80) else 49)
    return TOP_CATEGORIES + sub, vendor_index, cents, _ago(d, 30, 3 * 365)


@lru_cache(maxsize=SIZES["products"])
def product_core(seed: int, i: int) -> tuple[int, int, int, int]:
    """(category, vendor, price in US cents, created): what other records
    need of a product, from its first draws only (cached: an order batch
    asks for the same few thousand products again and again)."""
    return _product_head(draws(seed, "products", i))


@lru_cache(maxsize=SIZES["products"])
def product_refs(seed: int, i: int) -> tuple[str, str, int]:
    """(product_id, sku, price in US cents): what an order item copies."""
    category_index, _vendor, cents, _created = product_core(seed, i)
    return record_id(seed, "products", i), sku(category_index, i), cents


def sku(category_index: int, i: int) -> str:
    return f"{cat.CATEGORY_TREE[(category_index - TOP_CATEGORIES) // 4][0][:3].upper()}-{i + 1:06d}"


PRODUCT_FIELDS = (
    f("product_id", format_="uuid"), f("sku", description="unique"), f("name"),
    f("description"), f("category_id", format_="uuid", description="a sub-category"),
    f("vendor_id", format_="uuid"), f("price", "number", description=MONEY_NOTE),
    f("currency", description="ISO 4217"), f("color"),
    f("weight_kg", "number"), f("is_active", "boolean"),
    f("created_at", format_="date-time"), f("updated_at", format_="date-time"),
)  # fmt: skip


def product(ctx: Ctx, i: int) -> dict:
    d = draws(ctx.seed, "products", i)
    category_index, vendor_index, cents, created = _product_head(d)
    noun = cat.CATEGORY_TREE[(category_index - TOP_CATEGORIES) // 4][2]
    name = f"{d.pick(cat.ADJECTIVES)} {d.pick(noun)} {d.between(100, 999)}"
    return {
        "product_id": record_id(ctx.seed, "products", i),
        "sku": sku(category_index, i),
        "name": name,
        "description": ctx.pools.sentences[d.below(len(ctx.pools.sentences))],
        "category_id": record_id(ctx.seed, "categories", category_index),
        "vendor_id": record_id(ctx.seed, "vendors", vendor_index),
        "price": money(_price(ctx, cents), ctx.locale.exponent),
        "currency": ctx.locale.currency,
        "color": d.pick(cat.COLORS),
        "weight_kg": d.between(5, 25_000) / 100,
        "is_active": d.chance(95),
        "created_at": iso(created),
        "updated_at": iso(created + d.below(ANCHOR - created + 1)),
    }


WAREHOUSE_FIELDS = (
    f("warehouse_id", format_="uuid"), f("code"), f("name"),
    f("address", "object", children=ADDRESS), f("capacity_units", "integer"),
    f("is_active", "boolean"), f("created_at", format_="date-time"),
)  # fmt: skip


def warehouse(ctx: Ctx, i: int) -> dict:
    d = draws(ctx.seed, "warehouses", i)
    city, state, postal = ctx.pools.places[d.below(len(ctx.pools.places))]
    return {
        "warehouse_id": record_id(ctx.seed, "warehouses", i),
        "code": f"WH-{ctx.locale.country_code}-{i + 1:03d}",
        "name": f"{city} Fulfillment Center",
        "address": {
            "street": ctx.pools.streets[d.below(len(ctx.pools.streets))],
            "city": city,
            "state": state,
            "postal_code": postal,
            "country": ctx.locale.country,
        },
        "capacity_units": d.between(20, 500) * 1000,
        "is_active": d.chance(90),
        "created_at": iso(_ago(d, 2 * 365, 8 * 365)),
    }


INVENTORY_FIELDS = (
    f("inventory_id", format_="uuid"), f("product_id", format_="uuid"),
    f("warehouse_id", format_="uuid"), f("sku"),
    f("quantity_on_hand", "integer", description="≥ 0"),
    f("quantity_reserved", "integer", description="0 … quantity_on_hand"),
    f("quantity_available", "integer", description="on hand − reserved"),
    f("reorder_point", "integer"), f("last_restocked_at", format_="date-time"),
    f("updated_at", format_="date-time"),
)  # fmt: skip


def inventory(ctx: Ctx, i: int) -> dict:
    product_index, warehouse_index = inventory_pair(ctx.seed, i)
    category_index = product_core(ctx.seed, product_index)[0]
    d = draws(ctx.seed, "inventory", i)
    on_hand = 0 if d.chance(7) else d.between(1, 2_000)
    reserved = d.below(on_hand // 4 + 1)
    restocked = _ago(d, 1, 120)
    return {
        "inventory_id": record_id(ctx.seed, "inventory", i),
        "product_id": record_id(ctx.seed, "products", product_index),
        "warehouse_id": record_id(ctx.seed, "warehouses", warehouse_index),
        "sku": sku(category_index, product_index),
        "quantity_on_hand": on_hand,
        "quantity_reserved": reserved,
        "quantity_available": on_hand - reserved,
        "reorder_point": d.between(10, 200),
        "last_restocked_at": iso(restocked),
        "updated_at": iso(restocked + d.below(ANCHOR - restocked + 1)),
    }


# --- promotions ------------------------------------------------------------

PROMOTION_FIELDS = (
    f("promotion_id", format_="uuid"), f("code", description="unique"), f("name"),
    f("description"),
    f("discount_type", description="percentage | fixed_amount"),
    f("discount_value", "number", description="percent, or an amount in `currency`"),
    f("currency"), f("min_order_amount", "number", description=MONEY_NOTE),
    f("starts_at", format_="date-time"), f("ends_at", format_="date-time"),
    f("usage_limit", "integer"), f("times_used", "integer", description="≤ usage_limit"),
    f("is_active", "boolean", description="starts_at ≤ 2026-01-01 < ends_at"),
    f("created_at", format_="date-time"),
)  # fmt: skip


@lru_cache(maxsize=4096)
def promotion_core(seed: int, p: int) -> tuple[bool, int, int, int, int, object]:
    """(percentage?, percent or US cents, minimum order in US cents, starts,
    ends, draws) of promotion ``p``: what an order needs to apply it."""
    d = draws(seed, "promotions", p)
    percentage = d.chance(70)
    value = (
        d.pick((5, 10, 15, 20, 25, 30))
        if percentage
        else d.pick((500, 1000, 1500, 2000))
    )
    minimum = d.pick((0, 0, 2500, 5000, 10000))
    starts = _ago(d, 7, 2 * 365)
    return percentage, value, minimum, starts, starts + d.between(7, 45) * DAY, d


def promotion(ctx: Ctx, i: int) -> dict:
    percentage, value, minimum, starts, ends, d = promotion_core(ctx.seed, i)
    d = draws(ctx.seed, "promotions/detail", i)  # the cached draws are spent
    name = d.pick(cat.PROMOTION_NAMES)
    word = "".join(ch for ch in name.upper() if ch.isalpha())[:8]
    limit = d.pick((100, 500, 1000, 5000))
    exponent = ctx.locale.exponent
    return {
        "promotion_id": record_id(ctx.seed, "promotions", i),
        "code": f"{word}{value if percentage else value // 100}-{i + 1:04d}",
        "name": name,
        "description": (f"{value}% off" if percentage else "A fixed amount off")
        + (" orders over the minimum" if minimum else " every order"),
        "discount_type": "percentage" if percentage else "fixed_amount",
        "discount_value": value if percentage else money(_price(ctx, value), exponent),
        "currency": ctx.locale.currency,
        "min_order_amount": money(_price(ctx, minimum), exponent),
        "starts_at": iso(starts),
        "ends_at": iso(ends),
        "usage_limit": limit,
        "times_used": d.below(limit + 1),
        "is_active": starts <= ANCHOR < ends,
        "created_at": iso(starts - d.between(1, 30) * DAY),
    }


# --- orders and what hangs off them ----------------------------------------

ORDER_STATUS = cumulative(
    ("delivered", 62),
    ("shipped", 12),
    ("processing", 7),
    ("pending", 7),
    ("cancelled", 12),
)
# When each status's orders were placed, in days before the anchor: delivered
# orders early enough to have been delivered (and returned) by then.
PLACED = {
    "pending": (0, 2), "processing": (0, 3), "shipped": (2, 10),
    "delivered": (40, 730), "cancelled": (1, 730),
}  # fmt: skip
PAYMENT_METHODS = cumulative(
    ("credit_card", 55), ("debit_card", 15), ("paypal", 15), ("gift_card", 5),
    ("bank_transfer", 10),
)  # fmt: skip
ITEM_FIELDS = (
    f("order_item_id", format_="uuid"), f("product_id", format_="uuid"), f("sku"),
    f("quantity", "integer"), f("unit_price", "number", description="the product's price"),
    f("line_total", "number", description="quantity × unit_price"),
)  # fmt: skip
ORDER_FIELDS = (
    f("order_id", format_="uuid"), f("order_number"), f("user_id", format_="uuid"),
    f("status", description="delivered 62%, shipped 12%, processing 7%, pending 7%, cancelled 12%"),
    f("currency"), f("items", "array", children=ITEM_FIELDS),
    f("item_count", "integer"), f("subtotal", "number", description="Σ line_total"),
    f("discount", "number", description="from the promotion, if any"),
    f("promotion_id", format_="uuid", null=True), f("promotion_code", null=True),
    f("shipping_cost", "number"), f("tax", "number"),
    f("total", "number", description="subtotal − discount + shipping_cost + tax"),
    f("payment_method"), f("shipping_address", "object", children=ADDRESS,
                           description="the user's address"),
    f("created_at", format_="date-time"), f("updated_at", format_="date-time"),
    f("shipped_at", format_="date-time", null=True),
    f("delivered_at", format_="date-time", null=True),
    f("cancelled_at", format_="date-time", null=True),
)  # fmt: skip


def order_head(seed: int, i: int) -> tuple[int, str, int | None, int, object]:
    """(user, status, promotion or None, placed at, draws) of order ``i``."""
    d = draws(seed, "orders", i)
    user_index = d.below(SIZES["users"])
    status = d.weighted(ORDER_STATUS)
    if i == returnable_order(seed, i // RETURN_BLOCK):
        status = "delivered"
    low, high = PLACED[status]
    earliest, latest = ANCHOR - high * DAY, ANCHOR - low * DAY
    promo = d.below(SIZES["promotions"]) if d.chance(25) else None
    if promo is not None:
        # Placed while the promotion ran, or not under it at all.
        starts, ends = promotion_core(seed, promo)[3:5]
        if max(starts, earliest) < min(ends, latest):
            earliest, latest = max(starts, earliest), min(ends, latest)
        else:
            promo = None
    return user_index, status, promo, d.between(earliest, latest - 1), d


def _items(ctx: Ctx, d, owner: str, i: int, count: int) -> tuple[list[dict], int]:
    """``count`` distinct products with quantities; their subtotal (minor)."""
    items, seen, subtotal = [], set(), 0
    for k in range(count):
        p = d.below(SIZES["products"])
        while p in seen:
            p = d.below(SIZES["products"])
        seen.add(p)
        product_id, product_sku, cents = product_refs(ctx.seed, p)
        unit = _price(ctx, cents)
        quantity = d.weighted(QUANTITY)
        subtotal += unit * quantity
        exponent = ctx.locale.exponent
        items.append({
            "order_item_id": record_id(ctx.seed, owner, i * 8 + k),
            "product_id": product_id,
            "sku": product_sku,
            "quantity": quantity,
            "unit_price": money(unit, exponent),
            "line_total": money(unit * quantity, exponent),
        })  # fmt: skip
    return items, subtotal


QUANTITY = cumulative((1, 60), (2, 25), (3, 10), (4, 5))
ITEM_COUNT = cumulative((1, 35), (2, 30), (3, 18), (4, 10), (5, 7))


def order(ctx: Ctx, i: int) -> dict:
    user_index, status, promo, placed, d = order_head(ctx.seed, i)
    items, subtotal = _items(ctx, d, "order-items", i, d.weighted(ITEM_COUNT))
    discount, code = 0, None
    if promo is not None:
        percentage, value, minimum = promotion_core(ctx.seed, promo)[:3]
        if subtotal >= _price(ctx, minimum):
            discount = (
                subtotal * value // 100
                if percentage
                else min(_price(ctx, value), subtotal)
            )
            code = promotion(ctx, promo)["code"]
        else:
            promo = None
    shipping = (
        0
        if subtotal - discount >= _price(ctx, 5_000)
        else _price(ctx, d.pick((599, 999)))
    )
    tax = (subtotal - discount) * ctx.locale.tax_percent // 100
    shipped = delivered = cancelled = None
    updated = placed + d.between(60, 3_600)
    if status in ("shipped", "delivered"):
        shipped = placed + d.between(DAY // 2, 3 * DAY)
        updated = shipped
    if status == "delivered":
        delivered = shipped + d.between(DAY, 7 * DAY)
        updated = delivered
    if status == "cancelled":
        cancelled = updated = placed + d.between(600, 2 * DAY)
    exponent = ctx.locale.exponent
    return {
        "order_id": record_id(ctx.seed, "orders", i),
        "order_number": f"ORD-{i + 1:08d}",
        "user_id": record_id(ctx.seed, "users", user_index),
        "status": status,
        "currency": ctx.locale.currency,
        "items": items,
        "item_count": len(items),
        "subtotal": money(subtotal, exponent),
        "discount": money(discount, exponent),
        "promotion_id": None
        if promo is None
        else record_id(ctx.seed, "promotions", promo),
        "promotion_code": code,
        "shipping_cost": money(shipping, exponent),
        "tax": money(tax, exponent),
        "total": money(subtotal - discount + shipping + tax, exponent),
        "payment_method": d.weighted(PAYMENT_METHODS),
        "shipping_address": user_address(ctx, user_index),
        "created_at": iso(placed),
        "updated_at": iso(updated),
        "shipped_at": shipped and iso(shipped),
        "delivered_at": delivered and iso(delivered),
        "cancelled_at": cancelled and iso(cancelled),
    }


PAYMENT_FIELDS = (
    f("payment_id", format_="uuid"), f("order_id", format_="uuid"),
    f("user_id", format_="uuid"), f("amount", "number", description="the order's total"),
    f("currency"), f("method"), f("provider"),
    f("status", description="authorized (pending orders), captured, refunded (cancelled)"),
    f("transaction_reference", description="unique"),
    f("card_brand", null=True), f("card_last4", null=True),
    f("refunded_amount", "number"),
    f("created_at", format_="date-time"), f("updated_at", format_="date-time"),
)  # fmt: skip
PAYMENT_STATUS = {
    "pending": "authorized", "processing": "captured", "shipped": "captured",
    "delivered": "captured", "cancelled": "refunded",
}  # fmt: skip


def payment(ctx: Ctx, i: int) -> dict:
    o = order(ctx, i)
    d = draws(ctx.seed, "payments", i)
    card = o["payment_method"].endswith("_card") and o["payment_method"] != "gift_card"
    status = PAYMENT_STATUS[o["status"]]
    created = o["created_at"]
    return {
        "payment_id": record_id(ctx.seed, "payments", i),
        "order_id": o["order_id"],
        "user_id": o["user_id"],
        "amount": o["total"],
        "currency": o["currency"],
        "method": o["payment_method"],
        "provider": "PayPal"
        if o["payment_method"] == "paypal"
        else d.pick(cat.PAYMENT_PROVIDERS[:2]),
        "status": status,
        "transaction_reference": f"TXN-{ctx.seed & 0xFFFF:04X}-{i + 1:08d}",
        "card_brand": d.pick(("Visa", "Mastercard", "American Express"))
        if card
        else None,
        "card_last4": f"{d.below(10_000):04d}" if card else None,
        "refunded_amount": o["total"] if status == "refunded" else 0,
        "created_at": created,
        "updated_at": o["cancelled_at"] or created,
    }


SHIPMENT_FIELDS = (
    f("shipment_id", format_="uuid"), f("order_id", format_="uuid"),
    f("carrier"), f("tracking_number", description="unique"), f("service_level"),
    f("status", description="label_created, in_transit, delivered, cancelled (from the order)"),
    f("shipping_cost", "number", description="the order's shipping_cost"), f("currency"),
    f("weight_kg", "number"), f("address", "object", children=ADDRESS),
    f("shipped_at", format_="date-time", null=True),
    f("estimated_delivery_date", format_="date", null=True),
    f("delivered_at", format_="date-time", null=True),
)  # fmt: skip
SHIPMENT_STATUS = {
    "pending": "label_created", "processing": "label_created", "shipped": "in_transit",
    "delivered": "delivered", "cancelled": "cancelled",
}  # fmt: skip


def shipment(ctx: Ctx, i: int) -> dict:
    o = order(ctx, i)
    d = draws(ctx.seed, "shipping", i)
    carrier = d.pick(ctx.locale.carriers)
    initials = "".join(w[0] for w in carrier.split()).upper()
    # The last twelve hex digits of the id are the permuted index: unique.
    tail = record_id(ctx.seed, "shipping", i)[-12:].upper()
    shipped = o["shipped_at"]
    estimate = None
    if o["status"] != "cancelled":
        base = _parse(shipped) if shipped else ANCHOR
        estimate = iso_date(base + d.between(2, 6) * DAY)
    return {
        "shipment_id": record_id(ctx.seed, "shipping", i),
        "order_id": o["order_id"],
        "carrier": carrier,
        "tracking_number": f"{initials}{tail}{ctx.locale.country_code}",
        "service_level": d.weighted(SERVICE_LEVEL),
        "status": SHIPMENT_STATUS[o["status"]],
        "shipping_cost": o["shipping_cost"],
        "currency": o["currency"],
        "weight_kg": round(
            sum(it["quantity"] for it in o["items"]) * d.between(10, 300) / 100, 2
        ),
        "address": o["shipping_address"],
        "shipped_at": shipped,
        "estimated_delivery_date": estimate,
        "delivered_at": o["delivered_at"],
    }


SERVICE_LEVEL = cumulative(("standard", 70), ("express", 22), ("next_day", 8))


def _parse(stamp: str) -> int:
    import calendar
    import time

    return calendar.timegm(time.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ"))


RETURN_FIELDS = (
    f("return_id", format_="uuid"), f("rma_number"), f("order_id", format_="uuid",
      description="a delivered order"),
    f("order_item_id", format_="uuid"), f("user_id", format_="uuid"),
    f("product_id", format_="uuid"), f("sku"),
    f("quantity", "integer", description="≤ the ordered quantity"),
    f("reason"), f("status", description="requested, approved, received, refunded, rejected"),
    f("refund_amount", "number", description="quantity × unit_price"), f("currency"),
    f("requested_at", format_="date-time", description="after delivered_at"),
    f("updated_at", format_="date-time"), f("refunded_at", format_="date-time", null=True),
)  # fmt: skip
RETURN_STATUS = cumulative(
    ("requested", 15),
    ("approved", 20),
    ("received", 15),
    ("refunded", 45),
    ("rejected", 5),
)


def return_(ctx: Ctx, i: int) -> dict:
    o = order(ctx, returnable_order(ctx.seed, i))
    d = draws(ctx.seed, "returns", i)
    item = d.pick(o["items"])
    quantity = d.between(1, item["quantity"])
    requested = _parse(o["delivered_at"]) + d.between(DAY, 28 * DAY)
    status = d.weighted(RETURN_STATUS)
    refunded = (
        requested + d.between(2 * DAY, 14 * DAY) if status == "refunded" else None
    )
    unit = item["unit_price"]
    refund = round(unit * quantity, 2) if ctx.locale.exponent == 2 else unit * quantity
    return {
        "return_id": record_id(ctx.seed, "returns", i),
        "rma_number": f"RMA-{i + 1:07d}",
        "order_id": o["order_id"],
        "order_item_id": item["order_item_id"],
        "user_id": o["user_id"],
        "product_id": item["product_id"],
        "sku": item["sku"],
        "quantity": quantity,
        "reason": d.pick(cat.RETURN_REASONS),
        "status": status,
        "refund_amount": refund,
        "currency": o["currency"],
        "requested_at": iso(requested),
        "updated_at": iso(refunded or requested + d.between(0, DAY)),
        "refunded_at": refunded and iso(refunded),
    }


# --- reviews, tickets, notifications ---------------------------------------

RATING = cumulative((5, 45), (4, 25), (3, 12), (2, 7), (1, 11))
REVIEW_FIELDS = (
    f("review_id", format_="uuid"), f("product_id", format_="uuid"),
    f("user_id", format_="uuid"),
    f("rating", "integer", description="1–5: 5 45%, 4 25%, 3 12%, 2 7%, 1 11%"),
    f("title"), f("body"), f("verified_purchase", "boolean"),
    f("helpful_votes", "integer"), f("created_at", format_="date-time"),
    f("updated_at", format_="date-time"),
)  # fmt: skip


def _after_both(d, *starts: int) -> int:
    start = max(starts)
    return start + d.below(ANCHOR - start + 1)


def review(ctx: Ctx, i: int) -> dict:
    d = draws(ctx.seed, "reviews", i)
    p, u = d.below(SIZES["products"]), d.below(SIZES["users"])
    reviewer, joined = user_and_created(ctx, u)
    rating = d.weighted(RATING)
    created = _after_both(d, joined, product_core(ctx.seed, p)[3])
    return {
        "review_id": record_id(ctx.seed, "reviews", i),
        "product_id": record_id(ctx.seed, "products", p),
        "user_id": reviewer["user_id"],
        "rating": rating,
        "title": d.pick(cat.REVIEW_TITLES[rating]),
        "body": d.pick(cat.REVIEW_BODIES[rating]),
        "verified_purchase": d.chance(80),
        "helpful_votes": d.below(8) * d.below(8),
        "created_at": iso(created),
        "updated_at": iso(
            created + (d.below(ANCHOR - created + 1) if d.chance(10) else 0)
        ),
    }


TICKET_PRIORITY = cumulative(("low", 35), ("medium", 40), ("high", 20), ("urgent", 5))
TICKET_STATUS = cumulative(
    ("open", 15), ("pending", 15), ("resolved", 40), ("closed", 30)
)
TICKET_FIELDS = (
    f("ticket_id", format_="uuid"), f("ticket_number"), f("user_id", format_="uuid"),
    f("order_id", format_="uuid", null=True, description="one of the user's orders, or null"),
    f("category"), f("subject"),
    f("priority", description="low 35%, medium 40%, high 20%, urgent 5%"),
    f("status", description="open, pending, resolved, closed"), f("channel"),
    f("first_response_minutes", "integer", null=True),
    f("satisfaction_score", "integer", null=True, description="1–5 once resolved"),
    f("created_at", format_="date-time"), f("updated_at", format_="date-time"),
    f("resolved_at", format_="date-time", null=True),
)  # fmt: skip


def ticket(ctx: Ctx, i: int) -> dict:
    d = draws(ctx.seed, "support-tickets", i)
    order_index = d.below(SIZES["orders"]) if d.chance(60) else None
    if order_index is None:
        u = d.below(SIZES["users"])
        opened = _after_both(d, user_and_created(ctx, u)[1])
    else:
        u, _status, _promo, placed, _d = order_head(ctx.seed, order_index)
        opened = _after_both(d, placed)
    category = d.pick(tuple(cat.TICKET_SUBJECTS))
    status = d.weighted(TICKET_STATUS)
    answered = status != "open" or d.chance(30)
    response = d.between(2, 48 * 60) if answered else None
    resolved = None
    if status in ("resolved", "closed"):
        resolved = min(ANCHOR, opened + response * 60 + d.between(600, 5 * DAY))
    updated = resolved or min(ANCHOR, opened + (response or 0) * 60)
    return {
        "ticket_id": record_id(ctx.seed, "support-tickets", i),
        "ticket_number": f"TCK-{i + 1:08d}",
        "user_id": record_id(ctx.seed, "users", u),
        "order_id": None
        if order_index is None
        else record_id(ctx.seed, "orders", order_index),
        "category": category,
        "subject": d.pick(cat.TICKET_SUBJECTS[category]),
        "priority": d.weighted(TICKET_PRIORITY),
        "status": status,
        "channel": d.pick(("email", "chat", "phone", "web_form")),
        "first_response_minutes": response,
        "satisfaction_score": d.between(1, 5) if resolved else None,
        "created_at": iso(opened),
        "updated_at": iso(updated),
        "resolved_at": resolved and iso(resolved),
    }


NOTIFICATION_FIELDS = (
    f("notification_id", format_="uuid"), f("user_id", format_="uuid"),
    f("type"), f("channel", description="email, sms, push"), f("title"),
    f("message"), f("is_read", "boolean"), f("sent_at", format_="date-time"),
    f("read_at", format_="date-time", null=True, description="after sent_at"),
)  # fmt: skip


def notification(ctx: Ctx, i: int) -> dict:
    d = draws(ctx.seed, "notifications", i)
    u = d.below(SIZES["users"])
    kind = d.pick(tuple(cat.NOTIFICATION_TEXT))
    title, message = cat.NOTIFICATION_TEXT[kind]
    sent = _after_both(d, user_and_created(ctx, u)[1])
    read = sent + d.below(min(3 * DAY, ANCHOR - sent) + 1) if d.chance(55) else None
    return {
        "notification_id": record_id(ctx.seed, "notifications", i),
        "user_id": record_id(ctx.seed, "users", u),
        "type": kind,
        "channel": d.pick(("email", "email", "push", "sms")),
        "title": title,
        "message": message,
        "is_read": read is not None,
        "sent_at": iso(sent),
        "read_at": read and iso(read),
    }


# --- subscriptions, wishlists, carts ---------------------------------------

SUBSCRIPTION_STATUS = cumulative(
    ("active", 70), ("paused", 8), ("past_due", 7), ("cancelled", 15)
)
SUBSCRIPTION_FIELDS = (
    f("subscription_id", format_="uuid"), f("user_id", format_="uuid", description="one per user at most"),
    f("plan", description="basic, plus, premium"), f("billing_cycle", description="monthly, annual"),
    f("price", "number"), f("currency"), f("status", description="active 70%, paused, past_due, cancelled"),
    f("auto_renew", "boolean"), f("started_at", format_="date-time"),
    f("current_period_start", format_="date-time"), f("current_period_end", format_="date-time"),
    f("next_renewal_date", format_="date", null=True, description="null unless active and renewing"),
    f("cancelled_at", format_="date-time", null=True),
)  # fmt: skip


def subscription(ctx: Ctx, i: int) -> dict:
    d = draws(ctx.seed, "subscriptions", i)
    u = subscription_user(i)
    plan, cycle, months, cents = d.pick(cat.PLANS)
    period = months * 30 * DAY
    started = _after_both(d, user_and_created(ctx, u)[1])
    status = d.weighted(SUBSCRIPTION_STATUS)
    cancelled = _after_both(d, started) if status == "cancelled" else None
    until = cancelled or ANCHOR
    period_start = started + (until - started) // period * period
    auto_renew = status != "cancelled" and d.chance(85)
    renews = status == "active" and auto_renew
    return {
        "subscription_id": record_id(ctx.seed, "subscriptions", i),
        "user_id": record_id(ctx.seed, "users", u),
        "plan": plan,
        "billing_cycle": cycle,
        "price": money(_price(ctx, cents), ctx.locale.exponent),
        "currency": ctx.locale.currency,
        "status": status,
        "auto_renew": auto_renew,
        "started_at": iso(started),
        "current_period_start": iso(period_start),
        "current_period_end": iso(period_start + period),
        "next_renewal_date": iso_date(period_start + period) if renews else None,
        "cancelled_at": cancelled and iso(cancelled),
    }


WISHLIST_ITEM_FIELDS = (
    f("product_id", format_="uuid"), f("priority", description="low, medium, high"),
    f("added_at", format_="date-time"),
)  # fmt: skip
WISHLIST_FIELDS = (
    f("wishlist_id", format_="uuid"), f("user_id", format_="uuid", description="wishlist i belongs to user i"),
    f("name"), f("is_public", "boolean"), f("items", "array", children=WISHLIST_ITEM_FIELDS),
    f("item_count", "integer"), f("created_at", format_="date-time"),
    f("updated_at", format_="date-time", description="the latest added_at"),
)  # fmt: skip


def wishlist(ctx: Ctx, i: int) -> dict:
    d = draws(ctx.seed, "wishlists", i)
    created = _after_both(d, user_and_created(ctx, i)[1])
    items, seen, latest = [], set(), created
    for _ in range(d.below(9)):
        p = d.below(SIZES["products"])
        if p in seen:
            continue
        seen.add(p)
        added = _after_both(d, created, product_core(ctx.seed, p)[3])
        latest = max(latest, added)
        items.append({
            "product_id": record_id(ctx.seed, "products", p),
            "priority": d.pick(("low", "medium", "medium", "high")),
            "added_at": iso(added),
        })  # fmt: skip
    return {
        "wishlist_id": record_id(ctx.seed, "wishlists", i),
        "user_id": record_id(ctx.seed, "users", i),
        "name": d.pick(cat.WISHLIST_NAMES),
        "is_public": d.chance(30),
        "items": items,
        "item_count": len(items),
        "created_at": iso(created),
        "updated_at": iso(latest),
    }


CART_STATUS = cumulative(("active", 40), ("abandoned", 45), ("converted", 15))
CART_ITEM_FIELDS = tuple(x for x in ITEM_FIELDS if x.name != "order_item_id")
CART_FIELDS = (
    f("cart_id", format_="uuid"), f("user_id", format_="uuid"),
    f("status", description="active 40%, abandoned 45%, converted 15%"),
    f("items", "array", children=CART_ITEM_FIELDS), f("item_count", "integer"),
    f("subtotal", "number", description="Σ line_total"), f("currency"),
    f("created_at", format_="date-time"), f("updated_at", format_="date-time"),
)  # fmt: skip


def cart(ctx: Ctx, i: int) -> dict:
    d = draws(ctx.seed, "carts", i)
    u = d.below(SIZES["users"])
    items, subtotal = _items(ctx, d, "cart-items", i, d.weighted(ITEM_COUNT))
    for item in items:
        del item["order_item_id"]
    created = _after_both(d, user_and_created(ctx, u)[1])
    return {
        "cart_id": record_id(ctx.seed, "carts", i),
        "user_id": record_id(ctx.seed, "users", u),
        "status": d.weighted(CART_STATUS),
        "items": items,
        "item_count": len(items),
        "subtotal": money(subtotal, ctx.locale.exponent),
        "currency": ctx.locale.currency,
        "created_at": iso(created),
        "updated_at": iso(_after_both(d, created)),
    }


# --- analytics -------------------------------------------------------------

PERIOD = (
    f("period_start", format_="date", description="2025-12-02"),
    f("period_end", format_="date", description="2025-12-31"),
)
PERIOD_START = ANCHOR - 30 * DAY
USER_ANALYTICS_FIELDS = (
    f("user_id", format_="uuid", description="row i describes user i"), *PERIOD,
    f("sessions", "integer"), f("page_views", "integer", description="≥ sessions"),
    f("avg_session_duration_seconds", "integer"),
    f("orders_count", "integer", description="≤ sessions"),
    f("total_spent", "number"), f("currency"),
    f("average_order_value", "number", description="total_spent / orders_count"),
    f("conversion_rate", "number", description="orders_count / sessions"),
    f("cart_abandonment_rate", "number"),
    f("loyalty_points", "integer", description="the user's"),
    f("customer_segment", description="new, occasional, regular, vip"),
    f("last_active_at", format_="date-time", null=True, description="after the user's created_at"),
)  # fmt: skip


def user_analytics(ctx: Ctx, i: int) -> dict:
    d = draws(ctx.seed, "analytics/users", i)
    u, joined = user_and_created(ctx, i)
    sessions = 0 if d.chance(15) else d.between(1, 60)
    orders = min(sessions, d.below(6) * d.below(3))
    aov = _price(ctx, d.between(1_500, 25_000))
    total = aov * orders
    exponent = ctx.locale.exponent
    active = _after_both(d, joined, PERIOD_START) if sessions else None
    segment = (
        "new"
        if ANCHOR - joined < 60 * DAY
        else ("vip" if orders >= 8 else "regular" if orders >= 3 else "occasional")
    )
    return {
        "user_id": u["user_id"],
        "period_start": iso_date(PERIOD_START),
        "period_end": iso_date(ANCHOR - DAY),
        "sessions": sessions,
        "page_views": sessions * d.between(1, 15),
        "avg_session_duration_seconds": d.between(20, 1_800) if sessions else 0,
        "orders_count": orders,
        "total_spent": money(total, exponent),
        "currency": ctx.locale.currency,
        "average_order_value": money(aov if orders else 0, exponent),
        "conversion_rate": _rate(orders, sessions),
        "cart_abandonment_rate": d.below(101) / 100 if sessions else 0.0,
        "loyalty_points": u["loyalty_points"],
        "customer_segment": segment,
        "last_active_at": active and iso(active),
    }


PRODUCT_ANALYTICS_FIELDS = (
    f("product_id", format_="uuid", description="row i describes product i"), *PERIOD,
    f("views", "integer"), f("add_to_cart", "integer", description="≤ views"),
    f("purchases", "integer", description="≤ add_to_cart"),
    f("units_sold", "integer", description="≥ purchases"),
    f("revenue", "number", description="units_sold × the product's price"), f("currency"),
    f("conversion_rate", "number", description="purchases / views"),
    f("average_rating", "number", null=True, description="1–5, null without reviews"),
    f("review_count", "integer"), f("return_rate", "number"),
)  # fmt: skip


def product_analytics(ctx: Ctx, i: int) -> dict:
    cents = product_core(ctx.seed, i)[2]
    d = draws(ctx.seed, "analytics/products", i)
    views = d.below(20_000)
    carts = d.below(views // 5 + 1)
    purchases = d.below(carts // 2 + 1)
    units = purchases + d.below(purchases // 3 + 1)
    reviews = d.below(purchases // 4 + 1)
    return {
        "product_id": record_id(ctx.seed, "products", i),
        "period_start": iso_date(PERIOD_START),
        "period_end": iso_date(ANCHOR - DAY),
        "views": views,
        "add_to_cart": carts,
        "purchases": purchases,
        "units_sold": units,
        "revenue": money(_price(ctx, cents) * units, ctx.locale.exponent),
        "currency": ctx.locale.currency,
        "conversion_rate": _rate(purchases, views),
        "average_rating": d.between(10, 50) / 10 if reviews else None,
        "review_count": reviews,
        "return_rate": _rate(d.below(purchases // 10 + 1), purchases),
    }


def _e(name, plural, singular, fields, make, references=""):
    return Entity(name, plural, singular, fields, make, references)


ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        _e("users", "users", "user", USER_FIELDS, user),
        _e("products", "products", "product", PRODUCT_FIELDS, product,
           "category_id → categories (sub-categories), vendor_id → vendors"),
        _e("categories", "categories", "category", CATEGORY_FIELDS, category,
           "parent_category_id → categories"),
        _e("vendors", "vendors", "vendor", VENDOR_FIELDS, vendor),
        _e("orders", "orders", "order", ORDER_FIELDS, order,
           "user_id → users, items[].product_id → products, promotion_id → promotions"),
        _e("carts", "carts", "cart", CART_FIELDS, cart,
           "user_id → users, items[].product_id → products"),
        _e("payments", "payments", "payment", PAYMENT_FIELDS, payment,
           "payment i pays order i (order_id, user_id, amount = total)"),
        _e("shipping", "shipments", "shipment", SHIPMENT_FIELDS, shipment,
           "shipment i ships order i"),
        _e("warehouses", "warehouses", "warehouse", WAREHOUSE_FIELDS, warehouse),
        _e("inventory", "inventory", "inventory_item", INVENTORY_FIELDS, inventory,
           "product_id → products, warehouse_id → warehouses (3 per product)"),
        _e("returns", "returns", "return", RETURN_FIELDS, return_,
           "order_id → a delivered order, order_item_id/product_id → its items"),
        _e("reviews", "reviews", "review", REVIEW_FIELDS, review,
           "user_id → users, product_id → products"),
        _e("support-tickets", "support_tickets", "support_ticket", TICKET_FIELDS, ticket,
           "user_id → users, order_id → that user's order"),
        _e("promotions", "promotions", "promotion", PROMOTION_FIELDS, promotion),
        _e("subscriptions", "subscriptions", "subscription", SUBSCRIPTION_FIELDS,
           subscription, "user_id → users"),
        _e("wishlists", "wishlists", "wishlist", WISHLIST_FIELDS, wishlist,
           "user_id → users, items[].product_id → products"),
        _e("notifications", "notifications", "notification", NOTIFICATION_FIELDS,
           notification, "user_id → users"),
        _e("analytics/users", "user_analytics", "user_metrics", USER_ANALYTICS_FIELDS,
           user_analytics, "row i ↔ user i"),
        _e("analytics/products", "product_analytics", "product_metrics",
           PRODUCT_ANALYTICS_FIELDS, product_analytics, "row i ↔ product i"),
    )
}  # fmt: skip
