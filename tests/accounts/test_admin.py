"""The user admin works with email logins: no username anywhere."""

import pytest
from django.contrib.admin.utils import quote
from django.urls import reverse

from apps.accounts.factories import UserFactory
from apps.accounts.models import User

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:accounts_user_add")
LIST_URL = reverse("admin:accounts_user_changelist")


@pytest.fixture
def su(client, staff_user):
    client.force_login(staff_user)
    return client


def change_url(user) -> str:
    return reverse("admin:accounts_user_change", args=[quote(user.pk)])


def add_data(**overrides) -> dict:
    return {
        "email": "New.Person@Example.com",
        "name": "New Person",
        "usable_password": "true",
        "password1": "a-Long-pass-9876",
        "password2": "a-Long-pass-9876",
        **overrides,
    }


def test_add_page_asks_for_email_and_name_not_username(su):
    form = su.get(ADD_URL).context["adminform"].form
    assert {"email", "name", "password1", "password2"} <= set(form.fields)
    assert "username" not in form.fields


def test_add_creates_a_user_with_a_lowercased_email_and_the_password(su):
    response = su.post(ADD_URL, add_data())
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.com")
    assert user.name == "New Person"
    assert user.check_password("a-Long-pass-9876")


def test_add_without_a_usable_password_creates_a_user_who_cannot_log_in(su):
    response = su.post(
        ADD_URL, add_data(usable_password="false", password1="", password2="")
    )
    assert response.status_code == 302
    assert not User.objects.get(email="new.person@example.com").has_usable_password()


def test_add_with_an_email_taken_in_another_case_is_an_email_error(su):
    UserFactory(email="new.person@example.com")
    response = su.post(ADD_URL, add_data())
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [
        "A user with this email address already exists."
    ]
    assert User.objects.filter(email__iexact="new.person@example.com").count() == 1


def test_add_with_mismatched_passwords_saves_nothing(su):
    response = su.post(ADD_URL, add_data(password2="something-else-1"))
    assert response.status_code == 200
    assert "password2" in response.context["adminform"].form.errors
    assert not User.objects.filter(email="new.person@example.com").exists()


def test_change_page_edits_name_and_rights(su):
    user = UserFactory(name="Old Name")
    form = su.get(change_url(user)).context["adminform"].form
    assert "username" not in form.fields
    data = {
        "email": user.email,
        "name": "New Name",
        "is_active": "on",
        "is_staff": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "00:00:00",
    }
    response = su.post(change_url(user), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert (user.name, user.is_staff) == ("New Name", True)


def test_changelist_searches_by_email_and_name(su):
    target = UserFactory(name="Zelda Quest", email="zq@example.com")
    UserFactory(name="Other Person")
    for term in ("zq@example", "Zelda"):
        result = su.get(LIST_URL, {"q": term}).context["cl"].result_list
        assert list(result) == [target]


def test_password_change_page_renders_for_an_email_user(su):
    user = UserFactory()
    url = reverse("admin:auth_user_password_change", args=[quote(user.pk)])
    response = su.get(url)
    assert response.status_code == 200
    assert user.email in response.content.decode()


def test_token_admin_search_works_with_email_logins(su):
    from rest_framework.authtoken.models import Token

    user = UserFactory(email="tokenholder@example.com")
    Token.objects.create(user=user)
    url = reverse("admin:authtoken_tokenproxy_changelist")
    response = su.get(url, {"q": "tokenholder"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
