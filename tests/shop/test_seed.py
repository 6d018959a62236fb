"""The seeded shop: a realistic catalogue with low and zero stock, same seed
same data, demo accounts only when asked for (dev)."""

import pytest

from apps.core import families
from apps.core.seeding import runner
from apps.shop import seeding
from apps.shop.models import Category, Order, Product, ShopUser

pytestmark = pytest.mark.django_db
FAMILY = families.get("shop")


def seed(seed=7, **kw):
    return runner.run(FAMILY, "seed", seed=seed, **kw)


def test_the_catalogue_is_realistic():
    seed()
    products = list(Product.objects.select_related("category"))

    assert len(products) == 60 and Category.objects.count() == 6
    assert any(p.stock == 0 for p in products)
    assert any(1 <= p.stock <= 5 for p in products)
    assert all(p.price > 0 and p.description for p in products)
    assert len({p.name for p in products}) == 60
    assert len({p.category_id for p in products}) >= 5


def test_same_seed_same_data_other_seed_other_data():
    seed(7)
    first = runner.state_digest(FAMILY)
    ids = set(Product.objects.values_list("id", flat=True))
    seed(7)
    assert runner.state_digest(FAMILY) == first
    assert set(Product.objects.values_list("id", flat=True)) == ids
    seed(8)
    assert runner.state_digest(FAMILY) != first


def test_demo_accounts_only_when_enabled(settings):
    settings.SHOP_SEED_DEMO_ACCOUNTS = False
    assert "demo_accounts" not in seed().summary
    assert not ShopUser.objects.exists() and seeding.credentials() == []

    settings.SHOP_SEED_DEMO_ACCOUNTS = True
    summary = seed().summary

    assert summary["demo_accounts"] == [e for e, _n, _r in seeding.DEMO_ACCOUNTS]
    admin = ShopUser.objects.get(email="admin@shop.example")
    assert admin.is_admin and admin.check_password(seeding.DEMO_PASSWORD)
    assert len(seeding.credentials()) == 3


def test_reset_restores_stock_drops_orders_and_keeps_registered_users(
    settings, anonymous
):
    settings.SHOP_SEED_DEMO_ACCOUNTS = True
    seed()
    before = runner.state_digest(FAMILY)
    user = ShopUser.objects.create(email="kept@example.com", name="Kept")
    demo = ShopUser.objects.get(email="alice@shop.example")
    demo.role = ShopUser.Role.ADMIN
    demo.set_password("changed-password-9")
    demo.save()
    product = Product.objects.filter(stock__gt=0).first()
    Product.objects.filter(pk=product.pk).update(stock=0, name="Renamed")
    Order.objects.create(user=user, total=1)

    runner.run(FAMILY, "reset", seed=7)

    assert Product.objects.get(pk=product.pk).stock == product.stock
    assert not Order.objects.exists()
    assert ShopUser.objects.filter(email="kept@example.com").exists()
    demo.refresh_from_db()
    assert demo.role == "shopper" and demo.check_password(seeding.DEMO_PASSWORD)
    ShopUser.objects.filter(pk=user.pk).delete()
    assert runner.state_digest(FAMILY) == before
