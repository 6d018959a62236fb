"""Login with Amazon: the token exchange and access-token lookup."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from apps.amazon.models import AccessToken, LwaApplication, RefreshToken, hash_token
from apps.core.errors import ApiError

GRANTLESS_SCOPES = {
    "sellingpartnerapi::notifications",
    "sellingpartnerapi::client_credential:rotation",
    "sellingpartnerapi::migration",
}


class LwaError(ApiError):
    """An OAuth 2.0 error as LWA reports it (RFC 6749 §5.2): the kit's
    ``ApiError`` whose code is the OAuth ``error``."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description, code=error, status=status)
        self.error = error
        self.description = description

    def body(self) -> dict[str, str]:
        return {"error_description": self.description, "error": self.error}


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int
    refresh_token: str | None = None
    scope: str | None = None

    def body(self) -> dict:
        body: dict = {
            "access_token": self.access_token,
            "token_type": "bearer",
            "expires_in": self.expires_in,
        }
        if self.refresh_token:
            body["refresh_token"] = self.refresh_token
        if self.scope:
            body["scope"] = self.scope
        return body


def _missing(name: str) -> LwaError:
    return LwaError(
        "invalid_request", f"The request is missing a required parameter : {name}"
    )


def new_access_token() -> str:
    # Real tokens are "Atza|" followed by ~350+ URL-safe characters.
    return "Atza|" + secrets.token_urlsafe(270)


def new_refresh_token() -> str:
    return "Atzr|" + secrets.token_urlsafe(300)


def _authenticate_client(client_id: str, client_secret: str) -> LwaApplication:
    if not client_id:
        raise _missing("client_id")
    if not client_secret:
        raise _missing("client_secret")
    app = LwaApplication.objects.filter(client_id=client_id, is_active=True).first()
    if app is None or not secrets.compare_digest(app.client_secret, client_secret):
        raise LwaError("invalid_client", "Client authentication failed", status=401)
    return app


def token_exchange(
    *,
    grant_type: str,
    client_id: str,
    client_secret: str,
    refresh_token: str = "",
    scope: str = "",
) -> IssuedToken:
    if not grant_type:
        raise _missing("grant_type")
    if grant_type not in {"refresh_token", "client_credentials", "authorization_code"}:
        raise LwaError(
            "unsupported_grant_type",
            f"The authorization grant type is not supported : {grant_type}",
        )
    app = _authenticate_client(client_id, client_secret)
    ttl = int(settings.AMAZON_ACCESS_TOKEN_TTL)
    expires_at = timezone.now() + timedelta(seconds=ttl)
    token = new_access_token()

    if grant_type == "refresh_token":
        if not refresh_token:
            raise _missing("refresh_token")
        grant = (
            RefreshToken.objects.select_related("seller")
            .filter(token=refresh_token, application=app, is_active=True)
            .first()
        )
        if grant is None or grant.seller.deleted_at is not None:
            raise LwaError(
                "invalid_grant",
                "The request has an invalid grant parameter : refresh_token",
            )
        AccessToken.objects.create(
            application=app,
            seller=grant.seller,
            token_hash=hash_token(token),
            expires_at=expires_at,
        )
        return IssuedToken(token, ttl, refresh_token=refresh_token)

    if grant_type == "client_credentials":
        if not scope:
            raise _missing("scope")
        scopes = scope.split()
        if any(s not in GRANTLESS_SCOPES for s in scopes):
            raise LwaError(
                "invalid_scope", "The request has an invalid parameter : scope"
            )
        AccessToken.objects.create(
            application=app,
            seller=None,
            scope=scope,
            token_hash=hash_token(token),
            expires_at=expires_at,
        )
        return IssuedToken(token, ttl, scope=scope)

    # authorization_code: the mock never hands out codes (no consent pages).
    raise LwaError("invalid_grant", "The request has an invalid grant parameter : code")


def access_token_lookup(token: str) -> AccessToken | None:
    return (
        AccessToken.objects.select_related("seller", "application")
        .filter(token_hash=hash_token(token))
        .first()
    )
