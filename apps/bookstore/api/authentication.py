"""``X-API-Key`` authentication: a named, revocable key stored hashed
(models.ApiKey). The journal records ``apikey:<id>``, never the key."""

from __future__ import annotations

from dataclasses import dataclass

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import BasePermission

from apps.bookstore.errors import BookstoreErrorCode as Code
from apps.bookstore.models import ApiKey
from apps.bookstore.services import api_key_authenticate
from apps.core.errors import ApiError, ErrorKind

HEADER = "X-API-Key"
MAX_KEY_LENGTH = 200


@dataclass
class KeyHolder:
    """request.user of a bookstore call."""

    key: ApiKey
    is_authenticated = True
    is_anonymous = False
    is_staff = False

    @property
    def pk(self):
        return self.key.pk

    @property
    def journal_principal(self) -> str:
        return f"apikey:{self.key.pk}"

    def __str__(self) -> str:
        return self.key.name


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        raw = request.headers.get(HEADER, "")
        if not raw:
            raise ApiError(
                "Not authenticated: send your key in the X-API-Key header",
                code=Code.MISSING_API_KEY, kind=ErrorKind.NOT_AUTHENTICATED,
            )  # fmt: skip
        key = api_key_authenticate(raw) if len(raw) <= MAX_KEY_LENGTH else None
        if key is None:
            raise ApiError(
                "Invalid or revoked API key",
                code=Code.INVALID_API_KEY, kind=ErrorKind.AUTHENTICATION_FAILED,
            )  # fmt: skip
        return KeyHolder(key), None

    def authenticate_header(self, request) -> str:
        return "APIKey"


class HasApiKey(BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.user, KeyHolder)


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "apps.bookstore.api.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": HEADER}
