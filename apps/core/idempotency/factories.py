"""factory-boy factories for the idempotency store (admin and tests)."""

from datetime import timedelta

import factory
from django.utils import timezone

from .models import IdempotencyKey


class IdempotencyKeyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdempotencyKey

    scope = "bookstore.orders"
    principal = "apikey:1"
    key = factory.Sequence(lambda n: f"key-{n}")
    fingerprint = "0" * 64
    status = IdempotencyKey.Status.COMPLETED
    locked_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    response_status = 201
    response_body = {"id": 1}
