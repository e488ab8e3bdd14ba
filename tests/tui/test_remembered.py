"""What the explorer remembers: the person last chosen in an event; one line per name form."""

from __future__ import annotations

from pathlib import Path

from helpers import person_text, settle

from ktimeline.tui.app import make_app


async def test_enter_on_an_event_comes_back_to_the_person_last_chosen(tiny_db: Path) -> None:
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "enter", "j")  # the summit; Kim, then Putin
        await settle(pilot)
        assert app.main.detail.selected_person == "vladimir-putin"
        await pilot.press("escape", "j", "k", "enter")  # away and back to the summit
        await settle(pilot)
        assert app.main.detail.selected_person == "vladimir-putin"
        await pilot.press("escape", "j", "j", "enter")  # another event: its first person
        await settle(pilot)
        assert app.main.detail.selected == 0


async def test_a_name_form_given_twice_is_shown_once(tiny_db: Path) -> None:
    """tests/tui/curated gives Ri Yong-gil (press) twice, from two entries."""
    app = make_app(tiny_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_person("ri-yong-gil")
        await settle(pilot)
        assert person_text(app).count("Ri Yong-gil") == 1
