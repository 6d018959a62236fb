"""UserFactory builds valid, distinct users that can sign in."""

import pytest

from apps.accounts.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_users_get_distinct_lowercase_emails_and_a_working_password():
    users = UserFactory.create_batch(10)
    emails = [user.email for user in users]
    assert len(set(emails)) == 10
    assert all(email == email.lower() for email in emails)
    assert users[0].check_password(DEFAULT_PASSWORD)


def test_plain_users_have_no_admin_rights():
    user = UserFactory()
    assert not user.is_staff and not user.is_superuser and user.is_active


def test_superuser_trait_grants_staff_and_superuser():
    user = UserFactory(superuser=True)
    assert user.is_staff and user.is_superuser


def test_every_user_passes_full_clean():
    user = UserFactory()
    user.full_clean()
    assert user.name
