.PHONY: setup run test lint format
setup: ; scripts/setup.sh
run: ; scripts/run.sh
test: ; scripts/test.sh
lint: ; .venv/bin/ruff check . && .venv/bin/ruff format --check .
format: ; .venv/bin/ruff check --fix . && .venv/bin/ruff format .
