"""Every message the explorer's widgets and workers post.

Plain classes, as Textual's own messages are: a dataclass is made by generating and compiling
its methods at import, ~0.3 ms each, and these ten are imported before the first frame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

from ktimeline.store.queries import TimelineKey

if TYPE_CHECKING:
    from textual.strip import Strip

    from ktimeline.tui.widgets.detail import DetailLines
    from ktimeline.tui.widgets.resultlist import ResultLines
    from ktimeline.tui.widgets.rowstrip import RowLook

Row = dict[str, Any]


class TimelineLayout(Message):
    """A worker counted the (filtered) timeline: years with their event counts."""

    def __init__(
        self,
        generation: int,
        years: list[tuple[str, int]],
        total: int,
        all_total: int,
    ) -> None:
        super().__init__()
        self.generation = generation
        self.years = years
        self.total = total
        self.all_total = all_total


class PageLoaded(Message):
    """A worker read one page of timeline rows, and any page starts it passed on the way."""

    def __init__(
        self,
        generation: int,
        page: int,
        rows: list[Row],
        starts: dict[int, TimelineKey | None] | None = None,
        search: str = "",
        look: RowLook | None = None,
        strips: dict[tuple[Any, ...], Strip] | None = None,
    ) -> None:
        super().__init__()
        self.generation = generation
        self.page = page
        self.rows = rows
        self.starts = {} if starts is None else starts
        self.search = search
        self.look = look  # the look the worker drew the rows with, if any
        self.strips = {} if strips is None else strips


class JumpResolved(Message):
    """A worker found where an event sits in the timeline (None: not under this filter)."""

    def __init__(
        self,
        generation: int,
        event_id: str,
        ordinal: int | None,
        nearby: int = 0,
        keep: bool = False,
    ) -> None:
        super().__init__()
        self.generation = generation
        self.event_id = event_id
        self.ordinal = ordinal
        self.nearby = nearby
        self.keep = keep


class EventOpened(Message):
    """Enter on a timeline row."""

    def __init__(self, event_id: str) -> None:
        super().__init__()
        self.event_id = event_id


class DetailLoaded(Message):
    """An event's full detail was read (and rendered, at the pane's width then)."""

    def __init__(self, event_id: str, detail: Row | None, lines: DetailLines | None = None) -> None:
        super().__init__()
        self.event_id = event_id
        self.detail = detail
        self.lines = lines


class DetailFailed(Message):
    """Reading an event's detail failed (the error, as the user is told it)."""

    def __init__(self, event_id: str, error: str) -> None:
        super().__init__()
        self.event_id = event_id
        self.error = error


class PersonChosen(Message):
    """A participant was chosen in the detail pane."""

    def __init__(self, person_id: str) -> None:
        super().__init__()
        self.person_id = person_id


class SourceChosen(Message):
    """A source was chosen in the detail pane (Enter): open its address."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index  # its place in the event's sources


class SearchResults(Message):
    """A search worker's answer for one query."""

    def __init__(
        self,
        query: str,
        people: list[Row],
        events: list[Row],
        count: int,
        lines: ResultLines | None = None,
        lang: str = "",
        counted: bool = True,
    ) -> None:
        super().__init__()
        self.query = query
        self.people = people
        self.events = events
        self.count = count
        # The result lines, rendered in the worker for this language, at the list's width then.
        self.lines = lines
        self.lang = lang
        self.counted = counted  # False: ``count`` is the events listed, the full count follows


class SearchCounted(Message):
    """The full count of a search's events, sent after its first results."""

    def __init__(self, query: str, count: int) -> None:
        super().__init__()
        self.query = query
        self.count = count
