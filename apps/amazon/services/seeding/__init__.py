"""Deterministic seed data that reads like real sellers' accounts.

Same seed (and anchor) → same sellers, credentials, SKUs, ASINs, orders and
inventory. Rules the data keeps:

* every order item is a SKU/ASIN the seller lists in the order's marketplace, with
  the listing's price; AFN orders hold only FBA SKUs, MFN orders only merchant SKUs;
* OrderTotal = Σ(item price + item tax + shipping + shipping tax − discounts);
* status agrees with quantities and dates: Pending/Unshipped ship nothing,
  PartiallyShipped ships some items, Shipped ships all, Canceled ships none and
  has no total; LastUpdateDate ≥ PurchaseDate; ship/delivery windows follow;
* FBA inventory exists for every FBA SKU sold.
"""

import random
import string
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import factory.random
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from faker import Faker

from apps.amazon import factories
from apps.amazon.marketplaces import CA, MARKETPLACES, US
from apps.amazon.models import (
    AccessToken,
    InventoryAddRequest,
    InventoryItem,
    Listing,
    LwaApplication,
    Order,
    OrderItem,
    RefreshToken,
    Report,
    ReportDocument,
    ReportSchedule,
    Seller,
    ShipmentPackage,
    ShipmentPackageItem,
)

CENT = Decimal("0.01")
FX = {"USD": Decimal("1"), "CAD": Decimal("1.36"), "MXN": Decimal("17.2")}
FAKER_LOCALES = {"US": "en_US", "CA": "en_CA", "MX": "es_MX"}
PRODUCT_LINES = [
    ("HOME", ["Bamboo Cutting Board", "Cotton Bath Towel Set", "Ceramic Planter"]),
    (
        "KITCHEN",
        ["Stainless Steel Water Bottle", "Silicone Spatula Set", "French Press"],
    ),
    ("LUGGAGE", ["Hardside Carry-On Spinner", "Packing Cubes 6-Pack", "Travel Duffel"]),
    ("TOYS_AND_GAMES", ["Wooden Puzzle Set", "Magnetic Building Tiles", "Card Game"]),
    ("SPORTING_GOODS", ["Yoga Mat 6mm", "Resistance Bands Set", "Jump Rope"]),
    (
        "OFFICE_PRODUCTS",
        ["Gel Pens 24-Pack", "Desk Organizer", "Spiral Notebook 3-Pack"],
    ),
    ("PET_SUPPLIES", ["Dog Chew Toy", "Cat Scratching Post", "Pet Grooming Brush"]),
]
ADJECTIVES = ["Premium", "Eco", "Classic", "Compact", "Deluxe", "Everyday", "Pro"]
SHIP_LEVELS = {
    "AFN": ("Std US D2D Dom", "Standard"),
    "MFN": ("Std US D2D Dom", "Standard"),
    "AFN_PRIME": ("Expedited", "Expedited"),
}


def anchor_default() -> datetime:
    raw = getattr(settings, "AMAZON_SEED_ANCHOR", "")
    if raw:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    now = timezone.now().astimezone(UTC)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class SellerCredentials:
    selling_partner_id: str
    name: str
    marketplace_ids: list[str]
    refresh_token: str


@dataclass
class SeedSummary:
    client_id: str
    client_secret: str
    sellers: list[SellerCredentials] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Product:
    sku: str
    asin: str
    fnsku: str
    title: str
    product_type: str
    price_usd: Decimal
    fba: bool


def _sku(rng: random.Random, index: int) -> str:
    chars = string.ascii_uppercase + string.digits
    head = "".join(rng.choices(string.ascii_uppercase, k=2))
    body = "".join(rng.choices(chars, k=4)) + "-" + "".join(rng.choices(chars, k=4))
    # Some sellers use slashes in SKUs (bundles); clients send them as %2F.
    return f"{head}/{body}" if index % 9 == 4 else f"{head}-{body}"


