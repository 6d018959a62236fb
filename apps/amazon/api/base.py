"""The base view every SP-API operation derives from, and request helpers.

It authenticates on ``x-amz-access-token``, charges the operation's usage plan,
speaks JSON only, and stamps ``x-amzn-RequestId`` (always) and
``x-amzn-RateLimit-Limit`` (on the statuses the models declare it for).
"""

import uuid
from datetime import UTC, datetime

from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from apps.amazon import ratelimit
from apps.amazon.api.authentication import AccessTokenAuthentication
from apps.amazon.api.errors import InvalidInput, QuotaExceeded, sp_api_exception_handler
from apps.amazon.api.schema import AmazonAutoSchema
from apps.amazon.dates import parse_iso_instant
from apps.core import journal

RATE_LIMIT_HEADER_STATUSES = {200, 201, 202, 204, 400, 404}


def new_request_id() -> str:
    return str(uuid.uuid4())


def strip_allow_header(response) -> None:
    """DRF stamps ``Allow`` on every response; Amazon sends it on none but 405."""
    if response.status_code != 405 and response.has_header("Allow"):
        del response["Allow"]


class FirstRenderer(BaseContentNegotiation):
    """Always JSON, whatever Accept says (Amazon ignores it too)."""

    def select_parser(self, request, parsers):
        content_type = request.content_type or ""
        for parser in parsers:
            if parser.media_type.split(";")[0] in content_type:
                return parser
        return None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class LenientJSONParser(JSONParser):
    """JSON bodies; ``application/json; charset=…`` and ``+json`` types included."""

    media_type = "application/json"


class SpApiView(APIView):
    operation: str = ""
    error_codes: dict[str, str] = {}
    authentication_classes = [AccessTokenAuthentication]
    permission_classes = [IsAuthenticated]
    parser_classes = [LenientJSONParser]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = FirstRenderer
    throttle_classes: list = []
    schema = AmazonAutoSchema()

    def get_exception_handler(self):
        return sp_api_exception_handler

    def get_operation(self, request) -> str:
        return self.operation

    def initialize_request(self, request, *args, **kwargs):
        drf_request = super().initialize_request(request, *args, **kwargs)
        # One path may carry one operation per method (regulatedInfo).
        journal.annotate(request, operation=self.get_operation(drf_request))
        return drf_request

    @property
    def seller(self):
        return self.request.user.seller

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        principal = request.user
        decision = ratelimit.check(
            self.get_operation(request),
            str(principal.seller.pk),
            str(principal.application.pk),
        )
        if decision is not None and not decision.allowed:
            raise QuotaExceeded()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        strip_allow_header(response)
        response["x-amzn-RequestId"] = new_request_id()
        # Authenticated calls carry their plan (enforced or not), refused ones none.
        authenticated = getattr(request, "_authenticator", None) is not None
        if authenticated and response.status_code in RATE_LIMIT_HEADER_STATUSES:
            plan = ratelimit.effective_plan(self.get_operation(request))
            if plan is not None:
                response["x-amzn-RateLimit-Limit"] = plan.header
        return response


# --- query helpers -------------------------------------------------------------


def query_list(request, name: str) -> list[str]:
    """An array parameter sent as CSV, as repeated keys, or both."""
    values: list[str] = []
    for raw in request.query_params.getlist(name):
        values.extend(v.strip() for v in raw.split(",") if v.strip())
    # Some clients send the same key twice (python-amazon-sp-api's marketplace keys).
    return list(dict.fromkeys(values))


def body_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise InvalidInput("Expected a list of strings.")


def parse_datetime(value: str, name: str) -> datetime:
    """ISO 8601 (``Z``, offsets, fractions or a bare date), aware in UTC."""
    try:
        return parse_iso_instant(value)
    except ValueError as exc:
        raise InvalidInput(
            f"Invalid date-time field(s) [{name}].",
            message="timestamp must follow ISO8601",
        ) from exc


def query_datetime(request, name: str) -> datetime | None:
    value = request.query_params.get(name)
    if value is None or value == "":
        return None
    return parse_datetime(value, name)


def query_int(request, name: str, *, default: int, low: int, high: int) -> int:
    value = request.query_params.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise InvalidInput(f"{name} must be an integer.") from exc
    if not low <= number <= high:
        raise InvalidInput(f"{name} must be between {low} and {high}.")
    return number


def query_bool(request, name: str, *, default: bool = False) -> bool:
    value = request.query_params.get(name)
    if value in (None, ""):
        return default
    lowered = value.lower()
    if lowered in {"true", "1"}:
        return True
    if lowered in {"false", "0"}:
        return False
    raise InvalidInput(f"{name} must be true or false.")


def iso(value: datetime | None) -> str | None:
    """Amazon's timestamp style: UTC, seconds, ``Z``."""
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
