"""Field validators for the mock configuration.

Each raises ``ValidationError`` with a message that names the problem, so that
admin, forms and the API all show the same field-level error.
"""

import re
from typing import Any

import jsonschema
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from apps.core.datagen import (
    BudgetExceeded,
    LimitExceeded,
    limits_problem,
    satisfiability_problem,
)
from apps.core.datagen.dialects import unresolvable_ref, validator_class_for
from apps.core.datagen.patterns import (
    MAX_PATTERN_LENGTH,
    pattern_problem,
    schema_patterns,
)
from apps.core.families import reserved_segments
from apps.core.jsonparse import value_depth
from apps.core.parsers import json_max_depth
from apps.core.schema_errors import schema_error_text

from .edge.config import LIMIT_SETTINGS, engine_config
from .engine.chaos import weight_problems

MAX_PATH_LENGTH = 500

# RFC 9110 field-name = token
HEADER_NAME_RE = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
# Header values may not carry CR/LF (response splitting) or other control bytes.
HEADER_VALUE_RE = re.compile(r"^[\t\x20-\x7e\x80-\xff]*$")
SEGMENT_RE = re.compile(r"^[A-Za-z0-9\-._~!$&'()*+,;=:@%]+$")
PARAM_SEGMENT_RE = re.compile(r"^\{([A-Za-z_][A-Za-z0-9_]{0,63})\}$")
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$")


def validate_slug(value: str) -> None:
    if not SLUG_RE.match(value or ""):
        raise ValidationError(
            _(
                "Use 1–50 lowercase letters, digits or hyphens, starting and "
                "ending with a letter or digit."
            ),
            code="invalid_slug",
        )
    # First path segments owned by the platform and its API families.
    if value in reserved_segments():
        raise ValidationError(
            _("“%(slug)s” is reserved by the platform; choose another slug."),
            code="reserved_slug",
            params={"slug": value},
        )


def normalize_path(value: str) -> str:
    """'orders//{id}/' -> '/orders/{id}'. The root path is '/'."""
    segments = [s for s in (value or "").strip().split("/") if s]
    return "/" + "/".join(segments)


def path_parameters(path: str) -> list[str]:
    names = []
    for segment in normalize_path(path).split("/")[1:]:
        match = PARAM_SEGMENT_RE.match(segment)
        if match:
            names.append(match.group(1))
    return names


def validate_path(value: str) -> None:
    if "?" in value or "#" in value:
        raise ValidationError(
            _(
                "A path has no query string or fragment; configure URL parameters instead."
            ),
            code="invalid_path",
        )
    path = normalize_path(value)
    if len(path) > MAX_PATH_LENGTH:
        raise ValidationError(
            _("A path may be at most %(max)d characters."),
            code="invalid_path",
            params={"max": MAX_PATH_LENGTH},
        )
    seen: set[str] = set()
    segments = path.split("/")[1:] if path != "/" else []
    for segment in segments:
        if segment.startswith("{") or segment.endswith("}"):
            match = PARAM_SEGMENT_RE.match(segment)
            if not match:
                raise ValidationError(
                    _(
                        "“%(segment)s” is not a valid path template: use {name} with "
                        "letters, digits and underscores as a whole segment."
                    ),
                    code="invalid_path",
                    params={"segment": segment},
                )
            if match.group(1) in seen:
                raise ValidationError(
                    _("Path parameter {%(name)s} appears twice."),
                    code="invalid_path",
                    params={"name": match.group(1)},
                )
            seen.add(match.group(1))
        elif not SEGMENT_RE.match(segment) or segment in {".", ".."}:
            raise ValidationError(
                _("Path segment “%(segment)s” has characters a URL path cannot hold."),
                code="invalid_path",
                params={"segment": segment},
            )
    if segments and segments[-1] == "chaos":
        raise ValidationError(
            _("A path may not end in /chaos: that suffix addresses the chaos twin."),
            code="invalid_path",
        )


