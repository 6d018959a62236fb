"""manage.py generate_data {entity|all} --limit N --format F --seed S --out DIR"""

import secrets
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.generator.engine import ENTITIES, LOCALES
from apps.generator.engine.formats import FORMATS
from apps.generator.export import write_files
from apps.generator.query import LIMIT_MAX, OFFSET_MAX


class Command(BaseCommand):
    help = (
        "Write generated data to files, the same bytes the API serves (one "
        "consistent set with 'all'), for offline ETL use."
    )

    def add_arguments(self, parser):
        parser.add_argument("entity", choices=[*ENTITIES, "all"])
        parser.add_argument(
            "--limit", type=int, default=1000, help=f"rows per entity, 1–{LIMIT_MAX}"
        )
        parser.add_argument("--offset", type=int, default=0)
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--seed", type=int, help="random (and printed) when absent")
        parser.add_argument("--locale", choices=list(LOCALES), default="en_US")
        parser.add_argument("--out", type=Path, required=True)

    def handle(self, *, entity, limit, offset, format, seed, locale, out, **options):
        if not 1 <= limit <= LIMIT_MAX:
            raise CommandError(f"--limit must be from 1 to {LIMIT_MAX}")
        if not 0 <= offset <= OFFSET_MAX:
            raise CommandError(f"--offset must be from 0 to {OFFSET_MAX}")
        seed = secrets.randbelow(2**31) if seed is None else seed
        entities = list(ENTITIES) if entity == "all" else [entity]
        written = write_files(
            entities,
            out,
            seed=seed,
            locale=locale,
            fmt=format,
            offset=offset,
            limit=limit,
        )
        for path in written:
            self.stdout.write(f"{path} ({path.stat().st_size:,} bytes)")
        self.stdout.write(
            self.style.SUCCESS(f"seed {seed}: {len(written)} files in {out}")
        )
