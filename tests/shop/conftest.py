"""Fixtures of the shop tests: users, clients holding their tokens, products."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from apps.shop import tokens
from apps.shop.models import Category, Product, ShopUser

API = "/shop/api/v1"
PASSWORD = "c0rrect-Horse-battery"


def make_user(email, role=ShopUser.Role.SHOPPER):
    user = ShopUser(email=email, name=email.split("@")[0].title(), role=role)
    user.set_password(PASSWORD)
    user.save()
    return user


def client_for(user=None):
    client = APIClient(raise_request_exception=False)
    if user is not None:
        access = tokens.issue(user)["access_token"]
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


@pytest.fixture
def anonymous(db):
    return client_for()


@pytest.fixture
def shopper(db):
    return make_user("ada@example.com")


@pytest.fixture
def other_shopper(db):
    return make_user("grace@example.com")


@pytest.fixture
def admin(db):
    return make_user("root@example.com", ShopUser.Role.ADMIN)


@pytest.fixture
def api(shopper):
    return client_for(shopper)


@pytest.fixture
def admin_api(admin):
    return client_for(admin)


@pytest.fixture
def category(db):
    return Category.objects.create(slug="kitchen", name="Kitchen")


@pytest.fixture
def product(category):
    return Product.objects.create(
        sku="KIT-0001", name="Cast Iron Skillet", description="12-inch, seasoned",
        category=category, price=Decimal("34.99"), stock=10,
    )  # fmt: skip


@pytest.fixture
def kettle(category):
    return Product.objects.create(
        sku="KIT-0002", name="Electric Kettle", description="1.7 litres",
        category=category, price=Decimal("49.50"), stock=3,
    )  # fmt: skip
