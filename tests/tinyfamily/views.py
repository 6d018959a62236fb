"""A FastAPI-style resource, written the way docs/adding-an-api.md says."""

from django.http import HttpResponse
from rest_framework import serializers
from rest_framework.response import Response

from apps.core.api_views import FamilyAPIView
from apps.core.errors import ApiError, ErrorKind, FieldError

from .store import ITEMS


class ItemIn(serializers.Serializer):
    name = serializers.CharField(max_length=20)


class ItemsView(FamilyAPIView):
    family = "tiny"
    operation = "listItems"
    authentication_classes: list = []
    permission_classes: list = []

    def get(self, request):
        raw = request.query_params.get("limit", "10")
        if not raw.isdigit() or not 1 <= int(raw) <= 10:
            raise ApiError(
                kind=ErrorKind.VALIDATION,
                fields=[
                    FieldError(
                        ("query", "limit"),
                        "Input should be an integer from 1 to 10",
                        "int_parsing" if not raw.isdigit() else "less_than_equal",
                        raw,
                    )
                ],
            )
        return Response(list(ITEMS.values())[: int(raw)])

    def post(self, request):
        item = ItemIn(data=request.data)
        item.is_valid(raise_exception=True)
        return Response({"id": 2, **item.validated_data}, status=201)


class ItemView(FamilyAPIView):
    family = "tiny"
    authentication_classes: list = []
    permission_classes: list = []

    def get(self, request, item_id: int):
        if item_id not in ITEMS:
            raise ApiError("Item not found", kind=ErrorKind.NOT_FOUND)
        return Response(ITEMS[item_id])


def crash(request):
    """A plain Django view that fails: handler500 answers for the family."""
    raise RuntimeError("tiny internals")
    return HttpResponse()  # pragma: no cover
