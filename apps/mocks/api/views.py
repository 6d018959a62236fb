"""Views of the management API: thin wrappers over selectors (reads) and
services (writes). Errors are problem+json (apps.core.api_problems)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.http.response import HttpResponseBase
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api_problems import (
    RateLimitExceeded,
    problem_exception_handler,
)
from apps.core.limits.fixed_window import retry_after
from apps.core.problems import PROBLEM_CONTENT_TYPE, problem_response
from apps.mocks import models as m
from apps.mocks import selectors, services
from apps.mocks.edge.testing import run_test_request

from .filters import EndpointFilter, GroupFilter
from .permissions import CreatorOrStaffCanEdit
from .serializers import (
    EndpointSerializer,
    GroupSerializer,
    MeSerializer,
    ProblemSerializer,
    TestRequestSerializer,
    TestResultSerializer,
)

PROBLEM_DESCRIPTIONS = {
    400: _("Invalid request: malformed JSON, unknown field or failed validation."),
    401: _("Not signed in (session) or no valid token (Authorization: Token …)."),
    403: _("Signed in, but only the creator or staff may change this item."),
    404: _("No such item."),
    415: _("The body must be application/json."),
    429: _("Rate limit exceeded; Retry-After gives the seconds to wait."),
}


def problems(*codes: int) -> dict:
    """OpenAPI responses for these problem+json error statuses."""
    return {
        (code, PROBLEM_CONTENT_TYPE): OpenApiResponse(
            ProblemSerializer, description=PROBLEM_DESCRIPTIONS[code]
        )
        for code in codes
    }


DELETED_PARAMETER = OpenApiParameter(
    "deleted",
    OpenApiTypes.BOOL,
    description=_("true: the soft-deleted rows (the bin) instead of the live ones."),
)
GROUP_ID_PARAMETER = OpenApiParameter(
    "group_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description=_("Group id.")
)


class ManagementPagination(PageNumberPagination):
    """A page_size that is not a positive integer is a 400, not silently the
    default (the schema says integer, minimum 1); above the maximum it is
    capped."""

    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size < 1:
            raise serializers.ValidationError(
                {self.page_size_query_param: [gettext("A positive integer.")]}
            )
        return min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = gettext(
                    "Rows per page (at most %(max)d; more is capped)."
                ) % {"max": self.max_page_size}
        return parameters


class ManagementAPIView:
    """Base of every management API view: auth, permissions, JSON only,
    problem+json errors and the API_RATELIMIT budget per user (or IP)."""

    # Token first, so an anonymous request gets 401 with WWW-Authenticate: Token.
    authentication_classes = (TokenAuthentication, SessionAuthentication)
    permission_classes = (IsAuthenticated, CreatorOrStaffCanEdit)
    parser_classes = (JSONParser,)
    renderer_classes = (JSONRenderer, BrowsableAPIRenderer)
    pagination_class = ManagementPagination
    filter_backends = (DjangoFilterBackend, SearchFilter, OrderingFilter)

    def get_exception_handler(self) -> Callable:
        return problem_exception_handler

    def perform_authentication(self, request) -> None:
        try:
            super().perform_authentication(request)
        except exceptions.AuthenticationFailed:
            # A bad token still spends the caller's (IP's) budget.
            self.enforce_rate_limit(request)
            raise
        self.enforce_rate_limit(request)

    def enforce_rate_limit(self, request) -> None:
        wait = retry_after(request, group="mocks.api", rate=settings.API_RATELIMIT)
        if wait is not None:
            raise RateLimitExceeded(wait=wait)

    def deleted_param(self) -> bool:
        raw = self.request.query_params.get("deleted", "")
        if raw == "":
            return False
        try:
            return serializers.BooleanField().to_internal_value(raw)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({"deleted": exc.detail}) from exc


class MeView(ManagementAPIView, APIView):
    """Who the API sees: the session's user or the token's owner."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary=_("The signed-in user"),
        responses={200: MeSerializer, **problems(401, 429)},
        tags=["auth"],
    )
    def get(self, request):
        return Response(MeSerializer(request.user).data)


def _created(data: dict, location: str) -> Response:
    return Response(
        data, status=status.HTTP_201_CREATED, headers={"Location": location}
    )


