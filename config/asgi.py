"""ASGI entry point (primary): gunicorn -k uvicorn_worker.UvicornWorker config.asgi.

Mock traffic (``/{group}/…`` whose first segment is not a reserved prefix) is
served by the engine's ASGI fast path, which skips Django's request handler and
its sync-only middleware: that is what makes the mock engine fast (about 20×
on the benchmark) and what lets chaos faults close or reset the connection.
Everything else (portal, admin, APIs, static) goes through Django as usual.
The lifespan wrapper writes the journal's buffer on a graceful shutdown.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

django_application = get_asgi_application()

from apps.core.journal.lifespan import with_lifespan  # noqa: E402
from apps.mocks.edge.asgi import mock_asgi  # noqa: E402  (needs apps loaded)

application = with_lifespan(mock_asgi(django_application))
