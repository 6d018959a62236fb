"""OpenAPI import into a new group, export as 3.1, and the round trip."""

import json

import pytest
import yaml
from django.core.management import CommandError, call_command
from openapi_spec_validator import validate

from apps.mocks import models as m
from apps.mocks import selectors, services
from apps.mocks.openapi import exporter, importer

pytestmark = pytest.mark.django_db

SPEC_NAMES = ["petstore.yaml", "refs_allof.json", "path_params.yaml"]


def snapshot(group: m.Group) -> list[dict]:
    """What a group serves, independent of ids, owners and timestamps."""
    out = []
    for e in selectors.endpoint_list(group=group).order_by("path", "method"):
        row = {f: getattr(e, f) for f in services.ENDPOINT_FIELDS}
        for key in ("headers", "url_parameters"):
            fields = (
                services.URL_PARAMETER_FIELDS
                if key == "url_parameters"
                else services.EXPECTED_VALUE_FIELDS
            )
            row[key] = sorted(
                (
                    {f: getattr(x, f) for f in fields}
                    for x in selectors.endpoint_children(endpoint=e, key=key)
                ),
                key=lambda d: (d.get("location", ""), d["name"]),
            )
        out.append(row)
    return out


def test_petstore_imports_endpoints_parameters_and_first_2xx(user, spec_bytes):
    result = importer.import_document(spec_bytes("petstore.yaml"), user=user)
    group = result.group
    assert (group.name, group.slug) == ("Petstore", "petstore")
    assert sorted(result.report.imported) == [
        "GET /pets",
        "GET /pets/{petId}",
        "POST /pets",
    ]
    listing = m.Endpoint.objects.get(group=group, method="GET", path="/pets")
    assert listing.name == "List pets"
    assert listing.response_status_code == 200
    assert listing.response_body == [{"id": 1, "name": "Rex", "tag": "dog"}]
    assert listing.response_schema["items"]["properties"]["tag"]["type"] == [
        "string",
        "null",
    ]
    assert listing.response_headers == {"X-Total-Count": "42"}
    limit = listing.url_parameters.get(name="limit")
    assert (limit.value_type, limit.minimum, limit.maximum, limit.required) == (
        "integer",
        1,
        100,
        True,
    )
    sort = listing.url_parameters.get(name="sort")
    assert (sort.value_type, sort.enum_values, sort.required) == (
        "enum",
        ["asc", "desc"],
        False,
    )
    assert listing.headers.get().value_type == "uuid"
    create = m.Endpoint.objects.get(group=group, method="POST")
    assert create.response_status_code == 201
    assert create.request_body_required is True
    assert create.request_body_schema["required"] == ["name"]
    pet = m.Endpoint.objects.get(group=group, path="/pets/{petId}")
    assert pet.response_status_code == 200  # the first 2xx, not the first listed
    assert pet.url_parameters.get().location == "path"


def test_petstore_report_lists_skipped_items_with_reasons(user, spec_bytes):
    report = importer.import_document(spec_bytes("petstore.yaml"), user=user).report
    skipped = {item["item"]: item["reason"] for item in report.skipped}
    assert "cookie" in skipped["GET /pets cookie session"]
    assert "TRACE /pets" in skipped


def test_refs_and_allof_are_resolved_and_recursion_is_skipped(user, spec_bytes):
    result = importer.import_document(spec_bytes("refs_allof.json"), user=user)
    group = result.group
    listing = m.Endpoint.objects.get(group=group, method="GET", path="/orders")
    order = listing.response_schema["items"]
    assert "$ref" not in json.dumps(listing.response_schema)
    assert order["allOf"][0]["properties"]["id"]["format"] == "uuid"
    assert listing.url_parameters.get().name == "page_size"
    create = m.Endpoint.objects.get(group=group, method="POST")
    assert create.request_body_schema["properties"]["currency"]["enum"] == [
        "USD",
        "EUR",
        "BRL",
    ]
    assert create.request_body_required is True
    assert [s["item"] for s in result.report.skipped] == ["GET /trees response schema"]
    assert "recursive" in result.report.skipped[0]["reason"]


