"""GET /bookstore/metrics: Prometheus text with orders by outcome, payments by
result, stock conflicts, deliveries by status and latency per operation."""

import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from apps.bookstore.factories import DeliveryFactory
from apps.bookstore.models import Book, Delivery

pytestmark = pytest.mark.django_db


def value(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0.0


def scrape(api):
    response = api.get("/bookstore/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.content.decode())
        for s in family.samples
    }


def test_an_order_counts_as_placed_and_its_payment_as_succeeded(
    api, order_body, django_capture_on_commit_callbacks
):
    placed = value("bookstore_orders_total", outcome="placed")
    paid = value("bookstore_payments_total", result="succeeded")

    with django_capture_on_commit_callbacks(execute=True):
        api.post("/bookstore/api/orders", order_body, format="json")

    assert value("bookstore_orders_total", outcome="placed") == placed + 1
    assert value("bookstore_payments_total", result="succeeded") == paid + 1


def test_declines_and_stock_conflicts_are_counted(api, book, order_body):
    declined = value("bookstore_payments_total", result="insufficient_funds")
    conflicts = value("bookstore_stock_conflicts_total")
    order_body["payment"]["card_number"] = "4000000000009995"
    api.post("/bookstore/api/orders", order_body, format="json")
    order_body["payment"]["card_number"] = "4242424242424242"
    Book.objects.filter(pk=book.pk).update(stock=1)
    api.post("/bookstore/api/orders", order_body, format="json")

    assert (
        value("bookstore_payments_total", result="insufficient_funds") == declined + 1
    )
    assert value("bookstore_stock_conflicts_total") == conflicts + 1


def test_deliveries_by_status_come_from_the_database(api):
    DeliveryFactory.create_batch(2)
    DeliveryFactory(status=Delivery.Status.DELIVERED)

    samples = scrape(api)

    assert samples[("bookstore_deliveries", (("status", "scheduled"),))] == 2
    assert samples[("bookstore_deliveries", (("status", "delivered"),))] == 1
    assert samples[("bookstore_deliveries", (("status", "in_transit"),))] == 0


def test_latency_is_a_histogram_per_operation(api, book):
    api.get(f"/bookstore/api/books/{book.isbn}")

    samples = scrape(api)

    key = ("bookstore_request_duration_seconds_count",
           (("operation", "getBook"), ("status", "200")))  # fmt: skip
    assert samples[key] >= 1
    assert not any(name.startswith("python_") for name, _ in samples)
