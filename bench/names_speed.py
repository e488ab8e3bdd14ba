"""Name lookup speed over 20,000 synthetic people: build, open, memory and per-query latency.

    /work/venv/bin/python bench/names_speed.py [--people 20000] [--queries 600]

Prints figures; it asserts nothing (timings belong to the machine, not to the test suite).

- build: deriving every form's keys and writing the name tables into a store file (what
  ``ktimeline build`` and the synthetic generator add), target < 2 s;
- open: the index ready from that store (``NameIndex.of_store``: the fuzzy search's choices and
  the person of each form are read into memory), what the explorer pays on its first search;
- memory: what that index holds in Python (tracemalloc); the tables stay on disk;
- lookup: ``find(query, 20)`` on the store's index, median < 10 ms, p95 < 30 ms.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import random
import sqlite3
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from anyascii import anyascii

from ktimeline.names.lookup import NameForm, NameIndex
from ktimeline.names.writer import write_rows
from ktimeline.store.schema import NAME_INDEX_DDL
from ktimeline.store.synthetic import PRAGMAS

# (hangul, DPRK spelling, katakana) for surnames and given-name syllables.
SURNAMES = [
    ("김", "Kim", "キム"), ("리", "Ri", "リ"), ("박", "Pak", "パク"), ("최", "Choe", "チェ"),
    ("정", "Jong", "チョン"), ("강", "Kang", "カン"), ("조", "Jo", "チョ"), ("윤", "Yun", "ユン"),
    ("장", "Jang", "チャン"), ("림", "Rim", "リム"), ("한", "Han", "ハン"), ("오", "O", "オ"),
    ("서", "So", "ソ"), ("신", "Sin", "シン"), ("권", "Kwon", "クォン"), ("황", "Hwang", "ファン"),
    ("안", "An", "アン"), ("송", "Song", "ソン"), ("전", "Jon", "チョン"), ("홍", "Hong", "ホン"),
    ("현", "Hyon", "ヒョン"), ("로", "Ro", "ロ"), ("문", "Mun", "ムン"), ("량", "Ryang", "リャン"),
]
SYLLABLES = [
    ("영", "Yong", "ヨン"), ("철", "Chol", "チョル"), ("남", "Nam", "ナム"), ("일", "Il", "イル"),
    ("호", "Ho", "ホ"), ("수", "Su", "ス"), ("성", "Song", "ソン"), ("광", "Kwang", "グァン"),
    ("명", "Myong", "ミョン"), ("혁", "Hyok", "ヒョク"), ("진", "Jin", "ジン"),
    ("국", "Kuk", "グク"),
    ("선", "Son", "ソン"), ("희", "Hui", "ヒ"), ("룡", "Ryong", "リョン"), ("학", "Hak", "ハク"),
    ("춘", "Chun", "チュン"), ("길", "Gil", "ギル"), ("은", "Un", "ウン"), ("덕", "Tok", "ドク"),
    ("복", "Pok", "ボク"), ("순", "Sun", "スン"), ("해", "Hae", "ヘ"), ("금", "Kum", "グム"),
    ("봉", "Pong", "ボン"), ("주", "Ju", "ジュ"), ("원", "Won", "ウォン"), ("혜", "Hye", "ヘ"),
    ("향", "Hyang", "ヒャン"), ("옥", "Ok", "オク"),
]
# (Cyrillic, Latin, katakana) pieces of Russian names.
FIRST_NAMES = [
    ("Сергей", "Sergei", "セルゲイ"), ("Андрей", "Andrei", "アンドレイ"),
    ("Николай", "Nikolai", "ニコライ"), ("Игорь", "Igor", "イーゴリ"),
    ("Владимир", "Vladimir", "ウラジーミル"), ("Александр", "Alexander", "アレクサンドル"),
    ("Дмитрий", "Dmitry", "ドミトリー"), ("Юрий", "Yuri", "ユーリー"),
    ("Михаил", "Mikhail", "ミハイル"), ("Олег", "Oleg", "オレグ"),
]
STEMS = [
    ("Ка", "Ka", "カ"), ("Ро", "Ro", "ロ"), ("Ми", "Mi", "ミ"), ("Ло", "Lo", "ロ"),
    ("Ва", "Va", "ヴァ"), ("Се", "Se", "セ"), ("Ни", "Ni", "ニ"), ("Ту", "Tu", "トゥ"),
    ("Бо", "Bo", "ボ"), ("Го", "Go", "ゴ"), ("Да", "Da", "ダ"), ("Ле", "Le", "レ"),
    ("Па", "Pa", "パ"), ("Ри", "Ri", "リ"), ("Жу", "Zhu", "ジュ"), ("Ша", "Sha", "シャ"),
]
ENDINGS = [("ов", "ov", "フ"), ("ин", "in", "イン"), ("ев", "ev", "エフ"),
           ("ский", "sky", "スキー"), ("енко", "enko", "エンコ")]


def synthetic_people(count: int, seed: int = 7) -> list[NameForm]:
    """``count`` people, about 70% Korean (five forms each) and 30% Russian (three forms)."""
    rng = random.Random(seed)
    korean = list(itertools.product(SURNAMES, SYLLABLES, SYLLABLES))
    russian = list(itertools.product(FIRST_NAMES, STEMS, STEMS, ENDINGS))
    rng.shuffle(korean)
    rng.shuffle(russian)
    forms: list[NameForm] = []
    korean_count = count * 7 // 10
    for number, (family, first, second) in enumerate(korean[:korean_count]):
        person = f"k{number}"
        hangul = family[0] + first[0] + second[0]
        given = first[1] + second[1].lower()
        forms += [
            NameForm(person, hangul, "hangul", "ko"),
            NameForm(person, f"{family[2]}・{first[2]}{second[2]}", "katakana", "ja"),
            NameForm(person, f"{family[1]} {first[1]} {second[1]}", "latin", "en", "dprk"),
            NameForm(person, f"{family[1]} {first[1]}-{second[1].lower()}", "latin", "en", "press"),
            NameForm(person, f"{anyascii(family[0])} {anyascii(given)}", "latin", "ko", "rr"),
        ]
    for number, (first, stem1, stem2, ending) in enumerate(russian[:count - korean_count]):
        person = f"r{number}"
        last = [stem1[i] + stem2[i].lower() + ending[i] for i in range(3)]
        last[2] = stem1[2] + stem2[2] + ending[2]
        forms += [
            NameForm(person, f"{first[1]} {last[1]}", "latin", "en", "english"),
            NameForm(person, f"{first[0]} {last[0]}", "cyrillic", "ru"),
            NameForm(person, f"{first[2]}・{last[2]}", "katakana", "ja"),
        ]
    return forms


def queries(forms: list[NameForm], count: int, seed: int = 11) -> list[str]:
    """A mix of what people type: stored forms, lower case, romaji, partial names, typos."""
    rng = random.Random(seed)
    picked = rng.sample(forms, count)
    mixed: list[str] = []
    for number, form in enumerate(picked):
        text = form.text
        kind = number % 6
        if kind == 1:
            text = text.lower().replace(" ", "")
        elif kind == 2 and len(text) > 5:
            cut = rng.randrange(1, len(text) - 1)
            text = text[:cut] + text[cut + 1:]
        elif kind == 3:
            text = text.split()[0] if " " in text else text[:2]
        elif kind == 4:
            text = "Lee " + text.split()[-1] if form.script == "latin" else text
        mixed.append(text)
    return [*mixed, "Kim", "Ri", "Sergei", "김", "キム", "ri yongiru", "x", "a" * 10_000]


NAMES_DDL = ("CREATE TABLE names (id INTEGER PRIMARY KEY, person_id TEXT NOT NULL, "
             "text TEXT NOT NULL, script TEXT NOT NULL, lang TEXT NOT NULL, scheme TEXT);")


def cpu_seconds() -> float:
    """CPU of this process and of its finished children (the build derives on every core)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def write_store(path: Path, forms: list[NameForm]) -> tuple[float, float]:
    """The names table (not timed: a build writes it anyway), then the name tables (timed, wall
    and CPU seconds, to the commit), with the synthetic generator's settings."""
    connection = sqlite3.connect(path)
    try:
        connection.executescript(PRAGMAS + NAMES_DDL + NAME_INDEX_DDL)
        numbered = list(enumerate(forms, start=1))
        connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?, ?)",
                               [(n, f.person_id, f.text, f.script, f.lang, f.scheme)
                                for n, f in numbered])
        connection.commit()
        started, cpu_started = time.perf_counter(), cpu_seconds()
        write_rows(connection, numbered)
        connection.commit()
        return time.perf_counter() - started, cpu_seconds() - cpu_started
    finally:
        connection.close()


