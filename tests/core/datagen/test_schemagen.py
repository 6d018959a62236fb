"""Values from JSON Schema: every generated value validates.

A property test over many generated schemas plus a corpus of real-world-style
schemas (zero invalid values), determinism, realism and refusal of schemas no
value satisfies. (The mock models' save-time refusal is tested in
tests/mocks/test_engine_generate.py.)
"""

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.core.datagen import (
    GenerationError,
    Unsatisfiable,
    generate,
    needs_check,
    satisfiability_problem,
    schema_validator,
)

CUSTOMER = json.loads(
    (
        Path(__file__).resolve().parents[2] / "fixtures" / "customer.schema.json"
    ).read_text()
)

# --- a strategy of satisfiable schemas ----------------------------------------

NAMES = [
    "id",
    "name",
    "email",
    "price",
    "age",
    "city",
    "created_at",
    "tags",
    "note",
    "x1",
    "qty",
    "url",
]
FORMATS = [
    "uuid",
    "email",
    "date",
    "date-time",
    "time",
    "uri",
    "hostname",
    "ipv4",
    "ipv6",
]
PATTERNS = [
    r"^[A-Z]{2}-\d{3}$",
    r"^[a-z]+(-[a-z]+)*$",
    r"\d{5}",
    r"^(foo|bar)_[0-9a-f]{4}$",
    r"^\w{3,8}$",
]


@st.composite
def strings(draw):
    schema = {"type": "string"}
    kind = draw(st.sampled_from(["plain", "format", "pattern", "faker"]))
    if kind == "plain":
        lo = draw(st.integers(0, 20))
        schema["minLength"] = lo
        if draw(st.booleans()):
            schema["maxLength"] = lo + draw(st.integers(0, 30))
    elif kind == "format":
        schema["format"] = draw(st.sampled_from(FORMATS))
    elif kind == "pattern":
        schema["pattern"] = draw(st.sampled_from(PATTERNS))
    else:
        schema["x-faker"] = draw(
            st.sampled_from(["name", "address.city", "company", "color_name"])
        )
    return schema


@st.composite
def numbers(draw):
    schema = {"type": draw(st.sampled_from(["integer", "number"]))}
    lo = draw(st.integers(-1000, 1000))
    if draw(st.booleans()):
        schema["minimum"] = lo
    if draw(st.booleans()):
        schema["maximum"] = lo + draw(st.integers(2, 500))
    if draw(st.booleans()) and "minimum" in schema:
        schema["exclusiveMinimum"] = schema.pop("minimum")
    if draw(st.booleans()):
        schema["multipleOf"] = draw(
            st.sampled_from(
                [1, 2, 5, 0.5, 0.25, 0.01]
                if schema["type"] == "number"
                else [1, 2, 3, 5]
            )
        )
        schema.setdefault("maximum", lo + 600)
    return schema


leaves = st.one_of(
    strings(),
    numbers(),
    st.just({"type": "boolean"}),
    st.just({"type": "null"}),
    st.lists(
        st.one_of(st.integers(), st.text(max_size=5)),
        min_size=1,
        max_size=4,
        unique=True,
    ).map(lambda v: {"enum": v}),
    st.integers().map(lambda v: {"const": v}),
    st.just({"type": ["string", "null"]}),
    st.just({"type": "integer", "nullable": True}),
)


def containers(children):
    @st.composite
    def obj(draw):
        props = draw(st.dictionaries(st.sampled_from(NAMES), children, max_size=5))
        schema = {"type": "object", "properties": props}
        if props:
            schema["required"] = draw(
                st.lists(st.sampled_from(sorted(props)), unique=True)
            )
        if draw(st.booleans()):
            schema["additionalProperties"] = False
        return schema

    @st.composite
    def arr(draw):
        lo = draw(st.integers(0, 3))
        schema = {"type": "array", "items": draw(children), "minItems": lo}
        if draw(st.booleans()):
            schema["maxItems"] = lo + draw(st.integers(0, 4))
        return schema

    @st.composite
    def combo(draw):
        key = draw(st.sampled_from(["anyOf", "oneOf"]))
        return {key: [draw(children), {"type": "boolean"}]}

    @st.composite
    def all_of(draw):
        props = draw(
            st.dictionaries(st.sampled_from(NAMES), children, min_size=1, max_size=3)
        )
        return {
            "allOf": [
                {"type": "object", "properties": props},
                {"required": sorted(props)[:1]},
            ]
        }

    return st.one_of(obj(), arr(), combo(), all_of())


