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


@pytest.fixture
def fresh_engine(settings):
    """A mock engine that rebuilds its table on every request and journals
    synchronously (tests flush explicitly), reset before and after the test."""
    from apps.mocks.edge.testing import reset_engine

    settings.MOCK_ENGINE_VERSION_CHECK_INTERVAL = 0
    settings.MOCK_JOURNAL_BACKGROUND = False
    reset_engine()
    yield
    reset_engine()
