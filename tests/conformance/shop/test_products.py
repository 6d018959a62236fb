"""The catalogue, open to anyone: filters, sorting, pages, one product,
categories; a bad parameter is named in a 422, an unknown product a 404."""

from decimal import Decimal

import pytest

from . import contract
from .contract import API


def test_a_page_has_items_total_page_size_pages(anon):
    response = anon.get(f"{API}/products", params={"size": 5, "page": 1})

    assert response.status_code == 200
    page = response.json()
    assert set(page) == {"items", "total", "page", "size", "pages"}
    assert (page["page"], page["size"], len(page["items"])) == (1, 5, 5)
    assert page["pages"] == -(-page["total"] // 5)
    assert {"id", "sku", "name", "price", "stock", "in_stock", "category"} <= set(
        page["items"][0]
    )


def test_pages_do_not_overlap(anon):
    first = contract.products(anon, size=3, page=1)
    second = contract.products(anon, size=3, page=2)

    assert len(second) == 3
    assert not {p["id"] for p in first} & {p["id"] for p in second}


def test_a_page_past_the_end_is_empty(anon):
    page = anon.get(f"{API}/products", params={"size": 100, "page": 999}).json()

    assert page["items"] == [] and page["page"] == 999


@pytest.mark.parametrize("sort, key, reverse", [
    ("price", "price", False), ("-price", "price", True),
    ("stock", "stock", False), ("-stock", "stock", True),
])  # fmt: skip
def test_sorting(anon, sort, key, reverse):
    items = contract.products(anon, sort=sort, size=50)
    values = [Decimal(str(p[key])) if key == "price" else p[key] for p in items]

    assert values == sorted(values, reverse=reverse)


def test_the_category_filter(anon, category):
    items = contract.products(anon, category=category, size=100)

    assert items and {p["category"]["slug"] for p in items} == {category}


def test_the_price_range(anon):
    items = contract.products(anon, min_price="10", max_price="50", size=100)

    assert items and all(10 <= p["price"] <= 50 for p in items)


@pytest.mark.parametrize("in_stock, check", [
    ("true", lambda p: p["stock"] > 0 and p["in_stock"]),
    ("false", lambda p: p["stock"] == 0 and not p["in_stock"]),
])  # fmt: skip
def test_the_in_stock_filter(anon, in_stock, check):
    items = contract.products(anon, in_stock=in_stock, size=100)

    assert items and all(check(p) for p in items)


def test_search_finds_a_product_by_name(anon, product):
    items = contract.products(anon, search=product["name"])

    assert [p["id"] for p in items] == [product["id"]]


def test_bad_parameters_are_named_in_a_422(anon):
    response = anon.get(f"{API}/products",
                        params={"size": 1000, "sort": "rating", "page": 0})  # fmt: skip

    contract.assert_validation(
        response, ("query", "size"), ("query", "sort"), ("query", "page")
    )


def test_an_inverted_price_range_is_a_422(anon):
    response = anon.get(f"{API}/products", params={"min_price": 50, "max_price": 10})

    contract.assert_validation(response, ("query", "min_price"))


def test_one_product(anon, product):
    found = contract.product(anon, product["id"])

    assert found == product


def test_an_unknown_product_is_a_404(anon):
    contract.assert_message(anon.get(f"{API}/products/{contract.MISSING}"), 404)


def test_a_malformed_product_id_is_a_422(anon):
    response = anon.get(f"{API}/products/not-a-uuid")

    contract.assert_validation(response, ("path", "product_id"))


def test_categories(anon):
    response = anon.get(f"{API}/categories")

    assert response.status_code == 200
    categories = response.json()
    assert categories and all({"slug", "name"} <= set(c) for c in categories)
