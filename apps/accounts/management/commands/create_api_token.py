"""Print the management API token of an existing user (``Authorization: Token …``)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = (
        "Print the API token of the user with this email, creating the token if "
        "the user has none. --rotate replaces an existing token."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="Email address of an existing user.")
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Revoke the current token and issue a new one.",
        )

    def handle(self, *args, email: str, rotate: bool, **options) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(email__iexact=email.strip())
        except User.DoesNotExist as exc:
            raise CommandError(
                f"No user with email {email!r}. Create the user first "
                "(sign up, admin or createsuperuser)."
            ) from exc
        if not user.is_active:
            raise CommandError(f"The user {user.email} is inactive.")
        with transaction.atomic():
            if rotate:
                Token.objects.filter(user=user).delete()
            token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
