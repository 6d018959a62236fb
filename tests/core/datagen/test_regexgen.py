"""Strings generated to match a regular expression."""

import random
import re

import pytest

from apps.core.datagen import RegexUnsupported, generate_matching


@pytest.mark.parametrize(
    "pattern", [r"^[0-9]{3}-[0-9]{7}$", r"^(a|bc)+\d?$", r"^(a+)+$", r"[^abc]{2,}"]
)
def test_regex_generation_matches(pattern):
    for seed in range(50):
        assert re.search(pattern, generate_matching(pattern, random.Random(seed)))


def test_same_seed_gives_the_same_string():
    pattern = r"^[A-Z]{3}-\d{5}$"
    first = generate_matching(pattern, random.Random(42))
    assert first == generate_matching(pattern, random.Random(42))


def test_a_pattern_no_string_can_match_raises():
    with pytest.raises(RegexUnsupported):
        generate_matching(r"^a(?=b)c$", random.Random(0))


@pytest.mark.parametrize("pattern", [r"^([a-z])\1$", r"^(?=a)a$"])
def test_a_pattern_outside_re2_is_refused(pattern):
    # Values are checked with RE2 (linear time), which has no backreferences
    # or lookaround: nothing is generated that requests could not be checked by.
    with pytest.raises(RegexUnsupported, match="RE2"):
        generate_matching(pattern, random.Random(0))


def test_generation_stops_at_the_length_bound():
    # 999 per repeat, each repeat taken up to 5 times, nested: far over the cap.
    pattern = r"^((?:[a-z]{999})+)+$"
    with pytest.raises(RegexUnsupported, match="longer than 10000"):
        generate_matching(pattern, random.Random(0))
