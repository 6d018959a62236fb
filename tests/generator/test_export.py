"""generate_data and the ZIP bundle: one consistent set, the same bytes the
endpoints serve."""

import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from apps.generator.engine import ENTITIES, VERSION
from apps.generator.export import entity_chunks, file_name, zip_chunks

QUERY = {"seed": 4, "locale": "pt_BR", "fmt": "csv", "offset": 0, "limit": 40}


def served(entity, **query):
    return b"".join(entity_chunks(entity, **{**QUERY, **query}))


def test_generate_data_all_writes_every_entity_as_the_api_serves_it(tmp_path):
    out = io.StringIO()
    call_command("generate_data", "all", "--limit", "40", "--format", "csv", "--seed", "4",
                 "--locale", "pt_BR", "--out", str(tmp_path), stdout=out)  # fmt: skip

    for entity in ENTITIES:
        assert (tmp_path / file_name(entity, "csv")).read_bytes() == served(entity), (
            entity
        )
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert (manifest["seed"], manifest["generator_version"]) == (4, VERSION)
    assert manifest["files"]["categories.csv"]["rows"] == 40
    assert "seed 4: 19 files" in out.getvalue()


def test_generate_data_one_entity_in_another_format(tmp_path):
    call_command("generate_data", "orders", "--limit", "5", "--format", "ndjson", "--seed", "1",
                 "--out", str(tmp_path), stdout=io.StringIO())  # fmt: skip

    lines = (tmp_path / "orders.ndjson").read_text().splitlines()
    assert [json.loads(line)["order_number"] for line in lines] == [
        f"ORD-{i:08d}" for i in range(1, 6)
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--limit", "0"], "--limit"), (["--offset", "-3"], "--offset")],
)
def test_generate_data_refuses_bad_windows_and_writes_nothing(tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_data", "users", *args, "--out", str(tmp_path / "x"))
    assert not (tmp_path / "x").exists()


def test_the_bundle_is_a_zip_of_every_entity_and_a_manifest():
    archive = zipfile.ZipFile(io.BytesIO(b"".join(zip_chunks(ENTITIES, **QUERY))))

    assert archive.testzip() is None
    assert sorted(archive.namelist()) == sorted(
        [*(file_name(e, "csv") for e in ENTITIES), "manifest.json"]
    )
    for entity in ("orders", "payments", "analytics/users"):
        assert archive.read(file_name(entity, "csv")) == served(entity)


def test_the_bundle_is_byte_identical_for_one_query():
    first = b"".join(zip_chunks(["users", "orders"], **QUERY))

    assert b"".join(zip_chunks(["users", "orders"], **QUERY)) == first
