"""``manage.py bookstore_api_key NAME``: create a bookstore API key and print it
once; ``--revoke NAME`` revokes every live key of that name."""

from django.core.management.base import BaseCommand, CommandError

from apps.bookstore.models import ApiKey
from apps.bookstore.services import api_key_create, api_key_revoke


class Command(BaseCommand):
    help = "Create (or revoke) a bookstore X-API-Key."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--revoke", action="store_true")

    def handle(self, *args, name: str, revoke: bool, **options):
        if len(name) > 100:
            raise CommandError("name: at most 100 characters")
        if revoke:
            keys = ApiKey.objects.filter(name=name, revoked_at=None)
            if not keys:
                raise CommandError(f"no live key named {name!r}")
            for key in keys:
                api_key_revoke(key=key)
            self.stdout.write(f"revoked {len(keys)} key(s) named {name!r}")
            return
        key, raw = api_key_create(name=name)
        self.stdout.write(raw)
