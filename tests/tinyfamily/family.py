from apps.core.families import ApiFamily

FAMILY = ApiFamily(
    label="tiny",
    title="Tiny test API",
    prefix="tiny",
    urls="tests.tinyfamily.urls",
    renderer="apps.core.errors.FastApiRenderer",
    request_id_header="X-Request-Id",
    schema_url="/tiny/openapi.json",
)
