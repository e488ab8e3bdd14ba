"""Everything ktimeline relies on of Textual beyond its documented API, in one place.

Each piece names the Textual behaviour it leans on; tests/tui/test_seam.py checks each one, so a
Textual release that moves it fails there, loudly, instead of somewhere in a screen.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Input


def bindings_of(node_class: type[DOMNode]) -> dict[str, list[Binding]]:
    """Every key a class answers to, its own bindings and those it inherits, as Textual merges
    them (``DOMNode._merge_bindings``: the help screen lists them)."""
    return {key: list(bindings)
            for key, bindings in node_class._merge_bindings().key_to_bindings.items()}


class FilteredPaste(Input):
    """An Input whose pasted text passes through ``paste_filter`` first.

    Textual calls the ``_on_paste`` of every class along the MRO in turn: this one changes the
    event's text, and ``Input._on_paste``, called next, inserts it (calling it here as well
    would paste twice).
    """

    paste_filter: Callable[[str], str] = staticmethod(lambda text: text)

    def _on_paste(self, event: events.Paste) -> None:
        event.text = self.paste_filter(event.text)


class FocusWithoutRestyle(Widget):
    """A widget for which gaining or losing focus only calls ``focus_changed``.

    Widget's own ``_on_focus``/``_on_blur`` apply the stylesheet again to the widget, its
    scrollbars and its component classes and repaint it whole. Here the default is prevented and
    what it did that still matters is done by hand: ``has_focus`` set, and the parent told (as
    DescendantFocus/DescendantBlur, which focus-within styling and containers listen for).
    """

    def focus_changed(self, focused: bool) -> None:
        """Repaint what looks different with focus (nothing, by default)."""

    def _on_focus(self, event: events.Focus) -> None:
        event.prevent_default()
        self.set_reactive(Widget.has_focus, True)
        self.focus_changed(True)
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def _on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self.set_reactive(Widget.has_focus, False)
        self.focus_changed(False)
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))
