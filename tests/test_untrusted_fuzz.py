"""Issue #18, property tests: random text full of controls, bidi overrides and markup, put in
every text column of a store and given as arguments, reaches the terminal only as visible text,
from every CLI command and every screen of the explorer, and never as a traceback."""

from __future__ import annotations

import asyncio
import io
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ktimeline.cli import main
from ktimeline.store.build import build
from tests.conftest import FIXTURE_DIR
from tests.hostile import poison, raw_controls, unsafe_segments

pytestmark = pytest.mark.fuzz

PIECES = ["\x1b", "\x1b]52;c;", "\x1b[2J", "\x07", "\x1b\\", "\x9b", "\x9d", "\x9c", "\x7f",
          "\x00", "\r", "\n", "\t", "\u202e", "\u2066", "\u200f", "\u061c", "\u2028", "[/]",
          "[@click=app.quit]", "[b]", "]", "[", "\\", "%", "'", '"', "李", "Ри", " "]
HOSTILE = st.lists(st.sampled_from(PIECES) | st.characters(exclude_categories=["Cs"]),
                   min_size=1, max_size=12).map("".join)
CLI_COMMANDS = [["events"], ["event", "2019-04-25-summit"], ["timeline"], [],
                ["search", "Test"], ["person", "ri-yong-gil", "--profile"],
                ["asof", "ri-yong-gil", "2019-04-25"], ["person", "putin"]]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("fuzz-untrusted")
    build(FIXTURE_DIR, directory / "events.db")
    return directory / "events.db"


def hostile_copy(pristine: Path, payload: str, name: str) -> Path:
    target = pristine.with_name(name)
    shutil.copyfile(pristine, target)
    poison(target, payload)
    return target


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 0
    return code, out.getvalue(), err.getvalue()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=HOSTILE, argument=HOSTILE, command=st.sampled_from(CLI_COMMANDS),
       as_json=st.booleans())
def test_no_cli_command_prints_a_raw_control(pristine: Path, payload: str, argument: str,
                                             command: list[str], as_json: bool) -> None:
    store = hostile_copy(pristine, payload, "cli.db")
    for argv in (command + (["--json"] if as_json and command[:1] not in ([], ["timeline"])
                            else []),
                 ["search", argument], ["event", argument], ["person", argument]):
        code, out, err = run(["--db", str(store), *argv])
        assert code in (0, 2), (argv, err)
        assert "Traceback" not in out + err
        assert raw_controls(out) == [] and raw_controls(err) == [], argv


def tui_examples() -> int:
    """An app run per example: a twentieth of the profile's examples (7 in CI, 500 in a fuzz
    run)."""
    return max(settings.default.max_examples // 20, 5)


@settings(max_examples=tui_examples(), suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(payload=HOSTILE, query=HOSTILE)
def test_no_screen_paints_a_raw_control(pristine: Path, payload: str, query: str) -> None:
    store = hostile_copy(pristine, payload, "tui.db")
    asyncio.run(_explore(store, query))


async def _explore(store: Path, query: str) -> None:
    from textual.widgets import Input

    from ktimeline.tui.app import make_app
    from tests.tui.helpers import settle

    app = make_app(store, lang="en")

    def check(where: str) -> None:
        segments = [s for strip in app.screen._compositor.render_strips() for s in strip]
        assert unsafe_segments(segments) == [], where

    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        for key in ("j", "j", "enter", "enter"):
            await pilot.press(key)
            await settle(pilot)
            check(key)
        await pilot.press("escape", "slash")
        await settle(pilot)
        app.screen.query_one("#search-input", Input).value = query
        await settle(pilot)
        check("search")
        await pilot.press("escape", "ctrl+g")
        await settle(pilot)
        app.main.goto_bar.input.value = query
        await pilot.press("enter")
        await settle(pilot)
        check("go to")
        app.notify(query)
        await pilot.press("escape", "ctrl+p", *[c for c in query[:6] if c.isalnum()])
        await pilot.pause(0.3)
        await settle(pilot)
        check("palette")
        assert app.return_code is None


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=HOSTILE, key=HOSTILE)
def test_check_quotes_any_curated_text_and_key(tmp_path_factory: pytest.TempPathFactory,
                                               value: str, key: str) -> None:
    directory = tmp_path_factory.mktemp("curated")
    shutil.copytree(FIXTURE_DIR, directory, dirs_exist_ok=True)
    quoted = value.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    quoted_key = key.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    (directory / "extra.toml").write_text(
        f'[[place]]\nid = "x"\nname_en = "{quoted}"\n"{quoted_key}" = 1\n', "utf-8")
    code, out, err = run(["check", "--source", str(directory)])
    assert code in (0, 1) and "Traceback" not in out + err
    assert raw_controls(out) == [] and raw_controls(err) == []