def _products(rng: random.Random, count: int) -> list[_Product]:
    products = []
    asins: set[str] = set()
    for index in range(count):
        product_type, names = PRODUCT_LINES[index % len(PRODUCT_LINES)]
        asin = factories.make_asin(rng)
        while asin in asins:
            asin = factories.make_asin(rng)
        asins.add(asin)
        fba = rng.random() < 0.55
        products.append(
            _Product(
                sku=_sku(rng, index),
                asin=asin,
                fnsku=factories.make_fnsku(rng) if fba else "",
                title=f"{rng.choice(ADJECTIVES)} {rng.choice(names)}",
                product_type=product_type,
                price_usd=Decimal(rng.randrange(699, 8999)) / 100,
                fba=fba,
            )
        )
    return products


def wipe_domain_data() -> None:
    """Hard-delete orders (with their shipment packages), listings, inventory,
    reports and report schedules of every seller."""
    ShipmentPackageItem.all_objects.all().hard_delete()
    ShipmentPackage.all_objects.all().hard_delete()
    OrderItem.all_objects.all().hard_delete()
    Order.all_objects.all().hard_delete()
    ReportSchedule.all_objects.all().hard_delete()
    Report.all_objects.all().hard_delete()
    ReportDocument.all_objects.all().hard_delete()
    InventoryItem.all_objects.all().hard_delete()
    InventoryAddRequest.all_objects.all().hard_delete()
    Listing.all_objects.all().hard_delete()


def wipe_seller_data(seller: Seller) -> None:
    ShipmentPackageItem.all_objects.filter(package__order__seller=seller).hard_delete()
    ShipmentPackage.all_objects.filter(order__seller=seller).hard_delete()
    OrderItem.all_objects.filter(order__seller=seller).hard_delete()
    Order.all_objects.filter(seller=seller).hard_delete()
    ReportSchedule.all_objects.filter(seller=seller).hard_delete()
    Report.all_objects.filter(seller=seller).hard_delete()
    ReportDocument.all_objects.filter(seller=seller).hard_delete()
    InventoryItem.all_objects.filter(seller=seller).hard_delete()
    InventoryAddRequest.all_objects.filter(seller=seller).hard_delete()
    Listing.all_objects.filter(seller=seller).hard_delete()


def _stamp(objs: list) -> list:
    epoch = int(time.time())
    for obj in objs:
        obj.created_at_epoch = epoch
    return objs


