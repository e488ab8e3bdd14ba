"""What a user sees, read from the running app."""

from __future__ import annotations

from ktimeline.tui.app import KTimelineApp
from ktimeline.tui.screens.person import PersonScreen
from ktimeline.tui.widgets.timeline import Timeline


def highlighted(app: KTimelineApp) -> str | None:
    row = app.main.query_one(Timeline).highlighted
    return None if row is None else str(row["id"])


def status(app: KTimelineApp) -> str:
    return str(app.main.query_one("#status").render())


def timeline_lines(app: KTimelineApp) -> list[str]:
    timeline = app.main.query_one(Timeline)
    height = timeline.scrollable_content_region.height
    return [timeline.render_line(y).text for y in range(height)]


def detail(app: KTimelineApp) -> str:
    return app.main.detail.plain


def person_text(app: KTimelineApp) -> str:
    screen = app.screen
    assert isinstance(screen, PersonScreen)
    return screen.plain


def screen_lines(app: KTimelineApp) -> list[str]:
    """Every line of the screen as painted (the compositor's own output)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]
