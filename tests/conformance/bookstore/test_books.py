"""GET /api/books and /api/books/{isbn}."""

import pytest

from .contract import assert_validation, books, hyphenated, isbn10

FIELDS = {"isbn", "title", "author", "publisher", "year", "price", "stock", "in_stock"}


def test_the_list_is_a_page_of_books(http):
    body = http.get("/api/books", params={"size": 7}).json()

    assert {"items", "total", "page", "size", "pages"} <= set(body)
    assert body["page"] == 1 and body["size"] == 7 and len(body["items"]) == 7
    assert body["pages"] == -(-body["total"] // 7)
    assert all(set(b) >= FIELDS for b in body["items"])


def test_pages_do_not_overlap(http):
    first = books(http, size=5, page=1)
    second = books(http, size=5, page=2)

    assert not {b["isbn"] for b in first} & {b["isbn"] for b in second}


def test_in_stock_filter(http):
    assert all(b["stock"] > 0 for b in books(http, in_stock="true", size=100))
    assert all(b["stock"] == 0 for b in books(http, in_stock="false", size=100))


def test_price_range_and_sort(http):
    found = books(http, min_price="10", max_price="30", sort="price", size=100)

    prices = [b["price"] for b in found]
    assert prices and all(10 <= p <= 30 for p in prices)
    assert prices == sorted(prices)


def test_descending_sort(http):
    years = [b["year"] for b in books(http, sort="-year", size=50)]

    assert years == sorted(years, reverse=True)


def test_author_and_title_search(http):
    sample = books(http, size=1)[0]
    surname = sample["author"].split()[-1]
    word = max(sample["title"].split(), key=len)

    assert all(surname.lower() in b["author"].lower()
               for b in books(http, author=surname.lower(), size=100))  # fmt: skip
    assert sample["isbn"] in {b["isbn"] for b in books(http, q=word, size=100)}


def test_bad_query_parameters_are_each_named(http):
    response = http.get("/api/books", params={"size": 0, "page": "one", "sort": "?"})

    assert_validation(response, ("query", "size"), ("query", "page"), ("query", "sort"))


@pytest.mark.parametrize("form", [str, hyphenated, isbn10])
def test_a_book_by_any_isbn_form(http, stocked, form):
    response = http.get(f"/api/books/{form(stocked['isbn'])}")

    assert response.status_code == 200
    assert response.json()["isbn"] == stocked["isbn"]


def test_an_unknown_isbn_is_a_404(http):
    response = http.get("/api/books/9791234567896")  # valid, never seeded

    assert response.status_code == 404
    assert isinstance(response.json()["detail"], str)


@pytest.mark.parametrize(
    "bad", ["9780306406158", "12345", "0306406153", "97803064061X7"]
)
def test_a_malformed_isbn_is_a_422(http, bad):
    assert_validation(http.get(f"/api/books/{bad}"), ("path", "isbn"))
