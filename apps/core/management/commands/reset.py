"""``manage.py reset <family|all> [--seed N] [--anchor ISO8601] [--scale F]``:
restore API families' seeded state through the kit's protocol."""

from .seed import SeedingCommand


class Command(SeedingCommand):
    action = "reset"
    help = (
        "Reset one API family, or every family with a seeder ('all', in registry "
        "order), to the state its seeder gives for the same seed, anchor and scale."
    )
