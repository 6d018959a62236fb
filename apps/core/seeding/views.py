"""``POST /<prefix>/_mock/reset``: one staff-only view per family, made here.

``reset_view(family)`` returns the view class a family mounts in its own
URLconf. Staff only (session, basic or token authentication; ``IsAdminUser``),
JSON in and out, errors in the family's own shape (``family.exception_handler()``),
the family's request-id header stamped on every answer. Two hooks let a family
keep a body and an answer of its own:

* ``options(data) -> dict``: the JSON body (``{}`` when absent or not an
  object) → the keyword arguments of ``runner.run`` (``seed``, ``anchor``,
  ``scale`` and the family's own); raise to refuse it. The default reads
  ``{"seed": 1, "anchor": ISO 8601, "scale": 1.0}`` with a serializer, so
  refusals are validation errors every renderer knows.
* ``respond(outcome) -> JSON``: the body of the 200. Default:
  ``Outcome.as_dict()``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAdminUser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.families import ApiFamily, new_request_id
from apps.core.limits.login import LimitedBasicAuthentication

from . import runner
from .protocol import DEFAULT_SCALE, DEFAULT_SEED, Outcome

Options = Callable[[Mapping[str, Any]], dict[str, Any]]
Respond = Callable[[Outcome], Any]


class ResetOptions(serializers.Serializer):
    seed = serializers.IntegerField(default=DEFAULT_SEED)
    anchor = serializers.DateTimeField(default=None, allow_null=True)
    scale = serializers.FloatField(default=DEFAULT_SCALE)

    def validate_scale(self, value: float) -> float:
        if not value > 0:
            raise serializers.ValidationError("Ensure this value is greater than 0.")
        return value


def default_options(data: Mapping[str, Any]) -> dict[str, Any]:
    options = ResetOptions(data=dict(data))
    options.is_valid(raise_exception=True)
    return dict(options.validated_data)


def default_respond(outcome: Outcome) -> Any:
    return outcome.as_dict()


def reset_view(
    family: ApiFamily,
    *,
    options: Options = default_options,
    respond: Respond = default_respond,
    description: str | None = None,
    summary: str | None = None,
    request: Any = None,
    response_description: str = "What was reset",
    **attrs: Any,
) -> type[APIView]:
    """The reset view class of ``family``.

    ``description``, ``summary`` and ``request`` (a serializer) document the
    operation (``mockReset``, tag ``mock``); ``attrs`` override class
    attributes (a family's schema class or content negotiation)."""
    if request is None:
        request = inline_serializer(
            f"{family.label.title()}ResetRequest", ResetOptions().get_fields()
        )

    @extend_schema(
        operation_id="mockReset",
        summary=summary or f"Mock extension: reset {family.title} (staff only)",
        description=description,
        request=request,
        responses={200: OpenApiResponse(description=response_description)},
        tags=["mock"],
    )
    def post(self, http_request):
        data = http_request.data if isinstance(http_request.data, dict) else {}
        outcome = runner.run(family, "reset", **options(data))
        return Response(respond(outcome))

    def get_exception_handler(self):
        return family.exception_handler()

    def finalize_response(self, http_request, response, *args, **kwargs):
        response = APIView.finalize_response(
            self, http_request, response, *args, **kwargs
        )
        if family.request_id_header:
            response[family.request_id_header] = new_request_id()
        return response

    body = {
        "__doc__": description or f"Staff only: restore {family.title}'s seeded state.",
        "__module__": __name__,
        "authentication_classes": [
            SessionAuthentication,
            LimitedBasicAuthentication,  # the login limit: 429 past it
            TokenAuthentication,
        ],
        "permission_classes": [IsAdminUser],
        "parser_classes": [JSONParser],
        "renderer_classes": [JSONRenderer],
        "post": post,
        "get_exception_handler": get_exception_handler,
        "finalize_response": finalize_response,
        **attrs,
    }
    name = f"{family.label.title()}ResetView"
    return type(name, (APIView,), body)
