"""Admin tools (role admin): roles, products, inventory, shipping, every
user's orders, and reset (last: it drops every order)."""

from . import contract
from .conftest import signed_in
from .contract import API


def test_promote_then_demote(base_url, admin, shopper):
    role = f"{API}/admin/users/{shopper.user['id']}/role"

    promoted = admin.put(role, json={"role": "admin"})
    as_admin = shopper.get(f"{API}/admin/users")
    demoted = admin.put(role, json={"role": "shopper"})

    assert promoted.status_code == 200 and promoted.json()["role"] == "admin"
    assert as_admin.status_code == 200  # the same token: roles apply at once
    assert demoted.json()["role"] == "shopper"
    contract.assert_message(shopper.get(f"{API}/admin/users"), 403)


def test_a_bad_role_is_a_422_and_an_unknown_user_a_404(admin, shopper):
    bad = admin.put(f"{API}/admin/users/{shopper.user['id']}/role",
                    json={"role": "owner"})  # fmt: skip
    unknown = admin.put(f"{API}/admin/users/{contract.MISSING}/role",
                        json={"role": "admin"})  # fmt: skip

    assert contract.assert_validation(bad, ("body", "role"))[0]["input"] == "owner"
    contract.assert_message(unknown, 404)


def test_users_are_listed_in_pages(admin, shopper):
    page = admin.get(f"{API}/admin/users", params={"size": 100}).json()

    assert set(page) == {"items", "total", "page", "size", "pages"}
    assert all("password" not in user for user in page["items"])


def test_set_stock_records_the_change(admin, product):
    response = admin.put(f"{API}/admin/products/{product['id']}/inventory",
                         json={"stock": 12, "note": "count"})  # fmt: skip

    assert response.status_code == 200, response.text
    change = response.json()
    assert (change["product_id"], change["delta"], change["stock_after"]) == (
        product["id"], 7, 12)  # fmt: skip
    assert contract.stock_of(admin, product["id"]) == 12


def test_a_negative_stock_is_a_422(admin, product):
    response = admin.put(f"{API}/admin/products/{product['id']}/inventory",
                         json={"stock": -1})  # fmt: skip

    contract.assert_validation(response, ("body", "stock"))


def test_create_update_and_deactivate_a_product(admin, anon, make_product):
    created = make_product(stock=4, price="9.99")

    updated = admin.patch(f"{API}/admin/products/{created['id']}",
                          json={"price": "7.50", "name": "Renamed Widget"})  # fmt: skip
    withdrawn = admin.delete(f"{API}/admin/products/{created['id']}")

    assert (created["stock"], created["price"], created["active"]) == (4, 9.99, True)
    assert updated.status_code == 200
    assert (updated.json()["price"], updated.json()["name"]) == (7.5, "Renamed Widget")
    assert withdrawn.status_code == 200 and withdrawn.json()["active"] is False
    contract.assert_message(anon.get(f"{API}/products/{created['id']}"), 404)


def test_a_duplicate_sku_is_a_409(admin, product, category):
    response = admin.post(f"{API}/admin/products", json={
        "sku": product["sku"], "name": "Twin", "category": category, "price": "1.00"})  # fmt: skip

    contract.assert_message(response, 409)


def test_every_users_orders_are_listed(admin, shopper, product):
    order = contract.place(shopper, product["id"])

    page = admin.get(f"{API}/admin/orders", params={"size": 100}).json()

    assert order["id"] in {o["id"] for o in page["items"]} or page["total"] > 100


def test_shipping_a_cancelled_or_unknown_order_is_refused(admin, shopper, product):
    order = contract.place(shopper, product["id"])
    shopper.post(f"{API}/orders/{order['id']}/cancel")

    contract.assert_message(admin.post(f"{API}/admin/orders/{order['id']}/ship"), 409)
    contract.assert_message(
        admin.post(f"{API}/admin/orders/{contract.MISSING}/ship"), 404
    )


def test_shipping_twice_is_refused(admin, shopper, product):
    order = contract.place(shopper, product["id"])
    admin.post(f"{API}/admin/orders/{order['id']}/ship")

    contract.assert_message(admin.post(f"{API}/admin/orders/{order['id']}/ship"), 409)


# Last in the module on purpose: it drops every order (the tests above made
# their own products and shoppers, so they never depend on it).
def test_reset_restores_the_seed_and_keeps_registered_users(
    base_url, admin, anon, shopper, product
):
    seeded = contract.products(anon, size=1, sort="-stock")[0]
    admin.put(f"{API}/admin/products/{seeded['id']}/inventory", json={"stock": 0})
    contract.place(shopper, product["id"])

    response = admin.post(f"{API}/admin/reset", json={"seed": 1})

    assert response.status_code == 200, response.text
    assert contract.stock_of(anon, seeded["id"]) == seeded["stock"]
    contract.assert_message(anon.get(f"{API}/products/{product['id']}"), 404)
    assert shopper.get(f"{API}/orders").json()["items"] == []
    again = signed_in(base_url, shopper.user["email"], contract.PASSWORD)
    assert again.user["id"] == shopper.user["id"]
    again.close()
