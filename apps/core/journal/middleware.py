"""Record every call to the API families Django serves (a view marked
``journal_records_itself``, the mock engine's, records its own; portal and
admin pages are not recorded).

Outermost in MIDDLEWARE, so it sees the final response, including those of
requests refused before any view. Recording is an append to the writer's
buffer: no query, no I/O on the request path.
"""

from __future__ import annotations

import logging
import time
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed

from .. import families
from .recording import annotations_of, build_entry, principal_of, record

logger = logging.getLogger("apps.core.journal")
VIEW = "_journal_view"
BODY = "_journal_body"


@cache
def _body_limit() -> int:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return limit if limit is not None else 2_621_440


setting_changed.connect(
    lambda *, setting, **kw: (
        _body_limit.cache_clear() if setting == "DATA_UPLOAD_MAX_MEMORY_SIZE" else None
    )
)


def _request_body(request) -> tuple[bytes, bool]:
    """The body if it can be read without harm (whole, in memory, not a
    multipart upload), and whether it was."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return b"", False
    if length == 0:
        return b"", True
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("multipart/") or length > _body_limit():
        return b"", False
    try:
        return request.body, True
    except Exception:  # RequestDataTooBig, a client that went away…
        return b"", False


def operation_of(request, view_func) -> str:
    """A view's own name for the call: its annotation, a function view's
    ``journal_operation``, a class view's ``operation``, a ViewSet's
    ``<basename>_<action>``, or the URL name."""
    annotated = annotations_of(request).get("operation")
    if annotated:
        return str(annotated)
    if view_func is not None:
        own = getattr(view_func, "journal_operation", None)
        if own is not None:
            return own
        cls = getattr(view_func, "cls", None) or getattr(view_func, "view_class", None)
        operation = getattr(cls, "operation", "")
        if isinstance(operation, str) and operation:
            return operation
        actions = getattr(view_func, "actions", None)
        if actions:
            basename = (getattr(view_func, "initkwargs", None) or {}).get("basename")
            action = actions.get(request.method.lower(), "")
            if basename and action:
                return f"{basename}_{action}"
    match = getattr(request, "resolver_match", None)
    return (match.url_name or "") if match is not None else ""


class JournalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        family = families.for_path(request.path_info, pages=False)
        if family is None or not family.records(request.path_info):
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        view = request.__dict__.get(VIEW)
        if getattr(view, "journal_records_itself", False):
            return response
        try:
            self._record(request, response, family, started)
        except Exception:  # the journal never fails a response
            logger.exception("journal record failed")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.__dict__[VIEW] = view_func
        if not getattr(view_func, "journal_records_itself", False):
            # Read now (Django keeps it), so a view that streams the body
            # still leaves it for the journal. Refused before any view: none.
            request.__dict__[BODY] = _request_body(request)

    @staticmethod
    def _record(request, response, family, started) -> None:
        body, captured = request.__dict__.get(BODY, (b"", False))
        streamed = response.streaming
        annotations = annotations_of(request)
        headers = {k.lower(): v for k, v in request.headers.items()}
        request_id = (
            response.get(family.request_id_header, "")
            if family.request_id_header
            else ""
        )
        entry = build_entry(
            family=family.label,
            operation=operation_of(request, request.__dict__.get(VIEW)),
            principal=annotations.get("principal") or principal_of(request),
            tags=annotations.get("tags", ()),
            request_id=request_id,
            method=request.method or "",
            path=request.path,
            query=dict(request.GET.lists()),
            request_headers=headers,
            request_body=body,
            request_body_captured=captured,
            status=response.status_code,
            response_headers=dict(response.items()),
            response_body=b"" if streamed else response.content,
            response_body_captured=not streamed,
            latency_ms=(time.perf_counter() - started) * 1000,
            secret_fields=family.secret_field_names,
            redact_response=True,
        )
        record(entry)
