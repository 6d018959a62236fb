"""Mock configuration: groups of endpoints, with the headers and URL parameters
each endpoint expects.

``Group`` shares its name with ``django.contrib.auth.models.Group``; import it
through this module (``from apps.mocks import models as mocks``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel

from . import validators as v
from .engine.values import check_value

LIVE = Q(deleted_at__isnull=True)
MAX_WAIT_TIME_MS = 120_000


class HttpMethod(models.TextChoices):
    GET = "GET", "GET"
    POST = "POST", "POST"
    PUT = "PUT", "PUT"
    PATCH = "PATCH", "PATCH"
    DELETE = "DELETE", "DELETE"
    HEAD = "HEAD", "HEAD"
    OPTIONS = "OPTIONS", "OPTIONS"


BODY_METHODS = frozenset({HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH})


class Group(BaseModel):
    name = models.CharField(_("name"), max_length=120)
    slug = models.CharField(
        _("slug"),
        max_length=50,
        blank=True,
        validators=[v.validate_slug],
        help_text=_("First URL segment: /{slug}/… Derived from the name when empty."),
    )
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mock_groups",
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("mock group")
        verbose_name_plural = _("mock groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=LIVE,
                name="mocks_group_unique_live_slug",
                violation_error_code="unique",
                violation_error_message=_("A live group already uses this slug."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (/{self.slug})"

    def clean(self) -> None:
        self.name = (self.name or "").strip()
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:50].strip("-")
            try:
                v.validate_slug(self.slug)
            except ValidationError as exc:
                raise ValidationError({"slug": exc.messages}) from exc
        self.slug = (self.slug or "").strip()

    def soft_delete_children(self):
        return (Endpoint.all_objects.filter(group=self),)


class Endpoint(BaseModel):
    group = models.ForeignKey(
        Group,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="endpoints",
    )
    name = models.CharField(_("name"), max_length=120)
    path = models.CharField(
        _("path"),
        max_length=v.MAX_PATH_LENGTH,
        validators=[v.validate_path],
        help_text=_("Literal segments and {param} templates, e.g. /orders/{order_id}."),
    )
    method = models.CharField(
        _("method"), max_length=7, choices=HttpMethod.choices, default=HttpMethod.GET
    )
    description = models.TextField(_("description"), blank=True)
    max_wait_time = models.PositiveIntegerField(
        _("max wait time (ms)"),
        default=0,
        validators=[MaxValueValidator(MAX_WAIT_TIME_MS)],
        help_text=_("Each response waits a random time up to this many milliseconds."),
    )
    chaos_mode = models.BooleanField(
        _("chaos mode"),
        default=True,
        help_text=_("Serve the /chaos twin of this endpoint."),
    )
    response_status_code = models.PositiveSmallIntegerField(
        _("response status code"),
        default=200,
        validators=[v.validate_status_code],
    )
    response_headers = models.JSONField(
        _("response headers"),
        default=dict,
        blank=True,
        validators=[v.validate_response_headers],
        help_text=_(
            'Object of header name to value, e.g. {"Cache-Control": "no-store"}.'
        ),
    )
    response_body = models.JSONField(
        _("response body"),
        null=True,
        blank=True,
        help_text=_(
            "Static body: any JSON value. A string is sent as is when the "
            "Content-Type response header is not JSON."
        ),
    )
    response_schema = models.JSONField(
        _("response JSON Schema"),
        null=True,
        blank=True,
        validators=[v.validate_json_schema],
        help_text=_(
            "Bodies are generated from this schema when no static body is set."
        ),
    )
    request_body_schema = models.JSONField(
        _("request body JSON Schema"),
        null=True,
        blank=True,
        validators=[v.validate_json_schema],
    )
    request_body_required = models.BooleanField(
        _("request body required"), default=False
    )
    request_error_status_code = models.PositiveSmallIntegerField(
        _("request error status code"),
        null=True,
        blank=True,
        validators=[v.validate_status_code],
        help_text=_("Status for an invalid or missing body; empty means 400/422."),
    )
    request_error_body = models.JSONField(
        _("request error body"),
        null=True,
        blank=True,
        help_text=_("Body for an invalid or missing body; empty means problem+json."),
    )
    # --- Mock engine: delays and chaos weights (engine issue) ---
    fixed_delay = models.PositiveIntegerField(
        _("fixed delay (ms)"),
        default=0,
        validators=[MaxValueValidator(MAX_WAIT_TIME_MS)],
        help_text=_("Added to every response, before any random wait."),
    )
    lognormal_median = models.PositiveIntegerField(
        _("log-normal delay median (ms)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_WAIT_TIME_MS)],
        help_text=_("Adds a log-normally distributed wait with this median."),
    )
    lognormal_sigma = models.FloatField(
        _("log-normal delay sigma"),
        null=True,
        blank=True,
        validators=[v.validate_lognormal_sigma],
        help_text=_("Spread of the log-normal wait (0.1 tight … 1.5 long tail)."),
    )
    chaos_weights = models.JSONField(
        _("chaos fault weights"),
        default=dict,
        blank=True,
        validators=[v.validate_chaos_weights],
        help_text=_(
            'Relative weight per fault, e.g. {"http_500": 3, "timeout": 0}; '
            "faults left out keep their default weight."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mock_endpoints",
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("endpoint")
        verbose_name_plural = _("endpoints")
        ordering = ["group__name", "path", "method"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "method", "path"],
                condition=LIVE,
                name="mocks_endpoint_unique_live_route",
                violation_error_code="duplicate_route",
                violation_error_message=_(
                    "This group already has a live endpoint with this method and path."
                ),
            ),
        ]

    constraint_error_fields = {"duplicate_route": "path"}

    def __str__(self) -> str:
        return (
            f"{self.method} /{self.group.slug}{self.path if self.path != '/' else ''}"
        )

    @property
    def path_parameter_names(self) -> list[str]:
        return v.path_parameters(self.path)

    def clean_fields(self, exclude=None) -> None:
        # Normalize before the field validators see the values.
        self.name = (self.name or "").strip()
        self.path = v.normalize_path(self.path)
        self.method = (self.method or "").upper()
        v.clean_fields_bounded(self, super().clean_fields, exclude)

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.method not in BODY_METHODS and (
            self.request_body_schema is not None
            or self.request_body_required
            or self.request_error_body is not None
            or self.request_error_status_code is not None
        ):
            errors.setdefault("request_body_schema", []).append(
                gettext("A request body is only configured for POST, PUT and PATCH.")
            )
        if errors:
            raise ValidationError(errors)

    def soft_delete_children(self):
        return (
            Header.all_objects.filter(endpoint=self),
            UrlParameter.all_objects.filter(endpoint=self),
        )


class ValueType(models.TextChoices):
    STRING = "string", _("string")
    INTEGER = "integer", _("integer")
    NUMBER = "number", _("number")
    BOOLEAN = "boolean", _("boolean")
    UUID = "uuid", _("UUID")
    DATE = "date", _("date")
    DATE_TIME = "date-time", _("date-time")
    EMAIL = "email", _("email")
    ENUM = "enum", _("enum")


NUMERIC_TYPES = frozenset({ValueType.INTEGER, ValueType.NUMBER})
LENGTH_TYPES = frozenset({ValueType.STRING, ValueType.EMAIL})


class ExpectedValue(BaseModel):
    """What a request must carry: the spec shared by headers and URL parameters."""

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=128)
    value_type = models.CharField(
        _("type"), max_length=10, choices=ValueType.choices, default=ValueType.STRING
    )
    required = models.BooleanField(_("required"), default=True)
    minimum = models.FloatField(_("minimum"), null=True, blank=True)
    maximum = models.FloatField(_("maximum"), null=True, blank=True)
    min_length = models.PositiveIntegerField(_("min length"), null=True, blank=True)
    max_length = models.PositiveIntegerField(_("max length"), null=True, blank=True)
    pattern = models.CharField(
        _("pattern"),
        max_length=v.MAX_PATTERN_LENGTH,
        blank=True,
        validators=[v.validate_regex_pattern],
        help_text=_("Python regular expression the whole value must match."),
    )
    enum_values = models.JSONField(
        _("allowed values"),
        default=list,
        blank=True,
        help_text=_('For type enum: a list of strings, e.g. ["asc", "desc"].'),
    )
    exact_value = models.CharField(_("exact value"), max_length=1024, blank=True)
    default_status_code = models.PositiveSmallIntegerField(
        _("default status code"),
        null=True,
        blank=True,
        validators=[v.validate_status_code],
        help_text=_(
            "Status when the value is missing or invalid; empty means 400/422."
        ),
    )
    default_response_body = models.JSONField(
        _("default response body"), null=True, blank=True
    )
    default_response_schema = models.JSONField(
        _("default response JSON Schema"),
        null=True,
        blank=True,
        validators=[v.validate_json_schema],
    )

    constraint_error_fields = {"duplicate_name": "name"}

    class Meta(BaseModel.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean_fields(self, exclude=None) -> None:
        v.clean_fields_bounded(self, super().clean_fields, exclude)

    def clean(self) -> None:
        self.name = (self.name or "").strip()
        errors: dict[str, list[str]] = {}

        def add(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        numeric = self.value_type in NUMERIC_TYPES
        if (self.minimum is not None or self.maximum is not None) and not numeric:
            add("minimum", gettext("A range applies only to integer and number types."))
        if (
            self.minimum is not None
            and self.maximum is not None
            and self.minimum > self.maximum
        ):
            add("maximum", gettext("Maximum must not be below minimum."))
        has_length = self.min_length is not None or self.max_length is not None
        if has_length and self.value_type not in LENGTH_TYPES:
            add(
                "min_length",
                gettext("A length applies only to string and email types."),
            )
        if (
            self.min_length is not None
            and self.max_length is not None
            and self.min_length > self.max_length
        ):
            add("max_length", gettext("Max length must not be below min length."))
        if self.value_type == ValueType.ENUM:
            values = self.enum_values
            if (
                not isinstance(values, list)
                or not values
                or not all(isinstance(x, str) and x for x in values)
            ):
                add(
                    "enum_values",
                    gettext("Type enum needs a non-empty list of non-empty strings."),
                )
            elif len(set(values)) != len(values):
                add("enum_values", gettext("Allowed values must not repeat."))
        elif self.enum_values:
            add("enum_values", gettext("Allowed values apply only to the enum type."))
        if self.exact_value and not errors:
            problems = check_value(self, self.exact_value, check_exact=False)
            if problems:
                add(
                    "exact_value",
                    gettext("The exact value does not fit the spec: %(problems)s")
                    % {"problems": "; ".join(problems)},
                )
        if (
            self.default_response_body is not None
            and self.default_response_schema is not None
        ):
            add(
                "default_response_body",
                gettext("Set a default response body or a schema, not both."),
            )
        if errors:
            raise ValidationError(errors)


class Header(ExpectedValue):
    name = models.CharField(
        _("name"), max_length=128, validators=[v.validate_header_name]
    )
    endpoint = models.ForeignKey(
        Endpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="headers",
    )

    class Meta(ExpectedValue.Meta):
        verbose_name = _("expected header")
        verbose_name_plural = _("expected headers")
        constraints = [
            # Header names are case-insensitive (RFC 9110).
            models.UniqueConstraint(
                Lower("name"),
                "endpoint",
                condition=LIVE,
                name="mocks_header_unique_live_name",
                violation_error_code="duplicate_name",
                violation_error_message=_("This endpoint already expects this header."),
            ),
        ]


class ParameterLocation(models.TextChoices):
    QUERY = "query", _("query string")
    PATH = "path", _("path template")


class UrlParameter(ExpectedValue):
    endpoint = models.ForeignKey(
        Endpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="url_parameters",
    )
    location = models.CharField(
        _("location"),
        max_length=5,
        choices=ParameterLocation.choices,
        default=ParameterLocation.QUERY,
        help_text=_("A path parameter types a {name} segment of the endpoint's path."),
    )

    class Meta(ExpectedValue.Meta):
        verbose_name = _("URL parameter")
        verbose_name_plural = _("URL parameters")
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "location", "name"],
                condition=LIVE,
                name="mocks_urlparameter_unique_live_name",
                violation_error_code="duplicate_name",
                violation_error_message=_("This endpoint already has this parameter."),
            ),
        ]

    def clean(self) -> None:
        errors: dict = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if self.location == ParameterLocation.PATH and self.endpoint_id:
            names = v.path_parameters(self.endpoint.path)
            if self.name not in names:
                errors.setdefault("name", []).append(
                    gettext("The path %(path)s has no {%(name)s} segment.")
                    % {"path": self.endpoint.path, "name": self.name}
                )
        if errors:
            raise ValidationError(errors)
