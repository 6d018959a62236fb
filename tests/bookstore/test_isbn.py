"""ISBN parsing: both lengths, hyphens, check digits (Django-free)."""

import pytest

from apps.bookstore.isbn import InvalidIsbn, normalize


@pytest.mark.parametrize(
    "raw",
    ["9780306406157", "978-0-306-40615-7", "0306406152", "0-306-40615-2",
     "978 0 306 40615 7"],
)  # fmt: skip
def test_valid_forms_give_the_same_isbn13(raw):
    assert normalize(raw) == "9780306406157"


def test_isbn10_with_x_check_digit_converts():
    assert normalize("080442957X") == "9780804429573"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("9780306406158", "check digit"),
        ("0306406153", "check digit"),
        ("97803064061", "10 or 13"),
        ("978030640615X", "only digits"),
        ("1234567890123", "978 or 979"),
        ("", "10 or 13"),
    ],
)
def test_malformed_isbns_say_what_is_wrong(raw, reason):
    with pytest.raises(InvalidIsbn, match=reason):
        normalize(raw)
