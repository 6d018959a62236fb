"""factory-boy factories, shared by tests (and built on the seeder's catalogue)."""

import random
from decimal import Decimal

import factory
from django.utils import timezone

from . import catalogue
from .models import ApiKey, Book, Delivery, Order, Payment, StockMovement

_rng = random.Random()


class BookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Book

    isbn = factory.LazyFunction(lambda: catalogue.isbn13(_rng))
    title = factory.LazyFunction(lambda: catalogue.title(_rng))
    author = factory.Faker("name")
    publisher = "Harbor Lane Press"
    year = 2019
    price = Decimal("12.50")
    stock = 10


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    number = factory.Sequence(lambda n: f"BK-T{n:06d}")
    status = Order.Status.PAID
    customer_name = factory.Faker("name")
    customer_email = factory.Faker("email")
    total = Decimal("25.00")


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    order = factory.SubFactory(OrderFactory)
    transaction_id = factory.Sequence(lambda n: f"txn_test{n:08d}")
    amount = Decimal("25.00")
    currency = "USD"
    card_brand = "visa"
    card_last4 = "4242"


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    order = factory.SubFactory(OrderFactory)
    recipient = factory.Faker("name")
    line1 = "1 Main Street"
    city = "Springfield"
    postal_code = "12345"
    country = "US"
    requested_date = factory.LazyFunction(timezone.localdate)
    scheduled_at = factory.LazyFunction(timezone.now)


class StockMovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StockMovement

    book = factory.SubFactory(BookFactory)
    delta = 5
    stock_after = 15
    reason = StockMovement.Reason.ADJUSTMENT
    actor = "admin@example.com"


class ApiKeyFactory(factory.django.DjangoModelFactory):
    """A key row; the plain key is ``raw`` (only its hash is stored)."""

    class Meta:
        model = ApiKey
        exclude = ("raw",)

    name = factory.Sequence(lambda n: f"test key {n}")
    raw = factory.LazyFunction(ApiKey.generate)
    key_hash = factory.LazyAttribute(lambda o: ApiKey.hash(o.raw))
    prefix = factory.LazyAttribute(lambda o: o.raw[:8])
