"""Reads of the mock configuration, for the API, portal and admin.

``deleted`` picks the live rows (False, the default), the bin (True) or both
(None). Lookups raise ``Http404`` for a missing row or a malformed id.
"""

import uuid
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from . import models as m

NESTED_MODELS = {"headers": m.Header, "url_parameters": m.UrlParameter}


def _by_state(qs: QuerySet, deleted: bool | None) -> QuerySet:
    if deleted is None:
        return qs
    return qs.filter(deleted_at__isnull=not deleted)


def _get(qs: QuerySet, pk: Any):
    try:
        pk = uuid.UUID(str(pk))
    except ValueError as exc:
        raise Http404 from exc
    try:
        return qs.get(pk=pk)
    except qs.model.DoesNotExist as exc:
        raise Http404 from exc


# --- Groups --------------------------------------------------------------------


def group_list(*, deleted: bool | None = False) -> QuerySet[m.Group]:
    return _by_state(m.Group.all_objects.all(), deleted).select_related("created_by")


def group_get(*, group_id: Any, deleted: bool | None = False) -> m.Group:
    return _get(group_list(deleted=deleted), group_id)


# --- Endpoints -----------------------------------------------------------------


def endpoint_list(
    *, group: m.Group, deleted: bool | None = False
) -> QuerySet[m.Endpoint]:
    qs = _by_state(m.Endpoint.all_objects.filter(group=group), deleted)
    return qs.select_related("group", "created_by").prefetch_related(
        *(
            # Every child, live or not: endpoint_children() picks the ones that
            # belong to the endpoint's current state.
            Prefetch(key, queryset=model.all_objects.all(), to_attr=f"_all_{key}")
            for key, model in NESTED_MODELS.items()
        )
    )


def endpoint_get(
    *, group: m.Group, endpoint_id: Any, deleted: bool | None = False
) -> m.Endpoint:
    return _get(endpoint_list(group=group, deleted=deleted), endpoint_id)


def endpoint_children(*, endpoint: m.Endpoint, key: str) -> list:
    """The headers or URL parameters that go with the endpoint as it stands.

    A live endpoint shows its live rows; a deleted one shows the rows its delete
    took along (same timestamp), i.e. exactly what a restore brings back.
    """
    stamp = endpoint.deleted_at
    rows = getattr(endpoint, f"_all_{key}", None)
    if rows is None:
        return list(
            NESTED_MODELS[key].all_objects.filter(endpoint=endpoint, deleted_at=stamp)
        )
    return [row for row in rows if row.deleted_at == stamp]


def endpoint_mock_path(*, endpoint: m.Endpoint) -> str:
    """Where the mock answers on this host: ``/{slug}{path}`` (``/{slug}`` for /)."""
    path = "" if endpoint.path == "/" else endpoint.path
    return f"/{endpoint.group.slug}{path}"
