"""Demo mock configuration: plain data, written through the services.

``demo_groups(seed)`` describes the demo groups as the dictionaries the services
take; between them the endpoints show every configuration feature (static and
schema-generated bodies, typed path and query parameters of every type,
required headers, request body schemas with their error responses, delays,
chaos on and off, custom response headers, 201 and 204 responses). Sample
values come from a Faker seeded with ``seed``, so a seed always gives the same
data.

``apply_demo(seed=..., user=...)`` writes it idempotently: a group is matched by
slug and an endpoint by method and path, and updated in place (restored first
if it sits in the bin), so running it again leaves one copy.

The ``mocks`` family's side of the kit's seed/reset protocol
(``apps.core.seeding``): ``seed_family`` is ``apply_demo`` with its owner
(``demo_owner``); ``reset_family`` also takes the demo groups back to exactly
the seeded rows (endpoints, headers and parameters QA added to them, and their
bin, hard-deleted; groups that are not demo groups are left alone);
``snapshot`` is every configured group, endpoint, header and URL parameter,
keyed by slug, method and path. The demo is a fixed showcase, so ``scale`` and
``anchor`` change nothing (its dates are fixed too).
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from faker import Faker

from apps.core.seeding import model_rows

from . import models as m
from . import services

DEFAULT_SEED = 1
# Fixed bounds: relative ones ("+30d") would make a seed's data change daily.
DATE_FROM, DATE_TO = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
DEMO_API_KEY = "demo-api-key-123"
DEMO_PAYMENTS_KEY = "Bearer sk_test_demo_4eC39HqLyjWDarjtT1zdp7dc"
DEMO_EMAIL = "demo@example.com"

CUSTOMER_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Customer",
    "type": "object",
    "required": ["id", "name", "email", "tags", "address", "orders"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name": {"type": "string"},
        "email": {"type": "string", "format": "email"},
        "age": {"type": "integer", "minimum": 18, "maximum": 90},
        "vip": {"type": "boolean"},
        "tags": {
            "type": "array",
            "items": {"type": "string"},
            "minItems": 1,
            "maxItems": 5,
        },
        "created_at": {"type": "string", "format": "date-time"},
        "address": {
            "type": "object",
            "required": ["street", "city", "country"],
            "properties": {
                "street": {"type": "string"},
                "city": {"type": "string"},
                "postal_code": {"type": "string", "pattern": "^[0-9]{5}$"},
                "country": {"type": "string", "enum": ["US", "BR", "DE", "JP"]},
            },
        },
        "orders": {
            "type": "array",
            "minItems": 0,
            "maxItems": 3,
            "items": {
                "type": "object",
                "required": ["order_id", "total", "currency", "status"],
                "properties": {
                    "order_id": {
                        "type": "string",
                        "pattern": "^[0-9]{3}-[0-9]{7}-[0-9]{7}$",
                    },
                    "total": {"type": "number", "minimum": 0, "maximum": 10000},
                    "currency": {"type": "string", "enum": ["USD", "BRL", "EUR"]},
                    "status": {
                        "type": "string",
                        "enum": ["Pending", "Shipped", "Delivered", "Canceled"],
                    },
                },
            },
        },
    },
}

CUSTOMER_INPUT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "CustomerInput",
    "type": "object",
    "required": ["name", "email"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 120},
        "email": {"type": "string", "format": "email"},
        "age": {"type": "integer", "minimum": 18, "maximum": 90},
        "vip": {"type": "boolean"},
        "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
    },
}

PRODUCT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Product",
    "type": "object",
    "required": ["sku", "name", "price", "currency", "in_stock"],
    "properties": {
        "sku": {"type": "string", "pattern": "^SKU-[0-9]{5}$"},
        "name": {"type": "string"},
        "price": {"type": "number", "minimum": 1, "maximum": 999},
        "currency": {"type": "string", "enum": ["USD", "EUR", "BRL"]},
        "in_stock": {"type": "boolean"},
        "category": {
            "type": "string",
            "enum": ["books", "electronics", "garden", "toys"],
        },
    },
}

ORDER_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Order",
    "type": "object",
    "required": ["order_id", "status", "items", "total"],
    "properties": {
        "order_id": {"type": "integer", "minimum": 1, "maximum": 999999},
        "status": {"type": "string", "enum": ["pending", "paid", "shipped"]},
        "placed_at": {"type": "string", "format": "date-time"},
        "items": {
            "type": "array",
            "minItems": 1,
            "maxItems": 4,
            "items": {"$ref": "#/$defs/line"},
        },
        "total": {"type": "number", "minimum": 0, "maximum": 5000},
    },
    "$defs": {
        "line": {
            "type": "object",
            "required": ["sku", "quantity"],
            "properties": {
                "sku": {"type": "string", "pattern": "^SKU-[0-9]{5}$"},
                "quantity": {"type": "integer", "minimum": 1, "maximum": 10},
            },
        }
    },
}

# A list of orders: the order's own "#/$defs/line" must resolve from this root.
ORDER_LIST_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "OrderList",
    "type": "object",
    "required": ["data"],
    "properties": {
        "data": {"type": "array", "maxItems": 3, "items": {"$ref": "#/$defs/order"}}
    },
    "$defs": {
        "order": {
            k: v for k, v in ORDER_SCHEMA.items() if k not in ("$schema", "$defs")
        },
        **ORDER_SCHEMA["$defs"],
    },
}

ORDER_INPUT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "OrderInput",
    "type": "object",
    "required": ["items", "shipping_address"],
    "properties": {
        "items": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["sku", "quantity"],
                "properties": {
                    "sku": {"type": "string", "pattern": "^SKU-[0-9]{5}$"},
                    "quantity": {"type": "integer", "minimum": 1, "maximum": 10},
                },
            },
        },
        "shipping_address": {
            "type": "object",
            "required": ["street", "city", "country"],
            "properties": {
                "street": {"type": "string"},
                "city": {"type": "string"},
                "country": {"type": "string", "minLength": 2, "maxLength": 2},
            },
        },
        "coupon": {"type": "string"},
    },
}

CHARGE_INPUT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "ChargeInput",
    "type": "object",
    "required": ["amount", "currency", "source"],
    "properties": {
        "amount": {"type": "integer", "minimum": 50, "maximum": 99999999},
        "currency": {"type": "string", "enum": ["usd", "eur", "brl"]},
        "source": {"type": "string", "pattern": "^tok_[A-Za-z0-9]{8,}$"},
        "description": {"type": "string", "maxLength": 200},
    },
}

CHARGE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Charge",
    "type": "object",
    "required": ["id", "amount", "currency", "status", "created"],
    "properties": {
        "id": {"type": "string", "pattern": "^ch_[A-Za-z0-9]{16}$"},
        "amount": {"type": "integer", "minimum": 50, "maximum": 100000},
        "currency": {"type": "string", "enum": ["usd", "eur", "brl"]},
        "status": {"type": "string", "enum": ["succeeded", "pending", "failed"]},
        "created": {"type": "integer", "minimum": 1700000000, "maximum": 1900000000},
    },
}

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error", "request_id"],
    "properties": {
        "error": {"type": "string", "enum": ["missing_request_id"]},
        "request_id": {"type": "string", "format": "uuid"},
    },
}


def _api_key_header(**extra: Any) -> dict[str, Any]:
    return {
        "name": "X-Api-Key",
        "exact_value": DEMO_API_KEY,
        "default_status_code": 401,
        "default_response_body": {
            "error": "unauthorized",
            "message": f"Send the header X-Api-Key: {DEMO_API_KEY}",
        },
        **extra,
    }


def _erp(fake: Faker) -> dict[str, Any]:
    def customer() -> dict[str, Any]:
        return {
            "id": fake.uuid4(),
            "name": fake.name(),
            "email": fake.unique.email(),
            "age": fake.random_int(18, 90),
            "vip": fake.boolean(),
            "tags": fake.words(nb=2),
            "address": {
                "street": fake.street_address(),
                "city": fake.city(),
                "postal_code": fake.numerify("#####"),
                "country": fake.random_element(["US", "BR", "DE", "JP"]),
            },
        }

    customers = [customer() for _ in range(3)]
    one = customers[0]
    invoices = [
        {
            "number": f"INV-{fake.unique.random_int(100000, 999999)}",
            "customer_id": one["id"],
            "amount": float(
                fake.pydecimal(left_digits=4, right_digits=2, positive=True)
            ),
            "currency": "USD",
            "paid": fake.boolean(),
            "due_date": fake.date_between(DATE_FROM, DATE_TO).isoformat(),
        }
        for _ in range(2)
    ]
    customer_path = [
        {"name": "customer_id", "location": "path", "value_type": "uuid"},
    ]
    return {
        "name": "ERP demo",
        "slug": "erp",
        "description": "Customers and invoices: API key header, typed query "
        "parameters, every write method.",
        "endpoints": [
            {
                "name": "List customers",
                "method": "GET",
                "path": "/customers",
                "description": "Static body; required X-Api-Key and a page number.",
                "response_body": {"data": customers, "page": 1, "total": 3},
                "response_headers": {"Cache-Control": "no-store", "X-Total-Count": "3"},
                "chaos_mode": True,
                "headers": [_api_key_header()],
                "url_parameters": [
                    {
                        "name": "page",
                        "value_type": "integer",
                        "minimum": 1,
                        "maximum": 500,
                    },
                    {
                        "name": "page_size",
                        "value_type": "integer",
                        "minimum": 1,
                        "maximum": 100,
                        "required": False,
                    },
                    {
                        "name": "status",
                        "value_type": "enum",
                        "enum_values": ["active", "inactive", "blocked"],
                        "required": False,
                    },
                    {"name": "created_since", "value_type": "date", "required": False},
                ],
            },
            {
                "name": "Get a customer",
                "method": "GET",
                "path": "/customers/{customer_id}",
                "description": "Body generated from a JSON Schema; UUID path parameter.",
                "response_schema": CUSTOMER_SCHEMA,
                "chaos_mode": True,
                "headers": [_api_key_header()],
                "url_parameters": customer_path,
            },
            {
                "name": "Create a customer",
                "method": "POST",
                "path": "/customers",
                "description": "Required JSON body; 422 with a custom body when invalid.",
                "response_status_code": 201,
                "response_schema": CUSTOMER_SCHEMA,
                "response_headers": {"Location": f"/erp/customers/{fake.uuid4()}"},
                "request_body_schema": CUSTOMER_INPUT_SCHEMA,
                "request_body_required": True,
                "request_error_status_code": 422,
                "request_error_body": {
                    "error": "invalid_customer",
                    "message": "name and email are required; age is 18-90.",
                },
                "max_wait_time": 800,
                "chaos_mode": True,
                "headers": [_api_key_header()],
            },
            {
                "name": "Replace a customer",
                "method": "PUT",
                "path": "/customers/{customer_id}",
                "response_body": {**one, "updated": True},
                "request_body_schema": CUSTOMER_INPUT_SCHEMA,
                "request_body_required": True,
                "request_error_status_code": 400,
                "request_error_body": {"error": "invalid_customer"},
                "chaos_mode": False,
                "headers": [_api_key_header()],
                "url_parameters": customer_path,
            },
            {
                "name": "Update a customer",
                "method": "PATCH",
                "path": "/customers/{customer_id}",
                "response_body": {"id": one["id"], "vip": True},
                "request_body_schema": {
                    **CUSTOMER_INPUT_SCHEMA,
                    "title": "CustomerPatch",
                    "required": [],
                    "minProperties": 1,
                },
                "request_body_required": True,
                "request_error_status_code": 422,
                "request_error_body": {"error": "empty_patch"},
                "chaos_mode": True,
                "headers": [_api_key_header()],
                "url_parameters": customer_path,
            },
            {
                "name": "Delete a customer",
                "method": "DELETE",
                "path": "/customers/{customer_id}",
                "description": "204 No Content; chaos off.",
                "response_status_code": 204,
                "chaos_mode": False,
                "headers": [_api_key_header()],
                "url_parameters": customer_path,
            },
            {
                "name": "List invoices",
                "method": "GET",
                "path": "/invoices",
                "description": "UUID, boolean, date and pattern query parameters; a "
                "request id header checked by pattern.",
                "response_body": {"data": invoices},
                "chaos_mode": True,
                "headers": [
                    {
                        "name": "X-Request-Id",
                        "pattern": "^[A-Za-z0-9-]{8,64}$",
                        "default_status_code": 400,
                        "default_response_schema": PROBLEM_SCHEMA,
                    }
                ],
                "url_parameters": [
                    {"name": "customer_id", "value_type": "uuid"},
                    {"name": "paid", "value_type": "boolean", "required": False},
                    {"name": "due_before", "value_type": "date", "required": False},
                    {
                        "name": "number",
                        "value_type": "string",
                        "pattern": "^INV-[0-9]{6}$",
                        "required": False,
                    },
                ],
            },
        ],
    }


def _ecommerce(fake: Faker) -> dict[str, Any]:
    categories = ["books", "electronics", "garden", "toys"]
    products = [
        {
            "sku": f"SKU-{fake.unique.random_int(10000, 99999)}",
            "name": fake.catch_phrase(),
            "price": float(fake.pydecimal(min_value=1, max_value=999, right_digits=2)),
            "currency": "USD",
            "in_stock": fake.boolean(),
            "category": fake.random_element(categories),
        }
        for _ in range(4)
    ]
    return {
        "name": "E-commerce demo",
        "slug": "ecommerce",
        "description": "Catalogue and orders: enum, number, email and date-time "
        "parameters, bearer token and idempotency key headers.",
        "endpoints": [
            {
                "name": "List products",
                "method": "GET",
                "path": "/products",
                "response_body": {"data": products, "count": len(products)},
                "response_headers": {"Cache-Control": "public, max-age=60"},
                "chaos_mode": True,
                "url_parameters": [
                    {
                        "name": "category",
                        "value_type": "enum",
                        "enum_values": categories,
                    },
                    {
                        "name": "min_price",
                        "value_type": "number",
                        "minimum": 0,
                        "required": False,
                    },
                    {"name": "in_stock", "value_type": "boolean", "required": False},
                    {
                        "name": "limit",
                        "value_type": "integer",
                        "minimum": 1,
                        "maximum": 50,
                        "required": False,
                    },
                ],
            },
            {
                "name": "Get a product",
                "method": "GET",
                "path": "/products/{sku}",
                "description": "Path parameter checked by pattern; schema body.",
                "response_schema": PRODUCT_SCHEMA,
                "chaos_mode": True,
                "url_parameters": [
                    {
                        "name": "sku",
                        "location": "path",
                        "value_type": "string",
                        "pattern": "^SKU-[0-9]{5}$",
                        "default_status_code": 404,
                        "default_response_body": {"error": "product_not_found"},
                    }
                ],
            },
            {
                "name": "List a customer's orders",
                "method": "GET",
                "path": "/orders",
                "description": "Slow (up to 1.5 s) and no chaos twin.",
                "response_schema": ORDER_LIST_SCHEMA,
                "max_wait_time": 1500,
                "chaos_mode": False,
                "url_parameters": [
                    {"name": "customer_email", "value_type": "email"},
                    {
                        "name": "placed_after",
                        "value_type": "date-time",
                        "required": False,
                    },
                ],
            },
            {
                "name": "Place an order",
                "method": "POST",
                "path": "/orders",
                "response_status_code": 201,
                "response_schema": ORDER_SCHEMA,
                "response_headers": {"Location": "/ecommerce/orders/1001"},
                "request_body_schema": ORDER_INPUT_SCHEMA,
                "request_body_required": True,
                "request_error_status_code": 422,
                "request_error_body": {
                    "error": "invalid_order",
                    "message": "items (SKU-00000, quantity 1-10) and a "
                    "shipping_address are required.",
                },
                "max_wait_time": 500,
                "chaos_mode": True,
                "headers": [
                    {
                        "name": "Authorization",
                        "pattern": r"^Bearer [A-Za-z0-9._~+/-]+=*$",
                        "default_status_code": 401,
                        "default_response_body": {"error": "invalid_token"},
                    },
                    {
                        "name": "Idempotency-Key",
                        "value_type": "uuid",
                        "default_status_code": 400,
                    },
                ],
            },
            {
                "name": "Get an order",
                "method": "GET",
                "path": "/orders/{order_id}",
                "response_schema": ORDER_SCHEMA,
                "chaos_mode": True,
                "url_parameters": [
                    {
                        "name": "order_id",
                        "location": "path",
                        "value_type": "integer",
                        "minimum": 1,
                        "maximum": 999999,
                    }
                ],
            },
            {
                "name": "Remove a cart item",
                "method": "DELETE",
                "path": "/cart/items/{item_id}",
                "response_status_code": 204,
                "chaos_mode": False,
                "url_parameters": [
                    {
                        "name": "item_id",
                        "location": "path",
                        "value_type": "integer",
                        "minimum": 1,
                    }
                ],
            },
        ],
    }


def _payments(fake: Faker) -> dict[str, Any]:
    charge_id = "ch_" + fake.bothify("????????????????", letters="ABCDEFGHJKabcdefgh")
    charge = {
        "id": charge_id,
        "amount": fake.random_int(500, 50000),
        "currency": "usd",
        "status": "succeeded",
        "created": fake.random_int(1700000000, 1800000000),
    }
    auth = {
        "name": "Authorization",
        "exact_value": DEMO_PAYMENTS_KEY,
        "default_status_code": 401,
        "default_response_body": {"error": {"type": "authentication_error"}},
    }
    return {
        "name": "Payments demo",
        "slug": "payments",
        "description": "Charges and refunds behind a secret key; a plain-text "
        "status endpoint.",
        "endpoints": [
            {
                "name": "Create a charge",
                "method": "POST",
                "path": "/charges",
                "response_status_code": 201,
                "response_schema": CHARGE_SCHEMA,
                "request_body_schema": CHARGE_INPUT_SCHEMA,
                "request_body_required": True,
                "request_error_status_code": 402,
                "request_error_body": {
                    "error": {"type": "card_error", "code": "invalid_request"}
                },
                "max_wait_time": 2000,
                "chaos_mode": True,
                "headers": [
                    auth,
                    {"name": "Idempotency-Key", "value_type": "uuid"},
                ],
            },
            {
                "name": "Get a charge",
                "method": "GET",
                "path": "/charges/{charge_id}",
                "response_body": charge,
                "response_headers": {"Request-Id": f"req_{fake.uuid4()}"},
                "chaos_mode": True,
                "headers": [auth],
                "url_parameters": [
                    {
                        "name": "charge_id",
                        "location": "path",
                        "pattern": "^ch_[A-Za-z0-9]{16}$",
                        "min_length": 19,
                        "max_length": 19,
                    }
                ],
            },
            {
                "name": "Refund a charge",
                "method": "POST",
                "path": "/charges/{charge_id}/refunds",
                "description": "Optional body: a partial refund names an amount.",
                "response_status_code": 201,
                "response_body": {
                    "id": "re_" + fake.bothify("????????????????", letters="abcdefgh"),
                    "charge": charge_id,
                    "status": "succeeded",
                },
                "request_body_schema": {
                    "type": "object",
                    "properties": {"amount": {"type": "integer", "minimum": 1}},
                    "additionalProperties": False,
                },
                "request_body_required": False,
                "chaos_mode": False,
                "headers": [auth],
                "url_parameters": [
                    {"name": "charge_id", "location": "path", "min_length": 19}
                ],
            },
            {
                "name": "Service status",
                "method": "GET",
                "path": "/status",
                "description": "A text body: sent as is under a text Content-Type.",
                "response_headers": {"Content-Type": "text/plain; charset=utf-8"},
                "response_body": "OK",
                "chaos_mode": False,
            },
        ],
    }


def demo_groups(seed: int = DEFAULT_SEED) -> list[dict[str, Any]]:
    """The demo groups; each has ``endpoints`` in the services' input format."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    return [_erp(fake), _ecommerce(fake), _payments(fake)]


