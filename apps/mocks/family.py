"""The platform's own two APIs, registered like every imitated one: the
management API below /api/ and the mock engine's catch-all (problem+json)."""

from apps.core.families import ApiFamily

FAMILIES = [
    ApiFamily(
        label="management",
        title="Management API",
        prefix="api",
        urls="apps.mocks.api.urls",
        # Its URLconf ends with a 404 of its own (it redirects a missing slash).
        catch_all_404=False,
        # Reading the journal (and the API's own docs) is not itself recorded.
        unrecorded=("journal", "schema/", "docs/", "redoc/"),
        schema_url="/api/schema/",
        swagger_url="/api/docs/",
        docs="README.md",
    ),
    ApiFamily(
        label="mocks",
        title="Configured mocks",
        prefix="",
        urls="apps.mocks.mock_urls",
        seeder="apps.mocks.seed.seed_family",
        resetter="apps.mocks.seed.reset_family",
        snapshot="apps.mocks.seed.snapshot",
        # Its groups are the portal's own pages, not an entry in "APIs".
        listed=False,
        docs="README.md",
    ),
]
