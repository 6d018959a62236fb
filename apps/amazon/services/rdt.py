"""Restricted Data Tokens (Tokens API 2021-03-01).

createRestrictedDataToken turns a seller-bound LWA access token into a short-lived
``Atz.sprdt|…`` token for a list of restricted resources: an HTTP method and the
path of a restricted operation, generic (``{orderId}``: any of the seller's
orders) or specific (one order), plus the PII ``dataElements`` getOrders,
getOrder and getOrderItems should return. The token then opens exactly those
resources and nothing else (not even createRestrictedDataToken itself).
"""

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from apps.amazon.models import ORDER_ID_RE, AccessToken, Seller, hash_token
from apps.amazon.selectors import order_get

RDT_PREFIX = "Atz.sprdt|"
MAX_RESOURCES = 50
METHODS = ("GET", "PUT", "POST", "DELETE", "PATCH")
DATA_ELEMENTS = ("buyerInfo", "shippingAddress", "buyerTaxInformation")
ORDER_ID_PLACEHOLDER = "{orderId}"


@dataclass(frozen=True)
class RestrictedOperation:
    name: str
    method: str
    path: str  # Amazon's template, e.g. /orders/v0/orders/{orderId}/address
    # getOrders, getOrder and getOrderItems return PII only for the dataElements
    # the token names; the model says they are required for those three.
    takes_data_elements: bool = False

    @property
    def pattern(self) -> re.Pattern[str]:
        head, sep, tail = self.path.partition(ORDER_ID_PLACEHOLDER)
        if not sep:
            return re.compile(f"^{re.escape(head)}$")
        return re.compile(f"^{re.escape(head)}(?P<order_id>[^/]+){re.escape(tail)}$")


# The restricted operations of the APIs this mock serves (Tokens API use case
# guide), most specific path first.
RESTRICTED_OPERATIONS: tuple[RestrictedOperation, ...] = (
    RestrictedOperation(
        "getOrderItemsBuyerInfo",
        "GET",
        "/orders/v0/orders/{orderId}/orderItems/buyerInfo",
    ),
    RestrictedOperation(
        "getOrderItems",
        "GET",
        "/orders/v0/orders/{orderId}/orderItems",
        takes_data_elements=True,
    ),
    RestrictedOperation(
        "getOrderAddress", "GET", "/orders/v0/orders/{orderId}/address"
    ),
    RestrictedOperation(
        "getOrderRegulatedInfo", "GET", "/orders/v0/orders/{orderId}/regulatedInfo"
    ),
    RestrictedOperation(
        "getOrderBuyerInfo", "GET", "/orders/v0/orders/{orderId}/buyerInfo"
    ),
    RestrictedOperation(
        "getOrder", "GET", "/orders/v0/orders/{orderId}", takes_data_elements=True
    ),
    RestrictedOperation(
        "getOrders", "GET", "/orders/v0/orders", takes_data_elements=True
    ),
)
# What production Amazon refuses to a plain LWA access token.
RDT_ONLY_OPERATIONS = frozenset(
    {
        "getOrderAddress",
        "getOrderBuyerInfo",
        "getOrderItemsBuyerInfo",
        "getOrderRegulatedInfo",
    }
)


class RestrictedResourceError(ValueError):
    """The createRestrictedDataToken request is invalid; the text says why."""


@dataclass(frozen=True)
class IssuedRestrictedDataToken:
    restricted_data_token: str
    expires_in: int

    def body(self) -> dict[str, Any]:
        return {
            "restrictedDataToken": self.restricted_data_token,
            "expiresIn": self.expires_in,
        }


def new_restricted_data_token() -> str:
    return RDT_PREFIX + secrets.token_urlsafe(270)


def _restricted_operation(path: str) -> tuple[RestrictedOperation, str | None] | None:
    """The operation a resource path names and its order id (None: generic)."""
    for operation in RESTRICTED_OPERATIONS:
        match = operation.pattern.match(path)
        if match is None:
            continue
        order_id = match.groupdict().get("order_id")
        return operation, None if order_id == ORDER_ID_PLACEHOLDER else order_id
    return None


def _data_elements(value: Any, operation: RestrictedOperation, at: str) -> list[str]:
    if value is None:
        if operation.takes_data_elements:
            raise RestrictedResourceError(
                f"{at}.dataElements is required for {operation.name}: "
                + ", ".join(DATA_ELEMENTS)
                + "."
            )
        return []
    if not operation.takes_data_elements:
        raise RestrictedResourceError(
            f"{at}.dataElements is only allowed for getOrders, getOrder and "
            f"getOrderItems, not {operation.name}."
        )
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RestrictedResourceError(f"{at}.dataElements must be a list of strings.")
    if not value:
        raise RestrictedResourceError(f"{at}.dataElements must not be empty.")
    unknown = [v for v in value if v not in DATA_ELEMENTS]
    if unknown:
        raise RestrictedResourceError(
            f"{at}.dataElements has invalid value(s) {', '.join(unknown)}; "
            f"allowed: {', '.join(DATA_ELEMENTS)}."
        )
    return list(dict.fromkeys(value))


