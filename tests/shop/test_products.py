"""The catalogue: public, searchable, filtered, sorted and paged; every bad
query parameter named in one 422."""

from decimal import Decimal

import pytest

from apps.shop.models import Category, Product

from .conftest import API

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(product, kettle):
    books = Category.objects.create(slug="books", name="Books")
    Product.objects.create(
        sku="BOO-0001", name="Sourdough Handbook", description="starter to crumb",
        category=books, price=Decimal("19.99"), stock=0,
    )  # fmt: skip
    Product.objects.create(
        sku="BOO-0002", name="Old Atlas", description="withdrawn",
        category=books, price=Decimal("5.00"), stock=4, active=False,
    )  # fmt: skip


def skus(response):
    assert response.status_code == 200, response.json()
    return [p["sku"] for p in response.json()["items"]]


def test_the_catalogue_needs_no_token_and_hides_inactive(anonymous, catalogue):
    response = anonymous.get(f"{API}/products")

    assert skus(response) == ["KIT-0001", "KIT-0002", "BOO-0001"]
    assert response.json()["total"] == 3 and response.json()["pages"] == 1
    item = response.json()["items"][0]
    assert item["price"] == 34.99 and item["category"] == {
        "slug": "kitchen", "name": "Kitchen"
    }  # fmt: skip


def test_a_bad_token_does_not_close_the_catalogue(anonymous, catalogue):
    anonymous.credentials(HTTP_AUTHORIZATION="Bearer nonsense")
    assert anonymous.get(f"{API}/products").status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("search=kettle", ["KIT-0002"]),
        ("search=CRUMB", ["BOO-0001"]),
        ("category=books", ["BOO-0001"]),
        ("min_price=20&max_price=40", ["KIT-0001"]),
        ("in_stock=true", ["KIT-0001", "KIT-0002"]),
        ("in_stock=false", ["BOO-0001"]),
        ("sort=-price", ["KIT-0002", "KIT-0001", "BOO-0001"]),
        ("sort=price&size=2&page=2", ["KIT-0002"]),
    ],
)
def test_filters_sorting_and_paging(anonymous, catalogue, query, expected):
    assert skus(anonymous.get(f"{API}/products?{query}")) == expected


def test_every_bad_parameter_is_named(anonymous, catalogue):
    response = anonymous.get(
        f"{API}/products?page=0&size=1000&sort=rating&min_price=abc&in_stock=maybe"
        "&colour=red"
    )

    assert response.status_code == 422
    locs = {tuple(e["loc"]) for e in response.json()["detail"]}
    assert locs == {("query", n) for n in
                    ("page", "size", "sort", "min_price", "in_stock", "colour")}  # fmt: skip
    inputs = {e["loc"][1]: e["input"] for e in response.json()["detail"]}
    assert inputs["sort"] == "rating" and inputs["size"] == "1000"


def test_min_above_max_is_refused(anonymous, catalogue):
    response = anonymous.get(f"{API}/products?min_price=50&max_price=10")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "min_price"]


def test_one_product(anonymous, product):
    response = anonymous.get(f"{API}/products/{product.pk}")

    assert response.status_code == 200
    assert response.json()["name"] == "Cast Iron Skillet"
    assert response.json()["in_stock"] is True


def test_unknown_bad_and_inactive_products(anonymous, catalogue):
    inactive = Product.objects.get(sku="BOO-0002")
    missing = anonymous.get(f"{API}/products/00000000-0000-4000-8000-000000000000")
    bad = anonymous.get(f"{API}/products/12")

    assert missing.status_code == 404 and missing.json() == {
        "detail": "Product not found"
    }  # fmt: skip
    assert anonymous.get(f"{API}/products/{inactive.pk}").status_code == 404
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["type"] == "uuid_parsing"


def test_categories(anonymous, catalogue):
    response = anonymous.get(f"{API}/categories")

    assert response.json() == [
        {"slug": "books", "name": "Books"},
        {"slug": "kitchen", "name": "Kitchen"},
    ]
