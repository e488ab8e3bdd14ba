"""Readable colours: the WCAG contrast ratio, and a theme colour nudged until it reads."""

from __future__ import annotations

from rich.color import Color as RichColor
from rich.style import Style
from textual.color import Color

# WCAG AA asks 4.5 of body text; 3 of large or bold text. Rows are short, bold-ish labels.
READABLE = 3.5


def luminance(color: Color) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def ratio(one: Color, other: Color) -> float:
    """The contrast ratio of two colours, 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(color: Color, background: Color, least: float = READABLE) -> Color:
    """``color`` (blended over ``background``), moved toward the background's contrasting text
    colour just far enough to reach ``least``: the theme's hue kept where it can be."""
    color = background + color
    target = background.get_contrast_text(1.0)
    step = 0.0
    shown = color
    while ratio(shown, background) < least and step < 1.0:
        step = min(step + 0.1, 1.0)
        shown = color.blend(target, step)
    return shown


def readable_style(style: Style, background: RichColor | None) -> Style:
    """``style`` with its colour made readable on ``background`` (unchanged without both, or
    for ANSI colours, which the terminal's own theme draws)."""
    if style.color is None or background is None or not style.color.triplet \
            or not background.triplet:
        return style
    shown = readable(Color.from_rich_color(style.color), Color.from_rich_color(background))
    return style + Style(color=shown.rich_color)
