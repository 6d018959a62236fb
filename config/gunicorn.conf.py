"""gunicorn's settings for the web container (docker/entrypoint.sh) and the
live-server tests (tests/e2e/server.py), so both run the same server.

Command-line flags override these (the tests pass their own bind and workers).
"""

import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# uvicorn workers that honour the request limits below (config/server.py).
worker_class = "config.server.UvicornWorker"
workers = _int("WEB_CONCURRENCY", 2)
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = 30
# Request line, header count and header size limits (gunicorn's names and
# defaults, but for the line). Refused with 414 / 431 before Django runs.
limit_request_line = _int("HTTP_LIMIT_REQUEST_LINE", 8190)
limit_request_fields = _int("HTTP_LIMIT_REQUEST_FIELDS", 100)
limit_request_field_size = _int("HTTP_LIMIT_REQUEST_FIELD_SIZE", 8190)
# "-" is stdout; empty switches the access log off (the live tests).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
