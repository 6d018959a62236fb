"""Writes to the mock configuration. Views, serializers, admin and commands call
these; every rule that is not a single row's lives here.

Each function runs in one transaction and validates everything before it writes,
so bad input raises ``ValidationError`` and leaves the database as it was.
Errors on nested rows are keyed ``headers[1].name`` / ``url_parameters[0].pattern``.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from . import models as m
from . import validators as v

GROUP_FIELDS = ("name", "slug", "description")
ENDPOINT_FIELDS = (
    "name", "path", "method", "description", "max_wait_time", "chaos_mode",
    "response_status_code", "response_headers", "response_body", "response_schema",
    "request_body_schema", "request_body_required", "request_error_status_code",
    "request_error_body", "fixed_delay", "lognormal_median", "lognormal_sigma",
    "chaos_weights",
)  # fmt: skip
EXPECTED_VALUE_FIELDS = (
    "name", "value_type", "required", "minimum", "maximum", "min_length",
    "max_length", "pattern", "enum_values", "exact_value", "default_status_code",
    "default_response_body", "default_response_schema",
)  # fmt: skip
URL_PARAMETER_FIELDS = (*EXPECTED_VALUE_FIELDS, "location")
NESTED = {
    "headers": (m.Header, EXPECTED_VALUE_FIELDS),
    "url_parameters": (m.UrlParameter, URL_PARAMETER_FIELDS),
}


def _unknown_fields(data: Mapping[str, Any], allowed: Iterable[str]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValidationError(
            {key: [_("Unknown field.")] for key in unknown}, code="unknown_field"
        )


def _assign(obj, data: Mapping[str, Any], fields: Iterable[str]) -> None:
    for field in fields:
        if field in data:
            setattr(obj, field, data[field])


def _save(obj) -> None:
    """Save a validated row; a race on a unique index still reads as a 400."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("This conflicts with a row saved at the same time: %(error)s"),
            code="conflict",
            params={"error": str(exc).splitlines()[0]},
        ) from exc


# --- Groups --------------------------------------------------------------------


@transaction.atomic
def group_create(*, data: Mapping[str, Any], user=None) -> m.Group:
    _unknown_fields(data, GROUP_FIELDS)
    group = m.Group(created_by=user if user and user.is_authenticated else None)
    _assign(group, data, GROUP_FIELDS)
    group.full_clean()
    _save(group)
    return group


@transaction.atomic
def group_update(*, group: m.Group, data: Mapping[str, Any]) -> m.Group:
    _unknown_fields(data, GROUP_FIELDS)
    _assign(group, data, GROUP_FIELDS)
    group.full_clean()
    _save(group)
    return group


def group_delete(*, group: m.Group) -> None:
    group.delete()


def group_restore(*, group: m.Group) -> m.Group:
    group.restore()
    return group


# --- Endpoints -----------------------------------------------------------------


def _prefixed(prefix: str, exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            (prefix if key == "__all__" else f"{prefix}.{key}"): [
                msg for err in errs for msg in err.messages
            ]
            for key, errs in exc.error_dict.items()
        }
    return {prefix: exc.messages}


def _prepare_nested(
    endpoint: m.Endpoint, key: str, items: Any
) -> tuple[list, list, dict[str, list[str]]]:
    """Build (to_save, to_delete, errors) for one nested list, replacing the set.

    Items are matched to existing rows by ``id``, else by name (and location),
    so a PUT that resends the same rows updates them in place.
    """
    model, fields = NESTED[key]
    errors: dict[str, list[str]] = {}
    if not isinstance(items, list):
        return [], [], {key: [_("Expected a list of objects.")]}
    existing = list(model.objects.filter(endpoint=endpoint)) if endpoint.pk else []
    by_id = {str(row.pk): row for row in existing}

    def identity(name: Any, location: Any = None) -> tuple:
        name = str(name or "").strip()
        return (name.lower() if key == "headers" else name, location or "query")

    by_name = {
        identity(row.name, getattr(row, "location", None)): row for row in existing
    }
    kept: set = set()
    seen: dict[tuple, int] = {}
    to_save = []
    for index, item in enumerate(items):
        prefix = f"{key}[{index}]"
        if not isinstance(item, Mapping):
            errors[prefix] = [_("Expected an object.")]
            continue
        unknown = sorted(set(item) - set(fields) - {"id"})
        if unknown:
            errors.update({f"{prefix}.{u}": [_("Unknown field.")] for u in unknown})
            continue
        ident = identity(item.get("name"), item.get("location"))
        row = by_id.get(str(item.get("id"))) if item.get("id") else None
        if item.get("id") and row is None:
            errors[f"{prefix}.id"] = [_("No such row on this endpoint.")]
            continue
        row = row or by_name.get(ident) or model(endpoint=endpoint)
        if row.pk and row.pk in kept:
            row = model(endpoint=endpoint)
        if ident in seen:
            errors[f"{prefix}.name"] = [
                _("Repeats item %(index)d of the same list.") % {"index": seen[ident]}
            ]
            continue
        seen[ident] = index
        if row.pk:
            # A replace: fields the item leaves out go back to their defaults.
            fresh = model(endpoint=endpoint)
            for field in fields:
                setattr(row, field, getattr(fresh, field))
        _assign(row, item, fields)
        row.endpoint = endpoint
        try:
            row.full_clean(exclude=["endpoint"], validate_constraints=False)
        except ValidationError as exc:
            errors.update(_prefixed(prefix, exc))
            continue
        kept.add(row.pk)
        to_save.append(row)
    to_delete = [row for row in existing if row.pk not in kept]
    return to_save, to_delete, errors


