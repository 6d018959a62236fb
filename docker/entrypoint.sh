#!/usr/bin/env bash
# web | worker | beat | migrate | <any command>
set -euo pipefail

wait_for_database() {
  python - <<'PY'
import sys, time
import django
django.setup()
from django.db import connection
for attempt in range(60):
    try:
        connection.ensure_connection()
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001
        print(f"waiting for the database: {exc}", flush=True)
        time.sleep(1)
sys.exit("database not reachable")
PY
}

case "${1:-web}" in
  web)
    wait_for_database
    python manage.py migrate --noinput
    # Workers, timeouts, the uvicorn worker class and the HTTP request limits
    # live in config/gunicorn.conf.py (the live-server tests use it too).
    exec gunicorn config.asgi:application --config /app/config/gunicorn.conf.py
    ;;
  worker)
    wait_for_database
    exec celery -A config worker --loglevel "${CELERY_LOG_LEVEL:-info}" \
      --concurrency "${CELERY_CONCURRENCY:-2}"
    ;;
  beat)
    wait_for_database
    exec celery -A config beat --loglevel "${CELERY_LOG_LEVEL:-info}" \
      --schedule /tmp/celerybeat-schedule
    ;;
  migrate)
    wait_for_database
    exec python manage.py migrate --noinput
    ;;
  *)
    exec "$@"
    ;;
esac
