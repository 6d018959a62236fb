"""Admin for books, orders, payments, deliveries and keys; stock changes made
in admin are logged as stock movements."""

import pytest

from apps.bookstore.factories import DeliveryFactory, PaymentFactory
from apps.bookstore.models import ApiKey, StockMovement

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.mark.parametrize(
    "model", ["book", "order", "payment", "delivery", "apikey", "stockmovement"]
)
def test_changelists_open(admin_client, model, book):
    PaymentFactory()
    DeliveryFactory()

    assert admin_client.get(f"/admin/bookstore/{model}/").status_code == 200


def test_a_stock_change_in_admin_is_logged(admin_client, book, staff_user):
    data = {
        "isbn": book.isbn, "title": book.title, "author": book.author,
        "publisher": book.publisher, "year": book.year, "price": "12.50", "stock": 4,
        "movements-TOTAL_FORMS": 0, "movements-INITIAL_FORMS": 0,
    }  # fmt: skip

    response = admin_client.post(f"/admin/bookstore/book/{book.pk}/change/", data)

    assert response.status_code == 302, response.content[:2000]
    book.refresh_from_db()
    assert book.stock == 4
    (movement,) = StockMovement.objects.all()
    assert (movement.delta, movement.stock_after) == (-6, 4)
    assert movement.actor == f"admin:{staff_user.pk}"


def test_a_key_created_in_admin_is_shown_once_and_stored_hashed(admin_client):
    response = admin_client.post(
        "/admin/bookstore/apikey/add/", {"name": "partner"}, follow=True
    )

    key = ApiKey.objects.get(name="partner")
    shown = next(str(m) for m in response.context["messages"]).rsplit(" ", 1)[1]
    assert ApiKey.hash(shown) == key.key_hash
