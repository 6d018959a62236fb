"""The API docs pages work with no internet: Chromium with every request to
another host refused still renders them, and none is attempted."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "/api/redoc/": "#redoc-container h1, redoc h1, [role=navigation]",
    "/api/docs/": ".swagger-ui .info",
    "/portal/apis/amazon/swagger/": ".swagger-ui .info",
    "/bookstore/docs": ".swagger-ui .info",
    "/bookstore/redoc": "#redoc-container h1, redoc h1, [role=navigation]",
    "/generator/docs": ".swagger-ui .info",
    "/generator/redoc": "#redoc-container h1, redoc h1, [role=navigation]",
}


def test_docs_pages_need_no_internet(page, user, shot):
    outside: list[str] = []
    local = re.compile(r"^https?://(127\.0\.0\.1|localhost)(:\d+)?/")

    def refuse(route):
        if local.match(route.request.url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", refuse)
    sign_in(page, user.email)
    page.wait_for_url(re.compile(r".*/$"))
    for path, ready in PAGES.items():
        page.goto(page.base_url + path)
        expect(page.locator(ready).first).to_be_visible(timeout=20_000)
        shot(page, "docs-offline" + path.replace("/", "-").rstrip("-"), full_page=False)
    assert outside == []
