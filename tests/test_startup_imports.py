"""Start-up imports only what the first screen needs (the rest is imported on first use)."""

from __future__ import annotations

import subprocess
import sys


def test_app_import_leaves_heavy_modules_for_later() -> None:
    heavy = ["ktimeline.names.lookup", "sqlite_utils", "ktimeline.store.validate",
             "ktimeline.tui.screens.search", "ktimeline.tui.screens.person"]
    code = ("import sys, ktimeline.cli, ktimeline.tui.app; "
            f"print([m for m in {heavy!r} if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
