"""Journal API: ``GET /api/journal`` (filtered, paginated) and
``GET /api/journal/export`` (streamed JSONL, one request/response per line),
over the calls of every API family (``?family=amazon&operation=getOrders``).
Staff read every entry; anyone else the calls to their own groups and the
calls they made (``readable_entries``)."""

from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core import journal
from apps.core.api_problems import problem_exception_handler
from apps.mocks import models as m

from .views import problems

FILTERS = [
    OpenApiParameter(
        "family", str, description="API family: mocks, management, amazon …"
    ),
    OpenApiParameter(
        "operation", str, description="Operation (getOrders, an endpoint's name …)."
    ),
    OpenApiParameter("tag", str, description="A tag such as chaos:timeout."),
    OpenApiParameter("episode", str, description="Episode id (X-Episode-Id)."),
    OpenApiParameter("principal", str, description="Caller (seller:…, user:…)."),
    OpenApiParameter("group", str, description="Group slug."),
    OpenApiParameter("endpoint", OpenApiTypes.UUID, description="Endpoint id."),
    OpenApiParameter("method", str),
    OpenApiParameter("status", int),
    OpenApiParameter("fault", str, description="Chaos fault name."),
    OpenApiParameter("chaos", bool),
    OpenApiParameter("since", OpenApiTypes.DATETIME),
    OpenApiParameter("until", OpenApiTypes.DATETIME),
]


def readable_entries(user, params):
    """The filtered entries ``user`` may read (apps/core/journal's rule,
    with the groups they created as the groups they own). A bad filter
    value raises ValueError."""
    owned = (
        m.Group.all_objects.filter(created_by=user)
        if user.is_authenticated
        else m.Group.all_objects.none()
    )
    return journal.journal_readable_by(
        journal.journal_filter(params),
        user=user,
        group_ids=owned.values("pk"),
        group_slugs=owned.filter(deleted_at__isnull=True).values("slug"),
    )


class JournalPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class _JournalBase(APIView):
    # Token first, as on every management API view: a bad or missing token
    # is a 401 with WWW-Authenticate: Token, and the schema lists it first.
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]

    def get_exception_handler(self):
        return problem_exception_handler

    def entries(self, request):
        # journal_filter reads anything but "true" as "no filter"; the API
        # says boolean, so other values are a 400, not silently every entry.
        if request.query_params.get("chaos", "") not in ("", "true", "false"):
            raise exceptions.ValidationError({"chaos": ["Must be true or false."]})
        try:
            return readable_entries(request.user, request.query_params)
        except (ValueError, TypeError) as exc:
            raise exceptions.ValidationError({"detail": str(exc)}) from exc


class JournalListView(_JournalBase):
    @extend_schema(
        parameters=FILTERS,
        responses={200: OpenApiTypes.OBJECT, **problems(400, 401)},
        summary="Recorded calls (every API family)",
    )
    def get(self, request):
        paginator = JournalPagination()
        page = paginator.paginate_queryset(self.entries(request), request, view=self)
        return paginator.get_paginated_response([e.as_record() for e in page])


class JournalExportView(_JournalBase):
    @extend_schema(
        parameters=FILTERS,
        responses={
            (200, "application/x-ndjson"): OpenApiTypes.STR,
            **problems(400, 401),
        },
        summary="Export recorded calls as JSONL",
    )
    def get(self, request):
        # Oldest first: a trajectory reads in the order the calls happened.
        entries = (
            self.entries(request).order_by("created_at", "id").iterator(chunk_size=500)
        )
        response = StreamingHttpResponse(
            journal.iter_jsonl(entries), content_type="application/x-ndjson"
        )
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        response["Content-Disposition"] = (
            f'attachment; filename="journal-{stamp}.jsonl"'
        )
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, StreamingHttpResponse):
            return response
        return super().finalize_response(request, response, *args, **kwargs)


__all__ = ["JournalExportView", "JournalListView", "Response"]
