"""Which django modules a package loads, seen from a fresh interpreter (for
the tests that prove a package Django-free)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import importlib, pkgutil, sys
package = importlib.import_module({package!r})
for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    importlib.import_module(module.name)
{then}
print(" ".join(m for m in sys.modules if m == "django" or m.startswith("django.")))
"""


def django_modules_loaded_by(package: str, *, then: str = "") -> list[str]:
    """Import ``package`` and all its submodules, run ``then``; the django
    modules that got loaded (no settings, so nothing Django-side is set up)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(package=package, then=then)],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
        env={"PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    return sorted(result.stdout.split())