@dataclass
class SeedReport:
    seed: int
    groups: dict[str, str] = field(default_factory=dict)  # slug -> outcome
    endpoints: dict[str, str] = field(default_factory=dict)  # "GET /erp/x" -> outcome

    def count(self, kind: str, outcome: str) -> int:
        return sum(1 for value in getattr(self, kind).values() if value == outcome)


def _find(manager, **lookup):
    """The live row, else the most recently deleted one, else None."""
    return (
        manager.filter(**lookup)
        .order_by(F("deleted_at").desc(nulls_first=True))
        .first()
    )


@transaction.atomic
def apply_demo(*, seed: int = DEFAULT_SEED, user=None) -> SeedReport:
    report = SeedReport(seed=seed)
    for group_data in demo_groups(seed):
        data = {k: group_data[k] for k in services.GROUP_FIELDS}
        group = _find(m.Group.all_objects, slug=data["slug"])
        if group is None:
            group = services.group_create(data=data, user=user)
            outcome = "created"
        else:
            outcome = "restored" if group.is_deleted else "updated"
            if group.is_deleted:
                services.group_restore(group=group)
            services.group_update(group=group, data=data)
        report.groups[group.slug] = outcome
        for endpoint_data in group_data["endpoints"]:
            key = f"{endpoint_data['method']} /{group.slug}{endpoint_data['path']}"
            endpoint = _find(
                m.Endpoint.all_objects,
                group=group,
                method=endpoint_data["method"],
                path=endpoint_data["path"],
            )
            full = {"headers": [], "url_parameters": [], **endpoint_data}
            if endpoint is None:
                services.endpoint_create(group=group, data=full, user=user)
                report.endpoints[key] = "created"
                continue
            was_deleted = endpoint.is_deleted
            if was_deleted:
                services.endpoint_restore(endpoint=endpoint)
            services.endpoint_update(endpoint=endpoint, data=full, partial=False)
            report.endpoints[key] = "restored" if was_deleted else "updated"
    return report


