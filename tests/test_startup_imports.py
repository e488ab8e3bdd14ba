"""Start-up imports only what the first screen needs (the rest is imported on first use)."""

from __future__ import annotations

import subprocess
import sys


def test_app_import_leaves_heavy_modules_for_later() -> None:
    heavy = ["ktimeline.names.lookup", "sqlite_utils", "ktimeline.store.validate",
             "ktimeline.tui.screens.search", "ktimeline.tui.screens.person",
             "argparse", "ktimeline.cli.parser"]
    code = ("import sys, ktimeline.cli, ktimeline.tui.app; "
            f"print([m for m in {heavy!r} if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_the_explorers_arguments_are_read_without_argparse() -> None:
    """Plain ``ktimeline``, ``--db PATH`` and ``--db=PATH`` open the explorer; anything else
    (a subcommand, an option, a value that looks like one) goes to the whole grammar, which
    answers or refuses it."""
    from ktimeline.cli import explorer_store

    assert explorer_store([]) == (True, None)
    assert explorer_store(["--db", "x.db"]) == (True, "x.db")
    assert explorer_store(["--db=x.db"]) == (True, "x.db")
    for other in (["--db"], ["--db", "-x"], ["--db", "x.db", "events"], ["events"],
                  ["--version"], ["--d", "x.db"]):
        assert explorer_store(other) == (False, None), other
