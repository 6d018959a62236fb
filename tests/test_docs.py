"""Code a doc page shows as copied from the source ("# file: <path>" as the
block's first line) is still in that file, word for word."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"```python\n# file: (\S+)\n(.*?)```", re.S)
PAGES = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]


def copied_blocks():
    for page in PAGES:
        for match in BLOCK.finditer(page.read_text(encoding="utf-8")):
            yield pytest.param(
                match[1], match[2], id=f"{page.name}:{match[1]}:{match.start()}"
            )


def test_the_guide_shows_copied_code():
    assert len(list(copied_blocks())) >= 6


@pytest.mark.parametrize(("path", "code"), list(copied_blocks()))
def test_a_copied_block_is_still_in_its_file(path, code):
    source = (ROOT / path).read_text(encoding="utf-8")

    assert code in source, f"{path} no longer contains:\n{code}"
