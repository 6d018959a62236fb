"""Phase 3: a seller's orders and their items, coherent with its listings.

Every item is a SKU the seller lists in the order's marketplace, at the
listing's price; AFN orders hold FBA SKUs only, MFN orders merchant SKUs only.
Status agrees with quantities and dates (see the package docstring).
"""

import random
import string
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

from apps.amazon import factories
from apps.amazon.marketplaces import MARKETPLACES
from apps.amazon.models import Order, OrderItem, Seller

from .catalog import FX, Product, money
from .gifts import gift_details
from .listings import Catalog
from .regulated import regulated_details
from .state import SeedRun, stamp

SHIP_LEVELS = {
    "AFN": ("Std US D2D Dom", "Standard"),
    "MFN": ("Std US D2D Dom", "Standard"),
    "AFN_PRIME": ("Expedited", "Expedited"),
}


def seed_orders(
    run: SeedRun, *, seller: Seller, index: int, catalog: Catalog, count: int
) -> None:
    """``count`` orders of the ``index``-th seeded seller."""
    order_rows: list[Order] = []
    item_rows: list[OrderItem] = []
    for n in range(count):
        order, items = _order(run, seller=seller, index=index, n=n, catalog=catalog)
        order_rows.append(order)
        item_rows.extend(items)
    Order.objects.bulk_create(stamp(order_rows), batch_size=500)
    OrderItem.objects.bulk_create(stamp(item_rows), batch_size=500)
    run.counts["orders"] += len(order_rows)
    run.counts["order_items"] += len(item_rows)


def _fresh(used: set[str], make: Callable[[], str]) -> str:
    """A new id from ``make``, drawn again while it clashes with ``used``."""
    value = make()
    while value in used:
        value = make()
    used.add(value)
    return value


def _basket(
    rng: random.Random, catalog: Catalog, *, channel: str, marketplace_id: str
) -> list[Product]:
    """1–3 products of the channel, buyable ones when there are any."""
    fba = channel == "AFN"
    pool = [
        p
        for p in catalog.products
        if p.fba == fba and catalog.listing_by_key[(p.sku, marketplace_id)].status
    ] or [p for p in catalog.products if p.fba == fba]
    return rng.sample(pool, k=min(len(pool), rng.choice([1, 1, 1, 1, 2, 2, 3])))


def _status(*, age: timedelta, roll: float, channel: str, items: int) -> str:
    if age < timedelta(hours=8) and roll < 0.35:
        return Order.Status.PENDING
    if age < timedelta(days=2) and channel == "MFN":
        return (
            Order.Status.PARTIALLY_SHIPPED
            if items > 1 and roll < 0.3
            else Order.Status.UNSHIPPED
        )
    if roll < 0.06:
        return Order.Status.CANCELED
    return Order.Status.SHIPPED


def _order(
    run: SeedRun, *, seller: Seller, index: int, n: int, catalog: Catalog
) -> tuple[Order, list[OrderItem]]:
    rng, anchor = run.rng, run.anchor
    marketplace_ids = list(seller.marketplace_ids)
    marketplace_id = (
        marketplace_ids[0] if rng.random() < 0.7 else rng.choice(marketplace_ids)
    )
    mp = MARKETPLACES[marketplace_id]
    fake = run.fakers[mp.country]
    channel = "AFN" if rng.random() < 0.55 else "MFN"
    chosen = _basket(rng, catalog, channel=channel, marketplace_id=marketplace_id)
    purchase = anchor - timedelta(seconds=rng.randrange(3600, 60 * 86400))
    status = _status(
        age=anchor - purchase, roll=rng.random(), channel=channel, items=len(chosen)
    )
    prime = channel == "AFN" and rng.random() < 0.6
    ship_level, ship_category = SHIP_LEVELS["AFN_PRIME" if prime else channel]
    order_id = _fresh(
        run.used_order_ids, lambda: factories.make_order_id(rng, marketplace_id)
    )
    business = rng.random() < 0.05
    buyer_name = fake.name()
    order = factories.OrderFactory.build(
        seller=seller,
        amazon_order_id=order_id,
        seller_order_id=(
            f"SO-{index + 1}{n + 1:06d}"
            if channel == "MFN" and rng.random() < 0.4
            else ""
        ),
        marketplace_id=marketplace_id,
        purchase_date=purchase,
        last_update_date=purchase,
        order_status=status,
        fulfillment_channel=channel,
        sales_channel=mp.sales_channel,
        ship_service_level=ship_level,
        shipment_service_level_category=ship_category,
        payment_method=(
            "COD"
            if marketplace_id == "A1AM78C64UM0Y8" and rng.random() < 0.1
            else "Other"
        ),
        payment_method_details=["Standard"],
        currency=mp.currency,
        is_prime=prime,
        is_business_order=business,
        buyer_company_name=fake.company() if business else "",
        purchase_order_number=f"PO-{rng.randrange(10000, 99999)}" if business else "",
        buyer_email="".join(rng.choices(string.ascii_lowercase + string.digits, k=16))
        + "@marketplace.amazon.com",
        buyer_name=buyer_name,
        ship_name=buyer_name,
        ship_address_line1=fake.street_address(),
        ship_address_line2="",
        ship_city=fake.city(),
        ship_state=(
            fake.state_abbr()
            if mp.country == "US"
            else fake.province_abbr()
            if mp.country == "CA"
            else fake.state()
        ),
        ship_postal_code=fake.postcode(),
        ship_country_code=mp.country,
        ship_phone=fake.phone_number(),
        ship_address_type="Commercial" if business else "Residential",
        earliest_ship_date=purchase + timedelta(hours=12),
        latest_ship_date=purchase + timedelta(days=2),
        earliest_delivery_date=purchase + timedelta(days=2 if prime else 4),
        latest_delivery_date=purchase + timedelta(days=3 if prime else 8),
    )
    items = [
        _item(run, order=order, product=product, position=position, catalog=catalog)
        for position, product in enumerate(chosen)
    ]
    _settle(rng, order=order, items=items, anchor=anchor)
    regulated_details(order)
    return order, items


