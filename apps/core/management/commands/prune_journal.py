"""manage.py prune_journal [--max-age-days N] [--max-rows N]"""

from django.core.management.base import BaseCommand

from apps.core.journal import journal_prune


class Command(BaseCommand):
    help = "Delete journal entries older than the age limit or beyond the row limit."

    def add_arguments(self, parser):
        parser.add_argument("--max-age-days", type=int, default=None)
        parser.add_argument("--max-rows", type=int, default=None)

    def handle(self, *args, **options):
        deleted = journal_prune(
            max_age_days=options["max_age_days"], max_rows=options["max_rows"]
        )
        self.stdout.write(f"Deleted {deleted} journal entries.")
