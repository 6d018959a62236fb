"""An invalid JSON Schema gets one message, worded the same by the editor's
live check and by the server after saving, naming the keyword and what it
takes (not jsonschema's "is not valid under any of the given schemas")."""

import re

import pytest
from playwright.sync_api import expect

from apps.mocks import models as m
from apps.mocks import services

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BAD = {
    '{"type": "object", "properties": {"id": {"type": "strnig"}}}': (
        "Not a valid JSON Schema at #/properties/id: “type” must be one of string, "
        'number, integer, boolean, object, array, null, or a list of them (got "strnig").'
    ),
    '{"type": "object", "required": "id"}': (
        'Not a valid JSON Schema at #: “required” must be a list (got "id").'
    ),
}


@pytest.mark.parametrize("schema", list(BAD))
def test_live_and_server_messages_agree(page, user, schema):
    group = services.group_create(
        data={"name": "Schemas", "slug": "schemas"}, user=user
    )
    sign_in(page, user.email, next_path=f"/portal/groups/{group.pk}/endpoints/new/")
    page.wait_for_url(re.compile(r".*/endpoints/new/$"))
    page.fill("#id_name", "Generated")
    page.fill("#id_path", "/generated")
    page.fill("#id_response_schema", schema)
    live = page.locator("#id_response_schema-status")
    expect(live).to_have_text(BAD[schema])
    page.click(".form-actions button[name=save]")
    errors = page.locator("#id_response_schema-errors")
    expect(errors).to_have_text(BAD[schema])
    assert not m.Endpoint.objects.exists()
