"""Every theme in the palette draws readable rows: colours come from the theme's variables."""

from __future__ import annotations

from pathlib import Path

from helpers import settle
from textual.color import Color
from textual.strip import Strip

from ktimeline.tui.app import make_app
from ktimeline.tui.contrast import ratio as contrast
from ktimeline.tui.widgets.timeline import Timeline

LEAST_CONTRAST = 3.0  # WCAG's floor for large or bold text


def worst(strips: list[Strip]) -> tuple[float, str]:
    """The lowest contrast of any visible text on these lines, and that text."""
    found = (99.0, "")
    for strip in strips:
        for segment in strip:
            style = segment.style
            if not segment.text.strip() or style is None or style.color is None \
                    or style.bgcolor is None or not style.color.triplet \
                    or not style.bgcolor.triplet:
                continue  # an ANSI colour: the terminal's own theme decides
            if segment.text.strip() == "▌":
                continue  # the cursor's bar: a shape in the theme's cursor colours, not text
            ratio = contrast(Color.from_rich_color(style.color),
                             Color.from_rich_color(style.bgcolor))
            if ratio < found[0]:
                found = (ratio, segment.text.strip())
    return found


async def test_every_theme_draws_readable_rows(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"treaty", "escape")  # matches marked too
        await pilot.press("j", "j", "tab")  # the summit; its people, the cursor on the first
        await settle(pilot)
        failures = []
        for theme in sorted(app.available_themes):
            app.theme = theme
            await settle(pilot)
            timeline = app.main.query_one(Timeline)
            lines = [timeline.render_line(y) for y in range(12)]
            detail = app.main.detail
            lines += [detail.render_line(y) for y in range(detail.size.height)]
            ratio, shown = worst(lines)
            if ratio < LEAST_CONTRAST:
                failures.append(f"{theme}: {shown!r} at {ratio:.1f}")
        assert not failures, failures


async def test_marks_inside_panes_read_in_every_theme(tiny_db: Path) -> None:
    """'possibly', disputed titles, side labels and rank changes take the theme's colours,
    made readable on each of its backgrounds."""
    from rich.style import Style

    from ktimeline.tui.palette import BACKGROUNDS, STYLES, theme_for

    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        failures = []
        for theme in sorted(app.available_themes):
            app.theme = theme
            await settle(pilot)
            variables = app.get_css_variables()
            styles = theme_for(variables).styles
            assert app.console.get_style("kt.possible") == styles["kt.possible"]
            for name in STYLES:
                color = styles[name].color
                assert isinstance(styles[name], Style) and color is not None
                for background in BACKGROUNDS:
                    if variables.get(background):
                        ratio = contrast(Color.from_rich_color(color),
                                         Color.parse(variables[background]))
                        if ratio < LEAST_CONTRAST:
                            failures.append(f"{theme}: {name} on {background} {ratio:.1f}")
        assert not failures, failures
