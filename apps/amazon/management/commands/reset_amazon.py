from django.core.management.base import BaseCommand, CommandError

from apps.amazon.management.commands.seed_amazon import (
    add_seed_arguments,
    parse_anchor,
    print_summary,
)
from apps.amazon.services.seeding import reset_amazon


class Command(BaseCommand):
    help = (
        "Wipe every seller's orders, listings, inventory, reports and report "
        "schedules and restore the seeded state. Seeded credentials and unexpired "
        "access tokens survive."
    )

    def add_arguments(self, parser):
        add_seed_arguments(parser)

    def handle(self, *args, **options):
        if options["sellers"] < 1 or options["orders"] < 0:
            raise CommandError("--sellers must be ≥ 1 and --orders ≥ 0")
        summary = reset_amazon(
            sellers=options["sellers"],
            orders=options["orders"],
            seed=options["seed"],
            anchor=parse_anchor(options["anchor"]),
        )
        print_summary(self, summary)
