"""Request parsing shared by every API family: JSON with a depth limit.

``RejectDeepJsonMiddleware`` (apps/core/middleware.py) refuses deep JSON
bodies before any view for every family; this parser does the same inside
DRF (``DEFAULT_PARSER_CLASSES``), so a view reached another way (a test
client, a parser chosen per view) cannot hit ``RecursionError`` either.
"""

from __future__ import annotations

import codecs
from functools import cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json as drf_json

from . import jsonparse


@cache
def json_max_depth() -> int:
    """``JSON_MAX_DEPTH``, read once (again when the setting changes)."""
    return int(getattr(settings, "JSON_MAX_DEPTH", jsonparse.DEFAULT_MAX_DEPTH))


def _forget(*, setting: str, **kwargs: Any) -> None:
    if setting == "JSON_MAX_DEPTH":
        json_max_depth.cache_clear()


setting_changed.connect(_forget, dispatch_uid="core-json-max-depth")


class DepthLimitedJSONParser(JSONParser):
    """DRF's JSON parser, refusing documents nested past ``JSON_MAX_DEPTH``
    with the same ParseError (400 in the family's shape) as malformed JSON."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read()
            constant = drf_json.strict_constant if self.strict else None
            return jsonparse.loads(
                text, max_depth=json_max_depth(), parse_constant=constant
            )
        except (ValueError, RecursionError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
