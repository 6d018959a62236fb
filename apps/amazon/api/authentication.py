"""``x-amz-access-token`` authentication (SigV4 headers, if any, are ignored)."""

from dataclasses import dataclass

from django.utils import timezone
from rest_framework.authentication import BaseAuthentication

from apps.amazon.api.errors import AccessDenied
from apps.amazon.models import AccessToken, LwaApplication, Seller
from apps.amazon.services.lwa import access_token_lookup


@dataclass
class SellingPartner:
    """request.user for SP-API calls: the seller and app the token is bound to."""

    seller: Seller
    application: LwaApplication
    token: AccessToken

    is_authenticated = True
    is_anonymous = False
    is_staff = False

    def __str__(self) -> str:
        return self.seller.selling_partner_id


class AccessTokenAuthentication(BaseAuthentication):
    header = "x-amz-access-token"

    def authenticate(self, request):
        raw = request.headers.get(self.header, "").strip()
        if not raw:
            raise AccessDenied("Access token is missing in the request header.")
        token = access_token_lookup(raw)
        if token is None or token.seller is None or token.seller.deleted_at:
            raise AccessDenied(
                "The access token you provided is revoked, malformed or invalid."
            )
        if token.expires_at <= timezone.now():
            raise AccessDenied("The access token you provided has expired.")
        if not token.application.is_active:
            raise AccessDenied(
                "The access token you provided is revoked, malformed or invalid."
            )
        return SellingPartner(token.seller, token.application, token), token

    def authenticate_header(self, request):
        # No WWW-Authenticate: SP-API answers 403, not 401, to a bad token.
        return None
