"""OpenAPI for the generator, built from the same field lists that shape
the records, CSV headers and XML (one source, so the document cannot drift
from the data)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema

from ..engine import LOCALES
from ..engine.entities import Entity, Field
from ..engine.formats import FORMATS
from ..query import LIMIT_DEFAULT, LIMIT_MAX, OFFSET_MAX


def field_schema(field: Field) -> dict:
    schema: dict = {"type": field.type}
    if field.format:
        schema["format"] = field.format
    if field.description:
        schema["description"] = field.description
    if field.nullable:
        schema["nullable"] = True
    if field.type == "object":
        schema["properties"] = {c.name: field_schema(c) for c in field.children}
        schema["required"] = [c.name for c in field.children]
    elif field.type == "array":
        schema["items"] = {
            "type": "object",
            "properties": {c.name: field_schema(c) for c in field.children},
            "required": [c.name for c in field.children],
        }
    return schema


def record_schema(entity: Entity) -> dict:
    return {
        "type": "object",
        "properties": {f.name: field_schema(f) for f in entity.fields},
        "required": [f.name for f in entity.fields],
    }


QUERY_PARAMETERS = [
    OpenApiParameter("format", str, enum=list(FORMATS), default="json",
                     description="Body format; without it the Accept header decides (JSON by default)."),
    OpenApiParameter("limit", int, default=LIMIT_DEFAULT,
                     description=f"Rows, 1–{LIMIT_MAX:,}."),
    OpenApiParameter("offset", int, default=0,
                     description=f"Index of the first row, 0–{OFFSET_MAX:,}; windows concatenate to one large request."),
    OpenApiParameter("seed", int, description="Same seed, same bytes; random when absent (sent back in X-Generator-Seed)."),
    OpenApiParameter("locale", str, enum=list(LOCALES), default="en_US"),
]  # fmt: skip
GENERATED_HEADERS = {
    name: {"description": text, "schema": {"type": "string"}}
    for name, text in (
        ("X-Generator-Seed", "the seed used: send it back to reproduce the response"),
        ("X-Generator-Version", "the generator version: the same version and seed give the same bytes"),
        ("X-Total-Count", "rows in the entity's universe for a seed"),
    )
}  # fmt: skip


def entity_schema(entity: Entity, operation_id: str):
    record = record_schema(entity)
    description = f"{entity.size:,} rows per seed."
    if entity.references:
        description += f" References: {entity.references}."
    return extend_schema(
        operation_id=operation_id,
        summary=f"Generate {entity.name}",
        description=description,
        tags=["generator"],
        parameters=QUERY_PARAMETERS,
        responses={
            (200, "application/json"): OpenApiResponse(
                response={"type": "array", "items": record}, description="a JSON array"
            ),
            (200, "application/x-ndjson"): OpenApiResponse(response=record, description="one object per line"),
            (200, "text/csv"): OpenApiResponse(response=OpenApiTypes.STR, description="header row, RFC 4180"),
            (200, "application/xml"): OpenApiResponse(response=OpenApiTypes.STR, description=f"<{entity.plural}> of <{entity.singular}>"),
            422: OpenApiResponse(response=VALIDATION_ERROR, description="every bad parameter"),
        },
    )  # fmt: skip


VALIDATION_ERROR = {
    "type": "object",
    "properties": {
        "detail": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "loc": {"type": "array", "items": {"type": "string"}},
                    "msg": {"type": "string"},
                    "input": {"type": "string", "nullable": True},
                },
            },
        }
    },
}


def bundle_schema():
    """The bundle's document: the same parameters, a ZIP (format defaults to CSV)."""
    return extend_schema(
        operation_id="get_bundle_api_v1_bundle_get",
        summary="Every entity in one ZIP",
        description="One file per entity (the same bytes as each endpoint) and manifest.json; "
        "`format` defaults to csv here.",
        tags=["generator"],
        parameters=QUERY_PARAMETERS,
        responses={
            (200, "application/zip"): OpenApiResponse(response=OpenApiTypes.BINARY),
            422: OpenApiResponse(
                response=VALIDATION_ERROR, description="every bad parameter"
            ),
        },
    )
