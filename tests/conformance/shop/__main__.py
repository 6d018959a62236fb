"""``python -m tests.conformance.shop BASE_URL [pytest args]``.

The admin account is ``SHOP_ADMIN_EMAIL`` / ``SHOP_ADMIN_PASSWORD`` (default:
the dev seed's demo admin); ``SHOP_JWT_SIGNING_KEY``, when given, lets the
suite mint an expired token (otherwise that one test is skipped)."""

import os
import sys
from pathlib import Path

import pytest

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    os.environ["SHOP_BASE_URL"] = sys.argv[1]
    rest = sys.argv[2:]
    sys.exit(pytest.main([str(Path(__file__).parent), "-p", "no:cacheprovider", *rest]))
