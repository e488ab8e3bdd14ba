"""Named styles for marks drawn inside panes (a possible post, a disputed title, the sides, rank
changes): each a theme variable's colour made readable on the theme's backgrounds, installed as
a Rich theme on the consoles that render the panes, so every theme in the palette reads."""

from __future__ import annotations

import weakref
from collections.abc import Mapping

from rich.console import Console
from rich.theme import Theme
from textual.color import Color, ColorParseError

from ktimeline.tui.contrast import readable

# style name: (theme variable, attributes)
STYLES: dict[str, tuple[str, str]] = {
    "kt.possible": ("warning", "italic"),
    "kt.disputed": ("error", "italic"),
    "kt.side.KP": ("error", "bold"),
    "kt.side.RU": ("primary", "bold"),
    "kt.side.SU": ("accent", "bold"),
    "kt.side.other": ("secondary", "bold"),
    "kt.promotion": ("success", ""),
    "kt.demotion": ("error", ""),
    "kt.restoration": ("accent", ""),
}
BACKGROUNDS = ("background", "surface", "panel")


def _parse(value: str | None) -> Color | None:
    try:
        return Color.parse(value) if value else None
    except ColorParseError:
        return None


def theme_for(variables: Mapping[str, str]) -> Theme:
    """The named styles for a theme's CSS variables."""
    backgrounds = [c for c in (_parse(variables.get(n)) for n in BACKGROUNDS) if c is not None]
    backgrounds = backgrounds or [Color(0, 0, 0)]
    styles = {}
    for name, (variable, attributes) in STYLES.items():
        color = _parse(variables.get(variable)) or backgrounds[0].get_contrast_text()
        for background in backgrounds:
            color = readable(color, background)
        styles[name] = f"{attributes} {color.hex6}".strip()
    return Theme(styles)


# The consoles given a theme here (weakly: an id would be reused by a later console once the
# first is collected, and popping a theme that console never had fails).
_INSTALLED: weakref.WeakSet[Console] = weakref.WeakSet()


def install(consoles: list[Console], variables: Mapping[str, str]) -> None:
    """Give each console the named styles for these variables (worked out once), replacing any
    given before."""
    theme = theme_for(variables)
    for console in consoles:
        if console in _INSTALLED:
            console.pop_theme()
        console.push_theme(theme)
        _INSTALLED.add(console)
