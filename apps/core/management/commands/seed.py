"""``manage.py seed <family|all> [--seed N] [--anchor ISO8601] [--scale F]``:
seed API families through the kit's protocol (``apps.core.seeding``)."""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.core.seeding import protocol, runner

PAST = {"seed": "seeded", "reset": "reset"}


class SeedingCommand(BaseCommand):
    action: protocol.Action = "seed"
    help = (
        "Seed one API family, or every family with a seeder ('all', in registry "
        "order). Same seed, anchor and scale: same data."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "family",
            help="a family's label, or 'all' (choices: "
            + ", ".join([runner.ALL, *(f.label for f in runner.seedable())])
            + ")",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=protocol.DEFAULT_SEED,
            help=f"default {protocol.DEFAULT_SEED}",
        )
        parser.add_argument(
            "--anchor",
            default="",
            help="ISO 8601 instant time-based data ends at (default: each "
            "family's own, e.g. AMAZON_SEED_ANCHOR or today 00:00 UTC)",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=protocol.DEFAULT_SCALE,
            help="multiplies each family's default volumes (default 1)",
        )
        parser.add_argument(
            "--digest",
            action="store_true",
            help="also print the SHA-256 of each family's canonical state",
        )
        parser.add_argument(
            "--json", action="store_true", help="print the outcomes as JSON"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            chosen = runner.select(options["family"])
            anchor = protocol.parse_anchor(options["anchor"])
            scale = protocol.check_scale(options["scale"])
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        except ValueError as exc:
            raise CommandError(f"--anchor or --scale: {exc}") from exc
        results = []
        try:
            with transaction.atomic():  # all families or none
                for family in chosen:
                    outcome = runner.run(
                        family,
                        self.action,
                        seed=options["seed"],
                        anchor=anchor,
                        scale=scale,
                    )
                    result = outcome.as_dict()
                    if options["digest"]:
                        result["digest"] = runner.state_digest(family)
                    results.append(result)
        except (LookupError, ValidationError) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(results, indent=2, ensure_ascii=False))
            return
        for result in results:
            self._print(result)

    def _print(self, result: dict[str, Any]) -> None:
        out = self.stdout
        out.write(
            self.style.SUCCESS(
                f"{result['family']}: {PAST[result['action']]} (seed {result['seed']}, "
                f"scale {result['scale']:g}) in {result['seconds']:.2f} s"
            )
        )
        for key, value in result["summary"].items():
            out.write(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
        if "digest" in result:
            out.write(f"  state sha256: {result['digest']}")


class Command(SeedingCommand):
    pass
