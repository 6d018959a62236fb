"""The shop's paths below the ``/shop/`` prefix (mounted by the family
registry): its API at ``api/v1``, its documents beside it."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from apps.core import families
from apps.core.api_docs import RedocView, SwaggerView
from apps.core.seeding.views import reset_view

from .api import views as v
from .api.schema import ShopAutoSchema

API = "api/v1/"
SCHEMA_SETTINGS = {
    "TITLE": "Shop API",
    "DESCRIPTION": "A small web shop: JWT accounts, catalogue, cart, orders and "
    'admin tools (docs/shop.md). Errors are FastAPI\'s {"detail": ...}.',
    "VERSION": "1.0.0",
    "SERVERS": [{"url": "/shop"}],
    "SCHEMA_PATH_PREFIX": "",
}

urlpatterns = [
    path(API + "auth/register", v.RegisterView.as_view(), name="shop-register"),
    path(API + "auth/login", v.LoginView.as_view(), name="shop-login"),
    path(API + "auth/refresh", v.RefreshView.as_view(), name="shop-refresh"),
    path(API + "auth/me", v.MeView.as_view(), name="shop-me"),
    path(API + "products", v.ProductsView.as_view(), name="shop-products"),
    path(
        API + "products/<str:product_id>", v.ProductView.as_view(), name="shop-product"
    ),
    path(API + "categories", v.CategoriesView.as_view(), name="shop-categories"),
    path(API + "cart", v.CartView.as_view(), name="shop-cart"),
    path(API + "cart/items", v.CartItemsView.as_view(), name="shop-cart-items"),
    path(
        API + "cart/items/<str:product_id>",
        v.CartItemView.as_view(),
        name="shop-cart-item",
    ),
    path(API + "orders", v.OrdersView.as_view(), name="shop-orders"),
    path(API + "orders/<str:order_id>", v.OrderView.as_view(), name="shop-order"),
    path(
        API + "orders/<str:order_id>/cancel",
        v.OrderCancelView.as_view(),
        name="shop-order-cancel",
    ),
    path(API + "admin/reset", v.AdminResetView.as_view(), name="shop-admin-reset"),
    path(API + "admin/users", v.AdminUsersView.as_view(), name="shop-admin-users"),
    path(
        API + "admin/users/<str:user_id>/role",
        v.AdminUserRoleView.as_view(),
        name="shop-admin-user-role",
    ),
    path(API + "admin/orders", v.AdminOrdersView.as_view(), name="shop-admin-orders"),
    path(
        API + "admin/orders/<str:order_id>/ship",
        v.AdminOrderShipView.as_view(),
        name="shop-admin-order-ship",
    ),
    path(
        API + "admin/products",
        v.AdminProductsView.as_view(),
        name="shop-admin-products",
    ),
    path(
        API + "admin/products/<str:product_id>",
        v.AdminProductView.as_view(),
        name="shop-admin-product",
    ),
    path(
        API + "admin/products/<str:product_id>/inventory",
        v.AdminInventoryView.as_view(),
        name="shop-admin-inventory",
    ),
    path(
        "_mock/reset",
        reset_view(families.get("shop"), schema=ShopAutoSchema()).as_view(),
        name="shop-reset",
    ),
    path(
        "openapi.json",
        SpectacularJSONAPIView.as_view(
            urlconf="apps.shop.urls", custom_settings=SCHEMA_SETTINGS
        ),
        name="shop-schema",
    ),
    path("docs", SwaggerView.as_view(url_name="shop-schema"), name="shop-docs"),
    path("redoc", RedocView.as_view(url_name="shop-schema"), name="shop-redoc"),
]
