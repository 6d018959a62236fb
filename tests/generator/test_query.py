"""The query rules alone: FastAPI's 422 items, defaults, Accept negotiation."""

import pytest

from apps.core.errors import ApiError
from apps.generator.query import negotiated, parse


def failures(params):
    with pytest.raises(ApiError) as caught:
        parse(params)
    return {f.loc[1]: (f.code, f.input) for f in caught.value.fields}


def test_defaults_are_json_a_thousand_rows_from_zero_in_en_us():
    q = parse({})

    assert (q.format, q.limit, q.offset, q.locale) == ("json", 1000, 0, "en_US")
    assert isinstance(q.seed, int)


def test_an_absent_seed_is_chosen_at_random():
    assert len({parse({}).seed for _ in range(20)}) > 1


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"limit": "0"}, {"limit": ("greater_than_equal", "0")}),
        ({"limit": "10001"}, {"limit": ("less_than_equal", "10001")}),
        ({"limit": "ten"}, {"limit": ("int_parsing", "ten")}),
        ({"seed": "1.5"}, {"seed": ("int_parsing", "1.5")}),
        ({"offset": "-1"}, {"offset": ("greater_than_equal", "-1")}),
        ({"format": "yaml"}, {"format": ("enum", "yaml")}),
        ({"locale": "es_ES"}, {"locale": ("enum", "es_ES")}),
    ],
)
def test_each_bad_parameter_is_named_with_pydantic_s_type(params, expected):
    assert failures(params) == expected


def test_every_bad_parameter_is_named_at_once():
    bad = {"limit": "0", "seed": "x", "format": "yaml", "locale": "xx", "offset": "y"}

    assert set(failures(bad)) == {"limit", "seed", "format", "locale", "offset"}


def test_the_limits_themselves_are_accepted():
    assert parse({"limit": "1"}).limit == 1
    assert parse({"limit": "10000", "seed": "-5"}).limit == 10000


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("", "json"),
        ("*/*", "json"),
        ("text/csv", "csv"),
        ("application/xml", "xml"),
        ("text/xml;q=0.9, application/x-ndjson", "ndjson"),
        ("text/csv;q=0.2, application/xml;q=0.8", "xml"),
        ("image/png", "json"),
        ("text/csv;q=0", "json"),
    ],
)
def test_accept_picks_the_format_when_format_is_absent(accept, fmt):
    assert negotiated(accept) == fmt
    assert parse({}, accept).format == fmt


def test_format_wins_over_accept():
    assert parse({"format": "xml"}, "text/csv").format == "xml"
