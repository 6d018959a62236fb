"""The shop's endpoints: thin, they parse, call a service or selector and
shape the answer. Every error is an ApiError rendered in FastAPI's shape."""

from __future__ import annotations

import math

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from apps.core import families, idempotency, journal
from apps.core.api_validation import path_uuid as _uuid
from apps.core.api_validation import query_dict, validated
from apps.core.api_views import FamilyAPIView
from apps.core.errors import ApiError, ErrorKind
from apps.core.seeding import runner
from apps.shop import selectors, services

from . import serializers as s
from .authentication import BearerAuthentication, IsShopAdmin, IsShopUser
from .schema import ShopAutoSchema


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(OpenApiTypes.OBJECT, description=description)


INVALID = {422: _error("Validation error: every failing field")}
AUTH = {401: _error("Missing, malformed or expired bearer token"), **INVALID}
ADMIN = {**AUTH, 403: _error("Admin role required")}
# Never echoed in a 422 (nor, through it, kept in the journal).
SECRET = frozenset({"password", "refresh_token"})
IDEMPOTENCY_HEADER = OpenApiParameter(
    idempotency.HEADER, str, OpenApiParameter.HEADER, required=False,
    description="Up to 255 characters; a retry with the same key and body "
    "replays the first answer (Idempotent-Replayed: true)",
)  # fmt: skip


# Base view: bearer token required, JSON only (no docstring: it would become
# every operation's description in the schema).
class ShopView(FamilyAPIView):
    family = "shop"
    operation = ""
    authentication_classes = [BearerAuthentication]
    permission_classes = [IsShopUser]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    schema = ShopAutoSchema()
    # One path, several operations: the journal records the method's own.
    operations: dict[str, str] = {}

    def initial(self, request, *args, **kwargs):
        if request.method in self.operations:
            journal.annotate(request, operation=self.operations[request.method])
        super().initial(request, *args, **kwargs)

    def permission_denied(self, request, message=None, code=None):
        if request.authenticators and not request.successful_authenticator:
            raise ApiError(
                "Not authenticated", kind=ErrorKind.NOT_AUTHENTICATED,
                headers={"WWW-Authenticate": "Bearer"},
            )  # fmt: skip
        super().permission_denied(request, message=message, code=code)


class PublicView(ShopView):
    authentication_classes: list = []
    permission_classes: list = []


class AdminView(ShopView):
    permission_classes = [IsShopAdmin]


def _page(queryset, *, page: int, size: int, out) -> dict:
    total = queryset.count()
    rows = queryset[(page - 1) * size : page * size]
    return {"items": out(rows, many=True).data, "total": total, "page": page,
            "size": size, "pages": math.ceil(total / size)}  # fmt: skip


def _paging(request) -> tuple[int, int]:
    query = validated(s.PageQuery, query_dict(request), location="query")
    return query["page"], query["size"]


# --- auth ------------------------------------------------------------------------
class RegisterView(PublicView):
    operation = "register"

    @extend_schema(
        operation_id="register", summary="Create a shopper account", tags=["auth"],
        request=s.RegisterIn,
        responses={201: s.UserOut, 409: _error("Email already registered"), **INVALID},
    )  # fmt: skip
    def post(self, request):
        data = validated(s.RegisterIn, request.data, location="body", secret=SECRET)
        return Response(s.UserOut(services.user_register(**data)).data, status=201)


class LoginView(PublicView):
    operation = "login"

    @extend_schema(
        operation_id="login", summary="Exchange email and password for tokens",
        tags=["auth"], request=s.LoginIn,
        responses={200: s.TokenOut, 401: _error("Wrong email or password"),
                   429: _error("Too many failed attempts (Retry-After)"), **INVALID},
    )  # fmt: skip
    def post(self, request):
        data = validated(s.LoginIn, request.data, location="body", secret=SECRET)
        return Response(services.user_login(request=request._request, **data))


