"""Fixtures for the portal page tests: signed-in clients and a small mock API."""

import pytest
from django.test import Client

from apps.mocks import services


@pytest.fixture
def client_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def other_client(other_user) -> Client:
    client = Client()
    client.force_login(other_user)
    return client


@pytest.fixture
def staff_client(staff_user) -> Client:
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.fixture
def group(user):
    return services.group_create(
        data={"name": "Shop mocks", "slug": "shop-mocks", "description": "Orders"},
        user=user,
    )


@pytest.fixture
def endpoint(group, user):
    return services.endpoint_create(
        group=group,
        user=user,
        data={
            "name": "Get order",
            "method": "GET",
            "path": "/orders/{order_id}",
            "response_status_code": 200,
            "response_headers": {"Cache-Control": "no-store"},
            "response_body": {"id": 1, "status": "paid"},
            "headers": [{"name": "X-Api-Key", "exact_value": "secret-1"}],
            "url_parameters": [
                {
                    "name": "order_id",
                    "location": "path",
                    "value_type": "integer",
                    "minimum": 1,
                },
                {
                    "name": "expand",
                    "value_type": "enum",
                    "enum_values": ["items"],
                    "required": False,
                },
            ],
        },
    )
