"""RFC 9457 problem details (``application/problem+json``).

The management API and the mock engine speak this format for their own errors.
(The imitated APIs keep their originals' error shapes.)
"""

import json
from typing import Any

from django.http import HttpResponse

from .problem_details import PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, problem_body

__all__ = [
    "PROBLEM_CONTENT_TYPE",
    "PROBLEM_TYPE_BASE",
    "problem_body",
    "problem_response",
]


def problem_response(
    status: int, *, headers: dict[str, str] | None = None, **kwargs: Any
) -> HttpResponse:
    body = problem_body(status, **kwargs)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, default=str),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response
