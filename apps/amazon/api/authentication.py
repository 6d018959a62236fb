"""``x-amz-access-token`` authentication (SigV4 headers, if any, are ignored).

The header carries an LWA access token (``Atza|…``) or a Restricted Data Token
(``Atz.sprdt|…``). An RDT authenticates only the requests its restricted
resources cover; what PII it unlocks travels on ``request.user.data_elements``.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from rest_framework.authentication import BaseAuthentication

from apps.amazon.api.errors import AccessDenied
from apps.amazon.models import AccessToken, LwaApplication, Seller
from apps.amazon.services.lwa import access_token_lookup
from apps.amazon.services.rdt import (
    restricted_data_token_grant,
    restricted_data_token_required,
)


@dataclass
class SellingPartner:
    """request.user for SP-API calls: the seller and app the token is bound to."""

    seller: Seller
    application: LwaApplication
    token: AccessToken
    # The dataElements (buyerInfo, shippingAddress, …) a Restricted Data Token
    # grants for this very request; empty for a plain access token.
    data_elements: frozenset[str] = field(default_factory=frozenset)

    is_authenticated = True
    is_anonymous = False
    is_staff = False

    def __str__(self) -> str:
        return self.seller.selling_partner_id

    @property
    def journal_principal(self) -> str:
        """Who called, for the journal: seller and app, never the token."""
        return (
            f"seller:{self.seller.selling_partner_id} app:{self.application.client_id}"
        )


def _operation(request) -> tuple[str, str | None]:
    """The SP-API operation the request is routed to, and its orderId if any."""
    context = getattr(request, "parser_context", None) or {}
    view = context.get("view")
    get_operation = getattr(view, "get_operation", None)
    operation = get_operation(request) if get_operation else ""
    return operation, (context.get("kwargs") or {}).get("orderId")


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
        operation, order_id = _operation(request)
        if token.kind == AccessToken.Kind.RESTRICTED:
            elements = restricted_data_token_grant(
                token, method=request.method, operation=operation, order_id=order_id
            )
            if elements is None:
                raise AccessDenied(
                    "The Restricted Data Token you provided does not grant access "
                    "to this resource."
                )
        else:
            if restricted_data_token_required(operation):
                raise AccessDenied(
                    f"{operation} is a restricted operation: call it with a "
                    "Restricted Data Token from createRestrictedDataToken."
                )
            elements = frozenset()
        principal = SellingPartner(token.seller, token.application, token, elements)
        return principal, token

    def authenticate_header(self, request):
        # No WWW-Authenticate: SP-API answers 403, not 401, to a bad token.
        return None
