"""The yardstick for ktimeline's first frame: a Textual app whose compose yields one Static.

bench/run.py starts it on the same pseudo-terminal, in the same run, and times it to its marker.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "trivial-app-first-frame"


class Trivial(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(MARKER)


if __name__ == "__main__":
    Trivial().run()
