from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError

from apps.amazon.services.seeding import SeedSummary, seed_amazon


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
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError as exc:
        raise CommandError(f"--anchor is not ISO 8601: {raw}") from exc
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def print_summary(command: BaseCommand, summary: SeedSummary) -> None:
    out = command.stdout
    out.write(command.style.SUCCESS(f"Seeded: {summary.counts}"))
    out.write(f"client_id:     {summary.client_id}")
    out.write(f"client_secret: {summary.client_secret}")
    for seller in summary.sellers:
        out.write(
            f"seller {seller.selling_partner_id} ({seller.name}) "
            f"marketplaces={','.join(seller.marketplace_ids)}"
        )
        out.write(f"  refresh_token: {seller.refresh_token}")


class Command(BaseCommand):
    help = "Create deterministic SP-API mock data (same seed, same data)."

    def add_arguments(self, parser):
        add_seed_arguments(parser)

    def handle(self, *args, **options):
        if options["sellers"] < 1 or options["orders"] < 0:
            raise CommandError("--sellers must be ≥ 1 and --orders ≥ 0")
        summary = seed_amazon(
            sellers=options["sellers"],
            orders=options["orders"],
            seed=options["seed"],
            anchor=parse_anchor(options["anchor"]),
        )
        print_summary(self, summary)