def test_path_parameters_keep_types_and_unsafe_names_are_renamed(user, spec_bytes):
    result = importer.import_document(spec_bytes("path_params.yaml"), user=user)
    group = result.group
    book = m.Endpoint.objects.get(group=group, method="GET", path__contains="isbn")
    assert book.path == "/libraries/{libraryId}/books/{isbn}"
    params = {p.name: p for p in book.url_parameters.all()}
    assert params["libraryId"].value_type == "uuid"
    assert params["isbn"].pattern == "^[0-9]{13}$"
    assert book.headers.get().exact_value == "secret-key"
    assert (
        m.Endpoint.objects.get(group=group, method="DELETE").response_status_code == 204
    )
    slug_ep = m.Endpoint.objects.get(group=group, path="/libraries/{library_slug}")
    assert slug_ep.response_headers == {"Content-Type": "text/plain"}
    assert slug_ep.response_body == "hello"
    assert any("renamed" in s["reason"] for s in result.report.skipped)


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_export_is_valid_openapi_31(user, spec_bytes, name):
    group = importer.import_document(spec_bytes(name), user=user).group
    document = exporter.export_group(group=group)
    assert document["openapi"].startswith("3.1")
    validate(document)


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_import_of_export_reproduces_the_group(user, spec_bytes, name):
    original = importer.import_document(spec_bytes(name), user=user).group
    document = exporter.export_group(group=original)
    copy = importer.import_document(document, slug="round-trip", user=user)
    assert copy.report.skipped == []
    assert copy.group.name == original.name
    assert snapshot(copy.group) == snapshot(original)


def test_round_trip_of_a_hand_built_group_keeps_mock_settings(user):
    group = services.group_create(
        data={"name": "Hand built", "description": "by hand"}, user=user
    )
    services.endpoint_create(
        group=group,
        user=user,
        data={
            "name": "Charge",
            "method": "POST",
            "path": "/charges/{charge_id}",
            "response_status_code": 202,
            "response_schema": {
                "type": "object",
                "$defs": {"id": {"type": "string", "minLength": 3}},
                "properties": {"id": {"$ref": "#/$defs/id"}},
            },
            "request_body_schema": {"type": "object"},
            "request_body_required": True,
            "request_error_status_code": 418,
            "request_error_body": {"error": "teapot"},
            "max_wait_time": 250,
            "chaos_mode": False,
            "chaos_weights": {"http_500": 3},
            "headers": [
                {
                    "name": "X-Key",
                    "exact_value": "abc",
                    "default_status_code": 401,
                    "default_response_body": {"error": "key"},
                }
            ],
            "url_parameters": [
                {
                    "name": "charge_id",
                    "location": "path",
                    "value_type": "integer",
                    "minimum": 1,
                },
                {"name": "when", "value_type": "date", "required": False},
            ],
        },
    )
    document = exporter.export_group(group=group)
    validate(document)
    copy = importer.import_document(
        yaml.safe_dump(document), slug="hand-built-2", user=user
    ).group
    original, copied = snapshot(group), snapshot(copy)
    # $defs-relative refs are placed in components and come back inlined.
    original[0].pop("response_schema")
    assert copied[0].pop("response_schema")["properties"]["id"]["minLength"] == 3
    assert copied == original


MALFORMED = {
    "empty": b"",
    "not yaml": b"openapi: [3.0\n  : :",
    "not an object": b"[1, 2, 3]",
    "no version": b'{"info": {"title": "x", "version": "1"}, "paths": {}}',
    "swagger 2": b'{"swagger": "2.0", "info": {"title": "x"}}',
    "openapi 2.5": b'{"openapi": "2.5.0", "info": {"title": "x"}, "paths": {}}',
    "no info": b'{"openapi": "3.0.3", "paths": {}}',
    "paths not an object": b'{"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": []}',
    "bad response": b'{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200": {}}}}}}',
    "binary": b"\xff\xfe\x00\x01",
}


@pytest.mark.parametrize("label", sorted(MALFORMED))
def test_malformed_document_gets_a_clear_error_and_creates_nothing(user, label):
    with pytest.raises(importer.ImportFailed) as info:
        importer.import_document(MALFORMED[label], user=user)
    assert info.value.message
    assert not m.Group.all_objects.exists()
    assert not m.Endpoint.all_objects.exists()


def test_taken_slug_is_refused_and_creates_nothing(user, spec_bytes):
    services.group_create(data={"name": "x", "slug": "petstore"}, user=user)
    with pytest.raises(Exception) as info:
        importer.import_document(spec_bytes("petstore.yaml"), user=user)
    assert "slug" in str(info.value)
    assert m.Group.objects.count() == 1
    assert not m.Endpoint.all_objects.exists()


def test_command_imports_into_the_given_slug(user, spec_bytes, tmp_path, capsys):
    path = tmp_path / "pets.yaml"
    path.write_bytes(spec_bytes("petstore.yaml"))
    call_command("import_openapi", str(path), "--group", "pets-cli")
    out = capsys.readouterr().out
    assert "Created group /pets-cli" in out
    assert "skipped" in out
    assert m.Group.objects.get(slug="pets-cli").endpoints.count() == 3


def test_command_reports_a_malformed_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"openapi": "3.0.0"}')
    with pytest.raises(CommandError, match="not valid OpenAPI"):
        call_command("import_openapi", str(path), "--group", "bad")
    assert not m.Group.all_objects.exists()
