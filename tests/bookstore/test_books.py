"""GET /bookstore/api/books and /books/{isbn}: paging, filters, sorting, ISBN forms."""

from decimal import Decimal

import pytest

from apps.bookstore.factories import BookFactory

pytestmark = pytest.mark.django_db

BOOKS = "/bookstore/api/books"


@pytest.fixture
def shelf(db):
    return [
        BookFactory(isbn="9780306406157", title="Salt Harbor", author="Ada Marsh",
                    price=Decimal("9.99"), stock=0),
        BookFactory(isbn="9781861972712", title="The Glass Atlas", author="Owen Lund",
                    price=Decimal("24.50"), stock=3),
        BookFactory(isbn="9780262033848", title="Winter Orchard", author="Ada Vance",
                    price=Decimal("45.00"), stock=12),
    ]  # fmt: skip


def isbns(response):
    assert response.status_code == 200, response.content
    return [b["isbn"] for b in response.json()["items"]]


def test_list_is_paginated_with_totals(api, shelf):
    body = api.get(BOOKS, {"size": 2, "page": 2}).json()

    assert body["total"] == 3 and body["pages"] == 2 and body["page"] == 2
    assert [b["title"] for b in body["items"]] == ["Winter Orchard"]


def test_filter_by_author(api, shelf):
    assert isbns(api.get(BOOKS, {"author": "ada"})) == [
        "9780306406157",
        "9780262033848",
    ]


def test_title_search(api, shelf):
    assert isbns(api.get(BOOKS, {"q": "glass"})) == ["9781861972712"]


@pytest.mark.parametrize(("value", "expected"), [("true", 2), ("false", 1)])
def test_filter_in_stock(api, shelf, value, expected):
    assert len(isbns(api.get(BOOKS, {"in_stock": value}))) == expected


def test_price_range(api, shelf):
    assert isbns(api.get(BOOKS, {"min_price": "10", "max_price": "30"})) == [
        "9781861972712"
    ]


def test_sort_by_price_descending(api, shelf):
    assert isbns(api.get(BOOKS, {"sort": "-price"})) == [
        "9780262033848", "9781861972712", "9780306406157",
    ]  # fmt: skip


def test_every_bad_query_parameter_is_named(api, shelf):
    response = api.get(
        BOOKS, {"size": "0", "page": "x", "sort": "colour", "min_price": "-1",
                "in_stock": "maybe", "colour": "red"},
    )  # fmt: skip

    assert response.status_code == 422
    locs = {tuple(e["loc"]) for e in response.json()["detail"]}
    assert locs == {("query", n) for n in
                    ("size", "page", "sort", "min_price", "in_stock", "colour")}  # fmt: skip


def test_min_price_above_max_price_is_a_422(api, shelf):
    response = api.get(BOOKS, {"min_price": "30", "max_price": "10"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "min_price"]


def test_page_size_is_capped(api, shelf, settings):
    settings.BOOKSTORE_PAGE_SIZE_MAX = 2

    assert api.get(BOOKS, {"size": 3}).status_code == 422


@pytest.mark.parametrize("form", ["9780306406157", "978-0-306-40615-7", "0306406152"])
def test_one_book_by_any_isbn_form(api, shelf, form):
    response = api.get(f"{BOOKS}/{form}")

    assert response.status_code == 200
    assert response.json() == {
        "isbn": "9780306406157", "title": "Salt Harbor", "author": "Ada Marsh",
        "publisher": "Harbor Lane Press", "year": 2019, "price": 9.99, "stock": 0,
        "in_stock": False,
    }  # fmt: skip


def test_unknown_isbn_is_a_404(api, shelf):
    response = api.get(f"{BOOKS}/9791234567896")

    assert response.status_code == 404
    assert response.json() == {"detail": "Book not found"}


@pytest.mark.parametrize("bad", ["9780306406158", "030640615", "0306406153", "abc"])
def test_malformed_isbn_is_a_422_on_the_path(api, shelf, bad):
    response = api.get(f"{BOOKS}/{bad}")

    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["path", "isbn"] and error["input"] == bad
