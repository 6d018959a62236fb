from apps.core.families import ApiFamily

FAMILY = ApiFamily(
    label="generator",
    title="Data generator",
    prefix="generator",
    urls="apps.generator.urls",
    renderer="apps.core.errors.FastApiRenderer",
    request_id_header="X-Request-Id",
    schema_url="/generator/openapi.json",
    swagger_url="/generator/docs",
    docs="docs/generator.md",
)
