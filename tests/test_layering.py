"""The kit's layering, checked on the source: apps/core imports no domain
app, domain apps don't import each other, and nothing in apps/ imports the
project's config package (settings reach code through django.conf)."""

import ast
from pathlib import Path

import pytest

APPS = Path(__file__).resolve().parents[1] / "apps"
# Apps every other may use: the kit and the user model.
PLATFORM = {"core", "accounts"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def sources(root: Path = APPS):
    for path in sorted(root.rglob("*.py")):
        app = path.relative_to(root).parts[0]
        if app.endswith(".py") or "migrations" in path.parts:
            continue
        yield app, path


def violations(rule, root: Path = APPS) -> list[str]:
    out = []
    for app, path in sources(root):
        for module in imported_modules(path):
            problem = rule(app, module)
            if problem:
                out.append(f"{path.relative_to(root.parent)}: {problem}")
    return out


def core_imports_a_domain_app(app: str, module: str) -> str | None:
    parts = module.split(".")
    if app == "core" and parts[0] == "apps" and len(parts) > 1 and parts[1] != "core":
        return f"imports {module}"
    return None


def domain_imports_another(app: str, module: str) -> str | None:
    parts = module.split(".")
    if app in PLATFORM or parts[0] != "apps" or len(parts) < 2:
        return None
    return f"imports {module}" if parts[1] not in PLATFORM | {app} else None


def imports_config(app: str, module: str) -> str | None:
    return f"imports {module}" if module.split(".")[0] == "config" else None


RULES = [core_imports_a_domain_app, domain_imports_another, imports_config]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_the_project_keeps_the_rule(rule):
    assert violations(rule) == []


@pytest.mark.parametrize(
    ("app", "source", "rule"),
    [
        ("core", "from apps.amazon import models", core_imports_a_domain_app),
        ("amazon", "import apps.mocks.models", domain_imports_another),
        ("mocks", "from config.celery import app", imports_config),
    ],
)
def test_each_rule_catches_a_breach(tmp_path, app, source, rule):
    (tmp_path / "apps" / app).mkdir(parents=True)
    (tmp_path / "apps" / app / "bad.py").write_text(source + "\n")

    assert violations(rule, tmp_path / "apps") == [
        f"apps/{app}/bad.py: imports {source.split()[1]}"
    ]
