"""The Amazon Selling Partner API mock, as registered with the kit."""

from apps.core.families import ApiFamily

FAMILY = ApiFamily(
    label="amazon",
    title="Amazon SP-API",
    prefix="amazon",
    urls="apps.amazon.urls",
    renderer="apps.amazon.api.errors.RENDERER",
    # The token endpoint imitates api.amazon.com: OAuth 2.0 errors.
    sub_renderers={"auth/": "apps.amazon.api.views.lwa.LwaRenderer"},
    request_id_header="x-amzn-RequestId",
    seeder="apps.amazon.services.seeding.kit.seed",
    resetter="apps.amazon.services.seeding.kit.reset",
    snapshot="apps.amazon.services.seeding.kit.snapshot",
    usage_plans="apps.amazon.ratelimit.USAGE_PLANS",
    schema_url="/amazon/_mock/schema",
    credentials="apps.amazon.services.seeding.kit.credentials",
    docs="docs/amazon.md",
    # Restricted Data Tokens are bearer credentials: never in the journal.
    secret_fields=("restrictedDataToken",),
)
