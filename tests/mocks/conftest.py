"""Fixtures shared by the mocks tests."""

import pytest
from rest_framework.test import APIClient

from apps.mocks import services


@pytest.fixture
def api(user) -> APIClient:
    """A DRF client signed in as ``user``."""
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def group(user):
    """A live group owned by ``user`` (test modules may override it)."""
    return services.group_create(data={"name": "Shop mocks"}, user=user)
