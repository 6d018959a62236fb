"""The body of an RFC 9457 problem (``application/problem+json``).

Django-free, so the mock engine can build its errors without Django;
``apps.core.problems`` wraps it in an HttpResponse.
"""

from http import HTTPStatus
from typing import Any

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://mockapi.dev/problems/"


def problem_body(
    status: int,
    *,
    title: str | None = None,
    detail: str | None = None,
    type_: str | None = None,
    instance: str | None = None,
    **extensions: Any,
) -> dict[str, Any]:
    """A problem object; ``type_`` is a slug under PROBLEM_TYPE_BASE or a URI."""
    try:
        default_title = HTTPStatus(status).phrase
    except ValueError:
        default_title = "Error"
    if type_ is None:
        problem_type = "about:blank"
    elif ":" in type_:
        problem_type = type_
    else:
        problem_type = PROBLEM_TYPE_BASE + type_
    body: dict[str, Any] = {
        "type": problem_type,
        "title": title or default_title,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    body.update(extensions)
    return body
