"""Thin views: check the query (apps.generator.query), stream what the
Django-free core generates (apps.generator.engine)."""

from __future__ import annotations

import time

from django.http import StreamingHttpResponse
from rest_framework.negotiation import BaseContentNegotiation

from apps.core.api_views import FamilyAPIView
from apps.core.journal.config import journal_config
from apps.core.journal.middleware import JournalMiddleware

from ..engine import ENTITIES, VERSION, rows
from ..engine.formats import CONTENT_TYPES, encode
from ..export import zip_chunks
from ..query import Query, parse
from ..streaming import offloaded
from .schema import bundle_schema


class JsonErrors(BaseContentNegotiation):
    """``format`` is the generator's own parameter and its bodies are not DRF
    renderings: DRF must neither answer ``?format=csv`` with a 404 nor
    ``Accept: text/csv`` with a 406; its renderer only renders errors."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class _Recorded:
    """What the kit's journal reads of a response, with the body replaced by
    the prefix that was captured of the stream."""

    streaming = False

    def __init__(self, response, body: bytes) -> None:
        self.status_code = response.status_code
        self.content = body
        self._headers = dict(response.items())

    def items(self):
        return self._headers.items()

    def get(self, name: str, default: str = "") -> str:
        return self._headers.get(name, default)


def file_stem(entity: str, query: Query) -> str:
    return f"{entity.replace('/', '-')}_seed{query.seed}_{query.locale}"


def generated_headers(query: Query) -> dict[str, str]:
    return {
        "X-Generator-Seed": str(query.seed),
        "X-Generator-Version": VERSION,
        "X-Generator-Locale": query.locale,
        "Vary": "Accept",
    }


class GeneratorView(FamilyAPIView):
    """The base of the generator's views: FastAPI's error shapes, no auth
    (the original has none), and its own journal record, so that a streamed
    body is kept up to the journal's cap instead of not at all."""

    family = "generator"
    authentication_classes: list = []
    permission_classes: list = []
    content_negotiation_class = JsonErrors

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.journal_records_itself = True
        return view

    def initial(self, request, *args, **kwargs):
        self.started = time.perf_counter()
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        started = getattr(self, "started", time.perf_counter())
        django_request = request._request if hasattr(request, "_request") else request
        family = self.get_family()

        def record(body: bytes) -> None:
            # The kit's own recording path (redaction, caps, tags, episode).
            JournalMiddleware._record(
                django_request, _Recorded(response, body), family, started
            )

        if response.streaming:
            response.streaming_content = offloaded(
                self.chunks, on_close=record, keep=journal_config().body_cap + 1
            )
        else:
            if hasattr(response, "render"):  # a DRF Response: render it now, once
                response.render()
            record(response.content)
        return response

    def stream(self, chunks, query: Query, content_type: str, filename: str = ""):
        self.chunks = chunks
        response = StreamingHttpResponse(
            content_type=content_type, headers=generated_headers(query)
        )
        if filename:
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class EntityView(GeneratorView):
    entity = ""

    def get(self, request):
        query = parse(request.query_params, request.headers.get("Accept", ""))
        spec = ENTITIES[self.entity]
        found = rows(
            self.entity,
            seed=query.seed,
            locale=query.locale,
            offset=query.offset,
            limit=query.limit,
        )
        filename = (
            f"{file_stem(self.entity, query)}.csv" if query.format == "csv" else ""
        )
        response = self.stream(
            encode(spec, found, query.format),
            query,
            CONTENT_TYPES[query.format],
            filename,
        )
        response["X-Total-Count"] = str(spec.size)
        return response


class BundleView(GeneratorView):
    """Every entity for one (seed, locale, window) in one streamed ZIP."""

    operation = "get_bundle_api_v1_bundle_get"

    @bundle_schema()
    def get(self, request):
        query = parse(request.query_params)
        # CSV unless asked: the bundle is for loading databases and ETL.
        fmt = query.format if "format" in request.query_params else "csv"
        chunks = zip_chunks(
            ENTITIES,
            seed=query.seed,
            locale=query.locale,
            fmt=fmt,
            offset=query.offset,
            limit=query.limit,
        )
        filename = f"generator_seed{query.seed}_{query.locale}_{fmt}.zip"
        return self.stream(chunks, query, "application/zip", filename)
