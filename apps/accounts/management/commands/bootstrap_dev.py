"""``manage.py bootstrap_dev``: a local superuser to sign in to the admin with.

Development only: it refuses to run with DEBUG off unless given --force. The
account comes from DEV_ADMIN_EMAIL / DEV_ADMIN_PASSWORD (default
admin@example.com / admin); running it again resets that account's password
and rights, nothing else.
"""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.accounts.models import User

ADMIN_URL = "http://127.0.0.1:8000/admin/"


class Command(BaseCommand):
    help = "Create or update the development admin account (DEBUG only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (never on a shared server).",
        )

    def handle(self, *args, force: bool, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "bootstrap_dev creates an admin with a known password, so it only "
                "runs with DEBUG on. Pass --force to run it anyway."
            )
        email = (os.environ.get("DEV_ADMIN_EMAIL") or "admin@example.com").strip()
        password = os.environ.get("DEV_ADMIN_PASSWORD") or "admin"
        email = User.objects.normalize_email(email).lower()

        with transaction.atomic():
            user = User.objects.filter(email__iexact=email).first()
            created = user is None
            if created:
                user = User(email=email, name="Dev Admin")
            user.is_staff = True
            user.is_superuser = True
            user.is_active = True
            user.set_password(password)
            user.save()

        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} the development admin."))
        self.stdout.write(f"Sign in at {ADMIN_URL}")
        self.stdout.write(f"  email:    {email}")
        self.stdout.write(f"  password: {password}")
        self.stdout.write("(scripts/run.sh serves the portal on that address.)")
