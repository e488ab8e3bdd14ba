"""The key bar: the keys that work where the focus is, on one line, in the user's language.

Textual's Footer rebuilds a widget per key whenever the bindings change (every focus change):
~20 widgets mounted and laid out each time the user opens an event or a date bar. One line of
text, redrawn only when it changes, shows the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
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

    def line(self, lang: str, width: int | None = None) -> Text:
        """The bar's text: one entry per action, the command palette's key last. When the line
        is wider than ``width``, whole entries are left out, the app's first (help stays: it
        lists them all), never an entry cut in the middle."""
        seen: set[str] = set()
        entries: list[tuple[str, str, bool, bool]] = []  # key, label, enabled, may be left out
        active = self.screen.active_bindings
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                entries.append((self.app.get_key_display(binding),
                                text.ui(binding.description, lang), enabled,
                                binding.action != "help"))
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            entries.append((self.app.get_key_display(palette.binding),
                            text.ui("Commands", lang), palette.enabled, True))
        width = self.size.width if width is None else width
        while width and sum(_cells(e) for e in entries) > width:
            optional = [i for i, entry in enumerate(entries) if entry[3]]
            if not optional:
                break
            del entries[optional[-1]]  # the last: the app's keys come after the pane's
        out = Text(no_wrap=True, overflow="ellipsis")
        for key, label, enabled, _optional in entries:
            self._append(out, key, label, enabled)
        return out

    def on_resize(self) -> None:
        self.refresh_keys()

    @staticmethod
    def _append(out: Text, key: str, label: str, enabled: bool) -> None:
        style = "" if enabled else "dim"
        out.append(f" {key} ", style=f"bold reverse {style}".strip())
        out.append(f" {label} ", style=style)


def _cells(entry: tuple[str, str, bool, bool]) -> int:
    key, label = entry[0], entry[1]
    return cell_len(f" {key} ") + cell_len(f" {label} ")
