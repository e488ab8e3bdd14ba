"""Small stores built in tmp directories, built once per session (helpers.py holds the waits)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CURATED, HERE

from ktimeline.store.build import build


@pytest.fixture(scope="session")
def tiny_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The eight-event store of tests/tui/curated, built once per session."""
    target = tmp_path_factory.mktemp("tiny") / "events.db"
    build(CURATED, target, HERE)
    return target


@pytest.fixture(scope="session")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny store plus 1200 generated events over 1990–2009, to page through."""
    directory = tmp_path_factory.mktemp("big-curated")
    (directory / "tiny.toml").write_text((CURATED / "tiny.toml").read_text("utf-8"), "utf-8")
    lines = []
    for n in range(1200):
        year = 1990 + n // 60
        month = n % 12 + 1
        day = n % 28 + 1
        lines += [
            "[[event]]", f'id = "{year}-{month:02d}-{day:02d}-gen-{n:04d}"', 'kind = "talks"',
            f'date = "{year}-{month:02d}-{day:02d}"',
            f'title_en = "Generated talks number {n:04d}"',
            f'title_ja = "生成された会談 {n:04d}"', 'summary_en = "Generated."',
            'summary_ja = "生成。"', 'sources = ["src-b"]', "",
        ]
    (directory / "generated.toml").write_text("\n".join(lines), "utf-8")
    target = tmp_path_factory.mktemp("big") / "events.db"
    build(directory, target, directory)
    return target


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    yield
