"""Phase 2: a seller's listings in each of its marketplaces, and FBA inventory
for every product Amazon fulfils."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from apps.amazon import factories
from apps.amazon.marketplaces import MARKETPLACES
from apps.amazon.models import InventoryItem, Listing, Seller

from .catalog import FX, Product, money, products
from .state import SeedRun, stamp

IMAGE_ISSUE = {
    "code": "18027",
    "message": "We believe the main image has text, logo, graphic, or watermark that is not permitted for this product type.",
    "severity": "WARNING",
    "attributeNames": ["main_product_image_locator"],
    "categories": ["INVALID_IMAGE"],
}


@dataclass
class Catalog:
    """What a seller sells: the orders phase picks its items from here."""

    products: list[Product]
    listing_by_key: dict[tuple[str, str], Listing]  # (sku, marketplace id)


def seed_listings(run: SeedRun, *, seller: Seller, orders: int) -> Catalog:
    """Enough products for ``orders`` orders (12 to 60), each listed in every
    marketplace of the seller."""
    rng = run.rng
    marketplace_ids = list(seller.marketplace_ids)
    sold = products(rng, max(12, min(60, orders // 6 or 12)))
    listings, inventory = [], []
    listing_by_key: dict[tuple[str, str], Listing] = {}
    for product in sold:
        created = run.anchor - timedelta(
            days=rng.randrange(120, 900), minutes=rng.randrange(1440)
        )
        for marketplace_id in marketplace_ids:
            listing = _listing(
                rng,
                seller=seller,
                product=product,
                marketplace_id=marketplace_id,
                created=created,
            )
            listings.append(listing)
            listing_by_key[(product.sku, marketplace_id)] = listing
            if product.fba:
                inventory.append(
                    _inventory_item(
                        rng,
                        anchor=run.anchor,
                        seller=seller,
                        product=product,
                        marketplace_id=marketplace_id,
                    )
                )
    Listing.objects.bulk_create(stamp(listings))
    InventoryItem.objects.bulk_create(stamp(inventory))
    run.counts["listings"] += len(listings)
    run.counts["inventory"] += len(inventory)
    return Catalog(products=sold, listing_by_key=listing_by_key)


def _listing(
    rng: random.Random,
    *,
    seller: Seller,
    product: Product,
    marketplace_id: str,
    created: datetime,
) -> Listing:
    mp = MARKETPLACES[marketplace_id]
    inactive = rng.random() < 0.05
    issues = [dict(IMAGE_ISSUE)] if rng.random() < 0.1 else []
    price = money(product.price_usd * FX[mp.currency])
    qty = 0 if product.fba else rng.randrange(0, 120)
    return factories.ListingFactory.build(
        seller=seller,
        sku=product.sku,
        marketplace_id=marketplace_id,
        asin=product.asin,
        fnsku=product.fnsku,
        product_type=product.product_type,
        item_name=product.title,
        condition_type="new_new",
        status=[] if inactive else ["BUYABLE", "DISCOVERABLE"],
        attributes={
            "item_name": [
                {
                    "value": product.title,
                    "language_tag": mp.locale,
                    "marketplace_id": marketplace_id,
                }
            ],
            "condition_type": [{"value": "new_new", "marketplace_id": marketplace_id}],
            "purchasable_offer": [
                {
                    "currency": mp.currency,
                    "our_price": [{"schedule": [{"value_with_tax": float(price)}]}],
                    "marketplace_id": marketplace_id,
                }
            ],
            "fulfillment_availability": [
                {
                    "fulfillment_channel_code": "AMAZON_NA"
                    if product.fba
                    else "DEFAULT",
                    **({} if product.fba else {"quantity": qty}),
                }
            ],
        },
        issues=issues,
        price=price,
        currency=mp.currency,
        quantity=qty,
        fulfillment_channel=(
            Listing.Channel.AMAZON if product.fba else Listing.Channel.MERCHANT
        ),
        main_image_url=f"https://m.media-amazon.com/images/I/{product.asin}.jpg",
        created_date=created,
        last_updated_date=created + timedelta(days=rng.randrange(1, 100)),
    )


def _inventory_item(
    rng: random.Random,
    *,
    anchor: datetime,
    seller: Seller,
    product: Product,
    marketplace_id: str,
) -> InventoryItem:
    fulfillable = rng.randrange(0, 300)
    return factories.InventoryItemFactory.build(
        seller=seller,
        marketplace_id=marketplace_id,
        seller_sku=product.sku,
        fnsku=product.fnsku,
        asin=product.asin,
        product_name=product.title,
        fulfillable_quantity=fulfillable,
        inbound_working_quantity=rng.choice([0, 0, 0, 12, 24]),
        inbound_shipped_quantity=rng.choice([0, 0, 24, 48]),
        inbound_receiving_quantity=rng.choice([0, 0, 0, 6]),
        pending_customer_order_quantity=rng.randrange(0, 6),
        pending_transshipment_quantity=rng.randrange(0, 4),
        fc_processing_quantity=rng.randrange(0, 3),
        researching_breakdown=[
            {"name": "researchingQuantityInShortTerm", "quantity": rng.randrange(0, 3)},
            {"name": "researchingQuantityInMidTerm", "quantity": rng.randrange(0, 2)},
            {"name": "researchingQuantityInLongTerm", "quantity": 0},
        ],
        customer_damaged_quantity=rng.randrange(0, 3),
        warehouse_damaged_quantity=rng.randrange(0, 2),
        distributor_damaged_quantity=0,
        carrier_damaged_quantity=rng.randrange(0, 2),
        defective_quantity=rng.randrange(0, 2),
        expired_quantity=0,
        last_updated_time=anchor - timedelta(minutes=rng.randrange(10, 60 * 24 * 30)),
    )
