"""POST /bookstore/api/orders and GET /orders/{id}: payment and stock in one
transaction; every refusal names what is wrong and changes nothing."""

from decimal import Decimal

import pytest

from apps.bookstore.factories import BookFactory
from apps.bookstore.models import Book, Order, OrderLine, Payment, StockMovement

pytestmark = pytest.mark.django_db

ORDERS = "/bookstore/api/orders"


@pytest.fixture
def unchanged(book):
    """Asserts, after the test's request, that no order, payment, line or
    stock movement exists and that the book's stock is what it was."""
    before = Book.objects.get(pk=book.pk).stock

    def check():
        assert Book.objects.get(pk=book.pk).stock == before
        for model in (Order, OrderLine, Payment, StockMovement):
            assert not model.objects.exists(), model.__name__

    return check


def post(api, body):
    return api.post(ORDERS, body, format="json")


def test_an_order_is_paid_reserved_and_created(api, book, order_body):
    response = post(api, order_body)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "paid"
    assert body["items"] == [{"isbn": book.isbn, "title": "Salt Harbor",
                              "unit_price": 12.5, "quantity": 2, "line_total": 25.0}]  # fmt: skip
    assert body["total"] == 25.0 and body["currency"] == "USD"
    assert body["payment"]["transaction_id"].startswith("txn_")
    assert body["payment"]["card_last4"] == "4242"
    assert body["payment"]["card_brand"] == "visa"
    assert body["delivery"] is None
    book.refresh_from_db()
    assert book.stock == 8
    (movement,) = StockMovement.objects.all()
    assert (movement.delta, movement.stock_after, movement.order_id) == (
        -2, 8, Order.objects.get().pk,
    )  # fmt: skip


def test_the_full_card_number_is_never_stored(api, order_body):
    post(api, order_body)

    payment = Payment.objects.values().get()
    assert not any("4242424242424242" in str(v) for v in payment.values())
    assert not any(str(v) == "123" for v in payment.values())


def test_duplicates_are_merged_into_one_line(api, book, order_body):
    order_body["items"] = [{"isbn": book.isbn, "quantity": 2},
                           {"isbn": "0-306-40615-2", "quantity": 3}]  # fmt: skip

    body = post(api, order_body).json()

    assert [(i["isbn"], i["quantity"]) for i in body["items"]] == [(book.isbn, 5)]
    assert body["total"] == 62.5


def test_the_total_uses_current_prices_and_lines_keep_theirs(api, book, order_body):
    order_id = post(api, order_body).json()["id"]
    Book.objects.filter(pk=book.pk).update(price=Decimal("99.00"))

    body = api.get(f"{ORDERS}/{order_id}").json()

    assert body["items"][0]["unit_price"] == 12.5 and body["total"] == 25.0


def test_a_client_cannot_send_its_own_price(api, order_body, unchanged):
    order_body["total"] = 0.01
    order_body["items"][0]["price"] = 0.01

    response = post(api, order_body)

    assert response.status_code == 422
    assert {tuple(e["loc"]) for e in response.json()["detail"]} == {
        ("body", "total"), ("body", "items", 0, "price")
    }  # fmt: skip
    unchanged()


def test_every_bad_field_is_named_at_once(api, unchanged):
    response = post(api, {
        "items": [{"isbn": "978-0-306-40615-8", "quantity": 0}],
        "customer": {"name": "", "email": "not-an-email"},
        "payment": {"card_number": "4242424242424241", "exp_month": 13,
                    "exp_year": 2099, "cvc": "12"},
    })  # fmt: skip

    assert response.status_code == 422
    assert {tuple(e["loc"]) for e in response.json()["detail"]} == {
        ("body", "items", 0, "isbn"), ("body", "items", 0, "quantity"),
        ("body", "customer", "name"), ("body", "customer", "email"),
        ("body", "payment", "card_number"), ("body", "payment", "exp_month"),
        ("body", "payment", "cvc"),
    }  # fmt: skip
    unchanged()


def test_unknown_isbns_are_each_named(api, book, order_body, unchanged):
    order_body["items"] = [{"isbn": book.isbn, "quantity": 1},
                           {"isbn": "9791234567896", "quantity": 1},
                           {"isbn": "9780262033848", "quantity": 1}]  # fmt: skip

    response = post(api, order_body)

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [(e["loc"], e["input"]) for e in detail] == [
        (["body", "items", 1, "isbn"], "9791234567896"),
        (["body", "items", 2, "isbn"], "9780262033848"),
    ]
    unchanged()


