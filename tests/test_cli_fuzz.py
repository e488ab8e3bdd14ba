"""Property tests: whatever arguments arrive, the CLI answers or refuses in one line."""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ktimeline.cli import main
from ktimeline.store.build import build
from tests.conftest import FIXTURE_DIR

pytestmark = pytest.mark.fuzz

WORDS = ["events", "event", "person", "asof", "search", "timeline", "--json", "--from", "--to",
         "--kind", "--person", "--profile", "ri-yong-gil", "2019", "2019-04-25", "2022-02-30",
         "Ri Yong Gil", "プーチン", "summit", "--db", "-h", "--version"]
HOSTILE = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30) | st.sampled_from(
    ['"', "*", "AND", "NEAR(", "'; drop table events; --", "\x00", "\u202e", "e\u0301", "🇰🇵",
     "ＡＢＣ", "x" * 10_000])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(FIXTURE_DIR, directory / "curated")
    build(directory / "curated", directory / "events.db")
    return directory / "events.db"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 0
    return code, out.getvalue(), err.getvalue()


@given(st.lists(st.sampled_from(WORDS) | HOSTILE, max_size=6))
def test_any_arguments_end_in_an_answer_or_one_line(store: Path, argv: list[str]) -> None:
    if "--db" in argv:
        argv = [a for a in argv if a != "--db"]
    code, out, err = run(["--db", str(store), *argv])
    assert code in (0, 1, 2)
    assert "Traceback" not in err and "Traceback" not in out
    if code == 2:
        assert len(err.strip().splitlines()) == 1, err
    if code == 0 and "--json" in argv and out.strip().startswith(("{", "[")):
        json.loads(out)


@given(HOSTILE)
def test_any_text_searches_cleanly(store: Path, text: str) -> None:
    code, out, err = run(["--db", str(store), "search", "--json", "--", text])
    assert code == 0, err
    payload = json.loads(out)
    assert payload["query"] is not None and isinstance(payload["events"], list)
