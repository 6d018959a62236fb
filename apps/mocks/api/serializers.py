"""Serializers of the management API.

They check shape only (types, choices, lengths, unknown keys); the rules
(slugs, paths, schemas, uniqueness, nested consistency) are the services'.
Field lists come from ``services`` so a field added there shows up here.
"""

import uuid
from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail
from rest_framework.settings import api_settings

from apps.mocks import models as m
from apps.mocks import selectors, services
from apps.mocks.engine.chaos import FAULTS


class StrictFieldsMixin:
    """Refuse keys the serializer does not know, instead of dropping them.

    Read-only keys (``id``, ``created_at`` …) are accepted and ignored, so a
    client may send back what it read.
    """

    def to_internal_value(self, data):
        unknown = {}
        if isinstance(data, Mapping):
            unknown = {
                key: [ErrorDetail(gettext("Unknown field."), code="unknown_field")]
                for key in data
                if key not in self.fields
            }
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not unknown:
                raise
            detail = exc.detail
            if not isinstance(detail, Mapping):
                detail = {api_settings.NON_FIELD_ERRORS_KEY: detail}
            raise serializers.ValidationError({**detail, **unknown}) from exc
        if unknown:
            raise serializers.ValidationError(unknown)
        return value


# JSON types as the schema states them: DRF would turn 0 into "0", "5" into 5
# and "yes" into true, so a request the schema calls invalid would pass.


