"""The portal in a real browser: sign in, build a mock, test it, break it,
delete it, switch language."""

import re

import pytest
from playwright.sync_api import expect

from apps.mocks import models as m
from apps.mocks import services

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_build_test_and_delete_a_mock(page, user, shot):
    # Sign in: the page asked for comes back after the login form.
    page.goto(page.base_url + "/portal/groups/new/")
    page.wait_for_url("**/accounts/login/**")
    shot(page, "01-login")
    page.fill("#id_login", user.email)
    page.fill("#id_password", "pw-Secret-123")
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url("**/portal/groups/new/")

    # Create a group.
    page.fill("#id_name", "Browser shop")
    page.fill("#id_description", "Orders for the browser test")
    page.click("button:has-text('Create group')")
    expect(page.locator("h1")).to_have_text("Browser shop")
    expect(page.locator(".toast--success")).to_contain_text("created")
    expect(page.locator(".nav-link.is-active")).to_contain_text("Browser shop")

    # Create an endpoint with a URL parameter and a header (rows added by JS).
    page.click("a:has-text('Add the first endpoint')")
    page.fill("#id_name", "Get order")
    page.fill("#id_path", "/orders/{order_id}")
    page.click("[data-add-row=params]")
    page.fill("#id_params-0-name", "order_id")
    page.select_option("#id_params-0-location", "path")
    page.select_option("#id_params-0-value_type", "integer")
    page.fill("#id_params-0-minimum", "1")
    page.click("[data-add-row=headers]")
    page.fill("#id_headers-0-name", "X-Api-Key")
    page.fill("#id_headers-0-exact_value", "k-123")
    page.fill("#id_headers-0-default_status_code", "401")
    # Live JSON validation while typing.
    page.fill("#id_response_body", '{"id": 1, "status": ')
    expect(page.locator("#id_response_body-status")).to_contain_text("Invalid JSON")
    page.fill("#id_response_body", '{"id": 1, "status": "paid"}')
    expect(page.locator("#id_response_body-status")).to_contain_text("Valid JSON")
    page.click("[data-add-row=rheaders]")
    page.fill("#id_rheaders-0-name", "Cache-Control")
    page.fill("#id_rheaders-0-value", "no-store")
    shot(page, "03-endpoint-editor")
    page.click(".form-actions button[name=save]")
    card = page.locator(".endpoint-card").first
    expect(card).to_contain_text("/browser-shop/orders/{order_id}")
    endpoint = m.Endpoint.objects.get(path="/orders/{order_id}")
    assert endpoint.url_parameters.get().value_type == "integer"
    assert endpoint.headers.get().exact_value == "k-123"
    shot(page, "02-group-detail")

    # Test it: the modal shows the engine's answer.
    card.locator("[data-test-endpoint]").click()
    modal = page.locator("#test-modal")
    expect(modal).to_be_visible()
    expect(page.locator("#test-path")).to_have_value("/orders/1")
    expect(page.locator("#test-headers")).to_have_value("X-Api-Key: k-123")
    modal.locator("button:has-text('Send request')").click()
    expect(modal.locator("[data-result-status]")).to_have_text("200")
    expect(modal.locator("[data-result-body]")).to_contain_text('"paid"')
    expect(page.locator("#test-curl")).to_contain_text("curl -i -X GET")
    shot(page, "04-test-modal", full_page=False)
    # A request without the header gets the header's default status.
    page.fill("#test-headers", "")
    modal.locator("button:has-text('Send request')").click()
    expect(modal.locator("[data-result-status]")).to_have_text("401")
    # The chaos twin answers too.
    modal.locator("button:has-text('chaos twin')").click()
    expect(modal.locator("[data-result-body]")).to_be_visible()
    page.keyboard.press("Escape")
    expect(modal).to_be_hidden()

    # A validation error: shown inline, nothing saved.
    card.locator("a:has-text('Edit')").click()
    page.fill("#id_params-0-name", "nope")
    page.fill("#id_response_body", "{broken")
    page.click(".form-actions button[name=save]")
    expect(page.locator(".toast--error")).to_contain_text("correct the errors")
    expect(page.locator("#id_response_body-errors")).to_contain_text("valid JSON")
    shot(page, "05-validation-error")
    page.fill("#id_response_body", '{"id": 1}')
    page.click(".form-actions button[name=save]")
    expect(page.locator("#id_params-0-name-errors")).to_contain_text("{nope}")
    endpoint.refresh_from_db()
    assert endpoint.url_parameters.get().name == "order_id"
    assert endpoint.response_body == {"id": 1, "status": "paid"}

    # Delete with confirmation.
    page.click("nav.breadcrumbs a:has-text('Browser shop')")
    page.locator(".endpoint-card a:has-text('Delete')").click()
    confirm = page.locator("#confirm-modal")
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("Delete endpoint “Get order”?")
    shot(page, "06-confirm-delete", full_page=False)
    confirm.locator("button:has-text('Delete')").click()
    expect(page.locator(".toast--success")).to_contain_text("deleted")
    expect(page.locator(".endpoint-card")).to_have_count(0)
    assert not m.Endpoint.objects.exists()


