"""Save-time refusal: a mock's schema no body can satisfy is refused when it is
saved (the generator itself is tested in tests/core/datagen/)."""

import pytest
from django.core.exceptions import ValidationError

from apps.mocks.validators import validate_json_schema


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "integer", "minimum": 10, "maximum": 1},
        {"type": "string", "minLength": 5, "maxLength": 2},
        {"enum": []},
        {"allOf": [{"type": "string"}, {"type": "integer"}]},
        {"type": "object", "required": ["a"], "additionalProperties": False},
        {"type": "array", "minItems": 5, "maxItems": 3},
        {"type": "integer", "multipleOf": 7, "minimum": 1, "maximum": 6},
        False,
    ],
)
def test_unsatisfiable_schema_is_refused_at_save_time(schema):
    with pytest.raises(ValidationError) as info:
        validate_json_schema(schema)
    assert info.value.code == "unsatisfiable_schema" or "satisf" in str(info.value)
