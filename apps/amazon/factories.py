"""factory-boy factories shared by the tests and ``seed_amazon``.

Identifier helpers take a ``random.Random`` so the seeder can produce the same
ids for the same seed; factories draw from factory-boy's own (reseedable) random.
"""

import random
import string
from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.random import randgen

from apps.amazon import models
from apps.amazon.marketplaces import US

UPPER_DIGITS = string.ascii_uppercase + string.digits


def make_selling_partner_id(rng: random.Random) -> str:
    return "A" + "".join(rng.choices(UPPER_DIGITS, k=13))


def make_asin(rng: random.Random) -> str:
    return "B0" + "".join(rng.choices(UPPER_DIGITS, k=8))


def make_fnsku(rng: random.Random) -> str:
    return "X00" + "".join(rng.choices(UPPER_DIGITS, k=7))


def make_order_id(rng: random.Random, marketplace_id: str = US) -> str:
    # Amazon's 3-7-7 ids; the first group hints the marketplace family.
    first = {
        "ATVPDKIKX0DER": ("111", "112", "113", "114"),
        "A2EUQ1WTGCTBG2": ("701", "702"),
        "A1AM78C64UM0Y8": ("701", "702"),
    }.get(marketplace_id, ("202", "203", "204", "205", "206"))
    return (
        f"{rng.choice(first)}-{rng.randrange(10**6, 10**7):07d}-"
        f"{rng.randrange(10**6, 10**7):07d}"
    )


def make_order_item_id(rng: random.Random) -> str:
    return f"{rng.randrange(10**13, 10**14):014d}"


def make_report_id(rng: random.Random) -> str:
    return str(rng.randrange(10**10, 10**11))


class LwaApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.LwaApplication
        django_get_or_create = ("client_id",)

    name = factory.Sequence(lambda n: f"Integration app {n}")
    client_id = factory.LazyFunction(
        lambda: "amzn1.application-oa2-client." + f"{randgen.getrandbits(128):032x}"
    )
    client_secret = factory.LazyFunction(
        lambda: "amzn1.oa2-cs.v1." + f"{randgen.getrandbits(256):064x}"
    )


class SellerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Seller
        django_get_or_create = ("selling_partner_id",)

    selling_partner_id = factory.LazyFunction(lambda: make_selling_partner_id(randgen))
    name = factory.Faker("company")
    region = "na"
    marketplace_ids = factory.LazyFunction(lambda: [US])


class RefreshTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RefreshToken

    application = factory.SubFactory(LwaApplicationFactory)
    seller = factory.SubFactory(SellerFactory)
    token = factory.LazyFunction(
        lambda: "Atzr|" + "".join(randgen.choices(string.ascii_letters, k=300))
    )


