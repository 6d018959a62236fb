"""Django admin and group cards as a QA user sees them: the endpoint list fits
a laptop screen, empty JSON fields are empty, Portuguese admin has no English
model names and no two sections of the same name, and a card's actions stay
on one line in both languages."""

import re

import pytest
from playwright.sync_api import expect

from apps.mocks import services

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _language(page, language: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": page.base_url}]
    )


@pytest.fixture
def endpoints(staff_user):
    group = services.group_create(
        data={"name": "Warehouse", "slug": "warehouse-management"}, user=staff_user
    )
    made = [
        services.endpoint_create(
            group=group,
            user=staff_user,
            data={
                "name": f"List inbound shipment items {i}",
                "path": f"/inbound/shipments/{{shipment_id}}/items/{i}/details",
                "response_body": {"ok": True},
            },
        )
        for i in range(3)
    ]
    return group, made


@pytest.mark.parametrize("language", ["en", "pt-br"])
def test_endpoint_changelist_fits_a_laptop(page, staff_user, endpoints, shot, language):
    sign_in(page, staff_user.email)
    page.wait_for_url(re.compile(r".*/$"))
    _language(page, language)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(page.base_url + "/admin/mocks/endpoint/")
    expect(page.locator("#result_list")).to_be_visible()
    shot(page, f"admin-endpoints-{language}-1366", full_page=False)
    hidden = page.evaluate(
        "(() => { const t = document.querySelector('#result_list');"
        " const box = t.closest('.results') || t.parentElement;"
        " return box.scrollWidth - box.clientWidth; })()"
    )
    assert hidden <= 0, f"the endpoint list scrolls sideways by {hidden}px"


def test_empty_json_fields_are_empty(page, staff_user, endpoints):
    _, (endpoint, *_) = endpoints
    sign_in(page, staff_user.email)
    page.wait_for_url(re.compile(r".*/$"))
    page.goto(page.base_url + f"/admin/mocks/endpoint/{endpoint.pk}/change/")
    # No schema set: the textarea is empty, not a literal "null".
    assert page.locator("#id_response_schema").input_value() == ""
    assert page.locator("#id_response_body").input_value().strip().startswith("{")


def test_portuguese_admin_index(page, staff_user, shot):
    sign_in(page, staff_user.email)
    page.wait_for_url(re.compile(r".*/$"))
    _language(page, "pt-br")
    page.goto(page.base_url + "/admin/")
    captions = page.locator("#content-main .module caption").all_inner_texts()
    names = [c.strip().lower() for c in captions]
    assert len(names) == len(set(names)), f"two admin sections share a name: {names}"
    text = page.locator("#content-main").inner_text()
    for english in ("Access tokens", "Refresh tokens"):
        assert english not in text
    shot(page, "admin-index-pt-br")


@pytest.mark.parametrize("language", ["en", "pt-br"])
@pytest.mark.parametrize("width", [768, 1366])
def test_card_actions_stay_on_one_line(page, staff_user, endpoints, language, width):
    group, _ = endpoints
    sign_in(page, staff_user.email)
    page.wait_for_url(re.compile(r".*/$"))
    _language(page, language)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.base_url + f"/portal/groups/{group.pk}/")
    tops = page.evaluate(
        "[...document.querySelectorAll('.endpoint-card__actions')].map("
        "a => new Set([...a.children].map(b => b.offsetTop)).size)"
    )
    widths = page.evaluate(
        "[...document.querySelector('.endpoint-card__actions').children].map("
        "b => b.getBoundingClientRect().width).concat("
        "[document.querySelector('.endpoint-card__actions').clientWidth])"
    )
    assert tops and all(lines == 1 for lines in tops), (tops, widths)
