"""Idempotency-Key on POST /orders and POST /delivery (apps/core/idempotency):
a retry replays the first answer, never a second order or payment."""

from collections import Counter

import pytest

from apps.bookstore.factories import DeliveryFactory, PaymentFactory
from apps.bookstore.models import Book, Delivery, Order, Payment
from apps.bookstore.services import api_key_create
from apps.core.idempotency.models import IdempotencyKey

from .test_stock_concurrency import fire

pytestmark = pytest.mark.django_db

ORDERS = "/bookstore/api/orders"


def post(api, body, key="retry-1", path=ORDERS):
    return api.post(path, body, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_retry_replays_the_order_without_a_second_charge(api, book, order_body):
    first = post(api, order_body)
    again = post(api, order_body)

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Order.objects.count() == Payment.objects.count() == 1
    assert Book.objects.get(pk=book.pk).stock == 8


def test_a_new_key_places_a_new_order(api, order_body):
    post(api, order_body, key="a")
    post(api, order_body, key="b")

    assert Order.objects.count() == 2


def test_the_same_key_with_another_body_is_a_422_and_changes_nothing(
    api, book, order_body
):
    post(api, order_body)
    order_body["items"][0]["quantity"] = 3

    response = post(api, order_body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["header", "Idempotency-Key"]
    assert Order.objects.count() == 1 and Book.objects.get(pk=book.pk).stock == 8


def test_a_declined_payment_is_replayed_as_declined(api, order_body):
    order_body["payment"]["card_number"] = "4000000000000002"

    first = post(api, order_body)
    again = post(api, order_body)

    assert first.status_code == again.status_code == 402
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"


def test_a_key_in_use_by_a_running_request_is_a_409(api, order_body):
    post(api, order_body)
    IdempotencyKey.objects.update(status=IdempotencyKey.Status.IN_PROGRESS)

    response = post(api, order_body)

    assert response.status_code == 409
    assert "still being processed" in response.json()["detail"]


def test_a_key_over_255_characters_is_a_422(api, order_body):
    response = post(api, order_body, key="k" * 256)

    assert response.status_code == 422
    assert not Order.objects.exists()


def test_two_api_keys_may_use_the_same_idempotency_key(api, client, order_body):
    post(api, order_body)
    _, other = api_key_create(name="other")

    response = client.post(
        ORDERS, order_body, content_type="application/json",
        HTTP_X_API_KEY=other, HTTP_IDEMPOTENCY_KEY="retry-1",
    )  # fmt: skip

    assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert Order.objects.count() == 2


def test_a_delivery_retry_replays_the_delivery(api, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # nothing may progress meanwhile
    order = PaymentFactory().order
    body = {
        "order_id": str(order.pk),
        "address": {"recipient": "Ada", "line1": "1 Main St", "city": "Boston",
                    "postal_code": "02118", "country": "US"},
        "requested_date": str(DeliveryFactory.build().requested_date),
    }  # fmt: skip

    first = post(api, body, path="/bookstore/api/delivery")
    again = post(api, body, path="/bookstore/api/delivery")

    assert first.status_code == 201, first.content
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert Delivery.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.slow
def test_concurrent_retries_place_exactly_one_order(live_bookstore, order_body):
    _, key = api_key_create(name="retrier")
    server = live_bookstore(workers=2)
    order_body["payment"]["card_number"] = "4242424242424242"

    responses = fire(
        server.url, key, [order_body] * 20, headers={"Idempotency-Key": "same-key"}
    )

    statuses = Counter(
        (r.status_code, r.headers.get("Idempotent-Replayed")) for r in responses
    )
    assert statuses[(201, None)] == 1, statuses
    assert set(statuses) <= {(201, None), (201, "true"), (409, None)}
    assert len({r.json()["id"] for r in responses if r.status_code == 201}) == 1
    assert Order.objects.count() == Payment.objects.count() == 1
    assert Book.objects.get().stock == 8
