from pathlib import Path

import pytest

SPECS = Path(__file__).parent / "specs"


@pytest.fixture
def spec_bytes():
    def read(name: str) -> bytes:
        return (SPECS / name).read_bytes()

    return read
