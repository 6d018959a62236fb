"""The four wire formats, as iterators of byte chunks (for a streaming
response, a file or a ZIP member alike).

Rows are encoded in batches of ``BATCH`` so a chunk is a few tens of
kilobytes: big enough that per-chunk costs vanish, small enough that memory
stays flat. The first batch is only ``FIRST_BATCH`` rows, so the first byte
leaves after a few rows' work rather than a whole batch's (a client starts
parsing, and a proxy sees the stream alive, within milliseconds).

CSV flattening (docs/generator.md): a nested object becomes dotted columns
(``shipping_address.city``), an item list one column holding its JSON array,
so one record stays one row; null is an empty cell, booleans ``true`` /
``false``. XML follows minidom's pretty print (tab indentation), plural root,
singular children, one element per field, ``<item>`` per list entry, null
as an empty element.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from itertools import islice
from operator import itemgetter
from xml.sax.saxutils import escape

import orjson

from .entities import Entity, Field

FORMATS = ("json", "csv", "xml", "ndjson")
CONTENT_TYPES = {
    "json": "application/json",
    "ndjson": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "xml": "application/xml",
}
EXTENSIONS = {"json": "json", "ndjson": "ndjson", "csv": "csv", "xml": "xml"}
BATCH = 250
FIRST_BATCH = 10


def _batches(records: Iterable[dict], size: int) -> Iterator[list[dict]]:
    it = iter(records)
    batch = list(islice(it, min(size, FIRST_BATCH)))
    while batch:
        yield batch
        batch = list(islice(it, size))


def encode(
    entity: Entity, records: Iterable[dict], fmt: str, *, batch: int = BATCH
) -> Iterator[bytes]:
    return ENCODERS[fmt](entity, _batches(records, batch))


def _json(entity: Entity, batches) -> Iterator[bytes]:
    dumps = orjson.dumps
    prefix = b"["
    for rows in batches:
        # One dumps call per batch (its brackets cut off) rather than per row.
        yield prefix + dumps(rows)[1:-1]
        prefix = b","
    yield b"[]" if prefix == b"[" else b"]"


def _ndjson(entity: Entity, batches) -> Iterator[bytes]:
    dumps = orjson.dumps
    for rows in batches:
        yield b"".join(dumps(row) + b"\n" for row in rows)


def csv_columns(fields: Iterable[Field]) -> list[tuple[str, str, str | None]]:
    """(header, field, child field or None) per column."""
    columns = []
    for fld in fields:
        if fld.type == "object":
            columns += [
                (f"{fld.name}.{c.name}", fld.name, c.name) for c in fld.children
            ]
        else:
            columns.append((fld.name, fld.name, None))
    return columns


def _bool_cell(value) -> str:
    return "" if value is None else "true" if value else "false"


def _json_cell(value) -> str:
    return "" if value is None else orjson.dumps(value).decode()


# Only booleans and item lists need converting: the csv module writes None
# as an empty cell and numbers and strings as they are.
_CONVERTERS = {"boolean": _bool_cell, "array": _json_cell}


def _csv_cells(fields: tuple[Field, ...]):
    """A function from a record to its row of cells, chosen once per entity:
    a flat entity without booleans or lists is one C-level ``itemgetter``."""
    getters = []
    for fld in fields:
        if fld.type == "object":
            getters += [
                (fld.name, c.name, _CONVERTERS.get(c.type)) for c in fld.children
            ]
        else:
            getters.append((fld.name, None, _CONVERTERS.get(fld.type)))
    if all(child is None and convert is None for _, child, convert in getters):
        names = [name for name, _, _ in getters]
        return itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)

    def cells(row: dict) -> list:
        out = []
        for name, child, convert in getters:
            value = row[name] if child is None else row[name][child]
            out.append(value if convert is None else convert(value))
        return out

    return cells


def _csv(entity: Entity, batches) -> Iterator[bytes]:
    cells = _csv_cells(entity.fields)
    buffer = io.StringIO()
    # RFC 4180: CRLF line ends, quotes only where a value needs them.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for header, _, _ in csv_columns(entity.fields)])
    for rows in batches:
        writer.writerows(map(cells, rows))
        yield buffer.getvalue().encode()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():  # no rows: the header alone
        yield buffer.getvalue().encode()


def _text(value) -> str:
    if value.__class__ is str:
        return escape(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _xml_plan(fields: tuple[Field, ...], depth: int) -> tuple:
    """Per field: (name, kind, open tag, close tag, empty element, children's
    plan, indent), the tags built once per entity instead of once per value."""
    indent = "\t" * depth
    plan = []
    for fld in fields:
        kind = fld.type if fld.type in ("object", "array") else "value"
        inner = depth + (2 if kind == "array" else 1)
        children = _xml_plan(fld.children, inner) if fld.children else ()
        if kind == "value":
            opening, closing = f"{indent}<{fld.name}>", f"</{fld.name}>\n"
        else:
            opening, closing = f"{indent}<{fld.name}>\n", f"{indent}</{fld.name}>\n"
        plan.append(
            (
                fld.name,
                kind,
                opening,
                closing,
                f"{indent}<{fld.name}/>\n",
                children,
                indent,
            )
        )
    return tuple(plan)


def _xml_fields(out: list[str], plan: tuple, record: dict) -> None:
    append = out.append
    for name, kind, opening, closing, empty, children, indent in plan:
        value = record[name]
        if kind == "value":  # the common case first: one test, one string
            if value is None:
                append(empty)
            else:
                append(f"{opening}{_text(value)}{closing}")
        elif value is None or value == []:
            append(empty)
        elif kind == "object":
            append(opening)
            _xml_fields(out, children, value)
            append(closing)
        else:
            append(opening)
            for entry in value:
                append(f"{indent}\t<item>\n")
                _xml_fields(out, children, entry)
                append(f"{indent}\t</item>\n")
            append(closing)


def _xml(entity: Entity, batches) -> Iterator[bytes]:
    tag = entity.singular
    plan = _xml_plan(entity.fields, 2)
    yield f'<?xml version="1.0" ?>\n<{entity.plural}>\n'.encode()
    for rows in batches:
        out: list[str] = []
        for row in rows:
            out.append(f"\t<{tag}>\n")
            _xml_fields(out, plan, row)
            out.append(f"\t</{tag}>\n")
        yield "".join(out).encode()
    yield f"</{entity.plural}>\n".encode()


ENCODERS = {"json": _json, "ndjson": _ndjson, "csv": _csv, "xml": _xml}
