"""drf-spectacular extensions of the management API's schema.

Imported by ``urls`` so they are registered before the schema is built.
"""

from drf_spectacular.extensions import OpenApiSerializerExtension


class StrictFieldsSchema(OpenApiSerializerExtension):
    """Request bodies refuse unknown keys (``StrictFieldsMixin``): say so with
    ``additionalProperties: false``. Responses stay open to new fields."""

    target_class = "apps.mocks.api.serializers.StrictFieldsMixin"
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_basic_serializer(self.target, direction)
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
