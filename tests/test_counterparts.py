"""Who met whom (issue #16): the people from the other side a person met, most-met first, each
count agreeing with the meetings the two both attended."""

from __future__ import annotations

from pathlib import Path

from ktimeline.store.queries import EventFilter, Store

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "events.db"


def test_counterparts_are_the_other_side_most_met_first(store_path: Path) -> None:
    store = Store.open(store_path)
    found = store.views.counterparts("ri-yong-gil")
    assert found, "Ri Yong Gil met Russians in the test store"
    assert all(c["side"] != "KP" for c in found)
    assert [c["meetings"] for c in found] == sorted((c["meetings"] for c in found),
                                                     reverse=True)
    store.close()


def test_each_count_is_the_meetings_both_attended() -> None:
    store = Store.open(BUNDLED)
    for person in ("kim-jong-un", "sergei-shoigu", "ri-yong-gil"):
        for met in store.views.counterparts(person)[:6]:
            both = EventFilter(person_id=person, also_present=(met["person_id"],))
            shared = [row for page in store.timeline.pages(both) for row in page]
            assert met["meetings"] == len(shared)
            assert (met["first_event"], met["last_event"]) == (shared[0]["id"],
                                                               shared[-1]["id"])
    store.close()
