"""manage.py import_openapi FILE [--group SLUG] [--name NAME] [--user EMAIL]"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.mocks.openapi import importer


class Command(BaseCommand):
    help = "Import an OpenAPI 3.0/3.1 document (JSON or YAML) into a new mock group."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "file", help="Path to the OpenAPI document, or - for stdin."
        )
        parser.add_argument("--group", dest="slug", help="Slug of the new group.")
        parser.add_argument("--name", help="Name of the new group (default: title).")
        parser.add_argument("--user", help="Email of the user recorded as creator.")

    def handle(self, *args, **options) -> None:
        user = None
        if options.get("user"):
            from django.contrib.auth import get_user_model

            try:
                user = get_user_model().objects.get(email__iexact=options["user"])
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"No user with email {options['user']}.") from exc
        if options["file"] == "-":
            import sys

            content = sys.stdin.buffer.read()
        else:
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            content = path.read_bytes()
        try:
            result = importer.import_document(
                content, slug=options.get("slug"), name=options.get("name"), user=user
            )
        except importer.ImportFailed as exc:
            raise CommandError(exc.message) from exc
        except ValidationError as exc:
            messages = (
                [f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items()]
                if hasattr(exc, "error_dict")
                else exc.messages
            )
            raise CommandError("; ".join(messages)) from exc
        report = result.report
        self.stdout.write(
            self.style.SUCCESS(
                f"Created group /{result.group.slug} ({result.group.name}) with "
                f"{len(report.imported)} endpoints."
            )
        )
        for label in report.imported:
            self.stdout.write(f"  imported  {label}")
        for item in report.skipped:
            self.stdout.write(f"  skipped   {item['item']}: {item['reason']}")
