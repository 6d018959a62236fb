"""The journal's filter bar at phone, tablet and laptop widths in both
languages: controls of one height, every select wide enough for its longest
choice of ours ("Todos os grupos"), and no sideways scrolling."""

import re

import pytest
from playwright.sync_api import expect

from apps.core.factories import JournalEntryFactory
from apps.mocks import services

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE = """() => {
  const ctx = document.createElement('canvas').getContext('2d');
  const short = [];
  for (const sel of document.querySelectorAll('.filters select')) {
    const style = getComputedStyle(sel);
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    // Our own labels must fit whole; a user's long group name may shorten.
    const options = sel.name === 'group' ? [sel.options[0]] : [...sel.options];
    const longest = Math.max(...options.map(o => ctx.measureText(o.text).width));
    // text + horizontal padding + the arrow
    const need = longest + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 20;
    if (sel.clientWidth < need) short.push([sel.name, sel.clientWidth, Math.ceil(need)]);
  }
  const heights = [...document.querySelectorAll(
    '.filters select, .filters input:not([type=checkbox]):not([type=hidden])')]
    .map(el => Math.round(el.getBoundingClientRect().height));
  return {short, heights: [...new Set(heights)],
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("language", ["en", "pt-br"])
def test_filter_bar_fits_every_width(page, user, shot, language):
    services.group_create(
        data={"name": "Warehouse management", "slug": "warehouse"}, user=user
    )
    JournalEntryFactory(
        group_slug="warehouse",
        path="/warehouse/inbound/shipments/3f2a9c1e-77aa-4b1e-9a0c-1b2c3d4e5f60/items",
        status=422,
        chaos=True,
        chaos_fault="schema_violation",
    )
    sign_in(page, user.email)
    page.wait_for_url(re.compile(r".*/$"))
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": page.base_url}]
    )
    for width in (390, 768, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base_url + "/portal/journal/")
        expect(page.locator(".filters")).to_be_visible()
        found = page.evaluate(MEASURE)
        shot(page, f"journal-filters-{language}-{width}", full_page=False)
        assert found["short"] == [], (
            f"selects too narrow at {width}px: {found['short']}"
        )
        assert len(found["heights"]) == 1, f"controls of several heights: {found}"
        assert found["overflow"] <= 0
        # The table shows time, path, status and latency without a sideways scroll.
        hidden = page.evaluate(
            "[...document.querySelectorAll('.table-wrap')]"
            ".map(w => w.scrollWidth - w.clientWidth)"
        )
        assert all(h <= 0 for h in hidden), f"the journal table scrolls at {width}px"
        cells = page.evaluate(
            "[...document.querySelectorAll('td[data-col]')].map(td => "
            "td.getBoundingClientRect().right <= window.innerWidth)"
        )
        assert cells and all(cells), f"status or latency off-screen at {width}px"
