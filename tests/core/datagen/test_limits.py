"""Generation limits: schemas beyond them are refused before anything is built,
and one generation stops at its budget instead of running on."""

import time

import pytest

from apps.core.datagen import (
    BudgetExceeded,
    GenerationLimits,
    LimitExceeded,
    generate,
    limits_problem,
    satisfiability_problem,
)

SMALL = GenerationLimits(
    max_items=10, max_properties=5, max_string_length=20, max_depth=6, max_nodes=50
)


def nested(levels: int) -> dict:
    schema: dict = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "array", "items": schema}
    return schema


@pytest.mark.parametrize(
    ("schema", "limit"),
    [
        ({"type": "array", "minItems": 11}, "max_items"),
        ({"type": "array", "contains": {}, "minContains": 11}, "max_items"),
        ({"type": "object", "required": [f"p{i}" for i in range(6)]}, "max_properties"),
        ({"properties": {f"p{i}": {} for i in range(6)}}, "max_properties"),
        ({"type": "object", "minProperties": 6}, "max_properties"),
        ({"type": "string", "minLength": 21}, "max_string_length"),
        (nested(6), "max_depth"),
    ],
)
def test_a_schema_over_a_limit_is_named(schema, limit):
    problem = limits_problem(schema, SMALL)
    assert isinstance(problem, LimitExceeded)
    assert problem.limit == limit


def test_a_schema_at_the_limits_passes():
    schema = {"type": "array", "minItems": 10, "items": {"minLength": 20}}
    assert limits_problem(schema, SMALL) is None
    assert limits_problem(nested(5), SMALL) is None


def test_depth_is_measured_without_recursion():
    # Far past Python's recursion limit: measured, not a RecursionError.
    assert limits_problem(nested(100_000)).limit == "max_depth"


def test_the_default_limits_refuse_the_issues_schemas_at_once():
    started = time.perf_counter()
    million = satisfiability_problem({"type": "array", "minItems": 1_000_000})
    many = satisfiability_problem(
        {"type": "object", "required": [f"p{i}" for i in range(20_000)]}
    )
    assert time.perf_counter() - started < 1  # generous: the check builds nothing
    assert (million.limit, many.limit) == ("max_items", "max_properties")


def test_a_multiplying_schema_within_each_limit_stops_at_the_value_budget():
    # 10 x 10 items is within max_items, but 100+ values is over max_nodes.
    schema = {"type": "array", "minItems": 10, "items": {"minItems": 10}}
    assert limits_problem(schema, SMALL) is None
    with pytest.raises(BudgetExceeded) as excinfo:
        generate(schema, 1, limits=SMALL)
    assert excinfo.value.limit == "max_nodes"


def test_the_byte_budget_stops_a_generation():
    limits = GenerationLimits(max_bytes=200)
    schema = {"type": "array", "minItems": 20, "items": {"minLength": 20}}
    with pytest.raises(BudgetExceeded) as excinfo:
        generate(schema, 1, limits=limits)
    assert excinfo.value.limit == "max_bytes"


def test_the_budget_is_shared_by_every_attempt_of_one_call():
    # "not" makes the schema checked (regenerated on failure); the attempts
    # together may not spend more than one budget.
    schema = {"type": "array", "minItems": 8, "items": {"type": "integer"}, "not": {}}
    with pytest.raises(BudgetExceeded):
        generate(schema, 1, limits=GenerationLimits(max_nodes=30))


def test_the_backstop_refuses_a_stored_schema_over_the_limits():
    # Saved before the limits existed: generation raises, it does not build.
    with pytest.raises(BudgetExceeded) as excinfo:
        generate({"type": "array", "minItems": 1_000_000}, 1)
    assert excinfo.value.limit == "max_items"


def test_satisfiability_reports_the_budget_as_its_limit():
    schema = {"type": "array", "minItems": 10, "items": {"minItems": 10}}
    problem = satisfiability_problem(schema, limits=SMALL)
    assert isinstance(problem, BudgetExceeded)


def test_a_large_schema_within_the_limits_is_checked_quickly():
    schema = {
        "type": "array",
        "minItems": 1000,
        "items": {"type": "object", "required": ["id"], "properties": {"id": {}}},
    }
    started = time.perf_counter()
    assert satisfiability_problem(schema) is None
    assert time.perf_counter() - started < 15  # was 40 seeds x 1000 items