# --- the kit's seed/reset protocol ----------------------------------------------


class UnknownOwner(LookupError):
    pass


def demo_owner(email: str | None = None) -> tuple[Any, bool]:
    """(user, created): the user with ``email`` (who must exist), else the demo
    user, created without a usable password when missing."""
    users = get_user_model().objects
    if email:
        user = users.filter(email__iexact=email).first()
        if user is None:
            raise UnknownOwner(f"No user with email {email}.")
        return user, False
    user = users.filter(email__iexact=DEMO_EMAIL).first()
    if user is not None:
        return user, False
    return users.create_user(email=DEMO_EMAIL, name="Demo User"), True


def seed_family(
    *,
    seed: int = DEFAULT_SEED,
    anchor: dt.datetime | None = None,
    scale: float = 1.0,
    owner: str | None = None,
) -> dict[str, Any]:
    return _apply(seed=seed, owner=owner, purge=False)


def reset_family(
    *,
    seed: int = DEFAULT_SEED,
    anchor: dt.datetime | None = None,
    scale: float = 1.0,
    owner: str | None = None,
) -> dict[str, Any]:
    return _apply(seed=seed, owner=owner, purge=True)


@transaction.atomic  # the demo user too: all or nothing
def _apply(*, seed: int, owner: str | None, purge: bool) -> dict[str, Any]:
    user, created = demo_owner(owner)
    report = apply_demo(seed=seed, user=user)
    if purge:
        _purge_demo_extras(seed)
    return {
        "owner": user.email,
        "ownerCreated": created,
        "counts": {"groups": len(report.groups), "endpoints": len(report.endpoints)},
        "groups": dict(report.groups),
        "endpoints": dict(report.endpoints),
    }


