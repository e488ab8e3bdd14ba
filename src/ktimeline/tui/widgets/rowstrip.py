"""One timeline row as a line of the screen, from the styles the stylesheet gives (a pure function:
the page worker draws the rows it reads ahead, the UI thread the cursor row)."""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from ktimeline.tui import text

Row = dict[str, Any]


class RowLook(NamedTuple):
    """What a row's line depends on besides the row: width, language and the styles of its parts
    (read on the UI thread, where the stylesheet lives)."""

    width: int
    lang: str
    base: Style
    date: Style
    kind: Style
    place: Style
    match: Style  # the matched title's (its colours over the row's)
    mark: Style  # the gutter's match mark (with its own background)
    kinds: tuple[tuple[str, Style], ...] = ()  # each kind's colour, from the theme

    def kind_style(self, kind: str) -> Style:
        return next((style for name, style in self.kinds if name == kind), Style())

    def key(self, row: Row, cursor: bool, focused: bool) -> tuple[Any, ...]:
        """The line's key in a cache of drawn lines: two rows, or one row at two looks, that
        draw the same line have the same key."""
        return (row["id"], self.width, cursor, cursor and focused, self.lang,
                bool(row.get("matched")), self)


def row_strip(row: Row, look: RowLook, cursor: Style | None = None) -> Strip:
    """The row's line: gutter (cursor or match mark), date, kind, title and, when wide, place."""
    width = look.width
    base = look.base
    match = bool(row.get("matched"))

    def styled(part: Style) -> Style:
        # On the cursor line its colours win: a part's colour, chosen to be read on the
        # pane's background, may vanish on the cursor's.
        return base + part if cursor is None else base + part + cursor

    kind_cells = 10
    date_cells = text.DATE_CELLS + 3 if width >= 110 else text.DATE_CELLS
    date = text.short_date(row["date"], date_cells, look.lang)
    place_cells = min(16, max(width // 6, 8)) if width >= 60 else 0
    title_cells = width - 2 - date_cells - 1 - kind_cells - 1 - (
        place_cells + 1 if place_cells else 0)
    gutter = "▌" if cursor is not None else ("*" if match else " ")
    segments = [
        Segment(gutter + " ", styled(look.mark if match else Style())),
        Segment(text.fit(date, date_cells) + " ", styled(look.date)),
        Segment(text.fit(text.label(text.KIND_LABELS, row["kind"], look.lang), kind_cells) + " ",
                styled(look.kind + look.kind_style(row["kind"]))),
        Segment(text.fit(text.pick(row, "title", look.lang), max(title_cells, 0)),
                styled(look.match if match else Style())),
    ]
    if place_cells:
        place = text.pick(row, "place", look.lang)
        segments.append(Segment("  " + text.fit(place, place_cells - 1), styled(look.place)))
    base = styled(Style())
    return Strip(segments).adjust_cell_length(width, base)


# Each kind's colour is a theme variable made to be read on the theme's background (a fixed
# colour, white or yellow, vanishes on a light theme).
KIND_VARIABLES = {
    "summit": "text-accent", "visit": "text-primary", "talks": "text-secondary",
    "treaty": "text-warning", "agreement": "text-success", "statement": "text-muted",
    "military": "text-error", "parliamentary": "text-secondary", "economic": "text-success",
    "other": "text",
}
