"""The bookstore API, as registered with the kit (docs/bookstore.md)."""

from apps.core.families import ApiFamily

FAMILY = ApiFamily(
    label="bookstore",
    title="Bookstore",
    prefix="bookstore",
    urls="apps.bookstore.urls",
    # The original is a FastAPI app: {"detail": ...} and 422 validation lists.
    renderer="apps.core.errors.FastApiRenderer",
    request_id_header="X-Request-Id",
    seeder="apps.bookstore.seeding.seed",
    resetter="apps.bookstore.seeding.reset",
    snapshot="apps.bookstore.seeding.snapshot",
    schema_url="/bookstore/openapi.json",
    swagger_url="/bookstore/docs",
    credentials="apps.bookstore.seeding.credentials",
    docs="docs/bookstore.md",
    # Card numbers and CVCs are never recorded, not even in the journal.
    secret_fields=("card_number", "cvc"),
)
