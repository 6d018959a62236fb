"""Bookstore calls are recorded with their operation and the key's id, never
the key, a card number or a CVC."""

import json

import pytest

from apps.core.journal import REDACTED, JournalEntry, writer

pytestmark = pytest.mark.django_db


def recorded():
    writer.flush()
    return list(JournalEntry.objects.order_by("id"))


def test_a_call_records_operation_and_key_id_never_the_key(api, api_key, book):
    api.get(f"/bookstore/api/books/{book.isbn}")

    (entry,) = recorded()
    assert (entry.family, entry.operation) == ("bookstore", "getBook")
    assert entry.principal == f"apikey:{api_key.pk}"
    assert {k.lower(): v for k, v in entry.request_headers.items()}[
        "x-api-key"
    ] == REDACTED
    assert api_key.raw not in json.dumps(entry.as_record())


def test_card_number_and_cvc_are_redacted(api, order_body):
    api.post("/bookstore/api/orders", order_body, format="json")

    (entry,) = recorded()
    body = json.loads(entry.request_body)
    assert body["payment"]["card_number"] == REDACTED
    assert body["payment"]["cvc"] == REDACTED
    assert entry.operation == "createOrder" and entry.status == 201
