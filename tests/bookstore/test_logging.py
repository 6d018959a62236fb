"""Structured logs: one line per request (request id, operation, status,
latency) and one per business event; JsonFormatter puts them in JSON keys."""

import json
import logging

import pytest

from apps.bookstore.models import Book
from apps.core.logs import JsonFormatter

pytestmark = pytest.mark.django_db


def events(caplog, name):
    return [r for r in caplog.records if getattr(r, "event", None) == name]


def test_one_request_line_with_id_operation_status_and_latency(api, book, caplog):
    caplog.set_level(logging.INFO, logger="bookstore")
    response = api.get(f"/bookstore/api/books/{book.isbn}", HTTP_X_REQUEST_ID="rq-1")

    (line,) = events(caplog, "request")
    assert line.request_id == response["X-Request-Id"] == "rq-1"
    assert (line.operation, line.status) == ("getBook", 200)
    assert line.latency_ms >= 0


def test_business_events_are_logged(api, book, order_body, caplog,
                                    django_capture_on_commit_callbacks):  # fmt: skip
    caplog.set_level(logging.INFO, logger="bookstore")
    with django_capture_on_commit_callbacks(execute=True):
        api.post("/bookstore/api/orders", order_body, format="json")
    order_body["payment"]["card_number"] = "4000000000000002"
    api.post("/bookstore/api/orders", order_body, format="json")
    order_body["payment"]["card_number"] = "4242424242424242"
    Book.objects.filter(pk=book.pk).update(stock=0)
    api.post("/bookstore/api/orders", order_body, format="json")

    (placed,) = events(caplog, "order_placed")
    assert placed.total == "25.00"
    assert events(caplog, "payment_declined")[0].result == "card_declined"
    assert events(caplog, "stock_conflict")[0].short[0]["available"] == 0


def test_the_json_formatter_puts_extra_fields_at_the_top_level():
    record = logging.LogRecord("bookstore.events", logging.INFO, __file__, 1,
                               "order_placed", (), None)  # fmt: skip
    record.event, record.order_id = "order_placed", "o-1"

    line = json.loads(JsonFormatter().format(record))

    assert line["event"] == "order_placed" and line["order_id"] == "o-1"
    assert line["level"] == "INFO" and line["message"] == "order_placed"
    assert "args" not in line and "msecs" not in line
