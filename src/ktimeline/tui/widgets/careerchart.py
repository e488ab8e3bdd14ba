"""A career at a glance: a bar per post across the years it was held (solid where the term is
certain, hatched where only possible), the rank steps and the meetings as marks beneath, a year
axis fitted to the width, and a cursor whose line under the chart says what is under it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.widget import Widget

from ktimeline.spans import possibly, rank_phrase, term_phrase
from ktimeline.tui import text
from ktimeline.tui.careerlayout import CERTAIN, POSSIBLE, Bar, Chart, Mark, layout, mark_line
from ktimeline.tui.screens.base import UsesKTimelineApp

Row = dict[str, Any]

BAR_GLYPHS = {CERTAIN: "█", POSSIBLE: "░"}
OPEN_GLYPH = "▶"
CURSOR = Style(reverse=True)
RANK_STYLES = {"▲": "kt.promotion", "▼": "kt.demotion", "↺": "kt.restoration", "·": ""}
# Never "dim": a dimmed colour falls under a readable contrast in some themes (solarized).
QUIET = "italic"


class CareerChart(UsesKTimelineApp, Widget, can_focus=True):
    """The chart of one person; ``show`` gives it the (safe) profile, meetings and language."""

    DEFAULT_CSS = """
    CareerChart {
        height: auto;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "cursor_left", "Earlier"),
        Binding("right,l", "cursor_right", "Later"),
        Binding("up,k", "cursor_up", "Row above", show=False),
        Binding("down,j", "cursor_down", "Row below", show=False),
        # The line under the chart says what Enter opens: the meeting, or the post's holders.
        Binding("enter", "open_here", "Open the meeting or the post", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.profile: Row | None = None
        self.meetings: Sequence[Row] = []
        self.lang = "en"
        self.row = 0  # among the post rows, then the ranks, then the meetings
        self.column = 0
        self.mark = 0  # the rank or meeting under the cursor, on those rows
        self._chart: Chart | None = None
        self._chart_key: tuple[Any, ...] = ()

    # -- data ------------------------------------------------------------------------------
    def show(self, profile: Row | None, meetings: Sequence[Row], lang: str) -> None:
        """A person's chart (None: no person; the chart hides), in ``lang``."""
        if profile is not self.profile:
            self.row = self.column = self.mark = 0
            self._chart_key = ()
        self.profile, self.meetings, self.lang = profile, meetings, lang
        self.display = self.chart_for(self.size.width or 80) is not None
        self.refresh(layout=True)

    def chart_for(self, width: int) -> Chart | None:
        if self.profile is None:
            return None
        key = (id(self.profile), width, self.lang, len(self.meetings))
        if key != self._chart_key:
            old = None if self._chart_key[:1] != key[:1] else self._chart
            self._chart = layout(self.profile, self.meetings, width, self.lang)
            self._chart_key = key
            if old is None or self._chart is None:
                self._start_cursor()
            else:  # the same person at another width: the cursor keeps its date
                self.column = self._chart.column_of(sum(old.days_of(self.column)) // 2)
            self._clamp()
        return self._chart

    @property
    def chart(self) -> Chart | None:
        return self.chart_for(self.size.width) if self.size.width else self._chart

    def _rows(self) -> list[tuple[str, Bar | Sequence[Mark]]]:
        """The rows the cursor visits: ("bar", bar) per post, then ("ranks"/"meetings", marks)."""
        chart = self._chart
        if chart is None:
            return []
        rows: list[tuple[str, Bar | Sequence[Mark]]] = [("bar", bar) for bar in chart.bars]
        if chart.ranks:
            rows.append(("ranks", chart.ranks))
        if chart.meetings:
            rows.append(("meetings", chart.meetings))
        return rows

    def _start_cursor(self) -> None:
        """On the first post, at the start of its first term (its certain part, if any)."""
        chart = self._chart
        self.row, self.mark = 0, 0
        if chart is not None and chart.bars and chart.bars[0].terms:
            term = chart.bars[0].terms[0]
            self.column = term.certain[0] if term.certain else term.first
        else:
            self.column = 0
        self._snap()

    def _clamp(self) -> None:
        rows = self._rows()
        self.row = min(max(self.row, 0), max(len(rows) - 1, 0))
        columns = self._chart.columns if self._chart else 1
        self.column = min(max(self.column, 0), columns - 1)
        self._snap()

    def _marks_here(self) -> Sequence[Mark] | None:
        rows = self._rows()
        if not rows:
            return None
        kind, value = rows[self.row]
        return None if kind == "bar" else value  # type: ignore[return-value]

    def _snap(self) -> None:
        """On a row of marks, the cursor sits on the mark nearest its column."""
        marks = self._marks_here()
        if marks:
            self.mark = min(range(len(marks)), key=lambda i: abs(marks[i].column - self.column))
            self.column = marks[self.mark].column

    # -- keys ------------------------------------------------------------------------------
    def _move(self, columns: int = 0, rows: int = 0) -> None:
        if self.chart is None:
            return
        marks = self._marks_here()
        if rows:
            self.row = min(max(self.row + rows, 0), len(self._rows()) - 1)
            self._snap()
        elif marks:
            self.mark = min(max(self.mark + columns, 0), len(marks) - 1)
            self.column = marks[self.mark].column
        else:
            self.column = min(max(self.column + columns, 0), self._chart.columns - 1
                              if self._chart else 0)
        self.refresh()

    def action_cursor_left(self) -> None:
        self._move(columns=-1)

    def action_cursor_right(self) -> None:
        self._move(columns=1)

    def action_cursor_up(self) -> None:
        self._move(rows=-1)

    def action_cursor_down(self) -> None:
        self._move(rows=1)

    def action_open_here(self) -> None:
        """Enter on a meeting opens it; on a post's row, every holder of the post."""
        rows = self._rows()
        if not rows:
            return
        kind, value = rows[self.row]
        if kind == "meetings":
            meeting = self.under_cursor()
            if meeting is not None and meeting.get("id"):
                self.kt.open_event(str(meeting["id"]))
        elif isinstance(value, Bar) and value.terms and value.terms[0].item.get("post_id"):
            from ktimeline.tui.screens.post import PostScreen

            self.kt.push_screen(PostScreen(str(value.terms[0].item["post_id"])))

    def under_cursor(self) -> Row | None:
        """The rank or meeting under the cursor (None on a post row)."""
        marks = self._marks_here()
        return marks[self.mark].item if marks else None

    # -- drawing ---------------------------------------------------------------------------
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        chart = self.chart_for(width)
        return 0 if chart is None else len(self._rows()) + 3  # title, axis, cursor line

    def render(self) -> Text:
        chart = self.chart
        if chart is None:
            return Text()
        lang = self.lang
        focused = self.has_focus
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append(text.ui("chart_title", lang), style="bold")
        for index, (kind, value) in enumerate(self._rows()):
            out.append("\n")
            here = index == self.row
            if isinstance(value, Bar):
                out.append(value.label, style="bold" if here and focused else "")
                out.append(" ")
                self._append_bar(out, value, here and focused)
            else:
                label = text.ui("chart_ranks" if kind == "ranks" else "chart_meetings", lang)
                out.append(text.fit(label, chart.title_cells),
                           style="bold" if here and focused else QUIET)
                out.append(" ")
                self._append_marks(out, value, chart.columns, here and focused)
        out.append("\n" + " " * (chart.title_cells + 1))
        out.append(chart.axis())
        out.append("\n")
        line = self.cursor_line()
        line.truncate(max(self.size.width, 1), overflow="ellipsis")
        out.append_text(line)
        return out

    def _append_bar(self, out: Text, bar: Bar, with_cursor: bool) -> None:
        open_at = bar.open_at
        for column, kind in enumerate(bar.cells):
            glyph = BAR_GLYPHS.get(kind, " ")
            if column == open_at and kind != " ":
                glyph = OPEN_GLYPH
            style = Style.null() if kind != POSSIBLE else "kt.possible"
            if with_cursor and column == self.column:
                out.append(glyph if glyph != " " else "┆", style=CURSOR)
            else:
                out.append(glyph, style=style)

    def _append_marks(self, out: Text, marks: Sequence[Mark], columns: int,
                      with_cursor: bool) -> None:
        line = mark_line(marks, columns)
        for column, glyph in enumerate(line):
            style: str | Style = RANK_STYLES.get(glyph, "bold")
            if with_cursor and column == self.column:
                style = CURSOR
            out.append(glyph, style=style)

    def cursor_line(self) -> Text:
        """What is under the cursor, in words, in the chosen language."""
        chart, rows, lang = self._chart, self._rows(), self.lang
        line = Text()
        if chart is None or not rows:
            return line
        kind, value = rows[self.row]
        if isinstance(value, Bar):
            line.append(chart.month_at(self.column) + "  ", style="bold")
            term = value.term_at(self.column)
            if term is None:
                line.append(f"{value.title}: {text.ui('chart_not_held', lang)}", style=QUIET)
                return line
            certain = term.certain is not None and term.certain[0] <= self.column <= \
                term.certain[1]
            if certain:
                line.append(value.title)
            else:
                line.append(possibly(value.title, lang), style="kt.possible")
            phrase = term_phrase(str(term.item.get("start") or ""), term.item.get("end"), lang)
            line.append(f"  ({phrase})", style=QUIET)
            line.append(f"  {text.ui('chart_enter_holders', lang)}", style=QUIET)
            return line
        item = self.under_cursor() or {}
        if kind == "ranks":
            change = str(item.get("change") or "")
            mark = value[self.mark].symbol
            line.append(f"{mark} {text.label(text.CHANGE_LABELS, change, lang)}: ",
                        style=RANK_STYLES.get(mark, ""))
            line.append(text.pick(item, "title", lang), style="bold")
            phrase = rank_phrase(change, str(item.get("start") or ""), lang)
            line.append(f"  ({phrase})", style=QUIET)
            return line
        line.append(text.short_date(str(item.get("date") or ""), lang=lang).strip() + "  ",
                    style="bold")
        line.append(text.pick(item, "title", lang))
        if item.get("role"):
            line.append(f"  ({text.role(item['role'], lang)})", style=QUIET)
        line.append(f"  {text.ui('chart_enter_opens', lang)}", style=QUIET)
        return line

    @property
    def plain(self) -> str:
        """The chart as a user reads it (for tests)."""
        return self.render().plain

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the row and year clicked (a mark row: the nearest mark);
        a second click on the meeting under the cursor opens it."""
        offset = event.get_content_offset(self)
        chart = self.chart
        if offset is None or chart is None:
            return
        row, column = offset.y - 1, offset.x - chart.title_cells - 1
        if not 0 <= row < len(self._rows()) or not 0 <= column < chart.columns:
            return
        before = (self.row, self.column)
        self.row, self.column = row, column
        self._snap()
        if (self.row, self.column) == before and column == self.column:
            self.action_open_here()
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.refresh(layout=True)
