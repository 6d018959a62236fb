from apps.core.families import ApiFamily

FAMILY = ApiFamily(
    label="generator",
    title="Data generator",
    prefix="generator",
    urls="apps.generator.urls",
    renderer="apps.core.errors.FastApiRenderer",
    request_id_header="X-Request-Id",
    schema_url="/generator/openapi.json",
    docs="docs/generator.md",
)
