"""Copying and opening what was found (issue #15): the event in one paragraph, its id, a source's
citation and address, through the terminal (OSC 52) and the browser, with a notice each time."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from helpers import settle

from ktimeline import opener
from ktimeline.tui.app import KTimelineApp, make_app
from ktimeline.tui.screens.help import HelpScreen, help_text

SUMMIT = "2019-04-25-vladivostok-summit"


def notices(app: KTimelineApp) -> list[str]:
    return [n.message for n in app._notifications]


def osc52_written(app: KTimelineApp) -> list[str]:
    """What the app asked the terminal to put on the clipboard, decoded."""
    written = app._driver.written  # type: ignore[union-attr]
    return [base64.b64decode(found).decode() for found in
            re.findall(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", "".join(written))]


async def open_summit(pilot, app: KTimelineApp) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    driver = app._driver
    assert driver is not None
    driver.written = []  # type: ignore[attr-defined]
    original = driver.write

    def write(data: str) -> None:
        driver.written.append(data)  # type: ignore[attr-defined]
        original(data)

    driver.write = write  # type: ignore[method-assign]
    app.open_event(SUMMIT)
    await settle(pilot)


async def test_y_copies_the_event_in_one_paragraph_and_Y_its_id(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_summit(pilot, app)
        app.main.timeline.focus()
        await pilot.press("y")
        await settle(pilot)
        copied = app.clipboard
        assert copied.startswith("First Kim Jong Un–Putin summit")
        assert "\n" not in copied  # one paragraph, pasted as one
        assert "Present: Kim Jong Un (" in copied and "Sources: " in copied
        assert "“" in copied  # a real headline is quoted
        assert osc52_written(app) == [copied]  # through the terminal, as over SSH
        assert any("one paragraph" in m and "OSC 52" in m for m in notices(app))
        await pilot.press("Y")
        await settle(pilot)
        assert app.clipboard == SUMMIT and osc52_written(app)[-1] == SUMMIT


async def test_o_first_puts_the_cursor_on_a_source_then_opens_it(
        tiny_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(opener, "browser_command", lambda: ["true"])
    monkeypatch.setattr(opener.subprocess, "Popen",
                        lambda command, **_kw: opened.append(command[-1]) or _Done())
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_summit(pilot, app)
        detail = app.main.detail
        await pilot.press("o")
        await settle(pilot)
        assert opened == []  # the first o shows which source, and what the keys do
        assert detail.has_focus and detail.selected_source is not None
        first = detail.selected_source
        assert any(m.startswith("Source 1 of ") for m in notices(app))
        await pilot.press("o")
        await settle(pilot)
        assert opened == [first["url"]]
        assert any("Opening source 1" in m for m in notices(app))
        await pilot.press("j", "k", "enter")  # Enter on a source opens it too
        await settle(pilot)
        assert opened == [first["url"], first["url"]]
        sources = detail.event["sources"]  # type: ignore[index]
        await pilot.press(*["j"] * len(sources))  # to the last source
        await settle(pilot)
        last = detail.selected_source
        assert last is sources[-1]
        assert not last.get("url")
        await pilot.press("o")
        await settle(pilot)
        assert len(opened) == 2
        assert any(f"Source {len(sources)} has no web address" in m for m in notices(app))


async def test_u_copies_the_address_and_y_the_sources_citation(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="ja")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_summit(pilot, app)
        detail = app.main.detail
        detail.focus()
        detail.select_first_source()
        await settle(pilot)
        source = detail.selected_source
        assert source is not None
        await pilot.press("u")
        await settle(pilot)
        assert app.clipboard == source["url"] and osc52_written(app)[-1] == source["url"]
        assert any("出典1のアドレスをコピーしました" in m for m in notices(app))
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard.startswith(f"{source['publisher']}、「")
        assert source["url"] in app.clipboard


async def test_without_a_browser_the_address_is_copied_instead(
        tiny_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(opener.sys, "platform", "linux")
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_summit(pilot, app)
        detail = app.main.detail
        detail.focus()
        detail.select_first_source()
        await pilot.press("o")
        await settle(pilot)
        assert app.clipboard == detail.selected_source["url"]  # type: ignore[index]
        assert any("No browser can be started" in m for m in notices(app))


async def test_source_addresses_are_terminal_links_and_wrap_whole(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(62, 30)) as pilot:
        await open_summit(pilot, app)
        detail = app.main.detail
        links = {segment.style.link for strip in detail.strips for segment in strip
                 if segment.style is not None and segment.style.link}
        urls = {s["url"] for s in detail.event["sources"] if s.get("url")}  # type: ignore[index]
        assert links == urls  # every address is a link (OSC 8), to the whole address
        shown = "".join(segment.text for strip in detail.strips for segment in strip
                        if segment.style is not None and segment.style.link)
        for url in urls:
            assert url in shown.replace(" ", "")  # folded over lines, never cut with "…"
        assert "…" not in shown


def test_only_a_web_address_is_ever_linked_or_opened() -> None:
    assert opener.link_target("https://example.org/記事?a=1") == \
        "https://example.org/%E8%A8%98%E4%BA%8B?a=1"
    for hostile in ("javascript:alert(1)", "file:///etc/passwd", "https://a.b/\x1b]52;c;x\x07",
                    "https://a.b/\u202eevil", "https://a.b/ c", None, ""):
        assert opener.link_target(hostile) is None
        assert opener.open_in_browser(hostile) is False


class _Done:
    def wait(self) -> int:
        return 0


async def test_the_copy_keys_are_in_the_help_in_both_languages(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="ja")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = help_text(app, "ja").plain
        for description in ("引用をコピー", "出来事の ID をコピー", "出典のアドレスをコピー",
                            "出典のアドレスをブラウザで開く", "次の人物・出典"):
            assert description in shown
