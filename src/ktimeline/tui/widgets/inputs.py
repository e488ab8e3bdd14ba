"""Text boxes that repaint as the user types, without laying the screen out again."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class FixedInput(Input):
    """An Input in a box whose size never depends on its text.

    Input sets its virtual size on every change, and Widget's virtual_size asks for a layout
    pass of the whole screen (several ms a keystroke, with a dimmed screen behind a modal);
    here only the box's scroll range changes, so a repaint is enough.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), repaint=True)
