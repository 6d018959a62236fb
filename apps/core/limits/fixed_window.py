"""Fixed-window rate limits over django-ratelimit, with the wait a client needs.

``RATELIMIT_ENABLE`` switches every limit off (django-ratelimit honours it).
The counters live in the ``RATELIMIT_USE_CACHE`` cache, shared by all workers
when that cache is Redis.
"""

from django.http import HttpRequest
from django_ratelimit import ALL
from django_ratelimit.core import get_usage


def retry_after(
    request: HttpRequest,
    *,
    group: str,
    rate: str | None,
    key: str = "user_or_ip",
    method: str | list[str] | None = None,
) -> int | None:
    """Count this request; return seconds until the window resets when over the
    limit, else None.

    ``method`` limits counting to those HTTP methods (all when None).
    """
    if not rate:
        return None
    usage = get_usage(
        request,
        group=group,
        key=key,
        rate=rate,
        method=ALL if method is None else method,
        increment=True,
    )
    if usage is None or not usage["should_limit"]:
        return None
    # time_left is 0 at the window's last second and -1 when the cache failed.
    return max(1, int(usage["time_left"]))
