"""JSON Schema dialects and validators: the one place that decides which draft
a schema speaks and how an instance is checked against it.

* ``validator_class_for(schema)`` — the jsonschema validator class the
  schema's ``$schema`` asks for; draft 2020-12 when it names none.
* ``schema_validator(schema)`` — a cached, format-checking validator for the
  schema that also honours OpenAPI 3.0 ``nullable: true``. The request check,
  the generator and the save-time proof of validity all use it, so the three
  agree on what "valid" means.
* ``unresolvable_ref(schema)`` — the first local ``$ref`` that does not
  resolve inside the schema, or None.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import jsonschema
import referencing
import referencing.exceptions
import referencing.jsonschema

DEFAULT_VALIDATOR = jsonschema.Draft202012Validator


def validator_class_for(schema: Any) -> type:
    """The jsonschema validator the schema asks for; draft 2020-12 by default."""
    if isinstance(schema, dict) and isinstance(schema.get("$schema"), str):
        return jsonschema.validators.validator_for(schema, default=DEFAULT_VALIDATOR)
    return DEFAULT_VALIDATOR


@lru_cache(maxsize=8)
def with_nullable(base: type) -> type:
    """The draft's validator, also honouring OpenAPI 3.0 ``nullable: true``.

    Users paste OpenAPI schemas; treating ``nullable`` as "or null" keeps the
    request check, the generator and the proof of validity on one meaning.
    """
    type_check = base.VALIDATORS["type"]

    def nullable_type(validator: Any, types: Any, instance: Any, schema: Any) -> Any:
        if (
            instance is None
            and isinstance(schema, dict)
            and schema.get("nullable") is True
        ):
            return
        yield from type_check(validator, types, instance, schema)

    return jsonschema.validators.extend(base, {"type": nullable_type})


@lru_cache(maxsize=512)
def _validator_for(schema_json: str) -> Any:
    schema = json.loads(schema_json)
    base = validator_class_for(schema)
    return with_nullable(base)(schema, format_checker=base.FORMAT_CHECKER)


def schema_validator(schema: Any) -> Any:
    """A cached, format-checking validator for the schema (draft from $schema)."""
    return _validator_for(json.dumps(schema, sort_keys=True))


def _refs(node: Any) -> list[str]:
    found: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str):
                found.append(ref)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _root_resolver(schema: Any, cls: type) -> referencing._core.Resolver:
    specification = referencing.jsonschema.specification_with(
        cls.META_SCHEMA.get("$schema", ""),
        default=referencing.jsonschema.DRAFT202012,
    )
    resource = specification.create_resource(schema)
    return referencing.Registry().with_resource("", resource).resolver("")


def unresolvable_ref(schema: Any) -> str | None:
    """The first ``$ref`` that does not resolve inside ``schema``, else None."""
    refs = _refs(schema)
    if not refs:
        return None
    resolver = _root_resolver(schema, validator_class_for(schema))
    for ref in refs:
        try:
            resolver.lookup(ref)
        except referencing.exceptions.Unresolvable:
            return ref
    return None