class RefreshView(PublicView):
    operation = "refresh"

    @extend_schema(
        operation_id="refresh", summary="A new access token from a refresh token",
        tags=["auth"], request=s.RefreshIn,
        responses={200: s.TokenOut, 401: _error("Invalid or expired refresh token"),
                   **INVALID},
    )  # fmt: skip
    def post(self, request):
        data = validated(s.RefreshIn, request.data, location="body", secret=SECRET)
        return Response(services.token_refresh(raw=data["refresh_token"]))


class MeView(ShopView):
    operation = "me"

    @extend_schema(operation_id="me", summary="The signed-in user", tags=["auth"],
                   responses={200: s.UserOut, **AUTH})  # fmt: skip
    def get(self, request):
        return Response(s.UserOut(request.user).data)


# --- catalogue -------------------------------------------------------------------
class ProductsView(PublicView):
    operation = "listProducts"

    @extend_schema(
        operation_id="listProducts", summary="Search and browse the catalogue",
        tags=["catalogue"], parameters=[s.ProductQuery],
        responses={200: s.ProductPage, **INVALID},
    )  # fmt: skip
    def get(self, request):
        query = validated(s.ProductQuery, query_dict(request), location="query")
        page, size = query.pop("page"), query.pop("size")
        products = selectors.product_list(**query)
        return Response(_page(products, page=page, size=size, out=s.ProductOut))


class ProductView(PublicView):
    operation = "getProduct"

    @extend_schema(
        operation_id="getProduct", summary="One product", tags=["catalogue"],
        responses={200: s.ProductOut, 404: _error("Unknown product"), **INVALID},
    )  # fmt: skip
    def get(self, request, product_id: str):
        product_id = _uuid(product_id, "product_id")
        return Response(s.ProductOut(selectors.product_get(product_id=product_id)).data)


class CategoriesView(PublicView):
    operation = "listCategories"

    @extend_schema(operation_id="listCategories", summary="Every category",
                   tags=["catalogue"], responses={200: s.CategoryOut(many=True)})  # fmt: skip
    def get(self, request):
        return Response(s.CategoryOut(selectors.category_list(), many=True).data)


# --- cart ------------------------------------------------------------------------
def _cart(request) -> Response:
    return Response(s.CartOut(selectors.cart_get(user=request.user)).data)


class CartView(ShopView):
    operation = "getCart"
    operations = {"DELETE": "emptyCart"}

    @extend_schema(operation_id="getCart", summary="The cart, at today's prices",
                   tags=["cart"], responses={200: s.CartOut, **AUTH})  # fmt: skip
    def get(self, request):
        return _cart(request)

    @extend_schema(operation_id="emptyCart", summary="Empty the cart",
                   tags=["cart"], responses={200: s.CartOut, **AUTH})  # fmt: skip
    def delete(self, request):
        services.cart_clear(user=request.user)
        return _cart(request)


class CartItemsView(ShopView):
    operation = "addToCart"

    @extend_schema(
        operation_id="addToCart", summary="Add a product (adds to its line)",
        tags=["cart"], request=s.CartAddIn,
        responses={200: s.CartOut, 404: _error("Unknown product"),
                   409: _error("Not enough stock (available)"), **AUTH},
    )  # fmt: skip
    def post(self, request):
        data = validated(s.CartAddIn, request.data, location="body")
        services.cart_add(user=request.user, **data)
        return _cart(request)


class CartItemView(ShopView):
    operation = "updateCartItem"
    operations = {"DELETE": "removeCartItem"}

    @extend_schema(
        operation_id="updateCartItem", summary="Change a line's quantity",
        tags=["cart"], request=s.CartQuantityIn,
        responses={200: s.CartOut, 404: _error("Product not in cart"),
                   409: _error("Not enough stock (available)"), **AUTH},
    )  # fmt: skip
    def patch(self, request, product_id: str):
        product_id = _uuid(product_id, "product_id")
        data = validated(s.CartQuantityIn, request.data, location="body")
        services.cart_set_quantity(user=request.user, product_id=product_id, **data)
        return _cart(request)

    @extend_schema(
        operation_id="removeCartItem", summary="Remove a line", tags=["cart"],
        responses={200: s.CartOut, 404: _error("Product not in cart"), **AUTH},
    )  # fmt: skip
    def delete(self, request, product_id: str):
        product_id = _uuid(product_id, "product_id")
        services.cart_remove(user=request.user, product_id=product_id)
        return _cart(request)