def test_switch_language_to_brazilian_portuguese(page, user, shot):
    sign_in(page, user.email)
    page.wait_for_url(re.compile(r".*/$"))
    expect(page.locator(".sidebar")).to_contain_text("Home")
    page.select_option("#language-select", "pt-br")
    expect(page.locator(".sidebar")).to_contain_text("Início")
    expect(page.locator("html")).to_have_attribute("lang", "pt-br")
    shot(page, "07-home-pt-br")
    page.select_option("#language-select", "en")
    expect(page.locator(".sidebar")).to_contain_text("Home")


def test_main_screens_render_at_laptop_and_phone_widths(page, user, shot):
    group = services.group_create(
        data={"name": "Screens", "slug": "screens"}, user=user
    )
    services.endpoint_create(
        group=group,
        user=user,
        data={
            "name": "Generated customer",
            "path": "/customers/{id}",
            "response_schema": {
                "type": "object",
                "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
            },
        },
    )
    sign_in(page, user.email)
    page.wait_for_url(re.compile(r".*/$"))
    shot(page, "08-home")
    page.goto(page.base_url + "/portal/groups/import/")
    shot(page, "10-import")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + f"/portal/groups/{group.pk}/")
    expect(page.locator(".sidebar")).not_to_be_in_viewport()
    page.click(".topbar__menu")
    expect(page.locator(".sidebar")).to_be_in_viewport()
    shot(page, "11-phone-group-with-menu", full_page=False)
    page.click(".sidebar__close")
    expect(page.locator(".sidebar")).not_to_be_in_viewport()
    shot(page, "12-phone-group")


def test_import_openapi_then_see_calls_in_the_journal(page, user, shot):
    from pathlib import Path

    spec = Path(__file__).parents[1] / "openapi" / "specs" / "petstore.yaml"
    sign_in(page, user.email, next_path="/portal/groups/import/")
    page.wait_for_url("**/portal/groups/import/")
    page.set_input_files("#id_file", str(spec))
    page.fill("#id_slug", "pets")
    page.click(".form-actions button[type=submit]")
    expect(page.locator("h1")).to_have_text("Petstore")
    expect(page.locator("#import-report-title")).to_be_visible()
    expect(page.locator(".endpoint-card")).to_have_count(3)
    shot(page, "13-import-report")

    # Real calls to the imported mock, over HTTP, land in the journal.
    ok = page.request.get(
        page.base_url + "/pets/pets?limit=5",
        headers={"X-Request-Id": "3fa85f64-5717-4562-b3fc-2c963f66afa6"},
    )
    assert ok.status == 200
    bad = page.request.get(page.base_url + "/pets/pets?limit=500")
    assert bad.status >= 400
    page.goto(page.base_url + "/portal/journal/?group=pets")
    for _ in range(20):  # the journal writes in the background, in batches
        if page.locator("table.table tbody tr").count() >= 2:
            break
        page.wait_for_timeout(300)
        page.reload()
    expect(page.locator("table.table tbody tr")).to_have_count(2)
    shot(page, "09-journal")
    page.locator("table.table tbody tr").last.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text("/pets/pets")
    shot(page, "14-journal-detail")
