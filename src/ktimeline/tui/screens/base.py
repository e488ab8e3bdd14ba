"""What every screen of the explorer shares: typed access to the app that owns the store."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from ktimeline.tui.app import KTimelineApp


class UsesKTimelineApp:
    """Mixed into a Screen: ``self.kt`` is the running KTimelineApp (store, names, language)."""

    @property
    def kt(self) -> KTimelineApp:
        from ktimeline.tui.app import KTimelineApp  # app.py imports the screens

        app = cast(DOMNode, self).app
        assert isinstance(app, KTimelineApp)
        return app


def view_css(header: str, body: str) -> str:
    """The rules of a full-screen view (the line-up, a post's holders): a header on the panel
    colour over a list on the surface with no scrollbar, both hidden when the terminal is too
    small (the notice shows instead)."""
    return f"""
#{header} {{
    height: auto;
    padding: 0 1;
    background: $panel;
}}

#{body} {{
    height: 1fr;
    border: none;
    padding: 0 1;
    background: $surface;
    scrollbar-size-vertical: 0;
}}

.-tiny #{header}, .-short #{header}, .-tiny #{body}, .-short #{body} {{
    display: none;
}}
"""


def dialog_css(screen: str, box: str, width: int, *, height: str = "auto", top: int = 2,
               title: bool = True) -> str:
    """The rules every dialog shares (export, filter, help, the post chooser): the screen
    beneath dimmed, a rounded box at the top centre, and its title (``#{box}``'s id with
    ``-title`` for ``-box``) in bold over a blank line."""
    rules = f"""
{screen} {{
    align: center top;
    background: $background 60%;
}}

#{box} {{
    width: {width};
    max-width: 95%;
    height: {height};
    margin-top: {top};
    border: round $accent;
    background: $surface;
    padding: 0 1;
}}
"""
    if title:
        rules += f"""
#{box.removesuffix("-box")}-title {{
    text-style: bold;
    padding-bottom: 1;
}}
"""
    return rules
