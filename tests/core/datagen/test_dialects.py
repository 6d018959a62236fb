"""JSON Schema dialects and validators: one meaning of "valid" everywhere."""

import jsonschema
import pytest

from apps.core.datagen import schema_validator, unresolvable_ref, validator_class_for


def test_a_schema_without_schema_keyword_is_draft_2020_12():
    assert validator_class_for({"type": "string"}) is jsonschema.Draft202012Validator


def test_the_schema_keyword_chooses_the_draft():
    draft7 = {"$schema": "http://json-schema.org/draft-07/schema#"}
    assert validator_class_for(draft7) is jsonschema.Draft7Validator


def test_formats_are_checked():
    validator = schema_validator({"type": "string", "format": "email"})
    assert validator.is_valid("ana@example.com")
    assert not validator.is_valid("not an email")


@pytest.mark.parametrize(("instance", "valid"), [(None, True), (3, False)])
def test_openapi_nullable_means_or_null(instance, valid):
    validator = schema_validator({"type": "string", "nullable": True})
    assert validator.is_valid(instance) is valid


def test_without_nullable_null_is_refused():
    assert not schema_validator({"type": "string"}).is_valid(None)


def test_validators_are_cached_by_schema_content():
    one = schema_validator({"type": "integer", "minimum": 1})
    assert one is schema_validator({"minimum": 1, "type": "integer"})


def test_draft7_definitions_resolve():
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": {"id": {"type": "integer"}},
        "properties": {"id": {"$ref": "#/definitions/id"}},
    }
    assert unresolvable_ref(schema) is None


def test_the_first_unresolvable_ref_is_named():
    schema = {"properties": {"a": {"$ref": "#/$defs/missing"}}}
    assert unresolvable_ref(schema) == "#/$defs/missing"
