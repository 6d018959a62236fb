"""Tokens API 2021-03-01: createRestrictedDataToken.

Its 400s use the Tokens model's own code and message (``InvalidRequest``,
"Request is missing or has invalid parameters"), not Orders' ``InvalidInput``.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.response import Response

from apps.amazon.api.base import SpApiView
from apps.amazon.api.errors import AccessDenied, InvalidInput
from apps.amazon.services.rdt import (
    DATA_ELEMENTS,
    MAX_RESOURCES,
    METHODS,
    RestrictedResourceError,
    restricted_data_token_create,
)

INVALID_REQUEST_CODE = "InvalidRequest"
INVALID_REQUEST_MESSAGE = "Request is missing or has invalid parameters"


class InvalidRequest(InvalidInput):
    code = INVALID_REQUEST_CODE
    message = INVALID_REQUEST_MESSAGE


RESTRICTED_RESOURCE = inline_serializer(
    "TokensRestrictedResource",
    {
        "method": serializers.ChoiceField(
            choices=METHODS, help_text="The HTTP method in the restricted resource."
        ),
        "path": serializers.CharField(
            min_length=1,
            help_text=(
                "The path of a restricted operation, generic "
                "(`/orders/v0/orders/{orderId}/address`) or for one order "
                "(`/orders/v0/orders/902-1845936-5435065/address`)."
            ),
        ),
        "dataElements": serializers.ListField(
            child=serializers.ChoiceField(choices=DATA_ELEMENTS),
            required=False,
            help_text=(
                "The PII requested; required for, and only allowed with, "
                "getOrders, getOrder and getOrderItems."
            ),
        ),
    },
)
TOKEN_REQUEST = inline_serializer(
    "TokensCreateRestrictedDataTokenRequest",
    {
        "targetApplication": serializers.CharField(
            required=False,
            help_text="The application to which access is being delegated.",
        ),
        "restrictedResources": serializers.ListField(
            child=RESTRICTED_RESOURCE, min_length=1, max_length=MAX_RESOURCES
        ),
    },
)
TOKEN_RESPONSE = inline_serializer(
    "TokensCreateRestrictedDataTokenResponse",
    {
        "restrictedDataToken": serializers.CharField(
            help_text="Send it as x-amz-access-token to the restricted resources."
        ),
        "expiresIn": serializers.IntegerField(
            help_text="The token's lifetime in seconds."
        ),
    },
)
ERROR_LIST = inline_serializer(
    "TokensErrorList",
    {
        "errors": inline_serializer(
            "TokensError",
            {
                "code": serializers.CharField(),
                "message": serializers.CharField(),
                "details": serializers.CharField(required=False),
            },
            many=True,
        )
    },
)
ERROR_STATUSES = {
    400: "Request has missing or invalid parameters and cannot be parsed.",
    403: "Access to the resource is forbidden (an RDT cannot create an RDT).",
    415: "The request payload is in an unsupported format.",
    429: "The frequency of requests was greater than allowed.",
    500: "An unexpected condition occurred.",
}


class RestrictedDataTokenView(SpApiView):
    operation = "createRestrictedDataToken"
    # DRF's own 400s (malformed JSON) speak the Tokens model's code as well.
    error_codes = {"InvalidInput": INVALID_REQUEST_CODE}

    @extend_schema(
        operation_id="createRestrictedDataToken",
        summary="Create a Restricted Data Token (RDT) for restricted resources",
        description=(
            "Returns an `Atz.sprdt|…` token for the restricted resources named: "
            "an HTTP method and the path of a restricted operation (getOrders, "
            "getOrder, getOrderItems, getOrderAddress, getOrderBuyerInfo, "
            "getOrderItemsBuyerInfo), plus the PII dataElements getOrders, "
            "getOrder and getOrderItems should return. Send it as "
            "x-amz-access-token to those resources; it opens nothing else."
        ),
        request={"application/json": TOKEN_REQUEST},
        responses={
            200: TOKEN_RESPONSE,
            **{
                status: OpenApiResponse(ERROR_LIST, description=text)
                for status, text in ERROR_STATUSES.items()
            },
        },
        tags=["tokens"],
    )
    def post(self, request):
        try:
            data = request.data
        except ParseError as exc:
            raise InvalidRequest(str(exc.detail)) from exc
        if not isinstance(data, dict):
            raise InvalidRequest("The request body must be a JSON object.")
        try:
            issued = restricted_data_token_create(
                token=request.auth,
                restricted_resources=data.get("restrictedResources"),
                target_application=data.get("targetApplication"),
            )
        except RestrictedResourceError as exc:
            raise InvalidRequest(str(exc)) from exc
        except PermissionError as exc:
            raise AccessDenied(str(exc)) from exc
        return Response(issued.body())
