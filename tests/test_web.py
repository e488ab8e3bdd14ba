"""``ktimeline serve``: Datasette over the store, whose canned queries answer as the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ktimeline.store import dates
from ktimeline.store.queries import Store
from ktimeline.web import HIDDEN, QUERIES, metadata, store_columns

datasette_app = pytest.importorskip("datasette.app")
BUNDLED = Path(__file__).resolve().parent.parent / "data" / "events.db"


def _datasette() -> Any:
    return datasette_app.Datasette(immutables=[str(BUNDLED)],
                                   metadata=metadata(BUNDLED.stem, store_columns(BUNDLED)))


async def _rows(datasette: Any, query: str, **params: str) -> list[dict[str, Any]]:
    arguments = "&".join(f"{key}={value}" for key, value in params.items())
    response = await datasette.client.get(f"/events/{query}.json?_shape=array&{arguments}")
    assert response.status_code == 200, response.text[:300]
    rows: list[dict[str, Any]] = response.json()
    return rows


def _shown(items: list[dict[str, Any]], lang: str = "en") -> str | None:
    titles = [("possibly " if item["certainty"] == "possible" else "") + item[f"title_{lang}"]
              for item in items]
    return "; ".join(titles) or None


@pytest.mark.parametrize("event_id", ["2019-04-25-vladivostok-summit",
                                      "2024-06-19-pyongyang-summit"])
async def test_present_at_event_says_what_ktimeline_event_says(event_id: str) -> None:
    event = Store.open(BUNDLED).events.get(event_id)
    assert event is not None
    rows = await _rows(_datasette(), "present_at_event", event_id=event_id)
    assert [row["person_id"] for row in rows] == [p["person_id"] for p in event["participants"]]
    for row, person in zip(rows, event["participants"], strict=True):
        assert row["post"] == _shown(person["posts"]), person["person_id"]
        assert row["rank"] == _shown(person["ranks"]), person["person_id"]


async def test_the_lineup_query_agrees_with_ktimeline_lineup() -> None:
    for day in ("2019-04-25", "2011-08-24", "1995-09-07"):
        expected = {(post["post_id"], holder["person_id"], holder["certainty"])
                    for post in Store.open(BUNDLED).views.lineup(dates.parse(day))["posts"]
                    for holder in post["holders"]}
        rows = await _rows(_datasette(), "lineup_on_date", date=day)
        assert {(r["post_id"], r["person_id"], r["certainty"]) for r in rows} == expected, day


async def test_every_canned_query_and_table_page_answers() -> None:
    datasette = _datasette()
    examples = {"event_id": "2019-04-25-vladivostok-summit", "person_id": "ri-yong-gil",
                "date": "2019-04-25", "person_a": "kim-jong-un", "person_b": "vladimir-putin"}
    for name, query in QUERIES.items():
        rows = await _rows(datasette, name, **{p: examples[p] for p in query["params"]})
        assert rows, name
    page = await datasette.client.get("/events/events?_search=Vladivostok")
    assert page.status_code == 200 and "Vladivostok" in page.text
    labelled = await datasette.client.get("/events/participations?event_id="
                                          "2019-04-25-vladivostok-summit")
    assert "Kim Jong Un" in labelled.text  # ids shown as names


def test_every_table_and_column_is_described_in_both_languages() -> None:
    described = metadata(BUNDLED.stem, store_columns(BUNDLED))["databases"]["events"]["tables"]
    for table, columns in store_columns(BUNDLED).items():
        if table in HIDDEN or table.startswith(("events_fts_", "events_short_")):
            continue
        assert " / " in described[table]["title"], table
        for column in columns:
            assert " / " in described[table]["columns"].get(column, ""), (table, column)


async def test_events_facet_by_kind_and_year() -> None:
    response = await _datasette().client.get("/events/events.json?_size=0")
    facets = response.json()["facet_results"]
    assert {"kind", "year"} <= set(facets)
    years = {result["value"]: result["count"] for result in facets["year"]["results"]}
    assert years[2019] >= 4


def test_serve_without_datasette_says_how_to_install(monkeypatch: pytest.MonkeyPatch,
                                                     run_cli) -> None:  # type: ignore[no-untyped-def]
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "datasette" else real(name, *a))
    result = run_cli("--db", str(BUNDLED), "serve")
    assert result.code == 2 and "pip install 'ktimeline[web]'" in result.err


def test_serve_stops_its_server_when_it_is_terminated() -> None:
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serving = subprocess.Popen([sys.executable, "-m", "ktimeline", "--db", str(BUNDLED),
                                "serve", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/events/events.json?_size=1"
    for _ in range(200):  # up to 60 s on a loaded machine: a guard, not a measure
        try:
            with urllib.request.urlopen(url, timeout=1) as answer:
                assert answer.status == 200
            break
        except OSError:
            time.sleep(0.3)
    else:
        serving.kill()
        raise AssertionError("the server never answered")
    serving.send_signal(signal.SIGTERM)
    serving.wait(timeout=30)
    with socket.socket() as knock:  # nothing is left listening
        assert knock.connect_ex(("127.0.0.1", port)) != 0
    assert serving.stderr is not None and b"Traceback" not in serving.stderr.read()
