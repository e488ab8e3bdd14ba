"""Every build-time rule, each proven by a fixture broken in exactly that way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ktimeline.store.build import check
from ktimeline.store.curated import Problem
from tests.conftest import CuratedDir

Breaker = Callable[[CuratedDir], None]


def problems_of(curated: CuratedDir) -> list[Problem]:
    return check(curated.path, curated.path.parent)[1]


def test_the_fixture_itself_is_clean(curated: CuratedDir) -> None:
    assert problems_of(curated) == []


def replace(old: str, new: str) -> Breaker:
    return lambda c: c.replace(old, new)


def append(text: str) -> Breaker:
    return lambda c: c.append(text)


def both(first: Breaker, second: Breaker) -> Breaker:
    def run(c: CuratedDir) -> None:
        first(c)
        second(c)

    return run


CASES: list[tuple[str, Breaker, str, str, str]] = [
    # (rule, how to break it, entry, field, words in the message)
    ("toml syntax", append("[[event]\nid = "), "file", "syntax", ""),
    ("unknown table", append('[[meeting]]\nid = "x"'), "file", "meeting", "unknown table"),
    ("unknown key", replace('kind = "visit"', 'kind = "visit"\nvenue = "x"'),
     "event '2014-visit'", "venue", "unknown field"),
    ("missing field", replace('title_en = "A visit in 2014"\n', ""), "event '2014-visit'",
     "title_en", "missing"),
    ("wrong type", replace("seniority = 1", 'seniority = "one"'), "rank 'r-colonel-general'",
     "seniority", "whole number"),
    ("bad choice", replace('kind = "visit"', 'kind = "party"'), "event '2014-visit'", "kind",
     "not one of"),
    ("duplicate id", append('[[place]]\nid = "vladivostok"\nname_en = "V"'),
     "place 'vladivostok'", "id", "duplicate id"),
    ("dangling organisation", replace('organisation = "org-army"\ntitle_en = "Chief',
                                      'organisation = "org-navy"\ntitle_en = "Chief'),
     "post 'post-chief'", "organisation", "no organisation with id 'org-navy'"),
    ("dangling post", replace('post = "post-minister"', 'post = "post-premier"'),
     "person 'ri-yong-gil'", "posts[2].post", "no post with id 'post-premier'"),
    ("dangling rank", replace('rank = "r-vice-marshal"', 'rank = "r-marshal"'),
     "person 'ri-yong-gil'", "ranks[3].rank", "no rank with id 'r-marshal'"),
    ("dangling person", replace('person = "putin"', 'person = "medvedev"'),
     "event '2019-04-25-summit'", "participants[0].person", "no person with id 'medvedev'"),
    ("dangling place", replace('place = "vladivostok"', 'place = "khabarovsk"'),
     "event '2019-04-25-summit'", "place", "no place with id 'khabarovsk'"),
    ("dangling source", replace('sources = ["src-a#p1"]', 'sources = ["src-z#p1"]'),
     "event '2019-04-25-summit'", "sources", "no source with id 'src-z'"),
    ("dangling conflict subject", replace('subject = "person:ri-yong-gil"',
                                          'subject = "person:nobody"'),
     "conflict 'ri-born'", "subject", "no person with id 'nobody'"),
    ("dangling reading", replace('reading_of = "李永吉"', 'reading_of = "李英吉"'),
     "person 'ri-yong-gil'", "names[1].reading_of", "not one of this person's names"),
    ("uncited post term", replace('end = "2022-12-31"\nsources = ["src-b"]',
                                  'end = "2022-12-31"\nsources = []'),
     "person 'ri-yong-gil'", "posts[2].sources", "cites no source"),
    ("uncited event", replace('sources = ["src-b"]\n[[event.participants]]',
                              '[[event.participants]]'),
     "event '2014-visit'", "sources", "missing"),
    ("uncited career name", append('[[career]]\nperson = "putin"\nnames = [{ text = "Putin", '
                                   'script = "latin", lang = "en", scheme = "press" }]'),
     "career for 'putin'", "names[0].sources", "cites its own source"),
    ("impossible day", replace('date = "2019-04-25"', 'date = "2022-02-30"'),
     "event '2019-04-25-summit'", "date", "day out of range"),
    ("impossible month", replace('date = "2014"', 'date = "2022-13"'),
     "event '2014-visit'", "date", "month out of range"),
    ("term ends before it starts", replace('start = "2013-08"\nend = "2016-02"',
                                           'start = "2013-08"\nend = "2012-02"'),
     "person 'ri-yong-gil'", "posts[0].end", "before start"),
    ("event without a lower bound", replace('date = "2014"\n', 'date = "..2014"\n'),
     "event '2014-visit'", "date", "needs a lower bound"),
    ("event ends before it starts", replace('end = "2019-04-26"', 'end = "2019-04-20"'),
     "event '2019-04-25-summit'", "end", "before the date"),
    ("two ranks on one day", both(replace('date = "2018-07-27"', 'date = "2022-04-24"'),
                                  replace('date = "2022-04..2022-04-24"', 'date = "2022-04-24"')),
     "person 'ri-yong-gil'", "ranks[3].rank", "second rank on 2022-04-24"),
    ("single holder overlap", append(
        '[[person]]\nid = "other"\ncountry = "KP"\nsources = ["src-a"]\nnames = [{ text = '
        '"Other Person", script = "latin", lang = "en", scheme = "dprk", preferred = true }]\n'
        '[[person.posts]]\npost = "post-chief"\nstart = "2014-01"\nend = "2014-12"\n'
        'sources = ["src-a"]'),
     "person 'ri-yong-gil'", "posts[0]", "single-holder but 'other'"),
    ("term before birth", replace('born = "1955"', 'born = "2014"'),
     "person 'ri-yong-gil'", "posts[0].start", "before the person was born"),
    ("term after death", replace('born = "1955"', 'born = "1955"\ndied = "2012"'),
     "person 'ri-yong-gil'", "posts[0].start", "after the person died"),
    ("open term past death", replace('sources = ["src-a"]\nnames = [\n  { text = "プーチン"',
                                     'died = "2010"\nsources = ["src-a"]\nnames = [\n  '
                                     '{ text = "プーチン"'),
     "person 'putin'", "posts[0].end", "runs past the person's death"),
    ("attendance before birth", replace('born = "1955"', 'born = "2015"'),
     "event '2014-visit'", "participants[0].person", "not yet born"),
    ("printed rank disagrees", replace('printed_title = "大将(総参謀長=当時)"',
                                       'printed_title = "次帥(総参謀長=当時)"'),
     "event '2019-04-25-summit'", "participants[1].printed_title", "r-vice-marshal"),
    ("printed post disagrees", replace('printed_title = "大将(総参謀長=当時)"',
                                       'printed_title = "大将(国防相)"'),
     "event '2019-04-25-summit'", "participants[1].printed_title", "post-minister"),
    ("disputed without a note", replace('printed_title = "大将(総参謀長=当時)"',
                                        'printed_title = "次帥"\ndisputed = true'),
     "event '2019-04-25-summit'", "participants[1].note", "needs a note"),
    ("name not in its script", replace('{ text = "리영길", script = "hangul"',
                                       '{ text = "李永吉", script = "hangul"'),
     "person 'ri-yong-gil'", "names[2].text", "is not hangul"),
    ("latin without scheme", replace(', scheme = "dprk", preferred = true }',
                                     ', preferred = true }'),
     "person 'ri-yong-gil'", "names[3].scheme", "romanisation scheme"),
    ("no preferred latin name", replace(', scheme = "english", preferred = true }',
                                        ', scheme = "english" }'),
     "person 'putin'", "names", "preferred Latin-script name"),
    ("two preferred in a language", replace('{ text = "リ・ヨンギル", script = "katakana", '
                                            'lang = "ja",', '{ text = "リ・ヨンギル", script = '
                                            '"katakana", lang = "ja", preferred = true,'),
     "person 'ri-yong-gil'", "names", "2 preferred names for language 'ja'"),
    ("duplicate person", append(
        '[[person]]\nid = "ri-yong-gil-2"\ncountry = "KP"\nborn = "1955"\nsources = ["src-a"]\n'
        'names = [{ text = "리영길", script = "hangul", lang = "ko" }, { text = "Ri Yong-gil", '
        'script = "latin", lang = "en", scheme = "press", preferred = true }]'),
     "person 'ri-yong-gil-2'", "names", "the same person?"),
    ("conflict with one claim", replace('[[conflict.claims]]\nvalue = "1952"\nsources = ["src-b"]',
                                        ''),
     "conflict 'ri-born'", "claims", "at least two claims"),
    ("conflict without preferred", replace('value = "1955"\npreferred = true',
                                           'value = "1955"'),
     "conflict 'ri-born'", "claims", "exactly one claim preferred"),
]


@pytest.mark.parametrize(("rule", "breaker", "entry", "field", "words"), CASES,
                         ids=[case[0] for case in CASES])
def test_rule_reports_file_entry_and_field(curated: CuratedDir, rule: str, breaker: Breaker,
                                           entry: str, field: str, words: str) -> None:
    breaker(curated)
    problems = problems_of(curated)
    matching = [p for p in problems if p.entry == entry and p.field == field and words in p.message]
    assert matching, f"{rule}: expected {entry} / {field} / {words!r}, got:\n" + "\n".join(
        map(str, problems))
    assert matching[0].file.endswith(".toml")
    assert str(matching[0]).startswith(matching[0].file + ": ")


def test_people_marked_distinct_are_not_duplicates(curated: CuratedDir) -> None:
    curated.append(
        '[[person]]\nid = "ri-yong-gil-2"\ncountry = "KP"\nborn = "1955"\nsources = ["src-a"]\n'
        'not_same_as = ["ri-yong-gil"]\nnames = [{ text = "리영길", script = "hangul", lang = "ko" '
        '}, { text = "Ri Yong-gil", script = "latin", lang = "en", scheme = "press", '
        'preferred = true }]')
    assert problems_of(curated) == []


def test_disputed_title_with_a_note_passes(curated: CuratedDir) -> None:
    curated.replace('printed_title = "大将(総参謀長=当時)"',
                    'printed_title = "次帥"\ndisputed = true\nnote = "a later rank"')
    assert problems_of(curated) == []


def test_sub_post_inside_a_longer_title_does_not_count(curated: CuratedDir) -> None:
    # 総参謀長 stands inside 副総参謀長: only the longer, vice-chief post is named.
    curated.replace('printed_title = "大将(総参謀長=当時)"', 'printed_title = "副総参謀長"')
    problems = problems_of(curated)
    assert [p.field for p in problems] == ["participants[1].printed_title"]
    assert "post-vice-chief" in problems[0].message and "post-chief," not in problems[0].message


def test_career_entries_extend_a_person_across_files(curated: CuratedDir) -> None:
    curated.append('[[career]]\nperson = "putin"\n[[career.posts]]\npost = "post-minister"\n'
                   'start = "1999"\nend = "1999-12"\nsources = ["src-a"]')
    assert problems_of(curated) == []


def test_every_problem_is_listed_at_once(curated: CuratedDir) -> None:
    curated.replace('date = "2019-04-25"', 'date = "2022-02-30"')
    curated.replace('place = "vladivostok"', 'place = "nowhere"')
    curated.append('[[place]]\nid = "vladivostok"\nname_en = "again"')
    fields = {p.field for p in problems_of(curated)}
    assert {"date", "place", "id"} <= fields


def test_an_empty_directory_is_a_problem(tmp_path: Path) -> None:
    problems = check(tmp_path)[1]
    assert problems and "no .toml files" in problems[0].message
