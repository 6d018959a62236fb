"""The endpoint editor shows each parameter or header row only the constraints
its type takes, keeps a filled constraint visible whatever the type, and the
sticky save bar never covers the field being edited."""

import re

import pytest
from playwright.sync_api import expect

from apps.mocks import services

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONSTRAINTS = (
    "minimum",
    "maximum",
    "min_length",
    "max_length",
    "pattern",
    "enum_values",
)


def _visible(page, row: str) -> set[str]:
    return {
        name for name in CONSTRAINTS if page.locator(f"#id_{row}-{name}").is_visible()
    }


def test_constraints_follow_the_type(page, user, shot):
    group = services.group_create(data={"name": "Editor", "slug": "editor"}, user=user)
    sign_in(page, user.email, next_path=f"/portal/groups/{group.pk}/endpoints/new/")
    page.wait_for_url(re.compile(r".*/endpoints/new/$"))
    page.click("[data-add-row=headers]")
    row = "headers-0"
    # A new header is a string: lengths and a pattern, no range, no allowed values.
    assert _visible(page, row) == {"min_length", "max_length", "pattern"}
    expect(page.locator(f"label[for=id_{row}-name] .field__required")).to_be_visible()
    page.select_option(f"#id_{row}-value_type", "integer")
    assert _visible(page, row) == {"minimum", "maximum"}
    page.select_option(f"#id_{row}-value_type", "enum")
    assert _visible(page, row) == {"enum_values"}
    page.select_option(f"#id_{row}-value_type", "boolean")
    assert _visible(page, row) == set()
    shot(page, "editor-boolean-header")

    # A value typed under one type stays in sight after switching to another.
    page.select_option(f"#id_{row}-value_type", "integer")
    page.fill(f"#id_{row}-minimum", "5")
    page.select_option(f"#id_{row}-value_type", "string")
    assert "minimum" in _visible(page, row)


def test_the_save_bar_does_not_cover_the_focused_field(page, user):
    group = services.group_create(data={"name": "Bar", "slug": "bar"}, user=user)
    sign_in(page, user.email, next_path=f"/portal/groups/{group.pk}/endpoints/new/")
    page.wait_for_url(re.compile(r".*/endpoints/new/$"))
    page.set_viewport_size({"width": 1366, "height": 700})
    for _ in range(3):
        page.click("[data-add-row=params]")
    # Tab through the form from the top, as a keyboard user does: the browser
    # scrolls each field just into view, and none may end up under the bar.
    page.focus("#id_name")
    covered = []
    for _ in range(60):
        page.keyboard.press("Tab")
        box = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el || !el.closest('form') || el.closest('.form-actions')) return null;
              const r = el.getBoundingClientRect();
              const bar = document.querySelector('.form-actions').getBoundingClientRect();
              return {id: el.id, bottom: r.bottom, bar: bar.top};
            }"""
        )
        if box and box["bottom"] > box["bar"] + 1:
            covered.append(box["id"])
    assert covered == []
