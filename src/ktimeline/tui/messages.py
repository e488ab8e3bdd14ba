"""Every message the explorer's widgets and workers post, as dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message

from ktimeline.store.queries import TimelineKey

if TYPE_CHECKING:
    from textual.strip import Strip

    from ktimeline.tui.widgets.detail import DetailLines
    from ktimeline.tui.widgets.resultlist import ResultLines
    from ktimeline.tui.widgets.rowstrip import RowLook

Row = dict[str, Any]


@dataclass
class TimelineLayout(Message):
    """A worker counted the (filtered) timeline: years with their event counts."""

    generation: int
    years: list[tuple[str, int]]
    total: int
    all_total: int


@dataclass
class PageLoaded(Message):
    """A worker read one page of timeline rows, and any page starts it passed on the way."""

    generation: int
    page: int
    rows: list[Row]
    starts: dict[int, TimelineKey | None] = field(default_factory=dict)
    search: str = ""
    look: RowLook | None = None  # the look the worker drew the rows with, if any
    strips: dict[tuple[Any, ...], Strip] = field(default_factory=dict)


@dataclass
class JumpResolved(Message):
    """A worker found where an event sits in the timeline (None: not under this filter)."""

    generation: int
    event_id: str
    ordinal: int | None
    nearby: int = 0
    keep: bool = False


@dataclass
class EventOpened(Message):
    """Enter on a timeline row."""

    event_id: str


@dataclass
class DetailLoaded(Message):
    """An event's full detail was read (and rendered, at the pane's width then)."""

    event_id: str
    detail: Row | None
    lines: DetailLines | None = None


@dataclass
class DetailFailed(Message):
    """Reading an event's detail failed (the error, as the user is told it)."""

    event_id: str
    error: str


@dataclass
class PersonChosen(Message):
    """A participant was chosen in the detail pane."""

    person_id: str


@dataclass
class SourceChosen(Message):
    """A source was chosen in the detail pane (Enter): open its address."""

    index: int  # its place in the event's sources


@dataclass
class SearchResults(Message):
    """A search worker's answer for one query."""

    query: str
    people: list[Row]
    events: list[Row]
    count: int
    # The result lines, rendered in the worker for this language, at the list's width then.
    lines: ResultLines | None = None
    lang: str = ""
    counted: bool = True  # False: ``count`` is the events listed, the full count follows


@dataclass
class SearchCounted(Message):
    """The full count of a search's events, sent after its first results."""

    query: str
    count: int
