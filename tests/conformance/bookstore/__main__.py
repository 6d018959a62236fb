"""``python -m tests.conformance.bookstore BASE_URL [API_KEY] [pytest args]``."""

import os
import sys
from pathlib import Path

import pytest

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    os.environ["BOOKSTORE_BASE_URL"] = sys.argv[1]
    rest = sys.argv[2:]
    if rest and not rest[0].startswith("-"):
        os.environ["BOOKSTORE_API_KEY"] = rest.pop(0)
    sys.exit(pytest.main([str(Path(__file__).parent), "-p", "no:cacheprovider", *rest]))