class StrictCharField(serializers.CharField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictFloatField(serializers.FloatField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictUUIDField(serializers.UUIDField):
    def to_internal_value(self, data):
        if not isinstance(data, str | uuid.UUID):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)


STRICT_FIELDS = {
    serializers.CharField: StrictCharField,
    serializers.IntegerField: StrictIntegerField,
    serializers.FloatField: StrictFloatField,
    serializers.BooleanField: StrictBooleanField,
}


class ShapeModelSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    """Types, choices and lengths from the model; no model validators and no
    uniqueness checks (the services run those, with the same messages as admin)."""

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        kwargs.pop("validators", None)
        return STRICT_FIELDS.get(field_class, field_class), kwargs

    def get_validators(self) -> list:
        return []


class CreatedByField(serializers.EmailField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("help_text", _("Email of the user who created it."))
        super().__init__(
            source="created_by.email", read_only=True, allow_null=True, **kwargs
        )


class UpperCaseChoiceField(serializers.ChoiceField):
    """HTTP methods in any case ("post" is POST), as the model normalizes them."""

    def to_internal_value(self, data):
        return super().to_internal_value(
            data.upper() if isinstance(data, str) else data
        )


class EndpointChildrenSerializer(serializers.ListSerializer):
    """Reads the headers / URL parameters that belong to the endpoint's state
    (live rows, or for a deleted endpoint the rows a restore brings back)."""

    def get_attribute(self, instance):
        return selectors.endpoint_children(endpoint=instance, key=self.field_name)


class HeaderSerializer(ShapeModelSerializer):
    id = StrictUUIDField(
        required=False,
        help_text=_(
            "Send the id to update that row in place; rows left out of the list "
            "are deleted."
        ),
    )

    class Meta:
        model = m.Header
        fields = ("id", *services.EXPECTED_VALUE_FIELDS)
        list_serializer_class = EndpointChildrenSerializer


class UrlParameterSerializer(HeaderSerializer):
    class Meta:
        model = m.UrlParameter
        fields = ("id", *services.URL_PARAMETER_FIELDS)
        list_serializer_class = EndpointChildrenSerializer


class GroupSerializer(ShapeModelSerializer):
    created_by = CreatedByField()

    class Meta:
        model = m.Group
        fields = (
            "id",
            *services.GROUP_FIELDS,
            "created_by",
            "created_at",
            "updated_at",
            "deleted_at",
        )
        read_only_fields = ("id", "created_at", "updated_at", "deleted_at")


class EndpointSerializer(ShapeModelSerializer):
    group = serializers.UUIDField(source="group_id", read_only=True)
    group_slug = serializers.CharField(source="group.slug", read_only=True)
    method = UpperCaseChoiceField(choices=m.HttpMethod.choices, required=False)
    url = serializers.SerializerMethodField(
        help_text=_("Path of the mock on this host: /{group slug}{path}.")
    )
    headers = HeaderSerializer(
        many=True,
        required=False,
        help_text=_(
            "Expected request headers. Sending the list replaces the whole set; "
            "leaving it out (PATCH, PUT) keeps it."
        ),
    )
    url_parameters = UrlParameterSerializer(
        many=True,
        required=False,
        help_text=_(
            "Expected query and path parameters. Sending the list replaces the "
            "whole set; leaving it out (PATCH, PUT) keeps it."
        ),
    )
    created_by = CreatedByField()

    class Meta:
        model = m.Endpoint
        fields = (
            "id",
            "group",
            "group_slug",
            "url",
            *services.ENDPOINT_FIELDS,
            *services.NESTED,
            "created_by",
            "created_at",
            "updated_at",
            "deleted_at",
        )
        read_only_fields = ("id", "created_at", "updated_at", "deleted_at")

    def get_url(self, endpoint: m.Endpoint) -> str:
        return selectors.endpoint_mock_path(endpoint=endpoint)


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = ("id", "email", "name", "is_staff")
        read_only_fields = fields


class TestRequestSerializer(StrictFieldsMixin, serializers.Serializer):
    """What to send through the engine; everything is optional.

    Left out, the request is the endpoint's own method and path (template
    segments filled with values that fit their specs) with no query or body.
    """

    chaos = StrictBooleanField(
        default=False, help_text=_("Call the /chaos twin instead.")
    )
    method = UpperCaseChoiceField(choices=m.HttpMethod.choices, required=False)
    path = StrictCharField(
        required=False,
        max_length=2000,
        help_text=_("Concrete path below the group, e.g. /orders/42."),
    )
    query = serializers.DictField(
        child=serializers.JSONField(), required=False, help_text=_("Query values.")
    )
    headers = serializers.DictField(child=StrictCharField(), required=False)
    body = serializers.JSONField(required=False, allow_null=True)
    seed = StrictIntegerField(
        required=False, help_text=_("Fixes generated bodies (and the chaos choice).")
    )
    fault = serializers.ChoiceField(
        choices=FAULTS, required=False, help_text=_("Force one chaos fault.")
    )

    def validate_path(self, value: str) -> str:
        return value if value.startswith("/") else "/" + value


class TestResultSerializer(serializers.Serializer):
    status = serializers.IntegerField(
        allow_null=True, help_text=_("Null when the fault drops the connection.")
    )
    headers = serializers.DictField(child=serializers.CharField())
    body = serializers.JSONField(allow_null=True)
    latency_ms = serializers.FloatField()
    delay_ms = serializers.FloatField(help_text=_("Wait a real client would see."))
    fault = serializers.CharField(allow_null=True)
    aborted = serializers.JSONField(allow_null=True)
    violations = serializers.JSONField()
    seed = serializers.JSONField(allow_null=True)
    replay_headers = serializers.DictField(
        child=serializers.CharField(),
        help_text=_(
            "Headers that make a real request give this same result "
            "(X-Mock-Seed, and X-Chaos-Seed on the chaos twin)."
        ),
    )


# --- Documentation only: the problem+json error body ---------------------------


class ProblemErrorSerializer(serializers.Serializer):
    field = serializers.CharField(
        allow_null=True,
        help_text=_('Where the error is, e.g. "headers[1].name"; null for the body.'),
    )
    message = serializers.CharField()
    code = serializers.CharField(help_text=_("Machine-readable error code."))


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField(help_text=_("URI identifying the problem type."))
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(required=False)
    instance = serializers.CharField(required=False, help_text=_("The request path."))
    errors = ProblemErrorSerializer(
        many=True,
        required=False,
        help_text=_("Validation errors (status 400), one per failing field."),
    )
