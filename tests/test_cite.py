"""``ktimeline cite``: an event's sources as citations, in the formats other tools take."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ktimeline.citations import bibtex, csl_items, line, paragraph, when_published

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "events.db"
SUMMIT = "2019-04-25-vladivostok-summit"


def test_a_news_style_list_names_publisher_title_date_and_address(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("--db", str(BUNDLED), "cite", SUMMIT).out
    assert out.startswith("First Kim Jong Un–Putin summit, Vladivostok (2019-04-25)\n")
    assert ("1. TASS, “Putin to hold talks with North Korean leader in Vladivostok April 25”, "
            "23 April 2019, https://tass.com/politics/1055192") in out
    ja = run_cli("--db", str(BUNDLED), "cite", SUMMIT, "--lang", "ja").out
    assert ("TASS、「Putin arrives to Vladivostok for talks with N.Korean leader」、"
            "2019年4月25日") in ja


def test_paraphrased_titles_and_leads_are_marked() -> None:
    source = {"publisher": "Wiki", "title": "Profile of X", "published": "..2026-12-07",
              "paraphrased_title": True, "status": "lead", "url": None, "locator": "p3"}
    text = line(source)
    assert "“" not in text and "Profile of X [description, not the headline]" in text
    assert text.endswith("para. 3 (lead: only a summary seen)")
    assert when_published("2019-04") == "April 2019" and when_published("2019") == "2019"


def test_csl_json_is_what_zotero_imports(run_cli) -> None:  # type: ignore[no-untyped-def]
    items = json.loads(run_cli("--db", str(BUNDLED), "cite", SUMMIT, "--format", "csl-json").out)
    assert items and all({"id", "type", "title", "issued"} <= set(item) for item in items)
    assert items[0]["issued"] == {"date-parts": [[2019, 4, 23]]}
    assert items[0]["URL"] == "https://tass.com/politics/1055192"
    assert csl_items({"id": "e", "sources": [{"id": "s", "title": "t", "published": "2019..",
                                              "kind": "press"}]})[0]["issued"] == \
        {"literal": "2019.."}


def test_bibtex_entries_are_balanced_and_escaped(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("--db", str(BUNDLED), "cite", SUMMIT, "--format", "bibtex").out
    entries = out.strip().split("\n\n")
    assert entries and all(re.match(r"@misc\{[A-Za-z0-9:_-]+,\n", entry) for entry in entries)
    assert all(entry.count("{") - entry.count(r"\{") == entry.count("}") - entry.count(r"\}")
               for entry in entries)
    hostile = bibtex({"id": "e", "sources": [{"id": "s x", "title": "50% & {braces} _x_ #1",
                                              "published": "2019-01-02", "kind": "press",
                                              "url": "http://a.b/c_d?e=1&f={g}"}]})
    assert r"50\% \& \{braces\} \_x\_ \#1" in hostile
    assert "url = {http://a.b/c_d?e=1&f=%7Bg%7D}" in hostile and "@misc{s-x," in hostile


def test_markdown_cannot_be_made_into_links(run_cli) -> None:  # type: ignore[no-untyped-def]
    md = line({"publisher": "[evil](http://x)", "title": "*t*", "published": "2019",
               "url": "https://ok.example/"}, markdown=True)
    assert md.startswith(r"\[evil\]\(http://x\), [“\*t\*”](https://ok.example/)")


def test_an_unknown_event_is_one_line(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--db", str(BUNDLED), "cite", "2019-04-25-vladivostok-sumit")
    assert result.code == 2 and "did you mean 2019-04-25-vladivostok-summit" in result.err


def test_a_paragraph_says_who_was_present_with_post_and_rank_that_day(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("--db", str(BUNDLED), "cite", SUMMIT, "--format", "paragraph").out
    assert out.count("\n") == 1  # one paragraph
    assert out.startswith("First Kim Jong Un–Putin summit, Vladivostok. 25 April 2019, "
                          "Vladivostok. Present: Kim Jong Un (Marshal of the DPRK; ")
    assert "Ri Yong Gil (General (KPA); Chief of the General Staff" in out
    assert "Sources: TASS, “Putin to hold talks" in out
    assert out.endswith(f"(ktimeline event {SUMMIT})\n")
    ja = run_cli("--db", str(BUNDLED), "cite", SUMMIT, "--format", "paragraph",
                 "--lang", "ja").out
    assert ja.startswith("金正恩・プーチン初の首脳会談(ウラジオストク)。2019年4月25日、"
                         "ウラジオストク。出席者:金正恩(共和国元帥、")


def test_a_possible_post_never_passes_for_a_fact_in_a_paragraph() -> None:
    event = {"id": "e", "date": "1994-09-19..1994-09-23", "title_en": "Talks",
             "participants": [{"name_en": "A", "posts": [
                 {"title_en": "Envoy", "certainty": "possible"},
                 {"title_en": "Minister", "certainty": "certain"},
                 {"title_en": "Minister", "certainty": "possible"}], "ranks": []}],
             "sources": []}
    text = paragraph(event)
    assert text.startswith("Talks. Between 19 September 1994 and 23 September 1994. "
                           "Present: A (possibly Envoy; Minister).")
    assert "出席者:A(Envoy(可能性あり)、Minister)" in paragraph(event, "ja")
