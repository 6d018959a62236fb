"""check_value: one raw header/parameter value against its spec."""

from types import SimpleNamespace

import pytest

from apps.mocks.engine.values import check_value


def spec(**overrides):
    base = {
        "value_type": "string",
        "minimum": None,
        "maximum": None,
        "min_length": None,
        "max_length": None,
        "pattern": "",
        "enum_values": [],
        "exact_value": "",
    }
    return SimpleNamespace(**{**base, **overrides})


@pytest.mark.parametrize(
    ("value_type", "good", "bad"),
    [
        ("integer", "-12", "1.5"),
        ("number", "1e3", "abc"),
        ("number", "2.5", "nan"),
        ("boolean", "true", "maybe"),
        ("uuid", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3f2504e0"),
        ("date", "2026-11-22", "22/11/2026"),
        ("date-time", "2026-11-22T10:00:00Z", "2026-11-22"),
        ("email", "a@b.co", "not-an-email"),
    ],
)
def test_types_accept_good_values_and_refuse_bad_ones(value_type, good, bad):
    assert check_value(spec(value_type=value_type), good) == []
    assert check_value(spec(value_type=value_type), bad) != []


def test_range_is_inclusive_and_reported():
    s = spec(value_type="integer", minimum=1, maximum=10)
    assert check_value(s, "1") == []
    assert check_value(s, "10") == []
    assert check_value(s, "0") == ["must be at least 1"]
    assert check_value(s, "11") == ["must be at most 10"]


def test_length_pattern_and_enum_problems_are_all_listed():
    s = spec(min_length=3, max_length=4, pattern=r"[a-z]+")
    assert check_value(s, "ab1") == ["must match the pattern '[a-z]+'"]
    assert len(check_value(s, "ABCDEF")) == 2
    assert check_value(spec(value_type="enum", enum_values=["asc", "desc"]), "up") == [
        "must be one of asc, desc"
    ]


def test_pattern_must_match_the_whole_value():
    assert check_value(spec(pattern=r"\d+"), "12a") != []


def test_exact_value_wins_over_the_rest():
    s = spec(value_type="integer", exact_value="42")
    assert check_value(s, "42") == []
    assert check_value(s, "43") == ["must equal '42'"]
