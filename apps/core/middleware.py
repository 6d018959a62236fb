"""Refuse what no API here accepts, at the edge: NUL characters, bodies
over Django's in-memory limit below an API family's prefix, and JSON bodies
nested deeper than ``JSON_MAX_DEPTH``.

Each refusal is answered here, in the family's own error shape
(``handlers.bad_request``), and logged as one warning line: an expected
refusal is not an error. (Raising a SuspiciousOperation instead would make
Django log it at ERROR level with a full traceback on every such request.)

NUL characters.

No API here has a use for U+0000, and PostgreSQL refuses it in text and jsonb
values, so a NUL that reached a query would surface as a 500 (or cost the
journal a batch). Requests carrying one — in the path, the query string, Basic credentials
or a form/JSON body — are refused as a 400 in the API's own error format
(``handler400``, apps/core/errors.py). Multipart uploads are checked by the code
that parses them (the OpenAPI importer), since reading them here would buffer
whole files.
"""

import base64
import binascii
import contextlib
import logging
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation

from . import families
from .errors.handlers import bad_request, render_for_path
from .errors.types import ErrorInfo, ErrorKind
from .jsonparse import text_depth_exceeds
from .parsers import json_max_depth

logger = logging.getLogger("apps.core.refused")

NUL_MARKERS = (b"\x00", b"%00", b"\\u0000")
CHECKED_BODY_TYPES = ("application/x-www-form-urlencoded", "application/json")


class NulCharacterRequest(SuspiciousOperation):
    pass


def refuse(request, exception: Exception, info: ErrorInfo | None = None):
    """The family's error response for an expected refusal, logged as one
    warning line (no traceback)."""
    logger.warning("Refused %s %s: %s", request.method, request.path, exception)
    if info is None:
        return bad_request(request, exception)
    return render_for_path(request, info)


def _body_or_refusal(request):
    """(body, None), or (None, the 413) when Django's in-memory limit trips."""
    try:
        return request.body, None
    except RequestDataTooBig as exc:
        return None, refuse(request, exc)


class RejectNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            has_nul = self._has_nul(request)
        except RequestDataTooBig as exc:
            return refuse(request, exc)
        if has_nul:
            return refuse(
                request,
                NulCharacterRequest(
                    "NUL characters (U+0000) are not allowed in the path, query "
                    "or body."
                ),
            )
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path:
            return True
        auth = request.META.get("HTTP_AUTHORIZATION", "")
        if auth[:6].lower() == "basic ":
            # Basic credentials reach the user table once decoded.
            with contextlib.suppress(ValueError, binascii.Error):
                if b"\x00" in base64.b64decode(auth[6:].strip(), validate=False):
                    return True
        query = request.META.get("QUERY_STRING", "").encode("latin-1", "replace")
        if b"\x00" in unquote_to_bytes(query):
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        # Larger bodies are streamed by their parsers (and checked there):
        # reading them here would trip Django's in-memory size limit.
        if content_type.startswith(CHECKED_BODY_TYPES) and (
            limit is None or length <= limit
        ):
            body = request.body
            return any(marker in body for marker in NUL_MARKERS)
        return False


class RejectOversizedBodiesMiddleware:
    """A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` sent to an API family is
    refused before anything reads it: 413 in the family's shape (through
    ``handler400``, which classifies RequestDataTooBig). Without this, DRF's
    JSON parser would read any size, and its form parser would crash on
    Django's limit. File uploads (multipart) have their own limits, and the
    mock engine has its own (``MOCK_MAX_BODY_BYTES``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and self._declared(request) > limit:
            family = families.for_path(request.path_info, pages=False)
            content_type = request.META.get("CONTENT_TYPE", "")
            if (
                family is not None
                and family.prefix
                and not content_type.startswith("multipart/")
            ):
                return refuse(
                    request,
                    RequestDataTooBig(
                        f"The request body is larger than the limit of {limit} bytes."
                    ),
                )
        return self.get_response(request)

    @staticmethod
    def _declared(request) -> int:
        try:
            return int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return 0


def is_json_content_type(content_type: str) -> bool:
    base = content_type.split(";", 1)[0].strip().lower()
    return base == "application/json" or (
        base.startswith("application/") and base.endswith("+json")
    )


class RejectDeepJsonMiddleware:
    """A JSON body nested deeper than ``JSON_MAX_DEPTH`` is refused before any
    view parses it: 400 in the family's shape. ``json.loads`` recurses per
    level, so 100,000 levels raised RecursionError (a 500) in every family's
    parser; the depth is measured without recursion (apps/core/jsonparse.py).
    Bodies over the in-memory limit never get here (the middleware above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_json_content_type(request.META.get("CONTENT_TYPE", "")):
            body, refusal = _body_or_refusal(request)
            if refusal is not None:
                return refusal
            limit = json_max_depth()
            if text_depth_exceeds(body, limit):
                message = f"JSON parse error - nested more than {limit} levels deep"
                return refuse(
                    request,
                    ValueError(message),
                    ErrorInfo(ErrorKind.PARSE, 400, message),
                )
        return self.get_response(request)
