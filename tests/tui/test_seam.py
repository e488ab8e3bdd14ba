"""The Textual behaviour ktimeline relies on beyond its documented API (tui/seam.py): each piece
checked, so that a Textual release that changes it fails here, by name."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Input

from ktimeline.tui.app import make_app
from ktimeline.tui.seam import FilteredPaste, FocusWithoutRestyle, bindings_of
from ktimeline.tui.widgets.inputs import FixedInput
from ktimeline.tui.widgets.timeline import Timeline


def test_textual_still_has_what_the_seam_overrides() -> None:
    assert callable(getattr(DOMNode, "_merge_bindings", None))
    assert callable(getattr(Input, "_on_paste", None))
    assert callable(getattr(Widget, "_on_focus", None))
    assert callable(getattr(Widget, "_on_blur", None))
    assert issubclass(FixedInput, FilteredPaste) and issubclass(Timeline, FocusWithoutRestyle)


def test_bindings_of_merges_inherited_keys() -> None:
    keys = bindings_of(Timeline)
    assert "j" in keys and "down" in keys  # its own, and ScrollView's
    assert all(binding.action for found in keys.values() for binding in found)


class _Paste(App[None]):
    def compose(self) -> ComposeResult:
        yield FixedInput(id="box")


async def test_a_paste_reaches_the_input_filtered() -> None:
    app = _Paste()
    async with app.run_test() as pilot:
        box = app.query_one(FixedInput)
        box.focus()
        await pilot.pause()
        box.post_message(events.Paste("Ri\x1b[31m Yong\nsecond line"))
        await pilot.pause()
        assert box.value == "Ri\\x1b[31m Yong"  # one line, the escape shown, not obeyed


async def test_focus_moves_without_restyling_the_timeline(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = app.main.query_one(Timeline)
        timeline.focus()
        await pilot.pause()
        assert timeline.has_focus and app.focused is timeline
        seen: list[bool] = []
        timeline.focus_changed = seen.append  # type: ignore[method-assign]
        await pilot.press("tab")
        await pilot.pause()
        assert not timeline.has_focus and seen == [False]
        await pilot.press("shift+tab")
        await pilot.pause()
        assert timeline.has_focus and seen == [False, True]
