"""``manage.py reset_amazon``: the amazon family's resetter with its own
options (``manage.py reset amazon`` does the same by scale)."""

from django.core.management.base import BaseCommand

from apps.amazon.management.commands.seed_amazon import add_seed_arguments, run_command


class Command(BaseCommand):
    help = (
        "Wipe every seller's orders, listings, inventory, reports and report "
        "schedules and restore the seeded state. Seeded credentials and unexpired "
        "access tokens survive."
    )

    def add_arguments(self, parser):
        add_seed_arguments(parser)

    def handle(self, *args, **options):
        run_command(self, "reset", options)
