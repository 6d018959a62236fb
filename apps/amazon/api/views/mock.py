"""Mock-only endpoints under ``/_mock/``."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers
from rest_framework.authentication import (
    BasicAuthentication,
    SessionAuthentication,
    TokenAuthentication,
)
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAdminUser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.amazon.api.base import FirstRenderer, new_request_id
from apps.amazon.api.errors import InvalidInput, sp_api_exception_handler
from apps.amazon.api.schema import AmazonAutoSchema, AmazonSchemaGenerator
from apps.amazon.services.seeding import reset_amazon


class AmazonSchemaView(SpectacularAPIView):
    generator_class = AmazonSchemaGenerator
    urlconf = "apps.amazon.urls"
    custom_settings = {
        "TITLE": "Amazon Selling Partner API (mock)",
        "DESCRIPTION": (
            "Orders v0, Listings Items 2021-08-01, FBA Inventory v1, Reports "
            "2021-06-30 and Tokens 2021-03-01 as served by this mock, plus the "
            "Login with Amazon token endpoint. Paths are Amazon's; the server URL "
            "is this app's /amazon prefix. Parameters and responses come from "
            "Amazon's official models (Tokens: written after its model)."
        ),
        "VERSION": "2021-08-01",
        "SERVERS": [{"url": "/amazon", "description": "this mock"}],
        "SCHEMA_PATH_PREFIX": "",
        "COMPONENT_SPLIT_REQUEST": False,
        # Name the Tokens API's enums after it rather than "MethodEnum".
        "ENUM_NAME_OVERRIDES": {
            "TokensMethodEnum": "apps.amazon.services.rdt.METHODS",
            "TokensDataElementEnum": "apps.amazon.services.rdt.DATA_ELEMENTS",
        },
    }
    serve_public = True
    permission_classes: list = []
    authentication_classes: list = []

    def get_exception_handler(self):
        return sp_api_exception_handler


class ResetView(APIView):
    """POST /amazon/_mock/reset — staff only: restore the seeded state.

    Body (optional JSON): ``{"seed": 1, "sellers": 2, "orders": 200}``.
    """

    authentication_classes = [
        SessionAuthentication,
        BasicAuthentication,
        TokenAuthentication,
    ]
    permission_classes = [IsAdminUser]
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = FirstRenderer
    schema = AmazonAutoSchema()

    def get_exception_handler(self):
        return sp_api_exception_handler

    @extend_schema(
        operation_id="mockReset",
        summary="Mock extension: wipe and re-seed all SP-API mock data (staff only)",
        request=inline_serializer(
            "AmazonResetRequest",
            {
                "seed": serializers.IntegerField(required=False, default=1),
                "sellers": serializers.IntegerField(required=False, default=2),
                "orders": serializers.IntegerField(required=False, default=200),
            },
        ),
        responses={200: OpenApiResponse(description="Counts of the seeded rows")},
        tags=["mock"],
    )
    def post(self, request):
        data = request.data if isinstance(request.data, dict) else {}
        try:
            seed = int(data.get("seed", 1))
            sellers = int(data.get("sellers", 2))
            orders = int(data.get("orders", 200))
        except (TypeError, ValueError) as exc:
            raise InvalidInput("seed, sellers and orders must be integers.") from exc
        if not (1 <= sellers <= 50 and 0 <= orders <= 100_000):
            raise InvalidInput("sellers must be 1–50 and orders 0–100000.")
        summary = reset_amazon(seed=seed, sellers=sellers, orders=orders)
        return Response(
            {
                "seed": seed,
                "counts": summary.counts,
                "clientId": summary.client_id,
                "sellers": [s.selling_partner_id for s in summary.sellers],
            }
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["x-amzn-RequestId"] = new_request_id()
        return response