class AccessTokenFactory(factory.django.DjangoModelFactory):
    """An issued access token; the plain token is not kept (only its hash)."""

    class Meta:
        model = models.AccessToken

    application = factory.SubFactory(LwaApplicationFactory)
    seller = factory.SubFactory(SellerFactory)
    token_hash = factory.LazyFunction(
        lambda: models.hash_token(
            "Atza|" + "".join(randgen.choices(string.ascii_letters, k=64))
        )
    )
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=1))


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Listing

    seller = factory.SubFactory(SellerFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    marketplace_id = US
    asin = factory.LazyFunction(lambda: make_asin(randgen))
    fnsku = factory.LazyFunction(lambda: make_fnsku(randgen))
    product_type = "HOME"
    item_name = factory.Faker("catch_phrase")
    condition_type = "new_new"
    status = factory.LazyFunction(lambda: ["BUYABLE", "DISCOVERABLE"])
    attributes = factory.LazyAttribute(
        lambda o: {
            "item_name": [
                {"value": o.item_name, "language_tag": "en_US", "marketplace_id": US}
            ],
            "condition_type": [{"value": o.condition_type, "marketplace_id": US}],
        }
    )
    price = Decimal("19.99")
    currency = "USD"
    quantity = 25
    fulfillment_channel = models.Listing.Channel.MERCHANT


class InventoryItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.InventoryItem

    seller = factory.SubFactory(SellerFactory)
    marketplace_id = US
    seller_sku = factory.Sequence(lambda n: f"FBA-SKU-{n:05d}")
    fnsku = factory.LazyFunction(lambda: make_fnsku(randgen))
    asin = factory.LazyFunction(lambda: make_asin(randgen))
    product_name = factory.Faker("catch_phrase")
    fulfillable_quantity = 40
    inbound_working_quantity = 2
    inbound_shipped_quantity = 3
    inbound_receiving_quantity = 1
    pending_customer_order_quantity = 2
    pending_transshipment_quantity = 1
    fc_processing_quantity = 0
    researching_breakdown = factory.LazyFunction(
        lambda: [
            {"name": "researchingQuantityInShortTerm", "quantity": 1},
            {"name": "researchingQuantityInMidTerm", "quantity": 0},
            {"name": "researchingQuantityInLongTerm", "quantity": 0},
        ]
    )
    customer_damaged_quantity = 1
    last_updated_time = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class InventoryAddRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.InventoryAddRequest

    seller = factory.SubFactory(SellerFactory)
    idempotency_token = factory.Sequence(lambda n: f"idem-{n:06d}")
    body_hash = factory.Sequence(lambda n: f"{n:064x}")
    inventory_items = factory.LazyFunction(list)


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Order

    seller = factory.SubFactory(SellerFactory)
    amazon_order_id = factory.LazyFunction(lambda: make_order_id(randgen))
    marketplace_id = US
    purchase_date = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
    last_update_date = factory.LazyAttribute(
        lambda o: o.purchase_date + timedelta(hours=2)
    )
    order_status = models.Order.Status.SHIPPED
    fulfillment_channel = models.Order.Channel.MFN
    sales_channel = "Amazon.com"
    ship_service_level = "Std US D2D Dom"
    currency = "USD"
    order_total = Decimal("21.64")
    number_of_items_shipped = 1
    number_of_items_unshipped = 0
    payment_method_details = factory.LazyFunction(lambda: ["Standard"])
    earliest_ship_date = factory.LazyAttribute(
        lambda o: o.purchase_date + timedelta(days=1)
    )
    latest_ship_date = factory.LazyAttribute(
        lambda o: o.purchase_date + timedelta(days=2)
    )
    earliest_delivery_date = factory.LazyAttribute(
        lambda o: o.purchase_date + timedelta(days=4)
    )
    latest_delivery_date = factory.LazyAttribute(
        lambda o: o.purchase_date + timedelta(days=8)
    )
    buyer_email = factory.LazyFunction(
        lambda: (
            "".join(randgen.choices(string.ascii_lowercase + string.digits, k=14))
            + "@marketplace.amazon.com"
        )
    )
    buyer_name = factory.Faker("name")
    ship_name = factory.SelfAttribute("buyer_name")
    ship_address_line1 = factory.Faker("street_address")
    ship_city = factory.Faker("city")
    ship_state = factory.Faker("state_abbr")
    ship_postal_code = factory.Faker("postcode")
    ship_country_code = "US"
    ship_phone = factory.Faker("phone_number")

    class Params:
        # An order with a regulated item waiting for the seller's review.
        regulated = factory.Trait(
            has_regulated_items=True,
            requires_dosage_label=False,
            verification_status=models.Order.VerificationStatus.PENDING,
            regulated_info=factory.LazyFunction(
                lambda: [
                    {
                        "FieldId": "rx_patient_name",
                        "FieldLabel": "Patient name",
                        "FieldType": "Text",
                        "FieldValue": "Jane Doe",
                    },
                    {
                        "FieldId": "rx_prescription_image",
                        "FieldLabel": "Prescription",
                        "FieldType": "FileAttachment",
                        "FieldValue": "https://regulated-info.amazon.com/rx/abc.pdf",
                    },
                ]
            ),
            valid_rejection_reasons=factory.LazyFunction(
                lambda: [
                    {
                        "RejectionReasonId": "rx_eyewear_reject_expired_prescription",
                        "RejectionReasonDescription": "The prescription has expired.",
                    },
                    {
                        "RejectionReasonId": "rx_eyewear_reject_unreadable_prescription",
                        "RejectionReasonDescription": (
                            "The prescription image cannot be read."
                        ),
                    },
                ]
            ),
        )


class OrderItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.OrderItem

    order = factory.SubFactory(OrderFactory)
    order_item_id = factory.LazyFunction(lambda: make_order_item_id(randgen))
    asin = factory.LazyFunction(lambda: make_asin(randgen))
    seller_sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    title = factory.Faker("catch_phrase")
    quantity_ordered = 1
    quantity_shipped = 1
    item_price = Decimal("19.99")
    item_tax = Decimal("1.65")

    class Params:
        gift = factory.Trait(
            is_gift=True,
            gift_wrap_level="Classic",
            gift_wrap_price=Decimal("3.99"),
            gift_wrap_tax=Decimal("0.33"),
            gift_message_text="Happy birthday! Love, Ana",
        )


class ReportDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReportDocument

    seller = factory.SubFactory(SellerFactory)
    document_id = factory.Sequence(
        lambda n: f"amzn1.spdoc.1.4.na.00000000-0000-4000-8000-{n:012d}.T1MOCK.5600"
    )
    content = b"sku\tasin\nSKU-1\tB000000001\n"


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Report

    seller = factory.SubFactory(SellerFactory)
    report_id = factory.LazyFunction(lambda: make_report_id(randgen))
    report_type = "GET_MERCHANT_LISTINGS_ALL_DATA"
    marketplace_ids = factory.LazyFunction(lambda: [US])
    created_time = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    data_start_time = factory.SelfAttribute("created_time")
    data_end_time = factory.SelfAttribute("created_time")


class ReportScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReportSchedule

    seller = factory.SubFactory(SellerFactory)
    # Same 11-digit shape as report ids.
    report_schedule_id = factory.LazyFunction(lambda: make_report_id(randgen))
    report_type = "GET_MERCHANT_LISTINGS_ALL_DATA"
    marketplace_ids = factory.LazyFunction(lambda: [US])
    period = "P1D"
    next_report_creation_time = factory.LazyFunction(
        lambda: timezone.now() + timedelta(days=1)
    )


class ShipmentPackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ShipmentPackage

    order = factory.SubFactory(OrderFactory, fulfillment_channel="MFN")
    package_reference_id = factory.Sequence(lambda n: str(n + 1))
    carrier_code = "UPS"
    shipping_method = "Ground"
    tracking_number = factory.Sequence(lambda n: f"1Z999AA1{n:010d}")
    ship_date = factory.LazyFunction(timezone.now)


class ShipmentPackageItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ShipmentPackageItem

    package = factory.SubFactory(ShipmentPackageFactory)
    order_item = factory.SubFactory(
        OrderItemFactory, order=factory.SelfAttribute("..package.order")
    )
    quantity = 1
