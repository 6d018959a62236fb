"""Mock-only endpoints under ``/_mock/``."""

from collections.abc import Mapping
from typing import Any

from drf_spectacular.utils import inline_serializer
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers

from apps.amazon.api.base import FirstRenderer
from apps.amazon.api.errors import InvalidInput, sp_api_exception_handler
from apps.amazon.api.schema import AmazonAutoSchema, AmazonSchemaGenerator
from apps.amazon.family import FAMILY
from apps.core.seeding import Outcome
from apps.core.seeding.views import reset_view


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


def _reset_options(data: Mapping[str, Any]) -> dict[str, Any]:
    try:
        seed = int(data.get("seed", 1))
        sellers = int(data.get("sellers", 2))
        orders = int(data.get("orders", 200))
    except (TypeError, ValueError) as exc:
        raise InvalidInput("seed, sellers and orders must be integers.") from exc
    if not (1 <= sellers <= 50 and 0 <= orders <= 100_000):
        raise InvalidInput("sellers must be 1–50 and orders 0–100000.")
    return {"seed": seed, "sellers": sellers, "orders": orders}


def _reset_answer(outcome: Outcome) -> dict[str, Any]:
    summary = outcome.summary
    return {
        "seed": outcome.seed,
        "counts": summary["counts"],
        "clientId": summary["clientId"],
        "sellers": [s["sellingPartnerId"] for s in summary["sellers"]],
    }


ResetView = reset_view(
    FAMILY,
    options=_reset_options,
    respond=_reset_answer,
    description=(
        "POST /amazon/_mock/reset — staff only: restore the seeded state.\n\n"
        'Body (optional JSON): ``{"seed": 1, "sellers": 2, "orders": 200}``.'
    ),
    summary="Mock extension: wipe and re-seed all SP-API mock data (staff only)",
    request=inline_serializer(
        "AmazonResetRequest",
        {
            "seed": serializers.IntegerField(required=False, default=1),
            "sellers": serializers.IntegerField(required=False, default=2),
            "orders": serializers.IntegerField(required=False, default=200),
        },
    ),
    response_description="Counts of the seeded rows",
    content_negotiation_class=FirstRenderer,
    schema=AmazonAutoSchema(),
)
