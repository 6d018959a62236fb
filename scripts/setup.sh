#!/usr/bin/env bash
# Installs everything the project needs into .venv (idempotent, quick when done).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! command -v msgfmt >/dev/null 2>&1; then
  echo "==> installing gettext (msgfmt) for the translation catalogs"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq gettext >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq gettext >/dev/null; fi
fi

stamp=.venv/.installed-$(cat requirements/*.txt | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "==> creating .venv and installing requirements/dev.txt"
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -r requirements/dev.txt
  rm -f .venv/.installed-* && touch "$stamp"
fi

echo "==> compiling translation catalogs"
.venv/bin/python manage.py compilemessages -v0 --ignore=.venv
