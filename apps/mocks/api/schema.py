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