def _item(
    run: SeedRun, *, order: Order, product: Product, position: int, catalog: Catalog
) -> OrderItem:
    rng = run.rng
    mp = MARKETPLACES[order.marketplace_id]
    tax_rate = Decimal(mp.tax_rate) if mp.country == "US" else Decimal("0")
    listing = catalog.listing_by_key[(product.sku, order.marketplace_id)]
    qty = rng.choice([1, 1, 1, 1, 2, 3])
    item_price = money(listing.price * qty)
    shipping = (
        Decimal("0.00")
        if order.fulfillment_channel == "AFN" or order.is_prime
        else money(Decimal("4.99") * FX[mp.currency])
    )
    promo = (
        money(item_price * Decimal("0.10")) if rng.random() < 0.08 else Decimal("0.00")
    )
    if order.order_status == Order.Status.SHIPPED:
        shipped = qty
    elif order.order_status == Order.Status.PARTIALLY_SHIPPED:
        shipped = qty if position == 0 else 0
    else:
        shipped = 0
    item_id = _fresh(run.used_item_ids, lambda: factories.make_order_item_id(rng))
    item = factories.OrderItemFactory.build(
        order=order,
        order_item_id=item_id,
        asin=product.asin,
        seller_sku=product.sku,
        title=product.title,
        quantity_ordered=qty,
        quantity_shipped=shipped,
        item_price=item_price,
        item_tax=money((item_price - promo) * tax_rate),
        shipping_price=shipping,
        shipping_tax=money(shipping * tax_rate),
        shipping_discount=Decimal("0.00"),
        promotion_discount=promo,
        promotion_ids=["PLM-" + "".join(rng.choices(string.digits, k=8))]
        if promo
        else [],
        is_gift=rng.random() < 0.03,
        position=position,
    )
    gift_details(
        item,
        mfn=order.fulfillment_channel == "MFN",
        tax_rate=tax_rate,
        fx=FX[mp.currency],
    )
    return item


def _settle(
    rng: random.Random, *, order: Order, items: list[OrderItem], anchor: datetime
) -> None:
    """Unit counts, the total and the last update, from the items and status."""
    status, purchase = order.order_status, order.purchase_date
    total = sum((item.line_total for item in items), Decimal("0"))
    if status != Order.Status.CANCELED:
        order.number_of_items_shipped = sum(i.quantity_shipped for i in items)
        order.number_of_items_unshipped = sum(
            i.quantity_ordered - i.quantity_shipped for i in items
        )
    else:
        order.number_of_items_shipped = order.number_of_items_unshipped = 0
    order.order_total = None if status == Order.Status.CANCELED else money(total)
    if status == Order.Status.SHIPPED:
        ship_time = purchase + timedelta(hours=rng.randrange(4, 40))
        order.last_update_date = min(ship_time, anchor)
    elif status == Order.Status.PARTIALLY_SHIPPED:
        order.last_update_date = min(
            purchase + timedelta(hours=rng.randrange(2, 20)), anchor
        )
    elif status == Order.Status.CANCELED:
        order.last_update_date = min(
            purchase + timedelta(minutes=rng.randrange(5, 600)), anchor
        )
    else:
        order.last_update_date = purchase + timedelta(minutes=rng.randrange(1, 30))