def _write_endpoint(
    endpoint: m.Endpoint, data: Mapping[str, Any], *, partial: bool
) -> m.Endpoint:
    _unknown_fields(data, (*ENDPOINT_FIELDS, *NESTED))
    if not partial:
        fresh = m.Endpoint()
        for field in ENDPOINT_FIELDS:
            if field not in data and field not in ("name", "path"):
                setattr(endpoint, field, getattr(fresh, field))
    _assign(endpoint, data, ENDPOINT_FIELDS)
    errors: dict[str, list[str]] = {}
    try:
        endpoint.full_clean()
    except ValidationError as exc:
        errors.update(exc.message_dict)
    plans = {}
    for key in NESTED:
        if key in data:
            plans[key] = _prepare_nested(endpoint, key, data[key])
        elif not partial and endpoint.pk is None:
            plans[key] = ([], [], {})
        elif key == "url_parameters" and "path" in data and endpoint.pk:
            # A new path must still hold every typed path parameter; the client
            # sent no parameter list, so the error belongs to the path.
            names = set(v.path_parameters(endpoint.path))
            for row in endpoint.url_parameters.filter(
                location=m.ParameterLocation.PATH
            ).exclude(name__in=names):
                errors.setdefault("path", []).append(
                    _(
                        "The path no longer has {%(name)s}, which a path parameter "
                        "types; send url_parameters without it."
                    )
                    % {"name": row.name}
                )
    for _to_save, _to_delete, nested_errors in plans.values():
        errors.update(nested_errors)
    if errors:
        raise ValidationError(errors)
    _save(endpoint)
    for to_save, to_delete, _errors in plans.values():
        for row in to_delete:
            row.delete()
        for row in to_save:
            row.endpoint = endpoint
            _save(row)
    return endpoint


@transaction.atomic
def endpoint_create(
    *, group: m.Group, data: Mapping[str, Any], user=None
) -> m.Endpoint:
    endpoint = m.Endpoint(
        group=group, created_by=user if user and user.is_authenticated else None
    )
    return _write_endpoint(endpoint, data, partial=False)


@transaction.atomic
def endpoint_update(
    *, endpoint: m.Endpoint, data: Mapping[str, Any], partial: bool = False
) -> m.Endpoint:
    return _write_endpoint(endpoint, data, partial=partial)


def endpoint_delete(*, endpoint: m.Endpoint) -> None:
    endpoint.delete()


def endpoint_restore(*, endpoint: m.Endpoint) -> m.Endpoint:
    if endpoint.group.is_deleted:
        raise ValidationError(
            _("Restore the group “%(group)s” first.") % {"group": endpoint.group.name},
            code="parent_deleted",
        )
    endpoint.restore()
    return endpoint


def endpoint_set_chaos(*, endpoint: m.Endpoint, enabled: bool) -> m.Endpoint:
    endpoint.chaos_mode = enabled
    endpoint.save(update_fields=["chaos_mode", "updated_at"])
    return endpoint


def _free_copy_path(endpoint: m.Endpoint) -> str:
    taken = set(
        m.Endpoint.objects.filter(
            group=endpoint.group, method=endpoint.method
        ).values_list("path", flat=True)
    )
    base = endpoint.path.rstrip("/") or ""
    for n in range(1, 1000):
        candidate = f"{base}/copy" if n == 1 else f"{base}/copy-{n}"
        if candidate not in taken:
            return candidate
    raise ValidationError(
        _("Too many copies of this endpoint."), code="too_many_copies"
    )


@transaction.atomic
def endpoint_duplicate(*, endpoint: m.Endpoint, user=None) -> m.Endpoint:
    """Copy an endpoint with its headers and URL parameters under a free path."""
    data: dict[str, Any] = {
        field: getattr(endpoint, field) for field in ENDPOINT_FIELDS
    }
    data["name"] = _("%(name)s (copy)") % {"name": endpoint.name}
    data["path"] = _free_copy_path(endpoint)
    data["headers"] = [
        {f: getattr(h, f) for f in EXPECTED_VALUE_FIELDS}
        for h in endpoint.headers.all()
    ]
    data["url_parameters"] = [
        {f: getattr(p, f) for f in URL_PARAMETER_FIELDS}
        for p in endpoint.url_parameters.all()
    ]
    return endpoint_create(group=endpoint.group, data=data, user=user)
