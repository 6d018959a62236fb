"""The shop API, as registered with the kit (docs/shop.md)."""

from apps.core.families import ApiFamily

FAMILY = ApiFamily(
    label="shop",
    title="Shop",
    prefix="shop",
    urls="apps.shop.urls",
    # The original is a FastAPI app: {"detail": ...} and 422 validation lists.
    renderer="apps.core.errors.FastApiRenderer",
    request_id_header="X-Request-Id",
    seeder="apps.shop.seeding.seed",
    resetter="apps.shop.seeding.reset",
    snapshot="apps.shop.seeding.snapshot",
    schema_url="/shop/openapi.json",
    swagger_url="/shop/docs",
    credentials="apps.shop.seeding.credentials",
    docs="docs/shop.md",
    # Passwords and JWTs never reach the journal.
    secret_fields=("password", "access_token", "refresh_token"),
)
