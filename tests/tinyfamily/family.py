from apps.core.families import ApiFamily

FAMILY = ApiFamily(
    label="tiny",
    title="Tiny test API",
    prefix="tiny",
    urls="tests.tinyfamily.urls",
    renderer="apps.core.errors.FastApiRenderer",
    request_id_header="X-Request-Id",
    seeder="tests.tinyfamily.store.seed_items",
    resetter="tests.tinyfamily.store.reset_items",
    snapshot="tests.tinyfamily.store.snapshot",
    schema_url="/tiny/openapi.json",
    docs="docs/adding-an-api.md",
)
