"""The APIs section in a real browser: every page at phone, tablet and laptop
widths in both languages without sideways scrolling, and a staff reset
through the confirmation modal."""

import re

import pytest
from playwright.sync_api import expect

from apps.amazon.models import Listing
from apps.core import families
from apps.core.seeding import runner

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 768, 1366)
PAGES = {
    "list": "/portal/apis/",
    "amazon": "/portal/apis/amazon/",
    "docs": "/portal/apis/amazon/docs/",
}


def _overflow(page) -> int:
    """How far the document is wider than the viewport (0 when it fits)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("language", ["en", "pt-br"])
def test_every_apis_page_fits_every_width(page, staff_user, shot, settings, language):
    settings.PORTAL_SHOW_CREDENTIALS = True
    runner.run(families.get("amazon"), "seed")
    sign_in(page, staff_user.email, next_path="/portal/apis/")
    page.wait_for_url(re.compile(r".*/portal/apis/$"))
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": page.base_url}]
    )
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in PAGES.items():
            page.goto(page.base_url + path)
            expect(page.locator("h1").first).to_be_visible()
            assert _overflow(page) <= 0, f"{path} at {width}px scrolls sideways"
            # Nor does any table hide a column behind a sideways scroll.
            hidden = page.evaluate(
                "[...document.querySelectorAll('.table-wrap')]"
                ".filter(w => w.scrollWidth > w.clientWidth).length"
            )
            assert hidden == 0, f"a table on {path} at {width}px scrolls sideways"
            # The docs page is tens of screens long: its first screen shows the layout.
            shot(page, f"apis-{name}-{language}-{width}", full_page=name != "docs")


def test_staff_reset_through_the_modal(page, staff_user, shot):
    runner.run(families.get("amazon"), "seed")
    Listing.objects.all().delete()
    sign_in(page, staff_user.email, next_path="/portal/apis/amazon/")
    page.wait_for_url(re.compile(r".*/portal/apis/amazon/$"))
    page.click("[data-confirm]")
    modal = page.locator("#confirm-modal")
    expect(modal).to_be_visible()
    expect(modal.locator("[data-confirm-submit]")).to_have_text("Reset")
    shot(page, "apis-reset-modal", full_page=False)
    modal.locator("[data-confirm-submit]").click()
    page.wait_for_url(re.compile(r".*/portal/apis/amazon/$"))
    expect(page.locator(".messages, [role=status], .toast").first).to_contain_text(
        "was reset to seed 1"
    )
    assert Listing.objects.exists()
