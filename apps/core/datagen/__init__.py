"""Seeded, realistic fake data from JSON Schema: the kit's data generation.

Django-free (it imports nothing from django, so any process can use it; a
test proves it). Every function that draws a value takes the seed (or a
``random.Random`` built from one): the same seed gives the same value, byte
for byte, in every process. Users: the mock engine (generated response
bodies, save-time checks) and the e-commerce data generator.

Values from a schema (``schemagen``)
    ``generate(schema, seed, *, check=None) -> Any``
        A JSON value valid against ``schema``. Strings are realistic, chosen
        in this order: ``pattern``; the ``x-faker`` hint (a Faker method name
        such as ``"company"`` or ``{"pyint": {"max_value": 9}}``); ``format``
        (``email``, ``uuid``, ``date-time`` …); the property name (``email``,
        ``city``, ``created_at``, ``*_id`` …). Numbers named like ``price`` or
        ``age`` fall in realistic ranges. ``check`` forces (True) or skips
        (False) the validation pass; by default only schemas using keywords
        that construction cannot guarantee are checked. Raises
        ``Unsatisfiable`` or ``GenerationError`` when no value can be built.
    ``generate_unchecked(schema, seed)``
        One construction pass, never validated (for schemas that
        ``needs_check`` says are safe).
    ``needs_check(schema) -> bool``
        Whether values of this schema must be validated after construction.
    ``satisfiability_problem(schema, seeds=40) -> str | None``
        None when values can be generated for ``schema`` (tried over many
        seeds, each value validated), else why not: run it when a schema is
        saved, so that no later call fails.
    ``Unsatisfiable``, ``GenerationError``
        The schema admits no value the generator can build / no valid value
        after several attempts.
    ``GenerationLimits``, ``limits_problem(schema, limits)``
        Documented bounds (items, properties, string length, nesting depth;
        values and bytes of one body). ``limits_problem`` returns the first
        one a schema breaks (``LimitExceeded``, run at save); ``generate``
        and ``satisfiability_problem`` take ``limits=`` and stop with
        ``BudgetExceeded`` when one call would build more.

Realistic scalars (``fakedata``; each takes a seeded ``random.Random``)
    ``FORMATS[format](rng) -> str``
        One value per JSON Schema / OpenAPI format (``email``, ``uuid``,
        ``date``, ``date-time``, ``uri``, ``ipv4``, ``phone`` …).
    ``string_by_name(name, rng) -> str | None``
        A string fitting a property name (``first_name``, ``city``, ``sku``,
        ``createdAt`` …), None when the name says nothing.
    ``number_range_by_name(name) -> (low, high, decimals) | None``
        A realistic range for a numeric property (``price``, ``age``, ``qty``).
    ``call_faker(hint, rng) -> Any``
        The value of an ``x-faker`` hint, seeded; None for unknown or unsafe
        methods (state-changing or file-producing ones are refused).
    ``full_name``, ``email``, ``date``, ``date_time``, ``uuid4``, ``url``,
    ``words(rng, n)``
        The common kinds directly. They draw from pools filled once per
        process by a fixed-seed Faker, so they are cheap and reproducible.

Strings from a regular expression (``regexgen``)
    ``generate_matching(pattern, rng) -> str``
        A string ``s`` with ``re.search(pattern, s)`` true; raises
        ``RegexUnsupported`` when none can be produced.

Configured patterns (``patterns``)
    ``compile_pattern``, ``search``, ``fullmatch``, ``pattern_problem``
        Every user-supplied pattern is run with RE2 (linear time); one RE2
        cannot compile (backreferences, lookaround) is refused at save.

JSON Schema dialects and validators (``dialects``)
    ``schema_validator(schema)``
        A cached, format-checking validator (draft from ``$schema``, 2020-12
        by default, OpenAPI ``nullable`` honoured, patterns matched by RE2).
    ``validator_class_for(schema)``, ``unresolvable_ref(schema)``
        The validator class a schema asks for; its first local ``$ref`` that
        does not resolve.
"""

from .dialects import schema_validator, unresolvable_ref, validator_class_for
from .fakedata import (
    FORMATS,
    call_faker,
    date,
    date_time,
    email,
    full_name,
    number_range_by_name,
    string_by_name,
    url,
    uuid4,
    words,
)
from .regexgen import RegexUnsupported, generate_matching
from .schemagen import (
    DEFAULT_LIMITS,
    BudgetExceeded,
    GenerationError,
    GenerationLimits,
    LimitExceeded,
    Unsatisfiable,
    generate,
    generate_unchecked,
    limits_problem,
    needs_check,
    satisfiability_problem,
)

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "BudgetExceeded",
    "GenerationError",
    "GenerationLimits",
    "LimitExceeded",
    "RegexUnsupported",
    "Unsatisfiable",
    "call_faker",
    "date",
    "date_time",
    "email",
    "full_name",
    "generate",
    "generate_matching",
    "generate_unchecked",
    "limits_problem",
    "needs_check",
    "number_range_by_name",
    "satisfiability_problem",
    "schema_validator",
    "string_by_name",
    "unresolvable_ref",
    "url",
    "uuid4",
    "validator_class_for",
    "words",
]
