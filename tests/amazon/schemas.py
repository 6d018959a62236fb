"""Validate responses against Amazon's official models (Swagger 2.0 JSON)."""

import json
from datetime import datetime
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator, FormatChecker

SPEC_DIR = Path(__file__).resolve().parents[2] / "apps" / "amazon" / "spec"
SHARED_DIR = Path(__file__).resolve().parents[3] / "shared" / "reference" / "sp-api"

ORDERS = "ordersV0.json"
LISTINGS = "listingsItems_2021-08-01.json"
INVENTORY = "fbaInventory.json"
REPORTS = "reports_2021-06-30.json"

format_checker = FormatChecker()


@format_checker.checks("date-time", raises=ValueError)
def _is_datetime(value) -> bool:
    if not isinstance(value, str):
        return True
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return "T" in value


@cache
def load(model: str) -> dict:
    return json.loads((SPEC_DIR / model).read_text(encoding="utf-8"))


def response_schema(model: str, path: str, method: str, status: int) -> dict:
    spec = load(model)
    response = spec["paths"][path][method]["responses"][str(status)]
    return {**response["schema"], "definitions": spec["definitions"]}


def definition_schema(model: str, name: str) -> dict:
    spec = load(model)
    return {"$ref": f"#/definitions/{name}", "definitions": spec["definitions"]}


def assert_valid(schema: dict, instance) -> None:
    validator = Draft4Validator(schema, format_checker=format_checker)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10]
    )


def assert_response_valid(model, path, method, response) -> None:
    assert_valid(
        response_schema(model, path, method, response.status_code), response.json()
    )
