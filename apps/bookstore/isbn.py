"""ISBN-10 / ISBN-13 parsing: hyphens and spaces allowed, check digit verified.
Every book is stored under its ISBN-13; an ISBN-10 is converted (978 prefix)."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s-]")


class InvalidIsbn(ValueError):
    pass


def isbn13_check_digit(first12: str) -> str:
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def _isbn10_valid(digits: str) -> bool:
    total = sum((10 - i) * (10 if c in "Xx" else int(c)) for i, c in enumerate(digits))
    return total % 11 == 0


def normalize(raw: str) -> str:
    """The ISBN-13 of ``raw``, or InvalidIsbn saying what is wrong with it."""
    value = _SEPARATORS.sub("", raw or "")
    if len(value) == 13:
        if not value.isdigit():
            raise InvalidIsbn("ISBN-13 must contain only digits")
        if value[:3] not in ("978", "979"):
            raise InvalidIsbn("ISBN-13 must start with 978 or 979")
        if isbn13_check_digit(value[:12]) != value[12]:
            raise InvalidIsbn("ISBN-13 check digit is wrong")
        return value
    if len(value) == 10:
        if not (value[:9].isdigit() and (value[9].isdigit() or value[9] in "Xx")):
            raise InvalidIsbn("ISBN-10 must be 9 digits and a digit or X")
        if not _isbn10_valid(value):
            raise InvalidIsbn("ISBN-10 check digit is wrong")
        first12 = "978" + value[:9]
        return first12 + isbn13_check_digit(first12)
    raise InvalidIsbn("ISBN must have 10 or 13 digits (hyphens allowed)")
