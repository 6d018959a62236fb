"""``manage.py shop_openapi``: write the shop's OpenAPI document to
apps/shop/openapi.yaml; ``--check`` only says whether the file is current."""

from django.core.management.base import BaseCommand, CommandError

from apps.shop import openapi


class Command(BaseCommand):
    help = "Regenerate apps/shop/openapi.yaml from the shop's views."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Fail if the file is out of date."
        )

    def handle(self, *args, check: bool = False, **options):
        fresh = openapi.as_yaml(openapi.document())
        current = openapi.COMMITTED.read_bytes() if openapi.COMMITTED.exists() else b""
        if check:
            if fresh != current:
                raise CommandError(
                    f"{openapi.COMMITTED} is out of date: run manage.py shop_openapi"
                )
            self.stdout.write("up to date")
            return
        openapi.COMMITTED.write_bytes(fresh)
        self.stdout.write(f"wrote {openapi.COMMITTED}")
