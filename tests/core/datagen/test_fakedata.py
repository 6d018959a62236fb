"""Realistic scalars by format, property name and x-faker hint (seeded)."""

import datetime as dt
import random
import re
import uuid

import pytest

from apps.core.datagen import (
    FORMATS,
    call_faker,
    number_range_by_name,
    string_by_name,
)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_gives_the_same_string_for_the_same_seed(fmt):
    first = FORMATS[fmt](random.Random(9))
    assert isinstance(first, str) and first
    assert first == FORMATS[fmt](random.Random(9))


def test_formats_have_their_shape():
    rng = random.Random(3)
    assert uuid.UUID(FORMATS["uuid"](rng)).version == 4
    assert dt.date.fromisoformat(FORMATS["date"](rng))
    assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", FORMATS["email"](rng))
    assert FORMATS["uri"](rng).startswith("https://")


@pytest.mark.parametrize(
    ("name", "shape"),
    [
        ("customer_email", r"[^@\s]+@[^@\s]+\.[a-z]+"),
        ("orderId", r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"),
        ("created_at", r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"),
        ("postal-code", r"\d{5}"),
        ("sku", r"[A-Z]{3}-\d{5}"),
    ],
)
def test_property_names_choose_realistic_strings(name, shape):
    assert re.fullmatch(shape, string_by_name(name, random.Random(1)))


def test_a_name_that_says_nothing_gives_no_string():
    assert string_by_name("xyzzy", random.Random(1)) is None
    assert string_by_name(None, random.Random(1)) is None


def test_numeric_names_have_realistic_ranges():
    assert number_range_by_name("unit_price") == (1, 500, 2)
    assert number_range_by_name("Age") == (18, 90, 0)
    assert number_range_by_name("xyzzy") is None


def test_x_faker_hint_is_seeded():
    first = call_faker("company", random.Random(5))
    assert isinstance(first, str) and first
    assert first == call_faker("company", random.Random(5))


def test_x_faker_hint_takes_arguments():
    hint = {"pyint": {"min_value": 3, "max_value": 3}}
    assert call_faker(hint, random.Random(0)) == 3


def test_x_faker_dates_are_json_strings():
    value = call_faker("date_of_birth", random.Random(0))
    assert dt.date.fromisoformat(value)


@pytest.mark.parametrize(
    "hint",
    ["seed", "seed_instance", "binary", "no_such_method", "Company!", 7,
     {"pyint": 5}, {"a": {}, "b": {}}],
)  # fmt: skip
def test_unknown_or_unsafe_x_faker_hints_give_nothing(hint):
    assert call_faker(hint, random.Random(0)) is None