def _purge_demo_extras(seed: int) -> None:
    """Hard-delete what apply_demo left beside the seeded rows of the demo
    groups: older copies in the bin, endpoints QA added, nested rows in the bin."""
    for group_data in demo_groups(seed):
        slug = group_data["slug"]
        m.Group.all_objects.filter(slug=slug, deleted_at__isnull=False).hard_delete()
        group = m.Group.objects.get(slug=slug)
        seeded = {(e["method"], e["path"]) for e in group_data["endpoints"]}
        for endpoint in m.Endpoint.all_objects.filter(group=group):
            if endpoint.is_deleted or (endpoint.method, endpoint.path) not in seeded:
                m.Endpoint.all_objects.filter(pk=endpoint.pk).hard_delete()
        for model in (m.Header, m.UrlParameter):
            model.all_objects.filter(
                endpoint__group=group, deleted_at__isnull=False
            ).hard_delete()


OWNER = "created_by__email"
ENDPOINT = ("endpoint__group__slug", "endpoint__method", "endpoint__path")


def snapshot() -> dict[str, list[dict[str, Any]]]:
    return {
        "groups": model_rows(
            m.Group.all_objects.all(), relations={"created_by": OWNER}
        ),
        "endpoints": model_rows(
            m.Endpoint.all_objects.all(),
            relations={"group": "group__slug", "created_by": OWNER},
        ),
        "headers": model_rows(
            m.Header.all_objects.all(), relations={"endpoint": ENDPOINT}
        ),
        "url_parameters": model_rows(
            m.UrlParameter.all_objects.all(), relations={"endpoint": ENDPOINT}
        ),
    }
