"""POST /auth/o2/token — the Login with Amazon token exchange.

This endpoint imitates api.amazon.com, not the SP-API, so its errors use LWA's
OAuth 2.0 shape (``error``, ``error_description``) rather than the SP-API envelope.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.amazon.api.base import FirstRenderer, new_request_id, strip_allow_header
from apps.amazon.api.schema import AmazonAutoSchema
from apps.amazon.services.lwa import LwaError, token_exchange
from apps.core.errors import (
    ErrorInfo,
    ErrorKind,
    ErrorRenderer,
    RenderedError,
    exception_handler_for,
)


class LwaRenderer(ErrorRenderer):
    """OAuth 2.0 errors as api.amazon.com sends them."""

    def render(self, info: ErrorInfo, *, request=None, view=None) -> RenderedError:
        error = info.exception if isinstance(info.exception, LwaError) else None
        if error is None:
            if info.kind is ErrorKind.METHOD_NOT_ALLOWED:
                error = LwaError(
                    "invalid_request", "The request method is not supported", 405
                )
            elif info.kind is ErrorKind.UNEXPECTED or info.status >= 500:
                error = LwaError("server_error", "Internal server error", 500)
            else:
                message = info.message or info.details
                error = LwaError("invalid_request", message, info.status)
        return RenderedError(error.status, error.body())


lwa_exception_handler = exception_handler_for(LwaRenderer())


TOKEN_REQUEST = inline_serializer(
    "LwaTokenRequest",
    {
        "grant_type": serializers.ChoiceField(
            choices=["refresh_token", "client_credentials", "authorization_code"]
        ),
        "refresh_token": serializers.CharField(required=False),
        "scope": serializers.CharField(required=False),
        "client_id": serializers.CharField(min_length=1),
        "client_secret": serializers.CharField(min_length=1),
    },
)
TOKEN_RESPONSE = inline_serializer(
    "LwaTokenResponse",
    {
        "access_token": serializers.CharField(),
        "refresh_token": serializers.CharField(required=False),
        "token_type": serializers.CharField(),
        "expires_in": serializers.IntegerField(),
        "scope": serializers.CharField(required=False),
    },
)
LWA_ERROR = inline_serializer(
    "LwaError",
    {"error": serializers.CharField(), "error_description": serializers.CharField()},
)


class LwaTokenView(APIView):
    operation = "lwaToken"  # the journal's name for the call
    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes: list = []
    parser_classes = [FormParser, JSONParser]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = FirstRenderer
    schema = AmazonAutoSchema()

    def get_exception_handler(self):
        return lwa_exception_handler

    @extend_schema(
        operation_id="lwaToken",
        summary="Exchange an LWA refresh token or client credentials for an access token",
        request={
            "application/x-www-form-urlencoded": TOKEN_REQUEST,
            "application/json": TOKEN_REQUEST,
        },
        responses={
            200: TOKEN_RESPONSE,
            400: OpenApiResponse(LWA_ERROR),
            401: OpenApiResponse(LWA_ERROR),
        },
        auth=[],
        tags=["lwa"],
    )
    def post(self, request):
        # A JSON body that is not an object (a list, a string) carries no
        # fields: LWA answers that like a request with none (invalid_request).
        data = request.data if hasattr(request.data, "get") else {}

        def field(name: str) -> str:
            value = data.get(name, "")
            return value.strip() if isinstance(value, str) else ""

        issued = token_exchange(
            grant_type=field("grant_type"),
            client_id=field("client_id"),
            client_secret=field("client_secret"),
            refresh_token=field("refresh_token"),
            scope=field("scope"),
        )
        return Response(issued.body())

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        strip_allow_header(response)
        response["x-amzn-RequestId"] = new_request_id()
        response["Cache-Control"] = "no-cache, no-store, must-revalidate"
        return response
