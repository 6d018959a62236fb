"""Configured patterns are matched with RE2: linear time, whatever the pattern."""

import time

import jsonschema
import pytest

from apps.core.datagen import schema_validator
from apps.core.datagen.patterns import (
    MAX_PATTERN_LENGTH,
    PatternUnsupported,
    compile_pattern,
    fullmatch,
    pattern_problem,
    schema_patterns,
    search,
)

CATASTROPHIC = r"^(a+)+$"
# Python's re takes about 7 s on this value (27 "a" and a "b"); RE2 microseconds.
HOSTILE = "a" * 27 + "b"
# A generous bound: proves "no longer stalls for seconds", not a benchmark.
NO_STALL_SECONDS = 1.5


def test_a_catastrophic_pattern_does_not_stall_fullmatch():
    started = time.perf_counter()
    assert not fullmatch(CATASTROPHIC, HOSTILE)
    assert time.perf_counter() - started < NO_STALL_SECONDS


def test_search_keeps_re_search_semantics():
    assert search(r"\d+", "order 42")
    assert not fullmatch(r"\d+", "order 42")


def test_ecma_unicode_escapes_are_understood():
    assert fullmatch(r"^caf\u00e9$", "café")


def test_shorthand_classes_are_ascii_as_in_ecma_262():
    assert not fullmatch(r"\d", "٣")


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"^(a)\1$", "invalid escape sequence"),
        (r"^(?=a)a$", "invalid perl operator"),
        (r"^(?<!a)b$", "invalid perl operator"),
        (r"^a++$", "bad repetition operator"),
        (r"^(a{100}){100}$", "invalid repetition size"),
        ("a" * (MAX_PATTERN_LENGTH + 1), f"at most {MAX_PATTERN_LENGTH} characters"),
    ],
)
def test_patterns_outside_the_supported_subset_say_why(pattern, reason):
    problem = pattern_problem(pattern)
    assert reason in problem
    with pytest.raises(PatternUnsupported):
        compile_pattern(pattern)


def test_a_supported_pattern_has_no_problem():
    assert pattern_problem(CATASTROPHIC) is None


def test_schema_patterns_finds_patterns_and_pattern_property_keys():
    schema = {
        "properties": {
            "pattern": {"type": "string", "pattern": "^x$"},
            "tags": {"items": {"pattern": "^t"}},
        },
        "patternProperties": {"^k_": {}},
        "enum": [{"pattern": "not a schema"}],
    }
    assert schema_patterns(schema) == [
        ("/patternProperties/^k_", "^k_"),
        ("/properties/pattern/pattern", "^x$"),
        ("/properties/tags/items/pattern", "^t"),
    ]


@pytest.mark.parametrize(
    ("schema", "refused"),
    [
        ({"type": "string", "pattern": CATASTROPHIC}, True),
        (
            {
                "type": "object",
                "patternProperties": {CATASTROPHIC: {"type": "integer"}},
            },
            False,
        ),
        (
            {
                "type": "object",
                "patternProperties": {CATASTROPHIC: {}},
                "additionalProperties": False,
            },
            True,
        ),
    ],
    ids=["pattern", "patternProperties", "additionalProperties"],
)
def test_body_validation_with_a_catastrophic_pattern_does_not_stall(schema, refused):
    instance = HOSTILE if schema["type"] == "string" else {HOSTILE: "x"}
    started = time.perf_counter()
    valid = schema_validator(schema).is_valid(instance)
    assert time.perf_counter() - started < NO_STALL_SECONDS
    assert valid is not refused


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"pattern": "^a"}, "abc"),
        ({"pattern": "^a"}, "cba"),
        ({"patternProperties": {"^n_": {"type": "integer"}}}, {"n_1": "x"}),
        ({"patternProperties": {"^n_": {"type": "integer"}}}, {"n_1": 1}),
        (
            {"patternProperties": {"^n_": {}}, "additionalProperties": False},
            {"n_1": 1, "other": 2},
        ),
        ({"properties": {"a": {}}, "additionalProperties": False}, {"a": 1, "b": 2}),
        ({"additionalProperties": {"type": "string"}}, {"b": 2}),
    ],
)
def test_re2_keywords_agree_with_jsonschema(schema, instance):
    ours = [e.message for e in schema_validator(schema).iter_errors(instance)]
    theirs = [
        e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(instance)
    ]
    assert ours == theirs
