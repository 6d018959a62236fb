"""``Authorization: Bearer <JWT>`` (apps/shop/tokens.py). No header: anonymous,
and the permission answers 401 with ``WWW-Authenticate: Bearer``; a malformed,
tampered or expired token: 401 as well; a shopper on an admin route: 403."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import BasePermission

from apps.core.errors import ApiError, ErrorKind

from .. import tokens
from ..errors import ShopErrorCode as Code
from ..models import ShopUser


def _refused() -> ApiError:
    return ApiError(
        "Could not validate credentials",
        code=Code.INVALID_TOKEN,
        kind=ErrorKind.AUTHENTICATION_FAILED,
        headers={"WWW-Authenticate": "Bearer"},
    )


class BearerAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = request.headers.get("Authorization")
        if header is None:
            return None
        scheme, _, raw = header.partition(" ")
        if scheme.lower() != "bearer":
            raise _refused()
        try:
            user_id = tokens.access_user_id(raw.strip())
        except tokens.InvalidToken:
            raise _refused() from None
        user = ShopUser.objects.filter(pk=user_id).first()
        if user is None:
            raise _refused()
        return user, None

    def authenticate_header(self, request) -> str:
        return "Bearer"


class IsShopUser(BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.user, ShopUser)


class IsShopAdmin(IsShopUser):
    message = "Admin role required"

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and request.user.is_admin


class BearerScheme(OpenApiAuthenticationExtension):
    target_class = "apps.shop.api.authentication.BearerAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
