"""Shared fixtures: small curated sets and stores built in a temporary directory."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from ktimeline.cli import main
from ktimeline.store.build import build

# Property tests run a small profile in CI and a large one on demand:
#   HYPOTHESIS_PROFILE=fuzz pytest -m fuzz   (10,000 cases per property)
settings.register_profile("ci", max_examples=150, deadline=None)
settings.register_profile("fuzz", max_examples=10_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "minimal"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _known_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with no terminal size in the environment (a runner or a parallel worker
    may set one): output is fitted to a width only where the test sets it."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


@pytest.fixture(autouse=True)
def _stores_closed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every store a test opens is closed when it ends, its threads' connections with it."""
    from ktimeline.store.queries import Store

    opened: list[Store] = []
    open_store = Store.open.__func__  # type: ignore[attr-defined]

    def recording_open(cls: type[Store], path: Path) -> Store:
        store: Store = open_store(cls, path)
        opened.append(store)
        return store

    monkeypatch.setattr(Store, "open", classmethod(recording_open))
    yield
    for store in opened:
        store.close()


@dataclass
class CuratedDir:
    """A copy of the minimal curated set that a test may break."""

    path: Path

    @property
    def file(self) -> Path:
        return self.path / "base.toml"

    def replace(self, old: str, new: str, count: int = 1) -> None:
        text = self.file.read_text(encoding="utf-8")
        assert old in text, f"fixture has no {old!r}"
        self.file.write_text(text.replace(old, new, count), encoding="utf-8")

    def append(self, text: str, name: str = "extra.toml") -> None:
        target = self.path / name
        existing = target.read_text(encoding="utf-8") if target.exists() else ""
        target.write_text(existing + "\n" + text, encoding="utf-8")


@pytest.fixture
def curated(tmp_path: Path) -> CuratedDir:
    target = tmp_path / "curated"
    shutil.copytree(FIXTURE_DIR, target)
    return CuratedDir(target)


@pytest.fixture
def store_path(tmp_path: Path, curated: CuratedDir) -> Path:
    path = tmp_path / "events.db"
    build(curated.path, path)
    return path


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run(*args: str) -> Result:
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
