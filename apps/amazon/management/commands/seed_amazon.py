"""``manage.py seed_amazon``: the amazon family's seeder with its own options
(``manage.py seed amazon`` does the same by scale)."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from apps.core import families
from apps.core.seeding import protocol, runner


def add_seed_arguments(parser) -> None:
    parser.add_argument("--sellers", type=int, default=2)
    parser.add_argument("--orders", type=int, default=200, help="orders in total")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--anchor",
        default="",
        help="ISO 8601 instant the data ends at (default: AMAZON_SEED_ANCHOR or "
        "today 00:00 UTC)",
    )


def parse_anchor(raw: str) -> datetime | None:
    try:
        return protocol.parse_anchor(raw)
    except ValueError as exc:
        raise CommandError(f"--anchor is not ISO 8601: {raw}") from exc


def print_summary(command: BaseCommand, summary: dict) -> None:
    out = command.stdout
    out.write(command.style.SUCCESS(f"Seeded: {summary['counts']}"))
    out.write(f"client_id:     {summary['clientId']}")
    out.write(f"client_secret: {summary['clientSecret']}")
    for seller in summary["sellers"]:
        out.write(
            f"seller {seller['sellingPartnerId']} ({seller['name']}) "
            f"marketplaces={','.join(seller['marketplaceIds'])}"
        )
        out.write(f"  refresh_token: {seller['refreshToken']}")


def run_command(command: BaseCommand, action: protocol.Action, options) -> None:
    if options["sellers"] < 1 or options["orders"] < 0:
        raise CommandError("--sellers must be ≥ 1 and --orders ≥ 0")
    outcome = runner.run(
        families.get("amazon"),
        action,
        seed=options["seed"],
        anchor=parse_anchor(options["anchor"]),
        sellers=options["sellers"],
        orders=options["orders"],
    )
    print_summary(command, outcome.summary)


class Command(BaseCommand):
    help = "Create deterministic SP-API mock data (same seed, same data)."

    def add_arguments(self, parser):
        add_seed_arguments(parser)

    def handle(self, *args, **options):
        run_command(self, "seed", options)
