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
from jsonschema.exceptions import ValidationError

from .patterns import search

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

    return jsonschema.validators.extend(
        base, {"type": nullable_type, **_re2_keywords(base)}
    )


def _re2_keywords(base: type) -> dict[str, Any]:
    """``pattern``, ``patternProperties`` and ``additionalProperties`` matched
    with RE2 (linear time) instead of jsonschema's ``re.search``: a request
    body must not be able to stall a worker with a backtracking pattern.
    Same results and messages as jsonschema's own keywords (every draft uses
    the same three functions)."""

    def pattern(validator: Any, patrn: Any, instance: Any, schema: Any) -> Any:
        if validator.is_type(instance, "string") and not search(patrn, instance):
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    def pattern_properties(
        validator: Any, properties: Any, instance: Any, schema: Any
    ) -> Any:
        if not validator.is_type(instance, "object"):
            return
        for patrn, subschema in properties.items():
            for key, value in instance.items():
                if search(patrn, key):
                    yield from validator.descend(
                        value, subschema, path=key, schema_path=patrn
                    )

    def additional_properties(
        validator: Any, aP: Any, instance: Any, schema: Any
    ) -> Any:
        if not validator.is_type(instance, "object"):
            return
        properties = schema.get("properties", {})
        patterns = schema.get("patternProperties", {})
        extras = {
            key
            for key in instance
            if key not in properties and not any(search(p, key) for p in patterns)
        }
        if validator.is_type(aP, "object"):
            for extra in extras:
                yield from validator.descend(instance[extra], aP, path=extra)
        elif not aP and extras:
            if "patternProperties" in schema:
                verb = "does" if len(extras) == 1 else "do"
                joined = ", ".join(repr(each) for each in sorted(extras))
                listed = ", ".join(repr(each) for each in sorted(patterns))
                yield ValidationError(
                    f"{joined} {verb} not match any of the regexes: {listed}"
                )
            else:
                verb = "was" if len(extras) == 1 else "were"
                joined = ", ".join(repr(each) for each in sorted(extras, key=str))
                yield ValidationError(
                    f"Additional properties are not allowed ({joined} {verb} unexpected)"
                )

    return {
        "pattern": pattern,
        "patternProperties": pattern_properties,
        "additionalProperties": additional_properties,
    }


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
