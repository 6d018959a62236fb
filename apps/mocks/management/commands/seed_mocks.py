"""``manage.py seed_mocks [--seed N] [--owner EMAIL]``: load the demo mocks."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.accounts.models import User
from apps.mocks.seed import DEFAULT_SEED, apply_demo

DEMO_EMAIL = "demo@example.com"


class Command(BaseCommand):
    help = (
        "Create or update the demo mock groups (erp, ecommerce, payments). "
        "Idempotent: groups match by slug, endpoints by method and path."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed for the sample values (default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--owner",
            metavar="EMAIL",
            help=f"Existing user who owns new rows (default {DEMO_EMAIL}, "
            "created without a usable password when missing).",
        )

    def handle(self, *args, seed: int, owner: str | None, **options) -> None:
        try:
            with transaction.atomic():  # the demo user too: all or nothing
                user = self._owner(owner)
                report = apply_demo(seed=seed, user=user)
        except ValidationError as exc:
            raise CommandError(f"The demo data is invalid: {exc.messages}") from exc

        self.stdout.write(f"Demo mocks (seed {seed}, owner {user.email}):")
        for slug, outcome in report.groups.items():
            endpoints = {
                key: value
                for key, value in report.endpoints.items()
                if key.split(" ", 1)[1].startswith(f"/{slug}/")
            }
            self.stdout.write(f"  /{slug}: group {outcome}, {len(endpoints)} endpoints")
            for key, value in endpoints.items():
                self.stdout.write(f"    {key}  [{value}]")
        outcomes = ("created", "updated", "restored")
        for kind in ("groups", "endpoints"):
            parts = ", ".join(
                f"{report.count(kind, outcome)} {outcome}" for outcome in outcomes
            )
            self.stdout.write(self.style.SUCCESS(f"{kind.capitalize()}: {parts}."))

    def _owner(self, email: str | None) -> User:
        if email:
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                raise CommandError(f"No user with email {email}.")
            return user
        user = User.objects.filter(email__iexact=DEMO_EMAIL).first()
        if user is None:
            user = User.objects.create_user(email=DEMO_EMAIL, name="Demo User")
            self.stdout.write(f"Created the demo user {DEMO_EMAIL} (no password).")
        return user