@pytest.mark.parametrize("quantities", [[11], [6, 5]])
def test_quantity_above_the_maximum_is_a_422(
    api, book, order_body, unchanged, quantities
):
    order_body["items"] = [{"isbn": book.isbn, "quantity": q} for q in quantities]

    response = post(api, order_body)

    assert response.status_code == 422
    assert "at most 10" in response.json()["detail"][0]["msg"] or (
        "less than or equal to 10" in response.json()["detail"][0]["msg"]
    )
    unchanged()


def test_too_many_lines_is_a_422(api, book, order_body, settings, unchanged):
    settings.BOOKSTORE_MAX_ITEMS = 2
    order_body["items"] = [{"isbn": book.isbn, "quantity": 1}] * 3

    response = post(api, order_body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "items"]
    unchanged()


def test_an_empty_order_is_a_422(api, order_body, unchanged):
    order_body["items"] = []

    assert post(api, order_body).status_code == 422
    unchanged()


def test_insufficient_stock_names_each_short_isbn(api, book, order_body):
    other = BookFactory(isbn="9781861972712", stock=1)
    plenty = BookFactory(isbn="9780262033848", stock=50)
    order_body["items"] = [{"isbn": book.isbn, "quantity": 10},
                           {"isbn": other.isbn, "quantity": 2},
                           {"isbn": plenty.isbn, "quantity": 1}]  # fmt: skip
    Book.objects.filter(pk=book.pk).update(stock=4)

    response = post(api, order_body)

    assert response.status_code == 409
    assert response.json() == {"detail": {"message": "Insufficient stock", "items": [
        {"isbn": book.isbn, "requested": 10, "available": 4},
        {"isbn": other.isbn, "requested": 2, "available": 1},
    ]}}  # fmt: skip
    stocks = dict(Book.objects.values_list("isbn", "stock"))
    assert stocks == {book.isbn: 4, other.isbn: 1, plenty.isbn: 50}
    for model in (Order, OrderLine, Payment, StockMovement):
        assert not model.objects.exists(), model.__name__


@pytest.mark.parametrize(
    ("card", "reason"),
    [
        ("4000000000000002", "card_declined"),
        ("4000000000009995", "insufficient_funds"),
        ("4000000000000069", "expired_card"),
        ("4000000000000127", "incorrect_cvc"),
    ],
)
def test_a_declined_payment_is_a_402_with_its_reason(
    api, order_body, unchanged, card, reason
):
    order_body["payment"]["card_number"] = card

    response = post(api, order_body)

    assert response.status_code == 402
    detail = response.json()["detail"]
    assert detail["reason"] == reason and detail["message"] == "Payment declined"
    unchanged()


def test_a_processor_timeout_is_a_504_and_charges_nothing(
    api, order_body, settings, unchanged
):
    settings.BOOKSTORE_PAYMENT_TIMEOUT_SECONDS = 0
    order_body["payment"]["card_number"] = "4000 0000 0000 0119"

    response = post(api, order_body)

    assert response.status_code == 504
    assert "timed out" in response.json()["detail"]
    unchanged()


def test_an_expired_card_date_is_a_422(api, order_body, unchanged):
    order_body["payment"].update(exp_month=1, exp_year=2020)

    response = post(api, order_body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payment", "exp_year"]
    unchanged()


def test_an_expired_card_is_named_with_the_other_bad_fields(api, order_body):
    order_body["payment"].update(exp_month=1, exp_year=2020, cvc="x")

    response = post(api, order_body)

    assert {tuple(e["loc"]) for e in response.json()["detail"]} == {
        ("body", "payment", "exp_year"), ("body", "payment", "cvc"),
    }  # fmt: skip


@pytest.mark.parametrize("number", ["5555555555554444", "378282246310005"])
def test_other_brands_are_recognised(api, order_body, number):
    order_body["payment"]["card_number"] = number
    order_body["payment"]["cvc"] = "1234"

    payment = post(api, order_body).json()["payment"]

    assert payment["card_brand"] in {"mastercard", "amex"}
    assert payment["card_last4"] == number[-4:]


def test_get_order_shows_payment_and_delivery_status(api, order_body):
    created = post(api, order_body).json()

    response = api.get(f"{ORDERS}/{created['id']}")

    assert response.status_code == 200
    assert response.json() == created


def test_unknown_order_is_a_404(api):
    response = api.get(f"{ORDERS}/00000000-0000-0000-0000-000000000000")

    assert response.status_code == 404
    assert response.json() == {"detail": "Order not found"}


def test_malformed_order_id_is_a_422(api):
    response = api.get(f"{ORDERS}/not-a-uuid")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "order_id"]
