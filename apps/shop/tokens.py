"""JWTs through simplejwt: an access token for ``Authorization: Bearer`` and a
refresh token for ``POST /auth/refresh``. Lifetimes and signing key are the
``SHOP_*`` settings, given to simplejwt as ``SIMPLE_JWT``. A token names its
user (``sub``) only: the role is read from the user on every call, so a
promotion or a demotion applies at once."""

from __future__ import annotations

from uuid import UUID

from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from .conf import config
from .models import ShopUser

MAX_TOKEN_LENGTH = 2000


class InvalidToken(Exception):
    pass


def issue(user: ShopUser, refresh: RefreshToken | None = None) -> dict:
    if refresh is None:
        refresh = RefreshToken()
        refresh[api_settings.USER_ID_CLAIM] = str(user.pk)
    return {
        "access_token": str(refresh.access_token),
        "token_type": "bearer",
        "refresh_token": str(refresh),
        "expires_in": config().access_lifetime_seconds,
    }


def _decode(cls, raw: str):
    if not raw or len(raw) > MAX_TOKEN_LENGTH:
        raise InvalidToken
    try:
        token = cls(raw)
        return token, UUID(str(token[api_settings.USER_ID_CLAIM]))
    except (TokenError, KeyError, ValueError):
        raise InvalidToken from None


def access_user_id(raw: str) -> UUID:
    return _decode(AccessToken, raw)[1]


def refresh_token(raw: str) -> tuple[RefreshToken, UUID]:
    return _decode(RefreshToken, raw)
