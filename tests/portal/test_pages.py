"""Every portal page renders for a signed-in user and redirects an anonymous one."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def page_urls(group, endpoint) -> list[str]:
    return [
        reverse("portal:home"),
        reverse("portal:group_create"),
        reverse("portal:group_import"),
        reverse("portal:group_detail", args=[group.pk]),
        reverse("portal:group_edit", args=[group.pk]),
        reverse("portal:group_delete", args=[group.pk]),
        reverse("portal:group_export", args=[group.pk]),
        reverse("portal:endpoint_create", args=[group.pk]),
        reverse("portal:endpoint_edit", args=[group.pk, endpoint.pk]),
        reverse("portal:endpoint_delete", args=[group.pk, endpoint.pk]),
        reverse("portal:endpoint_test", args=[group.pk, endpoint.pk]),
        reverse("portal:journal"),
        reverse("portal:journal_export"),
    ]


def test_every_page_renders_for_a_signed_in_user(client_in, group, endpoint):
    for url in page_urls(group, endpoint):
        response = client_in.get(url)
        assert response.status_code == 200, url


def test_every_page_redirects_an_anonymous_user_to_sign_in_with_next(
    client, group, endpoint
):
    for url in page_urls(group, endpoint):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url
        assert "next=" in response["Location"], url


def test_home_is_the_portal_at_the_root(client_in, group, endpoint):
    response = client_in.get("/")
    assert response.status_code == 200
    assert response.templates[0].name == "mocks/home.html"
    content = response.content.decode()
    assert 'data-stat="groups">1<' in content
    assert 'data-stat="endpoints">1<' in content


def test_sidebar_lists_groups_and_highlights_the_current_one(client_in, group, user):
    from apps.mocks import services

    services.group_create(data={"name": "Other API"}, user=user)
    response = client_in.get(reverse("portal:group_detail", args=[group.pk]))
    content = response.content.decode()
    assert "Other API" in content
    current = content.split('aria-current="page"')[0].rsplit("<a ", 1)[1]
    assert str(group.pk) in current


def test_group_detail_shows_endpoint_cards_with_actions(client_in, group, endpoint):
    response = client_in.get(reverse("portal:group_detail", args=[group.pk]))
    content = response.content.decode()
    assert "/shop-mocks/orders/{order_id}" in content
    assert reverse("portal:endpoint_edit", args=[group.pk, endpoint.pk]) in content
    assert reverse("portal:endpoint_test", args=[group.pk, endpoint.pk]) in content
    assert "data-confirm=" in content
    assert "chaos on" in content


def test_journal_detail_renders_an_entry(client_in, group):
    from apps.core.factories import JournalEntryFactory

    entry = JournalEntryFactory(group_slug=group.slug, path="/orders/7", status=404)
    response = client_in.get(reverse("portal:journal_detail", args=[entry.pk]))
    assert response.status_code == 200
    assert "/shop-mocks/orders/7" in response.content.decode()


def test_missing_journal_entry_is_404(client_in):
    assert (
        client_in.get(reverse("portal:journal_detail", args=[999999])).status_code
        == 404
    )


def test_login_page_uses_the_portal_look(client):
    response = client.get(reverse("account_login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "css/portal.css" in content
    assert 'name="password"' in content
