"""Static files under ASGI stream from an async iterator (no "must consume
synchronous iterators" warning, no file read on the event loop); under WSGI
the stock synchronous response stays."""

import asyncio
import warnings

import pytest
from django.test import AsyncRequestFactory, RequestFactory, override_settings

from apps.core.static_files import StaticFilesMiddleware

CSS = "/static/css/portal.css"
# Closing a response sends request_finished, which looks at the connections.
pytestmark = pytest.mark.django_db


@pytest.fixture
def middleware():
    with override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True):
        yield StaticFilesMiddleware(lambda request: None)


def test_asgi_requests_get_an_async_stream(middleware, settings):
    request = AsyncRequestFactory().get(CSS)
    response = middleware(request)
    assert response.status_code == 200
    assert response.is_async

    async def consume() -> bytes:
        return b"".join([chunk async for chunk in response])

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the old sync iterator would warn here
        body = asyncio.run(consume())
    response.close()
    with open(settings.BASE_DIR / "static/css/portal.css", "rb") as f:
        assert body == f.read()


def test_wsgi_requests_keep_the_sync_file_response(middleware, settings):
    response = middleware(RequestFactory().get(CSS))
    assert response.status_code == 200
    assert not response.is_async
    with open(settings.BASE_DIR / "static/css/portal.css", "rb") as f:
        assert b"".join(response) == f.read()
    response.close()
