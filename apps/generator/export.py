"""One consistent set of every entity: files on disk (``generate_data``) or
a streamed ZIP (``/generator/api/v1/bundle``). Django-free, like the core."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from .engine import ENTITIES, VERSION, rows
from .engine.formats import EXTENSIONS, encode


def file_name(entity: str, fmt: str) -> str:
    return f"{entity.replace('/', '_').replace('-', '_')}.{EXTENSIONS[fmt]}"


def entity_chunks(
    entity: str, *, seed: int, locale: str, fmt: str, offset: int, limit: int
) -> Iterator[bytes]:
    found = rows(entity, seed=seed, locale=locale, offset=offset, limit=limit)
    return encode(ENTITIES[entity], found, fmt)


def manifest(
    entities: Iterable[str],
    *,
    seed: int,
    locale: str,
    fmt: str,
    offset: int,
    limit: int,
) -> dict:
    """What the set is and how to get it again."""
    return {
        "generator_version": VERSION,
        "seed": seed,
        "locale": locale,
        "format": fmt,
        "offset": offset,
        "limit": limit,
        "files": {
            file_name(e, fmt): {
                "entity": e,
                "rows": max(0, min(limit, ENTITIES[e].size - offset)),
            }
            for e in entities
        },
    }


def write_files(entities: Iterable[str], out: Path, **query) -> list[Path]:
    """Each entity to ``out/<entity>.<ext>``, streamed (flat memory), plus
    ``manifest.json``."""
    entities = list(entities)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for entity in entities:
        path = out / file_name(entity, query["fmt"])
        with path.open("wb") as handle:
            for chunk in entity_chunks(entity, **query):
                handle.write(chunk)
        written.append(path)
    (out / "manifest.json").write_text(
        json.dumps(manifest(entities, **query), indent=2) + "\n"
    )
    return written


class _Pipe:
    """A write-only sink zipfile can stream into (no seek, no tell: it then
    writes data descriptors); ``take()`` hands over what was written."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def zip_chunks(entities: Iterable[str], **query) -> Iterator[bytes]:
    """A ZIP of every entity's file and the manifest, as chunks, never held
    whole."""
    entities = list(entities)
    pipe = _Pipe()
    with zipfile.ZipFile(
        pipe, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1
    ) as archive:
        for entity in entities:
            info = zipfile.ZipInfo(
                file_name(entity, query["fmt"]), date_time=(2026, 1, 1, 0, 0, 0)
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as member:
                for chunk in entity_chunks(entity, **query):
                    member.write(chunk)
                    if sum(map(len, pipe.parts)) >= 64_000:
                        yield pipe.take()
            yield pipe.take()
        info = zipfile.ZipInfo("manifest.json", date_time=(2026, 1, 1, 0, 0, 0))
        archive.writestr(info, json.dumps(manifest(entities, **query), indent=2) + "\n")
    yield pipe.take()
