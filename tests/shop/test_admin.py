"""Admin tools (role admin): reset, roles, products, inventory, every user's
orders."""

import pytest

from apps.core import families
from apps.core.seeding import runner
from apps.shop.models import InventoryChange, Order, Product, ShopUser

from .conftest import API

pytestmark = pytest.mark.django_db
ADMIN = f"{API}/admin"
NEW = {"sku": "KIT-0100", "name": "Pepper Mill", "description": "ceramic burr",
       "category": "kitchen", "price": "24.00", "stock": 7}  # fmt: skip


def test_reset_restores_the_seeded_catalogue(admin_api, admin):
    runner.run(families.get("shop"), "seed", seed=3)
    product = Product.objects.filter(stock__gt=0).first()
    Product.objects.filter(pk=product.pk).update(stock=0)
    Order.objects.create(user=admin, total=1)

    response = admin_api.post(f"{ADMIN}/reset", {"seed": 3}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["summary"]["counts"]["products"] == 60
    assert Product.objects.get(pk=product.pk).stock == product.stock
    assert not Order.objects.exists()
    assert ShopUser.objects.filter(pk=admin.pk).exists()  # the caller stays


def test_reset_refuses_a_bad_seed(admin_api):
    response = admin_api.post(f"{ADMIN}/reset", {"seed": -1, "x": 1}, format="json")

    assert response.status_code == 422
    assert {tuple(e["loc"]) for e in response.json()["detail"]} == {
        ("body", "seed"), ("body", "x")
    }  # fmt: skip


def test_promote_and_demote(admin_api, shopper):
    url = f"{ADMIN}/users/{shopper.pk}/role"

    assert (
        admin_api.put(url, {"role": "admin"}, format="json").json()["role"] == "admin"
    )
    assert ShopUser.objects.get(pk=shopper.pk).is_admin
    assert admin_api.put(url, {"role": "shopper"}, format="json").status_code == 200
    bad = admin_api.put(url, {"role": "owner"}, format="json")
    assert bad.status_code == 422 and bad.json()["detail"][0]["input"] == "owner"


def test_the_last_admin_cannot_be_demoted(admin_api, admin):
    response = admin_api.put(
        f"{ADMIN}/users/{admin.pk}/role", {"role": "shopper"}, format="json"
    )

    assert response.status_code == 409
    assert ShopUser.objects.get(pk=admin.pk).is_admin


def test_list_users_and_orders(admin_api, admin, shopper):
    Order.objects.create(user=shopper, total=5)

    users = admin_api.get(f"{ADMIN}/users").json()
    orders = admin_api.get(f"{ADMIN}/orders").json()

    assert [u["email"] for u in users["items"]] == ["ada@example.com",
                                                    "root@example.com"]  # fmt: skip
    assert orders["total"] == 1 and orders["items"][0]["user_id"] == str(shopper.pk)


def test_create_update_and_deactivate_a_product(admin_api, anonymous, category):
    created = admin_api.post(f"{ADMIN}/products", NEW, format="json")
    assert created.status_code == 201, created.json()
    pid = created.json()["id"]

    patched = admin_api.patch(f"{ADMIN}/products/{pid}", {"price": "19.50"},
                              format="json")  # fmt: skip
    assert patched.status_code == 200 and patched.json()["price"] == 19.5
    assert patched.json()["stock"] == 7  # untouched fields keep their values

    assert admin_api.delete(f"{ADMIN}/products/{pid}").json()["active"] is False
    assert anonymous.get(f"{API}/products/{pid}").status_code == 404


def test_product_errors(admin_api, product):
    duplicate = admin_api.post(f"{ADMIN}/products", {**NEW, "sku": product.sku},
                               format="json")  # fmt: skip
    unknown = admin_api.post(f"{ADMIN}/products", {**NEW, "category": "garden"},
                             format="json")  # fmt: skip
    invalid = admin_api.post(f"{ADMIN}/products", {"price": "-1", "stock": -3},
                             format="json")  # fmt: skip

    assert duplicate.status_code == 409
    assert unknown.status_code == 404
    assert invalid.status_code == 422
    assert {e["loc"][1] for e in invalid.json()["detail"]} == {
        "sku", "name", "category", "price", "stock"
    }  # fmt: skip
    assert Product.objects.count() == 1


def test_set_inventory_records_the_change(admin_api, admin, product):
    response = admin_api.put(
        f"{ADMIN}/products/{product.pk}/inventory",
        {"stock": 4, "note": "stock count"}, format="json",
    )  # fmt: skip

    assert response.status_code == 200
    assert response.json()["delta"] == -6 and response.json()["stock_after"] == 4
    change = InventoryChange.objects.get()
    assert (change.reason, change.actor, change.note) == ("admin", admin, "stock count")
    assert Product.objects.get(pk=product.pk).stock == 4


def test_inventory_refuses_negative_stock(admin_api, product):
    response = admin_api.put(
        f"{ADMIN}/products/{product.pk}/inventory", {"stock": -1}, format="json"
    )

    assert response.status_code == 422
    assert Product.objects.get(pk=product.pk).stock == 10


def placed_order(api, product, quantity=2):
    response = api.post(
        f"{API}/cart/items", {"product_id": str(product.pk), "quantity": quantity},
        format="json",
    )  # fmt: skip
    assert response.status_code == 200, response.json()
    return api.post(f"{API}/orders").json()


def test_ship_marks_a_placed_order_shipped(admin_api, api, product):
    order = placed_order(api, product)

    response = admin_api.post(f"{ADMIN}/orders/{order['id']}/ship")

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "shipped"
    assert Order.objects.get(pk=order["id"]).status == "shipped"


def test_a_shipped_order_cannot_be_shipped_again_or_cancelled(admin_api, api, product):
    order = placed_order(api, product)
    admin_api.post(f"{ADMIN}/orders/{order['id']}/ship")

    again = admin_api.post(f"{ADMIN}/orders/{order['id']}/ship")
    cancel = api.post(f"{API}/orders/{order['id']}/cancel")

    assert again.status_code == 409
    assert again.json() == {"detail": "Order is shipped and cannot be shipped"}
    assert cancel.status_code == 409
    assert cancel.json() == {
        "detail": "Order is shipped and can no longer be cancelled"
    }
    assert Product.objects.get(pk=product.pk).stock == 8  # not restored


def test_a_cancelled_order_cannot_be_shipped(admin_api, api, product):
    order = placed_order(api, product)
    api.post(f"{API}/orders/{order['id']}/cancel")

    response = admin_api.post(f"{ADMIN}/orders/{order['id']}/ship")

    assert response.status_code == 409
    assert response.json() == {"detail": "Order is cancelled and cannot be shipped"}
    assert Order.objects.get(pk=order["id"]).status == "cancelled"


def test_shipping_an_unknown_order_is_a_404(admin_api):
    response = admin_api.post(
        f"{ADMIN}/orders/00000000-0000-0000-0000-000000000000/ship"
    )

    assert response.status_code == 404
    assert isinstance(response.json()["detail"], str)


def test_a_shopper_cannot_ship_their_own_order(api, product):
    order = placed_order(api, product)

    response = api.post(f"{ADMIN}/orders/{order['id']}/ship")

    assert response.status_code == 403
    assert Order.objects.get(pk=order["id"]).status == "placed"
