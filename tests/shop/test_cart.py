"""The cart: one per user, lines with subtotals and a total at today's prices,
quantities above stock refused with the amount available."""

import pytest

from apps.shop.models import CartLine, Product

from .conftest import API

pytestmark = pytest.mark.django_db
CART = f"{API}/cart"


def add(api, product, quantity=1):
    return api.post(
        f"{CART}/items", {"product_id": str(product.pk), "quantity": quantity},
        format="json",
    )  # fmt: skip


def test_the_cart_needs_a_token(anonymous):
    response = anonymous.get(CART)

    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response["WWW-Authenticate"] == "Bearer"


def test_an_empty_cart(api):
    assert api.get(CART).json() == {
        "lines": [], "items": 0, "total": 0.0, "currency": "USD"
    }  # fmt: skip


def test_add_twice_adds_up_with_subtotals_and_total(api, product, kettle):
    add(api, product, 2)
    add(api, product, 1)
    response = add(api, kettle, 2)

    assert response.status_code == 200
    body = response.json()
    assert [(x["product"]["sku"], x["quantity"], x["subtotal"]) for x in body["lines"]] == [
        ("KIT-0001", 3, 104.97), ("KIT-0002", 2, 99.0)
    ]  # fmt: skip
    assert body["total"] == 203.97 and body["items"] == 5
    assert body["lines"][0]["unit_price"] == 34.99


def test_more_than_in_stock_is_refused_with_the_amount_available(api, kettle):
    add(api, kettle, 2)
    response = add(api, kettle, 2)

    assert response.status_code == 409
    assert response.json()["detail"] == {
        "msg": "Only 3 of Electric Kettle available",
        "product_id": str(kettle.pk), "requested": 4, "available": 3,
    }  # fmt: skip
    assert CartLine.objects.get().quantity == 2


def test_bad_lines_are_named_and_change_nothing(api, product):
    response = api.post(
        f"{CART}/items", {"product_id": "nope", "quantity": 0, "qty": 1}, format="json"
    )

    assert response.status_code == 422
    locs = {tuple(e["loc"]) for e in response.json()["detail"]}
    assert locs == {("body", "product_id"), ("body", "quantity"), ("body", "qty")}
    assert not CartLine.objects.exists()


def test_unknown_product_is_a_404(api):
    response = api.post(
        f"{CART}/items", {"product_id": "00000000-0000-4000-8000-000000000000"},
        format="json",
    )  # fmt: skip

    assert response.status_code == 404


def test_change_a_quantity(api, product):
    add(api, product, 1)
    response = api.patch(f"{CART}/items/{product.pk}", {"quantity": 4}, format="json")

    assert response.status_code == 200
    assert response.json()["lines"][0]["quantity"] == 4
    too_many = api.patch(f"{CART}/items/{product.pk}", {"quantity": 11}, format="json")
    assert too_many.status_code == 409 and too_many.json()["detail"]["available"] == 10
    assert CartLine.objects.get().quantity == 4


def test_remove_a_line_and_empty_the_cart(api, product, kettle):
    add(api, product)
    add(api, kettle)

    assert len(api.delete(f"{CART}/items/{product.pk}").json()["lines"]) == 1
    assert api.delete(f"{CART}/items/{product.pk}").status_code == 404
    assert api.delete(CART).json()["lines"] == []


def test_an_out_of_stock_product_shows_as_unavailable(api, product, kettle):
    add(api, product, 2)
    add(api, kettle, 1)
    Product.objects.filter(pk=kettle.pk).update(stock=0)

    body = api.get(CART).json()

    assert [x["available"] for x in body["lines"]] == [True, False]
    assert body["total"] == 69.98


def test_each_user_has_their_own_cart(api, product, other_shopper):
    from .conftest import client_for

    add(api, product)

    assert client_for(other_shopper).get(CART).json()["lines"] == []


def test_a_quantity_above_the_limit_is_a_422(api, product, settings):
    settings.SHOP_MAX_QUANTITY = 5

    response = add(api, product, 6)

    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert (error["loc"], error["type"], error["input"]) == (
        ["body", "quantity"], "less_than_equal", 6
    )  # fmt: skip
    assert not CartLine.objects.exists()


def test_a_full_cart_refuses_another_product(api, product, kettle, settings):
    settings.SHOP_MAX_CART_LINES = 1
    add(api, product)

    response = add(api, kettle)

    assert response.status_code == 409
    assert response.json() == {"detail": "A cart holds at most 1 products"}
    assert CartLine.objects.count() == 1
