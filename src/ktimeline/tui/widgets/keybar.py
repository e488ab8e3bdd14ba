"""The key bar: the keys that work where the focus is, on one line, in the user's language.

Textual's Footer rebuilds a widget per key whenever the bindings change (every focus change):
~20 widgets mounted and laid out each time the user opens an event or a date bar. One line of
text, redrawn only when it changes, shows the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from ktimeline.tui import text

if TYPE_CHECKING:
    from textual.screen import Screen

class KeyBar(Static):
    """Shown keys of the focused widget, its ancestors and the app, as ``key label`` pairs."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.refresh_keys)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh_keys()

    def refresh_keys(self) -> None:
        if not self.is_attached:
            return
        lang = str(getattr(self.app, "lang", "en"))
        line = self.line(lang)
        if line.plain != str(self.render()):
            self.update(line, layout=False)

    def line(self, lang: str) -> Text:
        """The bar's text: one entry per action, the command palette's key last."""
        seen: set[str] = set()
        out = Text(no_wrap=True, overflow="ellipsis")
        active = self.screen.active_bindings
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                self._append(out, self.app.get_key_display(binding),
                             text.ui(binding.description, lang), enabled)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            self._append(out, self.app.get_key_display(palette.binding),
                         text.ui("Commands", lang), palette.enabled)
        return out

    @staticmethod
    def _append(out: Text, key: str, label: str, enabled: bool) -> None:
        style = "" if enabled else "dim"
        out.append(f" {key} ", style=f"bold reverse {style}".strip())
        out.append(f" {label} ", style=style)