schemas = st.recursive(leaves, containers, max_leaves=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schema=schemas, seed=st.integers(0, 2**32 - 1))
def test_generated_bodies_always_validate(schema, seed):
    validator = schema_validator(schema)
    try:
        value = generate(schema, seed)
    except (Unsatisfiable, GenerationError):
        # Only allowed when save time refuses the schema too.
        assert satisfiability_problem(schema) is not None
        return
    errors = [e.message for e in validator.iter_errors(value)]
    assert errors == [], (schema, value)


# --- a corpus of real-world-style schemas ----------------------------------------

CORPUS = {
    "customer": CUSTOMER,
    "openapi_pet": {
        "type": "object",
        "required": ["id", "name"],
        "properties": {
            "id": {"type": "integer", "format": "int64", "minimum": 1},
            "name": {"type": "string", "example": "doggie"},
            "category": {"$ref": "#/definitions/Category"},
            "photoUrls": {
                "type": "array",
                "items": {"type": "string", "format": "uri"},
            },
            "tags": {
                "type": "array",
                "items": {"$ref": "#/definitions/Tag"},
                "uniqueItems": True,
            },
            "status": {"type": "string", "enum": ["available", "pending", "sold"]},
        },
        "definitions": {
            "Category": {
                "type": "object",
                "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
            },
            "Tag": {
                "type": "object",
                "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
            },
        },
        "$schema": "http://json-schema.org/draft-07/schema#",
    },
    "order_2020": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["orderId", "lines", "totals", "createdAt"],
        "additionalProperties": False,
        "properties": {
            "orderId": {"type": "string", "pattern": "^[0-9]{3}-[0-9]{7}-[0-9]{7}$"},
            "createdAt": {"type": "string", "format": "date-time"},
            "lines": {
                "type": "array",
                "minItems": 1,
                "maxItems": 10,
                "items": {"$ref": "#/$defs/line"},
            },
            "totals": {
                "type": "object",
                "required": ["amount", "currency"],
                "properties": {
                    "amount": {
                        "type": "number",
                        "exclusiveMinimum": 0,
                        "multipleOf": 0.01,
                    },
                    "currency": {"const": "USD"},
                },
            },
            "coupon": {"type": ["string", "null"], "maxLength": 12},
            "shipTo": {"oneOf": [{"$ref": "#/$defs/address"}, {"type": "null"}]},
            "point": {
                "type": "array",
                "prefixItems": [
                    {"type": "number", "minimum": -90, "maximum": 90},
                    {"type": "number", "minimum": -180, "maximum": 180},
                ],
                "items": False,
                "minItems": 2,
            },
        },
        "$defs": {
            "line": {
                "type": "object",
                "required": ["sku", "qty", "price"],
                "properties": {
                    "sku": {"type": "string", "pattern": "^[A-Z]{3}-\\d{5}$"},
                    "qty": {"type": "integer", "minimum": 1, "maximum": 99},
                    "price": {"type": "number", "minimum": 0.01, "maximum": 9999},
                },
            },
            "address": {
                "type": "object",
                "required": ["street", "city", "postal_code", "country"],
                "properties": {
                    "street": {"type": "string", "minLength": 3},
                    "city": {"type": "string"},
                    "postal_code": {"type": "string", "pattern": "^\\d{5}(-\\d{4})?$"},
                    "country": {
                        "type": "string",
                        "minLength": 2,
                        "maxLength": 2,
                        "pattern": "^[A-Z]{2}$",
                    },
                },
            },
        },
    },
    "user_allof": {
        "allOf": [
            {"$ref": "#/$defs/base"},
            {
                "type": "object",
                "required": ["email"],
                "properties": {
                    "email": {"type": "string", "format": "email"},
                    "role": {"enum": ["admin", "user"]},
                },
            },
        ],
        "$defs": {
            "base": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "created_at": {"type": "string", "format": "date-time"},
                },
            }
        },
    },
    "event_anyof": {
        "type": "object",
        "required": ["type", "payload"],
        "properties": {
            "type": {"enum": ["click", "view"]},
            "payload": {
                "anyOf": [
                    {
                        "type": "object",
                        "required": ["x", "y"],
                        "properties": {
                            "x": {"type": "integer"},
                            "y": {"type": "integer"},
                        },
                    },
                    {"type": "string", "minLength": 1},
                ]
            },
            "ts": {"type": "integer", "minimum": 1600000000, "maximum": 1900000000},
            "ip": {"type": "string", "format": "ipv4"},
            "host": {"type": "string", "format": "hostname"},
            "meta": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "minProperties": 1,
                "maxProperties": 3,
            },
        },
    },
    "tree_recursive": {
        "$defs": {
            "node": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "children": {
                        "type": "array",
                        "items": {"$ref": "#/$defs/node"},
                        "maxItems": 2,
                    },
                },
            }
        },
        "$ref": "#/$defs/node",
    },
    "page_of_products": {
        "type": "object",
        "required": ["items", "page", "total"],
        "properties": {
            "page": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0},
            "items": {
                "type": "array",
                "maxItems": 5,
                "items": {
                    "type": "object",
                    "required": [
                        "id",
                        "title",
                        "price",
                        "currency",
                        "in_stock",
                        "updated_at",
                    ],
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "title": {"type": "string", "minLength": 3, "maxLength": 80},
                        "price": {
                            "type": "number",
                            "minimum": 0,
                            "exclusiveMaximum": 1000,
                        },
                        "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                        "in_stock": {"type": "boolean"},
                        "updated_at": {"type": "string", "format": "date-time"},
                        "rating": {
                            "type": "number",
                            "minimum": 1,
                            "maximum": 5,
                            "nullable": True,
                        },
                        "dimensions": {
                            "type": "object",
                            "properties": {
                                "w": {"type": "number"},
                                "h": {"type": "number"},
                            },
                            "required": ["w", "h"],
                        },
                        "color": {"type": "string", "x-faker": "color_name"},
                        "contact": {"type": "string", "x-faker": "phone_number"},
                    },
                },
            },
        },
    },
    "conditional": {
        "type": "object",
        "required": ["kind"],
        "properties": {
            "kind": {"enum": ["person", "company"]},
            "name": {"type": "string"},
        },
        "if": {"properties": {"kind": {"const": "company"}}},
        "then": {
            "required": ["vat"],
            "properties": {"vat": {"type": "string", "pattern": "^[A-Z]{2}\\d{9}$"}},
        },
        "dependentRequired": {"name": ["kind"]},
    },
    "not_and_unique": {
        "type": "array",
        "minItems": 3,
        "maxItems": 6,
        "uniqueItems": True,
        "items": {"type": "integer", "minimum": 0, "maximum": 9, "not": {"const": 5}},
        "contains": {"const": 7},
    },
    "examples_and_defaults": {
        "type": "object",
        "properties": {
            "status": {
                "type": "string",
                "examples": ["active", "suspended"],
                "default": "active",
            },
            "limit": {"type": "integer", "default": 20, "minimum": 1, "maximum": 100},
        },
        "required": ["status", "limit"],
    },
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_schema_generates_only_valid_bodies(name):
    schema = CORPUS[name]
    validator = schema_validator(schema)
    invalid = []
    for seed in range(200):
        value = generate(schema, seed)
        if not validator.is_valid(value):
            invalid.append((seed, value))
    assert invalid == []


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_schema_is_accepted_at_save_time(name):
    assert satisfiability_problem(CORPUS[name]) is None