@transaction.atomic
def seed_amazon(
    *,
    sellers: int = 2,
    orders: int = 200,
    seed: int = 1,
    anchor: datetime | None = None,
) -> SeedSummary:
    """Create (or refresh) the seeded sellers and their data; idempotent per seed."""
    anchor = anchor or anchor_default()
    rng = random.Random(seed)
    factory.random.reseed_random(seed)

    app_client_id = "amzn1.application-oa2-client." + f"{rng.getrandbits(128):032x}"
    app_secret = "amzn1.oa2-cs.v1." + f"{rng.getrandbits(256):064x}"
    app, _ = LwaApplication.all_objects.update_or_create(
        client_id=app_client_id,
        defaults={
            "name": f"Mock SP-API app (seed {seed})",
            "client_secret": app_secret,
            "is_active": True,
            "deleted_at": None,
        },
    )
    summary = SeedSummary(client_id=app_client_id, client_secret=app_secret)
    counts = {"listings": 0, "inventory": 0, "orders": 0, "order_items": 0}
    fakers = {}
    for offset, (country, locale) in enumerate(FAKER_LOCALES.items()):
        fake = Faker(locale)
        fake.seed_instance(seed * 100 + offset)
        fakers[country] = fake

    per_seller = [
        orders // sellers + (1 if i < orders % sellers else 0) for i in range(sellers)
    ]
    seeded: list[Seller] = []
    for index in range(sellers):
        spid = factories.make_selling_partner_id(rng)
        marketplace_ids = [US, CA] if index % 2 == 0 else [US]
        if index % 3 == 2:
            marketplace_ids.append("A1AM78C64UM0Y8")
        name = fakers["US"].company()
        seller, _ = Seller.all_objects.update_or_create(
            selling_partner_id=spid,
            defaults={
                "name": name,
                "region": "na",
                "marketplace_ids": marketplace_ids,
                "deleted_at": None,
            },
        )
        refresh = "Atzr|" + "".join(
            rng.choices(string.ascii_letters + string.digits + "-_", k=320)
        )
        RefreshToken.all_objects.update_or_create(
            token=refresh,
            defaults={
                "application": app,
                "seller": seller,
                "is_active": True,
                "deleted_at": None,
            },
        )
        summary.sellers.append(SellerCredentials(spid, name, marketplace_ids, refresh))
        wipe_seller_data(seller)
        seeded.append(seller)

    used_order_ids: set[str] = set(
        Order.all_objects.values_list("amazon_order_id", flat=True)
    )
    used_item_ids: set[str] = set(
        OrderItem.all_objects.values_list("order_item_id", flat=True)
    )

    for index, seller in enumerate(seeded):
        marketplace_ids = list(seller.marketplace_ids)
        n_orders = per_seller[index]
        products = _products(rng, max(12, min(60, n_orders // 6 or 12)))
        listings, inventory = [], []
        listing_by_key: dict[tuple[str, str], Listing] = {}
        for product in products:
            created = anchor - timedelta(
                days=rng.randrange(120, 900), minutes=rng.randrange(1440)
            )
            for marketplace_id in marketplace_ids:
                mp = MARKETPLACES[marketplace_id]
                inactive = rng.random() < 0.05
                issues = []
                if rng.random() < 0.1:
                    issues = [
                        {
                            "code": "18027",
                            "message": "We believe the main image has text, logo, graphic, or watermark that is not permitted for this product type.",
                            "severity": "WARNING",
                            "attributeNames": ["main_product_image_locator"],
                            "categories": ["INVALID_IMAGE"],
                        }
                    ]
                price = money(product.price_usd * FX[mp.currency])
                qty = 0 if product.fba else rng.randrange(0, 120)
                listing = factories.ListingFactory.build(
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
                        "condition_type": [
                            {"value": "new_new", "marketplace_id": marketplace_id}
                        ],
                        "purchasable_offer": [
                            {
                                "currency": mp.currency,
                                "our_price": [
                                    {"schedule": [{"value_with_tax": float(price)}]}
                                ],
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
                        Listing.Channel.AMAZON
                        if product.fba
                        else Listing.Channel.MERCHANT
                    ),
                    main_image_url=f"https://m.media-amazon.com/images/I/{product.asin}.jpg",
                    created_date=created,
                    last_updated_date=created + timedelta(days=rng.randrange(1, 100)),
                )
                listings.append(listing)
                listing_by_key[(product.sku, marketplace_id)] = listing
                if product.fba:
                    fulfillable = rng.randrange(0, 300)
                    inventory.append(
                        factories.InventoryItemFactory.build(
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
                                {
                                    "name": "researchingQuantityInShortTerm",
                                    "quantity": rng.randrange(0, 3),
                                },
                                {
                                    "name": "researchingQuantityInMidTerm",
                                    "quantity": rng.randrange(0, 2),
                                },
                                {
                                    "name": "researchingQuantityInLongTerm",
                                    "quantity": 0,
                                },
                            ],
                            customer_damaged_quantity=rng.randrange(0, 3),
                            warehouse_damaged_quantity=rng.randrange(0, 2),
                            distributor_damaged_quantity=0,
                            carrier_damaged_quantity=rng.randrange(0, 2),
                            defective_quantity=rng.randrange(0, 2),
                            expired_quantity=0,
                            last_updated_time=anchor
                            - timedelta(minutes=rng.randrange(10, 60 * 24 * 30)),
                        )
                    )
        Listing.objects.bulk_create(_stamp(listings))
        InventoryItem.objects.bulk_create(_stamp(inventory))
        counts["listings"] += len(listings)
        counts["inventory"] += len(inventory)

        order_rows, item_rows = [], []
        for n in range(n_orders):
            marketplace_id = (
                marketplace_ids[0]
                if rng.random() < 0.7
                else rng.choice(marketplace_ids)
            )
            mp = MARKETPLACES[marketplace_id]
            fake = fakers[mp.country]
            channel = "AFN" if rng.random() < 0.55 else "MFN"
            pool = [
                p
                for p in products
                if p.fba == (channel == "AFN")
                and listing_by_key[(p.sku, marketplace_id)].status
            ] or [p for p in products if p.fba == (channel == "AFN")]
            chosen = rng.sample(
                pool, k=min(len(pool), rng.choice([1, 1, 1, 1, 2, 2, 3]))
            )
            purchase = anchor - timedelta(seconds=rng.randrange(3600, 60 * 86400))
            age = anchor - purchase
            roll = rng.random()
            if age < timedelta(hours=8) and roll < 0.35:
                status = Order.Status.PENDING
            elif age < timedelta(days=2) and channel == "MFN":
                status = (
                    Order.Status.PARTIALLY_SHIPPED
                    if len(chosen) > 1 and roll < 0.3
                    else Order.Status.UNSHIPPED
                )
            elif roll < 0.06:
                status = Order.Status.CANCELED
            else:
                status = Order.Status.SHIPPED
            prime = channel == "AFN" and rng.random() < 0.6
            ship_level, ship_category = SHIP_LEVELS["AFN_PRIME" if prime else channel]
            order_id = factories.make_order_id(rng, marketplace_id)
            while order_id in used_order_ids:
                order_id = factories.make_order_id(rng, marketplace_id)
            used_order_ids.add(order_id)
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
                purchase_order_number=f"PO-{rng.randrange(10000, 99999)}"
                if business
                else "",
                buyer_email="".join(
                    rng.choices(string.ascii_lowercase + string.digits, k=16)
                )
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
            tax_rate = Decimal(mp.tax_rate) if mp.country == "US" else Decimal("0")
            total = Decimal("0")
            shipped_units = unshipped_units = 0
            for position, product in enumerate(chosen):
                listing = listing_by_key[(product.sku, marketplace_id)]
                qty = rng.choice([1, 1, 1, 1, 2, 3])
                item_price = money(listing.price * qty)
                shipping = (
                    Decimal("0.00")
                    if channel == "AFN" or prime
                    else money(Decimal("4.99") * FX[mp.currency])
                )
                promo = (
                    money(item_price * Decimal("0.10"))
                    if rng.random() < 0.08
                    else Decimal("0.00")
                )
                if status == Order.Status.SHIPPED:
                    shipped = qty
                elif status == Order.Status.PARTIALLY_SHIPPED:
                    shipped = qty if position == 0 else 0
                else:
                    shipped = 0
                item_id = factories.make_order_item_id(rng)
                while item_id in used_item_ids:
                    item_id = factories.make_order_item_id(rng)
                used_item_ids.add(item_id)
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
                _gift_details(
                    item, mfn=channel == "MFN", tax_rate=tax_rate, fx=FX[mp.currency]
                )
                item_rows.append(item)
                total += item.line_total
                if status != Order.Status.CANCELED:
                    shipped_units += shipped
                    unshipped_units += qty - shipped
            order.number_of_items_shipped = shipped_units
            order.number_of_items_unshipped = unshipped_units
            order.order_total = (
                None if status == Order.Status.CANCELED else money(total)
            )
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
                order.last_update_date = purchase + timedelta(
                    minutes=rng.randrange(1, 30)
                )
            _regulated_details(order)
            order_rows.append(order)
        Order.objects.bulk_create(_stamp(order_rows), batch_size=500)
        OrderItem.objects.bulk_create(_stamp(item_rows), batch_size=500)
        counts["orders"] += len(order_rows)
        counts["order_items"] += len(item_rows)

    summary.counts = counts
    return summary


GIFT_MESSAGES = (
    "Happy birthday! Love, {name}",
    "Congratulations on the new job!",
    "Merry Christmas from all of us",
    "Thinking of you. {name}",
    "Enjoy, and thank you for everything!",
)


def _gift_details(
    item: OrderItem, *, mfn: bool, tax_rate: Decimal, fx: Decimal
) -> None:
    """Gift wrap, message and Amazon Custom data for getOrderItemsBuyerInfo.

    Drawn from a generator seeded by the item id, not the shared one, so adding
    these fields left every other seeded value as it was. Gift messages and
    Custom data exist for MFN items only, as the model notes."""
    item_rng = random.Random(item.order_item_id)
    if item.is_gift:
        item.gift_wrap_level = item_rng.choice(("Classic", "Premium"))
        item.gift_wrap_price = money(Decimal("3.99") * fx)
        item.gift_wrap_tax = money(item.gift_wrap_price * tax_rate)
        if mfn:
            name = item_rng.choice(("Ana", "Sam", "Kenji", "Priya", "Lukas"))
            item.gift_message_text = item_rng.choice(GIFT_MESSAGES).format(name=name)
    if mfn and item_rng.random() < 0.02:
        token = "".join(item_rng.choices(string.ascii_letters + string.digits, k=22))
        item.customized_url = (
            f"https://zme-caps.amazon.com/t/{token}/{item.order_item_id}.zip"
        )


REGULATED_SHARE = 0.03
REGULATED_REJECTION_REASONS = (
    {
        "RejectionReasonId": "rx_eyewear_reject_expired_prescription",
        "RejectionReasonDescription": "The prescription has expired.",
    },
    {
        "RejectionReasonId": "rx_eyewear_reject_unreadable_prescription",
        "RejectionReasonDescription": "The prescription image cannot be read.",
    },
    {
        "RejectionReasonId": "rx_eyewear_reject_prescriber_unverified",
        "RejectionReasonDescription": "The prescriber could not be verified.",
    },
)
PRESCRIBERS = ("Dr. A. Rivera", "Dr. M. Chen", "Dr. S. Okafor", "Dr. L. Novak")
# Order status → verification status of a regulated order.
REGULATED_VERIFICATION = {
    Order.Status.PENDING: Order.VerificationStatus.PENDING,
    Order.Status.PENDING_AVAILABILITY: Order.VerificationStatus.PENDING,
    Order.Status.UNSHIPPED: Order.VerificationStatus.PENDING,
    Order.Status.CANCELED: Order.VerificationStatus.CANCELLED,
}


def _regulated_details(order: Order) -> None:
    """A few orders carry a regulated item (prescription eyewear) and the form
    the buyer filled in for getOrderRegulatedInfo.

    Drawn from a generator seeded by the order id, not the shared one, so adding
    these fields left every other seeded value as it was. Orders still waiting to
    ship wait for review (Pending); shipped ones were approved before shipping."""
    order_rng = random.Random(order.amazon_order_id)
    if order_rng.random() >= REGULATED_SHARE:
        return
    order.has_regulated_items = True
    order.requires_dosage_label = False
    expires = (
        order.purchase_date + timedelta(days=order_rng.randrange(60, 700))
    ).date()
    token = "".join(order_rng.choices(string.ascii_lowercase + string.digits, k=24))
    order.regulated_info = [
        {
            "FieldId": "rx_patient_name",
            "FieldLabel": "Patient name",
            "FieldType": "Text",
            "FieldValue": order.buyer_name,
        },
        {
            "FieldId": "rx_prescriber_name",
            "FieldLabel": "Prescriber",
            "FieldType": "Text",
            "FieldValue": order_rng.choice(PRESCRIBERS),
        },
        {
            "FieldId": "rx_expiration_date",
            "FieldLabel": "Prescription expiration date",
            "FieldType": "Text",
            "FieldValue": expires.isoformat(),
        },
        {
            "FieldId": "rx_prescription_image",
            "FieldLabel": "Prescription",
            "FieldType": "FileAttachment",
            "FieldValue": f"https://regulated-info.amazon.com/rx/{token}.pdf",
        },
    ]
    order.valid_rejection_reasons = [dict(r) for r in REGULATED_REJECTION_REASONS]
    status = REGULATED_VERIFICATION.get(
        order.order_status, Order.VerificationStatus.APPROVED
    )
    order.verification_status = status
    if status == Order.VerificationStatus.APPROVED:
        reviewed = order.purchase_date + timedelta(minutes=order_rng.randrange(10, 240))
        order.review_date = min(reviewed, order.last_update_date)
        order.external_reviewer_id = f"reviewer-{order_rng.randrange(1000, 9999)}"


@transaction.atomic
def reset_amazon(
    *,
    sellers: int = 2,
    orders: int = 200,
    seed: int = 1,
    anchor: datetime | None = None,
) -> SeedSummary:
    """Back to the seeded state: domain data rebuilt; credentials and issued
    access tokens of the seeded sellers stay valid."""
    wipe_domain_data()
    AccessToken.all_objects.filter(expires_at__lt=timezone.now()).hard_delete()
    return seed_amazon(sellers=sellers, orders=orders, seed=seed, anchor=anchor)
