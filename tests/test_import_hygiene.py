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


def _data_layer_modules() -> list[str]:
    import pkgutil

    import ktimeline.names
    import ktimeline.store

    return sorted(info.name for package in (ktimeline.store, ktimeline.names)
                  for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."))


def test_every_data_layer_module_stays_clear_of_the_ui() -> None:
    """Every module of store/ and names/ imported into one interpreter: if all of them together
    pull in no UI module, none of them does (each one's imports are a part of the whole)."""
    modules = _data_layer_modules()
    assert "ktimeline.store.queries" in modules and "ktimeline.names.writer" in modules
    forbidden = ("textual", "rich", "ktimeline.tui", "ktimeline.cli")
    code = (f"import importlib, sys\nfor m in {modules!r}: importlib.import_module(m)\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {forbidden[:2]!r} "
            f"or m.startswith({forbidden[2:]!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_names_never_import_the_store() -> None:
    modules = [m for m in _data_layer_modules() if m.startswith("ktimeline.names.")]
    code = (f"import importlib, sys\nfor m in {modules!r}: importlib.import_module(m)\n"
            "print(sorted(m for m in sys.modules if m.startswith('ktimeline.store')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