@extend_schema_view(
    list=extend_schema(
        summary=_("List groups"),
        parameters=[DELETED_PARAMETER],
        responses={200: GroupSerializer(many=True), **problems(400, 401, 404, 429)},
    ),
    create=extend_schema(
        summary=_("Create a group"),
        responses={201: GroupSerializer, **problems(400, 401, 415, 429)},
    ),
    retrieve=extend_schema(
        summary=_("Read a group"),
        parameters=[DELETED_PARAMETER],
        responses={200: GroupSerializer, **problems(400, 401, 404, 429)},
    ),
    update=extend_schema(
        summary=_("Replace a group"),
        responses={200: GroupSerializer, **problems(400, 401, 403, 404, 415, 429)},
    ),
    partial_update=extend_schema(
        summary=_("Update some fields of a group"),
        responses={200: GroupSerializer, **problems(400, 401, 403, 404, 415, 429)},
    ),
    destroy=extend_schema(
        summary=_("Delete a group (soft: its endpoints go to the bin with it)"),
        responses={204: None, **problems(401, 403, 404, 429)},
    ),
    restore=extend_schema(
        summary=_("Restore a deleted group with the endpoints its delete took"),
        request=None,
        responses={200: GroupSerializer, **problems(400, 401, 403, 404, 429)},
    ),
)
@extend_schema(tags=["groups"])
class GroupViewSet(ManagementAPIView, viewsets.GenericViewSet):
    """Mock groups: the first URL segment of their endpoints (/{slug}/…).

    Deleting is soft: the group and its endpoints go to the bin
    (`?deleted=true`) and come back together with `restore`.
    """

    serializer_class = GroupSerializer
    queryset = m.Group.objects.none()  # reads go through selectors
    filterset_class = GroupFilter
    search_fields = ("name", "slug", "description")
    ordering_fields = ("name", "slug", "created_at", "updated_at")
    ordering = ("name",)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return m.Group.objects.none()
        return selectors.group_list(deleted=self.deleted_param())

    def get_object(self) -> m.Group:
        # restore finds the row whatever its state (restoring a live one is a no-op).
        deleted = None if self.action == "restore" else self.deleted_param()
        group = selectors.group_get(group_id=self.kwargs["pk"], deleted=deleted)
        self.check_object_permissions(self.request, group)
        return group

    def _detail_url(self, group: m.Group) -> str:
        return reverse("api:group-detail", kwargs={"pk": group.pk})

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        group = services.group_create(data=serializer.validated_data, user=request.user)
        return _created(self.get_serializer(group).data, self._detail_url(group))

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    def update(self, request, *args, partial: bool = False, **kwargs):
        group = self.get_object()
        serializer = self.get_serializer(group, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        group = services.group_update(group=group, data=serializer.validated_data)
        return Response(self.get_serializer(group).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        services.group_delete(group=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["post"])
    def restore(self, request, *args, **kwargs):
        group = services.group_restore(group=self.get_object())
        return Response(self.get_serializer(group).data)


@extend_schema_view(
    list=extend_schema(
        summary=_("List the endpoints of a group"),
        parameters=[DELETED_PARAMETER],
        responses={
            200: EndpointSerializer(many=True),
            **problems(400, 401, 404, 429),
        },
    ),
    create=extend_schema(
        summary=_("Create an endpoint with its headers and URL parameters"),
        responses={201: EndpointSerializer, **problems(400, 401, 403, 404, 415, 429)},
    ),
    retrieve=extend_schema(
        summary=_("Read an endpoint"),
        parameters=[DELETED_PARAMETER],
        responses={200: EndpointSerializer, **problems(400, 401, 404, 429)},
    ),
    update=extend_schema(
        summary=_(
            "Replace an endpoint (nested lists: sent ones replace, left out kept)"
        ),
        responses={
            200: EndpointSerializer,
            **problems(400, 401, 403, 404, 415, 429),
        },
    ),
    partial_update=extend_schema(
        summary=_("Update some fields of an endpoint"),
        responses={
            200: EndpointSerializer,
            **problems(400, 401, 403, 404, 415, 429),
        },
    ),
    destroy=extend_schema(
        summary=_("Delete an endpoint (soft)"),
        responses={204: None, **problems(401, 403, 404, 429)},
    ),
    restore=extend_schema(
        summary=_("Restore a deleted endpoint with the rows its delete took"),
        request=None,
        responses={200: EndpointSerializer, **problems(400, 401, 403, 404, 429)},
    ),
    duplicate=extend_schema(
        summary=_("Copy an endpoint (with its rows) under a free path"),
        request=None,
        responses={201: EndpointSerializer, **problems(400, 401, 403, 404, 429)},
    ),
    test_request=extend_schema(
        summary=_("Send a test request through the mock engine"),
        request=TestRequestSerializer,
        responses={200: TestResultSerializer, **problems(400, 401, 404, 415, 429)},
    ),
)
@extend_schema(parameters=[GROUP_ID_PARAMETER], tags=["endpoints"])
class EndpointViewSet(ManagementAPIView, viewsets.GenericViewSet):
    """The endpoints of a group, with their expected headers and URL parameters
    written in the same request.

    Nested lists replace the whole set when sent (rows matched by `id`, else by
    name) and stay as they are when left out. Errors on nested rows name the row:
    `headers[1].name`.
    """

    serializer_class = EndpointSerializer
    queryset = m.Endpoint.objects.none()  # reads go through selectors
    filterset_class = EndpointFilter
    search_fields = ("name", "path", "description")
    ordering_fields = (
        "name",
        "path",
        "method",
        "response_status_code",
        "created_at",
        "updated_at",
    )
    ordering = ("path", "method")
    # POST actions that change nothing: any signed-in user may run them.
    read_actions = ("test_request",)

    def get_group(self) -> m.Group:
        if not hasattr(self, "_group"):
            # The bin and restore reach endpoints of a deleted group too.
            any_state = self.action == "restore" or self.deleted_param()
            self._group = selectors.group_get(
                group_id=self.kwargs["group_id"], deleted=None if any_state else False
            )
        return self._group

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return m.Endpoint.objects.none()
        return selectors.endpoint_list(
            group=self.get_group(), deleted=self.deleted_param()
        )

    def _endpoint(self) -> m.Endpoint:
        deleted = None if self.action == "restore" else self.deleted_param()
        return selectors.endpoint_get(
            group=self.get_group(), endpoint_id=self.kwargs["pk"], deleted=deleted
        )

    def get_object(self) -> m.Endpoint:
        endpoint = self._endpoint()
        self.check_object_permissions(self.request, endpoint)
        return endpoint

    def _fresh(self, endpoint: m.Endpoint) -> m.Endpoint:
        # Read back after a write: nested rows prefetched before it are stale.
        return selectors.endpoint_get(
            group=endpoint.group, endpoint_id=endpoint.pk, deleted=None
        )

    def _detail_url(self, endpoint: m.Endpoint) -> str:
        return reverse(
            "api:endpoint-detail",
            kwargs={"group_id": endpoint.group_id, "pk": endpoint.pk},
        )

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request, *args, **kwargs):
        group = self.get_group()
        # Adding an endpoint changes the group: its creator or staff only.
        self.check_object_permissions(request, group)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        endpoint = services.endpoint_create(
            group=group, data=serializer.validated_data, user=request.user
        )
        endpoint = self._fresh(endpoint)
        return _created(self.get_serializer(endpoint).data, self._detail_url(endpoint))

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    def update(self, request, *args, partial: bool = False, **kwargs):
        endpoint = self.get_object()
        serializer = self.get_serializer(endpoint, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        endpoint = services.endpoint_update(
            endpoint=endpoint, data=serializer.validated_data, partial=partial
        )
        return Response(self.get_serializer(self._fresh(endpoint)).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        services.endpoint_delete(endpoint=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["post"])
    def restore(self, request, *args, **kwargs):
        endpoint = services.endpoint_restore(endpoint=self.get_object())
        return Response(self.get_serializer(self._fresh(endpoint)).data)

    @action(detail=True, methods=["post"])
    def duplicate(self, request, *args, **kwargs):
        endpoint = self._endpoint()
        # The copy lands in the group: the group's creator or staff only.
        self.check_object_permissions(request, endpoint.group)
        copy = self._fresh(
            services.endpoint_duplicate(endpoint=endpoint, user=request.user)
        )
        return _created(self.get_serializer(copy).data, self._detail_url(copy))

    @action(detail=True, methods=["post"], url_path="test", url_name="test")
    def test_request(self, request, *args, **kwargs):
        endpoint = self.get_object()
        serializer = TestRequestSerializer(data=request.data or {})
        serializer.is_valid(raise_exception=True)
        return Response(run_test_request(endpoint, **serializer.validated_data))


@csrf_exempt
def not_found(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
    """Any /api/ URL no route matches: a 404 problem, never an HTML page.

    Like APPEND_SLASH, a GET for a route that exists with a trailing slash
    (/api/schema → /api/schema/) is redirected there.
    """
    path = request.path_info
    if request.method in ("GET", "HEAD") and not path.endswith("/"):
        try:
            match = resolve(path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            return HttpResponsePermanentRedirect(
                request.get_full_path(force_append_slash=True)
            )
    return problem_response(
        404,
        type_="not-found",
        detail=gettext("No management API route matches this URL."),
        instance=request.path,
    )
