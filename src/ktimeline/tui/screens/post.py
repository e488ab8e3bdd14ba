"""A post's holders: every term in time order, with how each meets the one before and its
sources; and the small chooser of a person's posts that the person view opens."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from ktimeline.spans import term_phrase
from ktimeline.tui import text
from ktimeline.tui.errors import report_worker_error
from ktimeline.tui.reasons import cited
from ktimeline.tui.screens.base import UsesKTimelineApp, dialog_css, view_css
from ktimeline.tui.screens.main import TooSmall
from ktimeline.tui.widgets.keybar import KeyBar

Row = dict[str, Any]


def post_header(post: Row, lang: str) -> Text:
    """Title (and the other language's), organisation, side, one holder or several."""
    out = Text(text.pick(post, "title", lang), style="bold")
    other = post.get("title_ja") if lang == "en" else post.get("title_en")
    if other:
        out.append(f"  {other}")
    kind = text.ui("post_single" if post.get("single_holder") else "post_several", lang)
    out.append(f"\n{text.pick(post, 'organisation', lang)} · "
               f"{text.label(text.SIDE_LABELS, post.get('side') or '?', lang)} · {kind}",
               style="dim")
    existed = [f"{text.ui(f'post_{field}', lang)} {text.shown_date(post[field], lang)}"
               for field in ("established", "abolished") if post.get(field)]
    if existed:
        out.append("\n" + text.ui("list_sep", lang).join(existed), style="dim")
    return out


def _holder_line(term: Row, lang: str) -> Text:
    out = Text(text.pick(term, "name", lang) or text.safe(term.get("person_id")), style="bold")
    other = term.get("name_ja") if lang == "en" else term.get("name_en")
    if other:
        out.append(f"  {other}", style="dim")
    return out


def _term_body(term: Row, lang: str) -> Text:
    """The term's dates in words, the note and the sources."""
    out = Text(term_phrase(term["start"], term.get("end"), lang))
    if term.get("note"):
        out.append(f"\n{text.ui('note_label', lang)}: ", style="dim")
        out.append(str(term["note"]), style="dim italic")
    sources = cited([("", term.get("sources") or [])], lang)
    if sources.plain:
        out.append("\n")
        out.append_text(sources)
    return out


def term_text(term: Row, lang: str) -> Text:
    """The holder, then the term's dates in words, the note and the sources (as read)."""
    out = _holder_line(term, lang)
    for line in _term_body(term, lang).split("\n"):
        out.append("\n  ")
        out.append_text(line)
    return out


def term_prompt(term: Row, lang: str) -> Group:
    """As shown: the holder, and under it the rest indented as a block (a wrapped note stays
    under its term)."""
    return Group(Padding(_holder_line(term, lang), (0, 0, 0, 2)),
                 Padding(_term_body(term, lang), (0, 0, 0, 4)))


def meeting_text(after: str, lang: str) -> Text:
    """How a term meets the one before, in words: an overlap or a gap stands out."""
    style = "kt.possible" if after in ("overlap", "open") else "dim"
    return Text(f"  ↓ {text.ui(f'after_{after}', lang)}", style=style)


def term_lines(post: Row, lang: str) -> list[tuple[Text, Group | Text, str | None]]:
    """The list's lines, as text and as shown: each term (with its holder's id), and between
    two terms of a single-holder post how they meet (no id)."""
    out: list[tuple[Text, Group | Text, str | None]] = []
    for term in post.get("terms") or []:
        if term.get("after"):
            meeting = meeting_text(str(term["after"]), lang)
            out.append((meeting, meeting, None))
        out.append((term_text(term, lang), term_prompt(term, lang), term.get("person_id")))
    return out


class PostScreen(UsesKTimelineApp, Screen[None]):
    """Opened from the line-up or from a person's posts; Enter on a term opens its holder."""

    # Loaded with the screen's first use, not parsed before the first frame; global (not
    # scoped), as when it was in the app's stylesheet.
    SCOPED_CSS = False
    DEFAULT_CSS = view_css("post-header", "post-terms")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("j", "cursor_down", "Next term", show=False),
        Binding("k", "cursor_up", "Previous term", show=False),
    ]

    opens_people_over_itself = True  # Escape in the person opened comes back here

    def __init__(self, post_id: str) -> None:
        super().__init__(classes="post")
        self.post_id = post_id
        self.post: Row | None = None
        self.loaded = False
        self.holders: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Static(id="post-header")
        yield OptionList(id="post-terms")
        yield TooSmall(id="too-small")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one("#post-terms", OptionList).focus()
        self._load(self.post_id)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_worker_error(self, event)

    @work(thread=True, exclusive=True, group="post", exit_on_error=False)
    def _load(self, post_id: str) -> None:
        post = self.kt.store.views.post(post_id)
        self.app.call_from_thread(self._show, post)

    def _show(self, post: Row | None) -> None:
        self.post, self.loaded = text.safe_row(post), True
        self.apply_language(self.kt.lang)

    def apply_language(self, lang: str) -> None:
        self.query_one(KeyBar).refresh_keys()
        self.query_one(TooSmall).refresh()
        header = self.query_one("#post-header", Static)
        if self.post is None:
            header.update(Text(text.ui("loading", lang) if not self.loaded else
                               text.tr("no_post_id", lang, id=text.safe(self.post_id))))
            return
        header.update(post_header(self.post, lang))
        listing = self.query_one("#post-terms", OptionList)
        highlighted = listing.highlighted
        lines = term_lines(self.post, lang)
        self.holders = [holder for _text, _prompt, holder in lines]
        listing.clear_options()
        listing.add_options([Option(prompt, disabled=holder is None)
                             for _text, prompt, holder in lines])
        if not lines:
            listing.add_option(Option(Text(text.ui("post_no_terms", lang), style="dim italic"),
                                      disabled=True))
        elif highlighted is None or highlighted >= len(lines):
            listing.highlighted = 0
        else:
            listing.highlighted = highlighted

    @property
    def plain(self) -> str:
        """The screen's text as a user reads it (for tests)."""
        if self.post is None:
            return ""
        lang = self.kt.lang
        return "\n".join([post_header(self.post, lang).plain,
                          *(shown.plain for shown, _prompt, _id in term_lines(self.post, lang))])

    @on(OptionList.OptionSelected, "#post-terms")
    def _chosen(self, message: OptionList.OptionSelected) -> None:
        index = message.option_index
        holder = self.holders[index] if index < len(self.holders) else None
        if holder:
            self.kt.open_person(holder)

    def action_cursor_down(self) -> None:
        self.query_one("#post-terms", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#post-terms", OptionList).action_cursor_up()

    def action_back(self) -> None:
        self.dismiss(None)


class PostChooser(UsesKTimelineApp, ModalScreen[str | None]):
    """A person's posts, one a line; Enter opens the post's holders, Escape cancels."""

    # Loaded with the screen's first use, not parsed before the first frame; global (not
    # scoped), as when it was in the app's stylesheet.
    SCOPED_CSS = False
    DEFAULT_CSS = dialog_css("PostChooser", "post-chooser-box", 72) + """
#post-chooser-box {
    max-height: 80%;
}

#post-chooser-list {
    height: auto;
    max-height: 16;
    border: none;
    padding: 0;
}
"""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, posts: list[Row]) -> None:
        super().__init__(id="post-chooser")
        self.title_text = title
        # Each post once, in the order of the career (a post held twice is one line).
        self.posts: list[Row] = []
        for post in posts:
            if all(post["post_id"] != seen["post_id"] for seen in self.posts):
                self.posts.append(post)

    def compose(self) -> ComposeResult:
        lang = self.kt.lang
        with Vertical(id="post-chooser-box"):
            yield Static(text.content(self.title_text), id="post-chooser-title")
            yield OptionList(*[Option(Text(text.pick(post, "title", lang)))  # never markup
                               for post in self.posts], id="post-chooser-list")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        if self.posts:
            listing.highlighted = 0
        listing.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(str(self.posts[message.option_index]["post_id"]))

    def action_cancel(self) -> None:
        self.dismiss(None)


def choose_post(screen: UsesKTimelineApp, name: str, posts: list[Row]) -> None:
    """Ask which of a person's posts to open (from the person view), then open its holders."""
    kt = screen.kt
    if not posts:
        kt.notify(text.ui("no_posts_held", kt.lang))
        return

    def chosen(post_id: str | None) -> None:
        if post_id is not None:
            kt.push_screen(PostScreen(post_id))

    kt.push_screen(PostChooser(text.tr("posts_of", kt.lang, name=name), posts), chosen)
