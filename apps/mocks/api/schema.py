"""drf-spectacular extensions of the management API's schema.

Imported by ``urls`` so they are registered before the schema is built.
"""

from drf_spectacular.extensions import OpenApiSerializerExtension
from rest_framework import serializers

# A model JSONField's default tells what it holds (the validators refuse the rest).
JSON_DEFAULT_TYPES = {dict: "object", list: "array"}


class StrictFieldsSchema(OpenApiSerializerExtension):
    """Request bodies refuse unknown keys (``StrictFieldsMixin``): say so with
    ``additionalProperties: false``. Responses stay open to new fields.

    A JSON field that is not nullable gets its type (object or array) from the
    model's default: untyped, the schema would allow null, which the
    serializer refuses."""

    target_class = "apps.mocks.api.serializers.StrictFieldsMixin"
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_basic_serializer(self.target, direction)
        model = getattr(getattr(self.target, "Meta", None), "model", None)
        for name, field in self.target.fields.items():
            prop = schema.get("properties", {}).get(name)
            if (
                prop is None
                or model is None
                or not isinstance(field, serializers.JSONField)
                or field.allow_null
            ):
                continue
            default = model._meta.get_field(field.source).default
            if default in JSON_DEFAULT_TYPES:
                prop["type"] = JSON_DEFAULT_TYPES[default]
        if direction == "request":
            schema["additionalProperties"] = False
        return schema


def journal_filters_allow_empty(result, generator, request, public):
    """Postprocessing hook: an empty journal filter (``?until=``, as a portal
    form sends it) means no filter, so each one admits the empty value."""
    for path, operations in result.get("paths", {}).items():
        if not path.startswith("/api/journal"):
            continue
        for operation in operations.values():
            for parameter in operation.get("parameters", ()):
                if parameter["in"] == "query" and not parameter.get("required"):
                    parameter["allowEmptyValue"] = True
    return result


SCHEMA_SETTINGS = {
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.mocks.api.schema.journal_filters_allow_empty",
    ]
}
