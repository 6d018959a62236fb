"""``manage.py seed_mocks [--seed N] [--owner EMAIL]``: load the demo mocks
(the ``mocks`` family's seeder; ``manage.py seed mocks`` does the same)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.core import families
from apps.core.seeding import runner
from apps.mocks.seed import DEFAULT_SEED, DEMO_EMAIL, UnknownOwner


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
            outcome = runner.run(families.get("mocks"), "seed", seed=seed, owner=owner)
        except UnknownOwner as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError(f"The demo data is invalid: {exc.messages}") from exc
        print_report(self, outcome.summary, seed=seed)


def print_report(command: BaseCommand, summary: dict, *, seed: int) -> None:
    out = command.stdout
    if summary["ownerCreated"]:
        out.write(f"Created the demo user {summary['owner']} (no password).")
    out.write(f"Demo mocks (seed {seed}, owner {summary['owner']}):")
    for slug, outcome in summary["groups"].items():
        endpoints = {
            key: value
            for key, value in summary["endpoints"].items()
            if key.split(" ", 1)[1].startswith(f"/{slug}/")
        }
        out.write(f"  /{slug}: group {outcome}, {len(endpoints)} endpoints")
        for key, value in endpoints.items():
            out.write(f"    {key}  [{value}]")
    outcomes = ("created", "updated", "restored")
    for kind in ("groups", "endpoints"):
        parts = ", ".join(
            f"{sum(1 for v in summary[kind].values() if v == outcome)} {outcome}"
            for outcome in outcomes
        )
        out.write(command.style.SUCCESS(f"{kind.capitalize()}: {parts}."))