def _resource(raw: Any, index: int, seller: Seller) -> dict[str, Any]:
    at = f"restrictedResources[{index}]"
    if not isinstance(raw, dict):
        raise RestrictedResourceError(f"{at} must be an object.")
    method, path = raw.get("method"), raw.get("path")
    if not isinstance(method, str) or not method:
        raise RestrictedResourceError(f"{at}.method is required.")
    if method not in METHODS:
        raise RestrictedResourceError(
            f"{at}.method {method!r} is invalid; allowed: {', '.join(METHODS)}."
        )
    if not isinstance(path, str) or not path:
        raise RestrictedResourceError(f"{at}.path is required.")
    found = _restricted_operation(path)
    if found is None:
        raise RestrictedResourceError(
            f"{at}.path {path} is not the path of a restricted operation."
        )
    operation, order_id = found
    if method != operation.method:
        raise RestrictedResourceError(
            f"{at}.method {method} does not match {operation.name} "
            f"({operation.method} {operation.path})."
        )
    if order_id is not None:
        if not ORDER_ID_RE.match(order_id):
            raise RestrictedResourceError(
                f"{at}.path has an invalid orderId {order_id}."
            )
        if order_get(seller=seller, amazon_order_id=order_id) is None:
            raise RestrictedResourceError(
                f"{at}.path names order {order_id}, which does not exist."
            )
    return {
        "method": method,
        "path": path,
        "operation": operation.name,
        "orderId": order_id,
        "dataElements": _data_elements(raw.get("dataElements"), operation, at),
    }


def restricted_data_token_create(
    *,
    token: AccessToken,
    restricted_resources: Any,
    target_application: Any = None,
) -> IssuedRestrictedDataToken:
    """Validate the request body's parts and issue an RDT for ``token``'s seller
    and application. Nothing is stored when anything is invalid."""
    if token.kind != AccessToken.Kind.ACCESS or token.seller is None:
        raise PermissionError("Only a seller's LWA access token can create an RDT.")
    if restricted_resources is None:
        raise RestrictedResourceError("restrictedResources is required.")
    if not isinstance(restricted_resources, list):
        raise RestrictedResourceError("restrictedResources must be a list.")
    if not restricted_resources:
        raise RestrictedResourceError("restrictedResources must not be empty.")
    if len(restricted_resources) > MAX_RESOURCES:
        raise RestrictedResourceError(
            f"restrictedResources accepts at most {MAX_RESOURCES} resources, "
            f"got {len(restricted_resources)}."
        )
    if target_application is not None and (
        not isinstance(target_application, str)
        or not target_application
        or len(target_application) > 200
    ):
        raise RestrictedResourceError(
            "targetApplication must be a non-empty application id."
        )
    resources = [
        _resource(raw, index, token.seller)
        for index, raw in enumerate(restricted_resources)
    ]
    ttl = int(settings.AMAZON_RESTRICTED_DATA_TOKEN_TTL)
    raw_token = new_restricted_data_token()
    AccessToken.objects.create(
        application=token.application,
        seller=token.seller,
        kind=AccessToken.Kind.RESTRICTED,
        token_hash=hash_token(raw_token),
        expires_at=timezone.now() + timedelta(seconds=ttl),
        restricted_resources=resources,
        target_application=target_application or "",
    )
    return IssuedRestrictedDataToken(raw_token, ttl)


def restricted_data_token_grant(
    token: AccessToken, *, method: str, operation: str, order_id: str | None
) -> frozenset[str] | None:
    """The dataElements an RDT grants for this request (every matching
    resource's, merged), or None when none of its resources covers it."""
    granted: set[str] | None = None
    for resource in token.restricted_resources or []:
        if resource.get("method") != method or resource.get("operation") != operation:
            continue
        if resource.get("orderId") not in (None, order_id):
            continue
        granted = (granted or set()) | set(resource.get("dataElements") or [])
    return None if granted is None else frozenset(granted)


def restricted_data_token_required(operation: str) -> bool:
    """True when ``operation`` refuses plain access tokens (production behaviour,
    switched on by AMAZON_REQUIRE_RESTRICTED_DATA_TOKEN)."""
    return operation in RDT_ONLY_OPERATIONS and bool(
        getattr(settings, "AMAZON_REQUIRE_RESTRICTED_DATA_TOKEN", False)
    )