def test_same_seed_same_bytes():
    one = json.dumps(generate(CUSTOMER, 1234))
    assert one == json.dumps(generate(CUSTOMER, 1234))


def test_different_seeds_differ():
    assert generate(CUSTOMER, 1) != generate(CUSTOMER, 2)


def test_values_are_realistic_by_format_and_property_name():
    value = generate(CUSTOMER, 7)
    assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", value["email"])
    assert " " in value["name"] and value["name"][0].isupper()
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ",
        value.get("created_at", "2020-01-01T00:00:00Z"),
    )


def test_x_faker_hint_is_used():
    value = generate({"type": "string", "x-faker": "company"}, 3)
    assert isinstance(value, str) and value


def test_dangerous_x_faker_hint_is_ignored():
    value = generate({"type": "string", "x-faker": "seed"}, 3)
    assert isinstance(value, str)


def test_unsatisfiable_generation_raises_not_returns():
    with pytest.raises((Unsatisfiable, GenerationError)):
        generate({"type": "integer", "minimum": 3, "maximum": 2}, 0)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "number", "minimum": 2, "exclusiveMaximum": 2},
        {"type": "string", "pattern": "^ab$", "minLength": 3},
        {"$ref": "#/$defs/missing"},
        {"not": True},
        {"type": "object", "maxProperties": 1, "required": ["a", "b"]},
    ],
)
def test_satisfiability_problem_explains_an_unsatisfiable_schema(schema):
    assert isinstance(satisfiability_problem(schema), str)


@pytest.mark.parametrize(
    ("schema", "risky"),
    [
        ({"type": "object", "properties": {"a": {"type": "string"}}}, False),
        ({"type": "string", "format": "email", "maxLength": 40}, False),
        ({"oneOf": [{"type": "string"}, {"type": "integer"}]}, True),
        ({"type": "number", "multipleOf": 0.1}, True),
        ({"type": "string", "pattern": "^(?!x)[a-z]+$"}, True),
    ],
)
def test_only_keywords_construction_cannot_guarantee_need_a_check(schema, risky):
    assert needs_check(schema) is risky
