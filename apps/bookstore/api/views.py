"""The bookstore's endpoints: thin, they parse, call a service or selector and
shape the answer. Every error is an ApiError rendered in FastAPI's shape."""

from __future__ import annotations

import logging
import math
import time

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from apps.bookstore import health, metrics, selectors, services
from apps.bookstore import isbn as isbns
from apps.core import idempotency
from apps.core.api_views import FamilyAPIView
from apps.core.errors import ApiError, ErrorKind, FieldError

from . import serializers as s
from .authentication import ApiKeyAuthentication, HasApiKey
from .schema import BookstoreAutoSchema
from .validation import path_uuid as _uuid
from .validation import query_dict, validated

request_log = logging.getLogger("bookstore.requests")


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(OpenApiTypes.OBJECT, description=description)


AUTH_ERRORS = {401: _error("Missing or invalid X-API-Key"),
               422: _error("Validation error: every failing field")}  # fmt: skip
IDEMPOTENCY_HEADER = OpenApiParameter(
    idempotency.HEADER, str, OpenApiParameter.HEADER, required=False,
    description="Up to 255 characters; a retry with the same key and body "
    "replays the first answer (Idempotent-Replayed: true)",
)  # fmt: skip


class BookstoreView(FamilyAPIView):
    """Base view: X-API-Key, JSON only, one log line and one latency sample
    per request."""

    family = "bookstore"
    operation = ""
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasApiKey]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    schema = BookstoreAutoSchema()

    def once(self, request, run) -> Response:
        """``run()`` under the request's Idempotency-Key (apps/core/idempotency),
        scoped to this operation and this key holder."""
        return idempotency.respond(
            self, request, scope=f"bookstore.{self.operation}",
            principal=request.user.journal_principal, run=run,
        )  # fmt: skip

    def initial(self, request, *args, **kwargs):
        request.bookstore_started = time.perf_counter()
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        incoming = request.headers.get("X-Request-Id", "")
        if incoming and len(incoming) <= 100 and incoming.isprintable():
            response["X-Request-Id"] = incoming  # keep the caller's trace id
        response = super().finalize_response(request, response, *args, **kwargs)
        started = getattr(request, "bookstore_started", None)
        if started is not None:
            elapsed = time.perf_counter() - started
            metrics.LATENCY.labels(self.operation, str(response.status_code)).observe(
                elapsed
            )
            request_log.info(
                "%s %s %s", request.method, request.path, response.status_code,
                extra={
                    "event": "request", "request_id": response.get("X-Request-Id"),
                    "operation": self.operation, "method": request.method,
                    "path": request.path, "status": response.status_code,
                    "latency_ms": round(elapsed * 1000, 2),
                    "principal": getattr(request.user, "journal_principal", None),
                },
            )  # fmt: skip
        return response


class BooksView(BookstoreView):
    operation = "listBooks"

    @extend_schema(
        operation_id="listBooks",
        summary="List the inventory",
        parameters=[s.BookQuery],
        responses={200: s.BookPage, **AUTH_ERRORS},
    )
    def get(self, request):
        query = validated(s.BookQuery, query_dict(request), location="query")
        page, size = query.pop("page"), query.pop("size")
        books = selectors.book_list(**query)
        total = books.count()
        items = books[(page - 1) * size : page * size]
        return Response(
            {
                "items": s.BookOut(items, many=True).data,
                "total": total,
                "page": page,
                "size": size,
                "pages": math.ceil(total / size),
            }
        )


class BookView(BookstoreView):
    operation = "getBook"

    @extend_schema(
        operation_id="getBook",
        summary="One book by ISBN-10 or ISBN-13",
        responses={200: s.BookOut, 404: _error("Unknown ISBN"), **AUTH_ERRORS},
    )
    def get(self, request, isbn: str):
        try:
            isbn13 = isbns.normalize(isbn)
        except isbns.InvalidIsbn as exc:
            raise ApiError(
                kind=ErrorKind.VALIDATION,
                fields=[FieldError(("path", "isbn"), str(exc), "isbn_invalid", isbn)],
            ) from None
        return Response(s.BookOut(selectors.book_get(isbn=isbn13)).data)


class OrdersView(BookstoreView):
    operation = "createOrder"

    @extend_schema(
        operation_id="createOrder",
        summary="Place an order: pay and reserve stock, all or nothing",
        parameters=[IDEMPOTENCY_HEADER],
        request=s.OrderIn,
        responses={
            201: s.OrderOut,
            402: _error("Payment declined (reason)"),
            409: _error("Insufficient stock (each short ISBN) or key in use"),
            504: _error("Payment processor timed out (nothing charged)"),
            **AUTH_ERRORS,
        },
    )
    def post(self, request):
        def run() -> Response:
            data = validated(s.OrderIn, request.data, location="body")
            order = services.order_place(
                items=data["items"],
                customer=data["customer"],
                card=services.Card(number=data["payment"]["card_number"]),
                api_key=request.user.key,
            )
            order = selectors.order_get(order_id=order.pk)
            return Response(s.OrderOut(order).data, status=201)

        return self.once(request, run)


class OrderView(BookstoreView):
    operation = "getOrder"

    @extend_schema(
        operation_id="getOrder",
        summary="An order with its payment and delivery status",
        responses={200: s.OrderOut, 404: _error("Unknown order"), **AUTH_ERRORS},
    )
    def get(self, request, order_id: str):
        order = selectors.order_get(order_id=_uuid(order_id, "order_id"))
        return Response(s.OrderOut(order).data)


class DeliveriesView(BookstoreView):
    operation = "scheduleDelivery"

    @extend_schema(
        operation_id="scheduleDelivery",
        summary="Schedule the delivery of a paid order",
        parameters=[IDEMPOTENCY_HEADER],
        request=s.DeliveryIn,
        responses={
            201: s.DeliveryOut,
            404: _error("Unknown order"),
            409: _error("Order not paid, or it has an active delivery"),
            **AUTH_ERRORS,
        },
    )
    def post(self, request):
        def run() -> Response:
            data = validated(s.DeliveryIn, request.data, location="body")
            order = selectors.order_get(order_id=data["order_id"])
            delivery = services.delivery_schedule(
                order=order,
                address=data["address"],
                requested_date=data["requested_date"],
                window=data["window"],
            )
            return Response(s.DeliveryOut(delivery).data, status=201)

        return self.once(request, run)


class DeliveryView(BookstoreView):
    operation = "getDelivery"

    @extend_schema(
        operation_id="getDelivery",
        summary="A delivery and its timeline",
        responses={200: s.DeliveryOut, 404: _error("Unknown delivery"), **AUTH_ERRORS},
    )
    def get(self, request, delivery_id: str):
        delivery = selectors.delivery_get(delivery_id=_uuid(delivery_id, "delivery_id"))
        return Response(s.DeliveryOut(delivery).data)


class HealthView(BookstoreView):
    operation = "health"
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        operation_id="health",
        summary="Each subsystem and its dependencies (no key needed)",
        responses={200: OpenApiTypes.OBJECT, 503: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        body, healthy = health.report()
        return Response(body, status=200 if healthy else 503)


class MetricsView(BookstoreView):
    operation = "metrics"

    @extend_schema(
        operation_id="metrics",
        summary="Prometheus text format",
        responses={(200, "text/plain"): OpenApiTypes.STR, **AUTH_ERRORS},
    )
    def get(self, request):
        payload, content_type = metrics.render()
        return HttpResponse(payload, content_type=content_type)
