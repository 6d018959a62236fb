#!/usr/bin/env bash
# Sets everything up and serves the product on http://127.0.0.1:8000 with the
# embedded defaults (SQLite, local-memory cache, eager Celery) unless the
# environment says otherwise (DATABASE_URL, REDIS_URL, …).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.dev}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py seed_mocks
# Amazon SP-API mock data; prints the LWA client id/secret and refresh tokens.
.venv/bin/python manage.py seed_amazon
# The bookstore's catalogue and, in development, its demo key secret123.
.venv/bin/python manage.py seed bookstore
.venv/bin/python manage.py bootstrap_dev
.venv/bin/python manage.py collectstatic --noinput -v0
echo "==> serving on http://$HOST:$PORT (ASGI, uvicorn)"
exec .venv/bin/uvicorn config.asgi:application --host "$HOST" --port "$PORT" \
  --reload --reload-dir apps --reload-dir config --reload-dir templates
