"""One cart per user: add (adds to a line), over-stock refusals naming the
available amount, change a quantity, remove a line, empty it."""

from . import contract
from .contract import API


def test_add_answers_the_cart_with_lines_and_total(shopper, product):
    response = contract.add(shopper, product["id"], 2)

    assert response.status_code == 200, response.text
    cart = response.json()
    (line,) = cart["lines"]
    assert line["product"]["id"] == product["id"] and line["quantity"] == 2
    assert line["subtotal"] == 25.0 and line["available"] is True
    assert (cart["items"], cart["total"]) == (2, 25.0)


def test_adding_again_adds_to_the_line(shopper, product):
    contract.add(shopper, product["id"], 1)

    cart = contract.add(shopper, product["id"], 2).json()

    assert [line["quantity"] for line in cart["lines"]] == [3]


def test_more_than_the_stock_is_a_409_naming_the_available_amount(shopper, product):
    response = contract.add(shopper, product["id"], 6)

    detail = contract.assert_detail(response, 409)
    assert detail["available"] == 5 and detail["requested"] == 6
    assert detail["product_id"] == product["id"]
    assert shopper.get(f"{API}/cart").json()["lines"] == []


def test_a_product_out_of_stock_cannot_be_added(shopper, make_product):
    sold_out = make_product(stock=0)

    detail = contract.assert_detail(contract.add(shopper, sold_out["id"]), 409)

    assert detail["available"] == 0


def test_an_unknown_product_is_a_404(shopper):
    contract.assert_message(contract.add(shopper, contract.MISSING), 404)


def test_a_bad_quantity_is_a_422(shopper, product):
    response = shopper.post(f"{API}/cart/items",
                            json={"product_id": product["id"], "quantity": 0})  # fmt: skip

    contract.assert_validation(response, ("body", "quantity"))


def test_change_a_quantity(shopper, product):
    contract.add(shopper, product["id"], 1)

    response = shopper.patch(f"{API}/cart/items/{product['id']}", json={"quantity": 4})

    assert response.status_code == 200, response.text
    assert response.json()["lines"][0]["quantity"] == 4


def test_changing_to_more_than_the_stock_is_a_409(shopper, product):
    contract.add(shopper, product["id"], 1)

    response = shopper.patch(f"{API}/cart/items/{product['id']}", json={"quantity": 9})

    assert contract.assert_detail(response, 409)["available"] == 5
    assert shopper.get(f"{API}/cart").json()["lines"][0]["quantity"] == 1


def test_remove_a_line(shopper, product, make_product):
    other = make_product()
    contract.add(shopper, product["id"])
    contract.add(shopper, other["id"])

    response = shopper.delete(f"{API}/cart/items/{product['id']}")

    assert response.status_code == 200
    assert [x["product"]["id"] for x in response.json()["lines"]] == [other["id"]]


def test_a_product_not_in_the_cart_is_a_404(shopper, product):
    contract.assert_message(shopper.delete(f"{API}/cart/items/{product['id']}"), 404)


def test_empty_the_cart(shopper, product):
    contract.add(shopper, product["id"], 2)

    response = shopper.delete(f"{API}/cart")

    assert response.status_code == 200
    assert (response.json()["lines"], response.json()["items"]) == ([], 0)


def test_a_line_whose_product_ran_out_shows_unavailable(shopper, admin, product):
    contract.add(shopper, product["id"], 2)
    admin.put(f"{API}/admin/products/{product['id']}/inventory", json={"stock": 1})

    cart = shopper.get(f"{API}/cart").json()

    assert cart["lines"][0]["available"] is False
    assert cart["total"] == 0


def test_carts_are_per_user(shopper, other_shopper, product):
    contract.add(shopper, product["id"], 2)

    assert other_shopper.get(f"{API}/cart").json()["lines"] == []
    contract.assert_message(
        other_shopper.delete(f"{API}/cart/items/{product['id']}"), 404
    )
    assert shopper.get(f"{API}/cart").json()["items"] == 2
