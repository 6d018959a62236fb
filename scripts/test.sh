#!/usr/bin/env bash
# Sets everything up and runs the whole test suite. Extra arguments go to pytest.
# DATABASE_URL / REDIS_URL select PostgreSQL and Redis; unset, the suite runs on
# SQLite and skips the tests that need those services (REQUIRE_SERVICES=1 turns
# those skips into failures).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ ! -x /usr/bin/chromium ]; then
  echo "==> installing chromium for the browser tests (tests/browser)"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi

export DJANGO_SETTINGS_MODULE=config.settings.test
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python manage.py makemigrations --check --dry-run -v0
# Two workers: the machine has two cores; PYTEST_WORKERS=0 runs in one process.
exec .venv/bin/python -m pytest -p no:cacheprovider -n "${PYTEST_WORKERS:-2}" "$@"