def validate_status_code(value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 100 <= value <= 599:
        raise ValidationError(
            _("%(value)s is not an HTTP status code (100–599)."),
            code="invalid_status",
            params={"value": value},
        )


def validate_header_name(value: str) -> None:
    if not value or not HEADER_NAME_RE.match(value):
        raise ValidationError(
            _("“%(name)s” is not a legal HTTP header name."),
            code="invalid_header_name",
            params={"name": value},
        )


def validate_response_headers(value: Any) -> None:
    if value in (None, {}):
        return
    if not isinstance(value, dict):
        raise ValidationError(
            _("Response headers must be an object of header name to string value."),
            code="invalid_headers",
        )
    for name, header_value in value.items():
        validate_header_name(name)
        if not isinstance(header_value, str):
            raise ValidationError(
                _("The value of header “%(name)s” must be a string."),
                code="invalid_headers",
                params={"name": name},
            )
        if not HEADER_VALUE_RE.match(header_value):
            raise ValidationError(
                _("The value of header “%(name)s” holds control characters."),
                code="invalid_headers",
                params={"name": name},
            )


def validate_regex_pattern(value: str) -> None:
    """Patterns are matched with RE2 (linear time, apps/core/datagen/patterns.py):
    one it cannot compile is refused here, with RE2's reason."""
    if not value:
        return
    if len(value) > MAX_PATTERN_LENGTH:
        raise ValidationError(
            _("A pattern may be at most %(max)d characters."),
            code="invalid_pattern",
            params={"max": MAX_PATTERN_LENGTH},
        )
    problem = pattern_problem(value)
    if problem:
        raise ValidationError(
            _(
                "The pattern does not compile with RE2, the linear-time matcher: %(error)s."
            ),
            code="invalid_pattern",
            params={"error": problem},
        )


def _validate_schema_patterns(schema: Any) -> None:
    for where, pattern in schema_patterns(schema):
        problem = pattern_problem(pattern)
        if problem:
            raise ValidationError(
                _(
                    "The pattern at %(where)s does not compile with RE2, the "
                    "linear-time matcher: %(error)s."
                ),
                code="invalid_pattern",
                params={"where": where, "error": problem},
            )


def clean_fields_bounded(instance: models.Model, clean_fields: Any, exclude) -> None:
    """Django's ``clean_fields``, after refusing JSON values nested past the
    JSON depth limit: ``JSONField.validate`` re-encodes the value before any
    validator runs, and a value 100,000 levels deep would crash it with a
    RecursionError (a 500 at save) instead of a field error."""
    exclude = set(exclude or ())
    errors: dict[str, list[ValidationError]] = {}
    limit = json_max_depth()
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.JSONField) or field.name in exclude:
            continue
        value = getattr(instance, field.attname)
        if value_depth(value) <= limit:
            continue
        try:
            if validate_json_schema in field.validators:
                validate_schema_limits(value)  # names MOCK_SCHEMA_MAX_DEPTH
            raise ValidationError(
                _("The value nests more than %(max)d levels deep (JSON_MAX_DEPTH)."),
                code="too_deep",
                params={"max": limit},
            )
        except ValidationError as exc:
            errors[field.name] = exc.error_list
    try:
        clean_fields(exclude=exclude | errors.keys())
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def validate_json_schema(value: Any) -> None:
    """The value must be a JSON Schema valid against its meta-schema."""
    if value is None:
        return
    if not isinstance(value, dict | bool):
        raise ValidationError(
            _("A JSON Schema must be an object (or true/false)."), code="invalid_schema"
        )
    # First, measured without recursion: a schema nested thousands of levels
    # deep would crash the meta-schema check below with a RecursionError.
    validate_schema_limits(value)
    # Before anything matches or generates with them (RE2 subset, length).
    _validate_schema_patterns(value)
    cls = validator_class_for(value)
    try:
        cls.check_schema(value)
    except jsonschema.SchemaError as exc:
        raise ValidationError(schema_error_text(exc), code="invalid_schema") from exc
    # Every $ref must resolve locally, or each request would fail later.
    ref = unresolvable_ref(value)
    if ref is not None:
        raise ValidationError(
            _("The $ref “%(ref)s” does not resolve inside the schema."),
            code="invalid_schema",
            params={"ref": ref},
        )
    # Engine hook: refuse schemas no body can satisfy (see the end of this file).
    validate_generatable_schema(value)


# --- Mock engine hooks ----------------------------------------------------------


def validate_lognormal_sigma(value: float | None) -> None:
    if value is None:
        return
    if not 0 < value <= 5:
        raise ValidationError(
            _("Sigma must be above 0 and at most 5."), code="invalid_sigma"
        )


def validate_chaos_weights(value: Any) -> None:
    problems = weight_problems(value)
    if problems:
        raise ValidationError(
            _("Invalid chaos weights: %(problems)s"),
            code="invalid_chaos_weights",
            params={"problems": "; ".join(problems)},
        )


def validate_schema_limits(value: Any) -> None:
    """Refuse a schema beyond the documented limits (README, MOCK_SCHEMA_*),
    naming the limit and its setting, so that every saved schema is cheap to
    validate against and to generate from."""
    problem = limits_problem(value, engine_config().generation)
    if problem is not None:
        raise _over_limit(problem)


def _over_limit(problem: LimitExceeded | BudgetExceeded) -> ValidationError:
    return ValidationError(
        _("The schema is over a limit: %(problem)s (%(setting)s)."),
        code="schema_too_large",
        params={"problem": problem, "setting": LIMIT_SETTINGS[problem.limit]},
    )


def validate_generatable_schema(value: Any) -> None:
    """Refuse a schema no body can satisfy, at save time rather than per request."""
    if value is None:
        return
    problem = satisfiability_problem(value, limits=engine_config().generation)
    if isinstance(problem, LimitExceeded | BudgetExceeded):
        raise _over_limit(problem)
    if problem:
        raise ValidationError(
            _("No value can be generated that satisfies this schema: %(problem)s"),
            code="unsatisfiable_schema",
            params={"problem": problem},
        )