# --- orders ----------------------------------------------------------------------
class OrdersView(ShopView):
    operation = "listOrders"
    operations = {"POST": "checkout"}

    @extend_schema(operation_id="listOrders", summary="Your orders, newest first",
                   tags=["orders"], parameters=[s.PageQuery],
                   responses={200: s.OrderPage, **AUTH})  # fmt: skip
    def get(self, request):
        page, size = _paging(request)
        orders = selectors.order_list(user=request.user)
        return Response(_page(orders, page=page, size=size, out=s.OrderOut))

    @extend_schema(
        operation_id="checkout",
        summary="Check out the cart: all lines or none, prices snapshotted",
        tags=["orders"], parameters=[IDEMPOTENCY_HEADER], request=None,
        responses={201: s.OrderOut,
                   409: _error("Cart empty, or a product short (each named)"),
                   **AUTH},
    )  # fmt: skip
    def post(self, request):
        def run() -> Response:
            order = services.order_checkout(user=request.user)
            order = selectors.order_get(order_id=order.pk)
            return Response(s.OrderOut(order).data, status=201)

        return idempotency.respond(
            self, request, scope="shop.checkout",
            principal=request.user.journal_principal, run=run,
        )  # fmt: skip


class OrderView(ShopView):
    operation = "getOrder"

    @extend_schema(
        operation_id="getOrder", summary="One of your orders", tags=["orders"],
        responses={200: s.OrderOut, 404: _error("Unknown order"), **AUTH},
    )  # fmt: skip
    def get(self, request, order_id: str):
        order_id = _uuid(order_id, "order_id")
        order = selectors.order_get(order_id=order_id, user=request.user)
        return Response(s.OrderOut(order).data)


class OrderCancelView(ShopView):
    operation = "cancelOrder"

    @extend_schema(
        operation_id="cancelOrder", summary="Cancel an order not yet shipped",
        tags=["orders"], request=None,
        responses={200: s.OrderOut, 404: _error("Unknown order"),
                   409: _error("Already cancelled or shipped"), **AUTH},
    )  # fmt: skip
    def post(self, request, order_id: str):
        order_id = _uuid(order_id, "order_id")
        order = selectors.order_get(order_id=order_id, user=request.user)
        services.order_cancel(order=order, actor=request.user)
        return Response(s.OrderOut(selectors.order_get(order_id=order_id)).data)


# --- admin -----------------------------------------------------------------------
class AdminResetView(AdminView):
    operation = "adminReset"

    @extend_schema(
        operation_id="adminReset", tags=["admin"], request=s.ResetIn,
        summary="Restore the seeded catalogue, stock and demo accounts; "
        "drop every order and cart (registered users stay)",
        responses={200: OpenApiTypes.OBJECT, **ADMIN},
    )  # fmt: skip
    def post(self, request):
        data = validated(s.ResetIn, request.data or {}, location="body")
        outcome = runner.run(families.get("shop"), "reset", seed=data["seed"])
        return Response(outcome.as_dict())


class AdminUsersView(AdminView):
    operation = "adminListUsers"

    @extend_schema(operation_id="adminListUsers", summary="Every user",
                   tags=["admin"], parameters=[s.PageQuery],
                   responses={200: s.UserPage, **ADMIN})  # fmt: skip
    def get(self, request):
        page, size = _paging(request)
        return Response(
            _page(selectors.user_list(), page=page, size=size, out=s.UserOut)
        )


