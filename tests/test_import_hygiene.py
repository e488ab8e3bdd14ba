"""The data layer and the CLI's data commands never import the UI."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["ktimeline", "ktimeline.store.queries",
                                    "ktimeline.store.build", "ktimeline.names.lookup",
                                    "ktimeline.cli"])
def test_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
