"""Text boxes that repaint as the user types, without laying the screen out again."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive

from ktimeline.safetext import visible
from ktimeline.tui.seam import FilteredPaste


class FixedInput(FilteredPaste):
    """An Input in a box whose size never depends on its text.

    Input sets its virtual size on every change, and Widget's virtual_size asks for a layout
    pass of the whole screen (several ms a keystroke, with a dimmed screen behind a modal);
    here only the box's scroll range changes, so a repaint is enough.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), repaint=True)

    def validate_value(self, value: str) -> str:
        """Whatever sets the text (a kept query, a name from the store): shown, never obeyed."""
        return visible(value)

    @staticmethod
    def paste_filter(pasted: str) -> str:
        # Pasted text is the user's data: its first line, with control characters and bidi
        # overrides shown escaped, never sent on to the terminal.
        lines = pasted.splitlines()
        return visible(lines[0]) if lines else pasted