class AdminUserRoleView(AdminView):
    operation = "adminSetRole"

    @extend_schema(
        operation_id="adminSetRole", summary="Promote or demote a user",
        tags=["admin"], request=s.RoleIn,
        responses={200: s.UserOut, 404: _error("Unknown user"),
                   409: _error("The last admin cannot be demoted"), **ADMIN},
    )  # fmt: skip
    def put(self, request, user_id: str):
        user = selectors.user_get(user_id=_uuid(user_id, "user_id"))
        data = validated(s.RoleIn, request.data, location="body")
        return Response(s.UserOut(services.user_set_role(user=user, **data)).data)


class AdminOrdersView(AdminView):
    operation = "adminListOrders"

    @extend_schema(operation_id="adminListOrders", summary="Every user's orders",
                   tags=["admin"], parameters=[s.PageQuery],
                   responses={200: s.OrderPage, **ADMIN})  # fmt: skip
    def get(self, request):
        page, size = _paging(request)
        return Response(
            _page(selectors.order_list(), page=page, size=size, out=s.OrderOut)
        )


class AdminOrderShipView(AdminView):
    operation = "adminShipOrder"

    @extend_schema(
        operation_id="adminShipOrder", summary="Mark a placed order shipped",
        tags=["admin"], request=None,
        responses={200: s.OrderOut, 404: _error("Unknown order"),
                   409: _error("Cancelled or already shipped"), **ADMIN},
    )  # fmt: skip
    def post(self, request, order_id: str):
        order_id = _uuid(order_id, "order_id")
        services.order_ship(order=selectors.order_get(order_id=order_id))
        return Response(s.OrderOut(selectors.order_get(order_id=order_id)).data)


class AdminProductsView(AdminView):
    operation = "adminCreateProduct"

    @extend_schema(
        operation_id="adminCreateProduct", summary="Add a product", tags=["admin"],
        request=s.ProductIn,
        responses={201: s.ProductOut, 404: _error("Unknown category"),
                   409: _error("SKU taken"), **ADMIN},
    )  # fmt: skip
    def post(self, request):
        data = validated(s.ProductIn, request.data, location="body")
        return Response(s.ProductOut(services.product_create(data=data)).data, 201)


def _any_product(product_id: str):
    return selectors.product_get(
        product_id=_uuid(product_id, "product_id"), include_inactive=True
    )


class AdminProductView(AdminView):
    operation = "adminUpdateProduct"
    operations = {"DELETE": "adminDeactivateProduct"}

    @extend_schema(
        operation_id="adminUpdateProduct", summary="Change a product's fields",
        tags=["admin"], request=s.ProductIn(partial=True),
        responses={200: s.ProductOut, 404: _error("Unknown product or category"),
                   409: _error("SKU taken"), **ADMIN},
    )  # fmt: skip
    def patch(self, request, product_id: str):
        product = _any_product(product_id)
        data = validated(s.ProductPatch, request.data, location="body")
        product = services.product_update(product=product, data=data)
        return Response(s.ProductOut(product).data)

    @extend_schema(
        operation_id="adminDeactivateProduct", tags=["admin"],
        summary="Withdraw a product from the catalogue (orders keep it)",
        responses={200: s.ProductOut, 404: _error("Unknown product"), **ADMIN},
    )  # fmt: skip
    def delete(self, request, product_id: str):
        product = services.product_deactivate(product=_any_product(product_id))
        return Response(s.ProductOut(product).data)


class AdminInventoryView(AdminView):
    operation = "adminSetInventory"

    @extend_schema(
        operation_id="adminSetInventory", tags=["admin"], request=s.InventoryIn,
        summary="Set a product's stock; the change is recorded",
        responses={200: s.InventoryOut, 404: _error("Unknown product"), **ADMIN},
    )  # fmt: skip
    def put(self, request, product_id: str):
        product = _any_product(product_id)
        data = validated(s.InventoryIn, request.data, location="body")
        change = services.inventory_set(product=product, actor=request.user, **data)
        return Response(s.InventoryOut(change).data)
