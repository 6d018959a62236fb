"""The portal's APIs section: built from the family registry, docs rendered,
credentials only where configured, recent calls from the journal, and a
staff-only reset that really resets."""

from __future__ import annotations

import pytest
from django.test import Client

from apps.amazon.models import Listing, LwaApplication
from apps.core import families
from apps.core.factories import JournalEntryFactory
from apps.core.seeding import runner


@pytest.fixture
def seeded_amazon(db):
    return runner.run(families.get("amazon"), "seed").summary


def test_anonymous_users_are_sent_to_sign_in(client: Client):
    for path in ("/portal/apis/", "/portal/apis/amazon/", "/portal/apis/amazon/docs/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/accounts/login/" in response["Location"]


def test_the_list_shows_every_listed_family_and_not_the_configured_mocks(client_in):
    page = client_in.get("/portal/apis/").content.decode()
    assert 'data-family="amazon"' in page
    assert 'data-family="management"' in page
    assert "http://testserver/amazon/" in page
    # The catch-all family is the portal's own groups, not an API entry.
    assert 'data-family="mocks"' not in page
    # Amazon has no Swagger UI of its own: the portal offers one.
    assert "/portal/apis/amazon/swagger/" in page
    assert 'href="/api/docs/"' in page


def test_detail_lists_the_usage_plans_and_recent_calls_of_that_family_only(client_in):
    JournalEntryFactory(family="amazon", path="/amazon/orders/v0/orders", status=200)
    JournalEntryFactory(
        family="mocks", group_slug="shop", path="/only-a-mock", status=200
    )
    page = client_in.get("/portal/apis/amazon/").content.decode()
    assert "getOrders" in page and "0.0167" in page  # the documented plan
    assert "/amazon/orders/v0/orders" in page
    assert "/only-a-mock" not in page


def test_unknown_and_unlisted_families_are_404(client_in):
    assert client_in.get("/portal/apis/nope/").status_code == 404
    assert client_in.get("/portal/apis/mocks/").status_code == 404
    assert client_in.get("/portal/apis/mocks/reset/").status_code == 404


def test_docs_page_renders_the_markdown(client_in):
    response = client_in.get("/portal/apis/amazon/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1" in page and "<pre><code" in page  # headings and fenced code
    assert "<table>" in page


def test_swagger_page_points_at_the_family_schema(client_in):
    response = client_in.get("/portal/apis/amazon/swagger/")
    assert response.status_code == 200
    assert "/amazon/_mock/schema" in response.content.decode()
    # Offline: the assets come from the sidecar package, never a CDN.
    assert "cdn.jsdelivr" not in response.content.decode()


@pytest.mark.usefixtures("seeded_amazon")
def test_credentials_show_only_where_the_setting_is_on(client_in, settings):
    app = LwaApplication.objects.get()
    settings.PORTAL_SHOW_CREDENTIALS = True
    page = client_in.get("/portal/apis/amazon/").content.decode()
    assert app.client_id in page and app.client_secret in page
    assert "Atzr|" in page  # a seller's refresh token
    settings.PORTAL_SHOW_CREDENTIALS = False
    page = client_in.get("/portal/apis/amazon/").content.decode()
    assert app.client_secret not in page
    assert "PORTAL_SHOW_CREDENTIALS" in page


@pytest.mark.usefixtures("seeded_amazon")
def test_reset_is_for_staff_and_restores_the_seeded_state(client_in, staff_client):
    seeded = runner.state_digest(families.get("amazon"))
    Listing.objects.all().delete()
    assert runner.state_digest(families.get("amazon")) != seeded

    # Not staff: no button, and the endpoint refuses without changing anything.
    assert (
        "data-confirm-button"
        not in client_in.get("/portal/apis/amazon/").content.decode()
    )
    assert client_in.post("/portal/apis/amazon/reset/").status_code == 403
    assert not Listing.objects.exists()

    page = staff_client.get("/portal/apis/amazon/").content.decode()
    assert 'data-confirm="/portal/apis/amazon/reset/"' in page
    # GET is the no-JavaScript confirmation page, and changes nothing.
    confirm = staff_client.get("/portal/apis/amazon/reset/")
    assert confirm.status_code == 200 and b"Reset" in confirm.content
    assert not Listing.objects.exists()

    response = staff_client.post("/portal/apis/amazon/reset/", follow=True)
    assert response.redirect_chain[-1][0] == "/portal/apis/amazon/"
    assert "was reset to seed 1" in response.content.decode()
    assert runner.state_digest(families.get("amazon")) == seeded


def test_a_family_without_a_resetter_has_no_reset(staff_client):
    page = staff_client.get("/portal/apis/management/").content.decode()
    assert "/portal/apis/management/reset/" not in page
    assert staff_client.post("/portal/apis/management/reset/").status_code == 404


def test_the_sidebar_links_the_section(client_in):
    page = client_in.get("/portal/apis/").content.decode()
    assert 'href="/portal/apis/" class="nav-link is-active"' in page


def test_every_imitated_family_is_listed_with_its_own_swagger(client_in):
    page = client_in.get("/portal/apis/").content.decode()
    for label, swagger in (
        ("bookstore", "/bookstore/docs"),
        ("generator", "/generator/docs"),
    ):
        assert f'data-family="{label}"' in page
        assert f'href="{swagger}"' in page


def test_the_bookstore_demo_key_shows_in_development(client_in, settings):
    settings.PORTAL_SHOW_CREDENTIALS = True
    settings.BOOKSTORE_SEED_DEMO_KEY = True
    runner.run(families.get("bookstore"), "seed")
    page = client_in.get("/portal/apis/bookstore/").content.decode()
    assert "X-API-Key" in page and "secret123" in page
