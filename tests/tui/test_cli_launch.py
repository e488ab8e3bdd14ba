"""Plain ``ktimeline``: the app on a terminal, the printed timeline when piped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ktimeline import cli


def test_piped_prints_the_timeline(tiny_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", str(tiny_db)]) == 0
    out = capsys.readouterr().out
    assert "First Kim Jong Un–Putin summit, Vladivostok" in out


def test_terminal_launches_the_app(tiny_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    launched: list[Path] = []
    monkeypatch.setattr(cli, "interactive", lambda: True)
    monkeypatch.setattr(cli, "run_app", lambda path: launched.append(path) or 0)
    monkeypatch.setenv("KTIMELINE_DB", str(tiny_db))
    assert cli.main([]) == 0
    assert launched == [tiny_db]


@pytest.mark.parametrize("content", [b"", b"not a database at all"])
def test_broken_store_is_one_line_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str],
                                         content: bytes) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(content)
    monkeypatch.setattr(cli, "interactive", lambda: True)
    assert cli.main(["--db", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("ktimeline: ") and str(broken) in err


def test_cli_does_not_import_textual() -> None:
    code = "import sys, ktimeline.cli; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_default_language_follows_locale() -> None:
    from ktimeline.tui.text import default_lang

    assert default_lang({"LANG": "ja_JP.UTF-8"}) == "ja"
    assert default_lang({"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}) == "ja"
    assert default_lang({"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}) == "en"
    assert default_lang({}) == "en"


def test_fit_and_short_date_use_cells() -> None:
    from rich.cells import cell_len

    from ktimeline.tui.text import fit, short_date

    for sample in ("金正恩・プーチン初の首脳会談", "abc", "ウラジオストク"):
        for cells in (1, 5, 8, 13):
            assert cell_len(fit(sample, cells)) == cells
    assert short_date("2024-06-19..2024-06-20") == "2024-06-19..20"
    assert short_date("2022-04..2022-04-24") == "2022-04..04-24"
    assert short_date("2019-04-25") == "2019-04-25"


def test_a_crash_of_the_explorer_is_not_a_success(tiny_db: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import ktimeline.tui.app as app_module

    class Crashing:
        store = app_module.Store.open(tiny_db)
        return_code = 1  # as Textual sets it after showing the traceback

        def run(self) -> None:
            pass

    monkeypatch.setattr(app_module, "make_app", lambda path: Crashing())
    assert cli.run_app(tiny_db) == 1