def open_index(path: Path) -> NameIndex:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    return NameIndex.of_store(connection)


def index_memory(path: Path) -> int:
    """Bytes the index holds in Python (tracemalloc; it slows allocation, so timed apart)."""
    gc.collect()
    tracemalloc.start()
    index = open_index(path)
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del index
    return held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=600)
    args = parser.parse_args()

    forms = synthetic_people(args.people)
    typed = queries(forms, args.queries)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "names.db"
        build, cpu = write_store(path, forms)
        size = path.stat().st_size / 1e6
        print(f"index: {args.people} people, {len(forms)} forms, built in {build:.2f} s "
              f"(CPU {cpu:.2f} s; target < 2 s; load average {os.getloadavg()[0]:.2f}): keys "
              f"derived and written to a store ({size:.1f} MB with the names table)")
        del forms
        held = index_memory(path)
        started = time.perf_counter()
        index = open_index(path)
        opened = time.perf_counter() - started
        print(f"open: index ready from the store in {opened:.2f} s; "
              f"memory {held / 1e6:.1f} MB (tracemalloc)")
        index.find("warm up", 10)
        timings: list[float] = []
        for query in typed:
            started = time.perf_counter()
            index.find(query, 20)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"lookup: {len(timings)} queries, median {statistics.median(timings):.2f} ms "
          f"(target < 10), p95 {p95:.2f} ms (target < 30), max {timings[-1]:.2f} ms")


if __name__ == "__main__":
    main()
