"""A synthetic store of any size with the curated store's shape, for benchmarks and scale tests.

Run ``python -m ktimeline.store.synthetic --events 100000 --out /tmp/100k.db``. The rows follow
the schema and the curated data's habits: multi-script names, careers with demotions, dates of
every precision, several participants and a citation for every fact. The text is nonsense.
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import os
import random
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ktimeline.names.forms import NameForm
from ktimeline.names.writer import write_rows
from ktimeline.processes import helper_context
from ktimeline.store import dates
from ktimeline.store.derived import write_derived
from ktimeline.store.fulltext import TextRow, fill_from_rows
from ktimeline.store.schema import DDL, DERIVE_SIDES, SCHEMA_VERSION

# Korean syllables as (hangul, DPRK Latin, katakana, kanji) so every form of a name agrees.
SYLLABLES = [
    ("영", "Yong", "ヨン", "永"), ("길", "Gil", "ギル", "吉"), ("철", "Chol", "チョル", "哲"),
    ("남", "Nam", "ナム", "南"), ("수", "Su", "ス", "洙"), ("호", "Ho", "ホ", "浩"),
    ("광", "Kwang", "グァン", "光"), ("명", "Myong", "ミョン", "明"), ("일", "Il", "イル", "日"),
    ("성", "Song", "ソン", "成"), ("혁", "Hyok", "ヒョク", "赫"), ("춘", "Chun", "チュン", "春"),
    ("덕", "Dok", "ドク", "徳"), ("룡", "Ryong", "リョン", "龍"), ("근", "Gun", "グン", "根"),
]
SURNAMES = [
    ("김", "Kim", "キム", "金"), ("리", "Ri", "リ", "李"), ("박", "Pak", "パク", "朴"),
    ("최", "Choe", "チェ", "崔"), ("정", "Jong", "チョン", "鄭"), ("강", "Kang", "カン", "姜"),
    ("조", "Jo", "チョ", "趙"), ("윤", "Yun", "ユン", "尹"), ("장", "Jang", "チャン", "張"),
    ("림", "Rim", "リム", "林"), ("한", "Han", "ハン", "韓"), ("오", "O", "オ", "呉"),
]
RUSSIAN_FIRST = [("Сергей", "Sergei", "セルゲイ"), ("Андрей", "Andrei", "アンドレイ"),
                 ("Николай", "Nikolai", "ニコライ"), ("Игорь", "Igor", "イーゴリ"),
                 ("Александр", "Alexander", "アレクサンドル"), ("Дмитрий", "Dmitry", "ドミトリー"),
                 ("Владимир", "Vladimir", "ウラジーミル"), ("Юрий", "Yuri", "ユーリー")]
RUSSIAN_LAST = [("Иванов", "Ivanov", "イワノフ"), ("Петров", "Petrov", "ペトロフ"),
                ("Соколов", "Sokolov", "ソコロフ"), ("Морозов", "Morozov", "モロゾフ"),
                ("Волков", "Volkov", "ヴォルコフ"), ("Лебедев", "Lebedev", "レベデフ"),
                ("Козлов", "Kozlov", "コズロフ"), ("Новиков", "Novikov", "ノヴィコフ")]
KINDS = ["summit", "visit", "talks", "treaty", "agreement", "statement", "military",
         "parliamentary", "economic", "other"]
PLACES = [("pyongyang", "Pyongyang", "平壌", "KP"), ("moscow", "Moscow", "モスクワ", "RU"),
          ("vladivostok", "Vladivostok", "ウラジオストク", "RU"),
          ("khabarovsk", "Khabarovsk", "ハバロフスク", "RU"), ("wonsan", "Wonsan", "元山", "KP"),
          ("beijing", "Beijing", "北京", "CN")]
TOPICS = [("cooperation", "協力"), ("trade", "貿易"), ("security", "安全保障"), ("culture", "文化"),
          ("railways", "鉄道"), ("fisheries", "漁業"), ("energy", "エネルギー"), ("debt", "債務")]
FIRST_YEAR, LAST_YEAR = 1945, 2025


Place = tuple[str, str, str, str]


def event_topics(events: int, seed: int) -> Iterator[tuple[str, Place, tuple[str, str]]]:
    """Kind, place and topic of each event in time order. A random stream of its own, so the
    full-text worker process rebuilds every event's text without the rest of the generator."""
    draw = random.Random(seed * 1_000_003 + 17).random
    for _ in range(events):
        yield (KINDS[int(draw() * len(KINDS))], PLACES[int(draw() * len(PLACES))],
               TOPICS[int(draw() * len(TOPICS))])


def event_text(index: int, kind: str, place: Place,
               topic: tuple[str, str]) -> tuple[str, str, str, str]:
    """title_en, title_ja, summary_en, summary_ja of event number ``index``."""
    return (f"{kind.title()} on {topic[0]} in {place[1]} #{index}",
            f"{place[2]}で{topic[1]}に関する{kind} #{index}",
            f"Delegations discuss {topic[0]} ({index}).", f"{topic[1]}について協議({index})。")


def text_rows(events: int, seed: int) -> Iterator[TextRow]:
    """What the full-text indexes hold for each event; rowid = position + 1, as written."""
    for index, (kind, place, topic) in enumerate(event_topics(events, seed)):
        yield (index + 1, *event_text(index, kind, place, topic), place[1], place[2])


class Generator:
    def __init__(self, events: int, people: int, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.events = events
        self.people = people
        self.sources = max(10, events // 10)
        self.citation_id = 0
        self.first_day = datetime.date(FIRST_YEAR, 1, 1)
        self.span_days = (datetime.date(LAST_YEAR, 12, 31) - self.first_day).days + 1

    def below(self, n: int) -> int:
        """A random integer in [0, n): ``random()`` scaled, a third of ``randrange``'s cost,
        which matters at a million events (several draws per row)."""
        return int(self.rng.random() * n)

    def cite(self, table: str, fact_id: object) -> tuple[Any, ...]:
        self.citation_id += 1
        return (self.citation_id, table, str(fact_id), f"src-{self.below(self.sources)}",
                f"p{1 + self.below(12)}")

    def random_date(self) -> tuple[str, str, str]:
        """A date text of random precision with its bounds (computed directly: this is hot)."""
        day = self.first_day + datetime.timedelta(days=self.below(self.span_days))
        iso = day.isoformat()
        roll = self.rng.random()
        if roll < 0.70:
            return iso, iso, iso
        month_end = f"{iso[:7]}-{calendar.monthrange(day.year, day.month)[1]:02d}"
        if roll < 0.90:
            return iso[:7], f"{iso[:7]}-01", month_end
        if roll < 0.99:
            return iso[:4], f"{iso[:4]}-01-01", f"{iso[:4]}-12-31"
        return f"{iso[:7]}..{iso}", f"{iso[:7]}-01", iso

    def reference_rows(self) -> dict[str, list[tuple[Any, ...]]]:
        rows: dict[str, list[tuple[Any, ...]]] = {
            "places": [(pid, en, ja, country) for pid, en, ja, country in PLACES],
            "organisations": [("org-kp", "DPRK organ", "北朝鮮機関", "KP"),
                              ("org-ru", "Russian organ", "ロシア機関", "RU")],
            "rank_systems": [("kpa", "KPA ranks", "朝鮮人民軍の階級", "KP")],
            "ranks": [(f"rank-{i}", "kpa", i, f"Rank {i}", f"階級{i}", "[]") for i in range(1, 6)],
            "posts": [(f"post-{i}", "org-kp" if i % 2 else "org-ru", f"Post {i}", f"役職{i}",
                       int(i % 5 == 0), "[]", int(i % 4 == 0), *(None,) * 7)
                      for i in range(1, 61)],
            "sources": [],
        }
        for i in range(self.sources):
            published, lo, hi = self.random_date()
            rows["sources"].append((f"src-{i}", "Synthetic Agency", None, f"Report {i}", published,
                                    lo, hi, None, "en", "press", None, "read", 0))
        return rows

    def person_rows(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        name_id = term_id = change_id = 0
        for index in range(self.people):
            pid = f"person-{index}"
            korean = index % 3 != 0
            if korean:
                surname = SURNAMES[index % len(SURNAMES)]
                given = [SYLLABLES[(index // 7 + k * 5) % len(SYLLABLES)] for k in range(2)]
                latin = f"{surname[1]} {given[0][1]} {given[1][1].lower()}".title()
                forms = [
                    (surname[3] + given[0][3] + given[1][3], "kanji", "ja", None, 1),
                    (f"{surname[2]}・{given[0][2]}{given[1][2]}", "katakana", "ja", None, 0),
                    (surname[0] + given[0][0] + given[1][0], "hangul", "ko", None, 1),
                    (latin, "latin", "en", "dprk", 1),
                    (f"{surname[1]} {given[0][1]}-{given[1][1].lower()}", "latin", "en",
                     "press", 0),
                ]
                name_ja = forms[0][0]
            else:
                first = RUSSIAN_FIRST[index % len(RUSSIAN_FIRST)]
                last = RUSSIAN_LAST[(index // 8) % len(RUSSIAN_LAST)]
                latin = f"{first[1]} {last[1]}"
                forms = [(f"{first[2]}・{last[2]}", "katakana", "ja", None, 1),
                         (f"{first[0]} {last[0]}", "cyrillic", "ru", None, 1),
                         (latin, "latin", "en", "english", 1)]
                name_ja = forms[0][0]
            yield "people", (pid, "KP" if korean else "RU", latin, name_ja, None, None, None, None,
                             None, None, None)
            yield "citations", self.cite("people", pid)
            for text, script, lang, scheme, preferred in forms:
                name_id += 1
                yield "names", (name_id, pid, text, script, lang, scheme, preferred, None, None)
                yield "citations", self.cite("names", name_id)
            year = self.rng.randint(FIRST_YEAR, LAST_YEAR - 5)
            for _ in range(self.rng.randint(1, 4)):
                term_id += 1
                start = dates.parse(str(year) if self.rng.random() < 0.3
                                    else f"{year}-0{self.rng.randint(1, 9)}")
                end_year = min(year + self.rng.randint(1, 6), LAST_YEAR)
                end = dates.parse(f"{end_year}")
                # Synthetic terms are whole tenures with no rival holders: their windows are
                # their own dates.
                yield "post_terms", (term_id, pid, f"post-{self.rng.randint(1, 60)}", start.text,
                                     start.lo, start.hi, end.text, end.lo, end.hi, None,
                                     start.hi, end.lo, start.lo, end.hi, None)
                yield "citations", self.cite("post_terms", term_id)
                year = end_year
            if korean and self.rng.random() < 0.4:
                rank, when = 1, self.rng.randint(FIRST_YEAR, LAST_YEAR - 10)
                for change in ("promotion", "promotion", "demotion", "restoration"):
                    change_id += 1
                    rank = max(1, min(5, rank + (1 if change != "demotion" else -1)))
                    when += self.rng.randint(1, 3)
                    parsed = dates.parse(f"{when}-{self.rng.randint(1, 12):02d}")
                    yield "rank_changes", (change_id, pid, f"rank-{rank}", change, parsed.text,
                                           parsed.lo, parsed.hi, None)
                    yield "citations", self.cite("rank_changes", change_id)

    def event_rows(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        participation_id = 0
        # Dates are drawn first and sorted so that rowids follow time, as in a real build.
        timeline = sorted((self.random_date() for _ in range(self.events)),
                          key=lambda d: (d[1], d[2]))
        topics = event_topics(self.events, self.seed)
        pairs = zip(timeline, topics, strict=True)
        for index, ((date, lo, hi), (kind, place, topic)) in enumerate(pairs):
            event_id = f"e{index:07d}"
            yield "events", (event_id, kind, date, lo, hi, None, None, None, place[0],
                             *event_text(index, kind, place, topic), None)
            yield "citations", self.cite("events", event_id)
            present: set[int] = set()
            for order in range(1, 3 + self.below(3)):
                person = self.below(self.people)
                while person in present:  # a person attends an event once, as in the curated data
                    person = self.below(self.people)
                present.add(person)
                participation_id += 1
                yield "participations", (participation_id, event_id, f"person-{person}",
                                         "RU" if person % 3 == 0 else "KP", None, order, None, 0,
                                         None)
                yield "citations", self.cite("participations", participation_id)


INSERTS = {
    "places": 4, "organisations": 4, "rank_systems": 4, "ranks": 6, "posts": 14, "sources": 13,
    "people": 11, "names": 9, "post_terms": 15, "rank_changes": 8, "events": 14,
    "participations": 9, "citations": 5,
}


def _flush(connection: sqlite3.Connection, table: str, rows: list[tuple[Any, ...]]) -> None:
    marks = ", ".join("?" * INSERTS[table])
    connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    rows.clear()


PRAGMAS = ("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
           # A large page cache: index builds and FTS merges spill less.
           "PRAGMA cache_size = -262144;")
# The full-text tables' statements, for the worker that fills them in a file of its own.
TEXT_DDL = ";".join(part for part in DDL.split(";") if "VIRTUAL TABLE" in part) + ";"
FTS_TABLES = ("events_fts", "events_short")
PARALLEL_FROM = 20_000  # events; below this, a second process costs more than it saves


def _fill_text_file(path: str, events: int, seed: int) -> None:
    """In a process of its own: both full-text indexes of the store, in the file ``path``."""
    connection = sqlite3.connect(path)
    try:
        connection.executescript(PRAGMAS)
        connection.executescript(TEXT_DDL)
        fill_from_rows(connection, text_rows(events, seed))
        connection.commit()
    finally:
        connection.close()


def _copy_text_indexes(connection: sqlite3.Connection, source: Path) -> None:
    """Take the full-text indexes built in ``source``: FTS5 keeps an index in plain shadow
    tables (``_data``, ``_idx``, ``_config``), and both files declare the tables alike."""
    connection.execute("ATTACH DATABASE ? AS text_index", [str(source)])
    for table in FTS_TABLES:
        for shadow in ("data", "idx", "config"):
            connection.execute(f"DELETE FROM main.{table}_{shadow}")
            connection.execute(f"INSERT INTO main.{table}_{shadow} "
                               f"SELECT * FROM text_index.{table}_{shadow}")
    connection.commit()
    connection.execute("DETACH DATABASE text_index")


def _write_name_index(connection: sqlite3.Connection) -> None:
    """The name tables, derived from the names written, as a build derives them."""
    rows = connection.execute("SELECT id, person_id, text, script, lang, scheme FROM names")
    write_rows(connection, ((number, NameForm(person, text, script, lang, scheme))
                            for number, person, text, script, lang, scheme in rows.fetchall()))


def generate(target: Path, events: int, people: int | None = None, seed: int = 1,
             parallel: bool | None = None) -> None:
    """Write a synthetic store of ``events`` events to ``target``, replacing it atomically.

    With ``parallel`` (the default from PARALLEL_FROM events), a second process builds the
    full-text indexes, about 40% of the work at 1M events, while this one writes the rest.
    """
    people = people or max(200, min(20_000, events // 20))
    context = helper_context()
    parallel = events >= PARALLEL_FROM if parallel is None else parallel
    parallel = parallel and context is not None
    generator = Generator(events, people, seed)
    temp = target.with_name(target.name + ".tmp-synthetic")
    text_file = target.with_name(target.name + ".tmp-text")
    temp.unlink(missing_ok=True)
    text_file.unlink(missing_ok=True)
    worker = None
    if parallel and context is not None:
        # Forked before this process opens its store (the rule in ktimeline.processes): the
        # worker writes a file of its own, which is copied in below.
        worker = context.Process(target=_fill_text_file, args=(str(text_file), events, seed),
                                 daemon=True)
        worker.start()
    connection = sqlite3.connect(temp)
    try:
        connection.executescript(PRAGMAS)
        # Tables first, indexes after the bulk insert: building them once is much faster.
        tables, _, indexes = DDL.partition("CREATE INDEX")
        connection.executescript(tables)
        for table, rows in generator.reference_rows().items():
            _flush(connection, table, rows)
        buffers: dict[str, list[tuple[Any, ...]]] = {t: [] for t in INSERTS}
        streams = (generator.person_rows(), generator.event_rows())
        for stream in streams:
            for table, row in stream:
                buffer = buffers[table]
                buffer.append(row)
                if len(buffer) >= 50_000:
                    _flush(connection, table, buffer)
        for table, buffer in buffers.items():
            if buffer:
                _flush(connection, table, buffer)
        # The rest of the DDL: the indexes, and the name tables, filled here from the names.
        connection.executescript("CREATE INDEX" + indexes)
        _write_name_index(connection)
        connection.execute(DERIVE_SIDES)
        if worker is None:
            fill_from_rows(connection, text_rows(events, seed))
        else:
            connection.commit()
            worker.join()
            if worker.exitcode != 0:
                raise RuntimeError(f"the full-text worker failed (exit {worker.exitcode})")
            _copy_text_indexes(connection, text_file)
        connection.commit()
        write_derived(connection)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.commit()
    finally:
        connection.close()
        if worker is not None and worker.is_alive():
            worker.kill()
        text_file.unlink(missing_ok=True)
    os.replace(temp, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ktimeline.store.synthetic",
                                     description="Write a synthetic ktimeline store.")
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--people", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    generate(args.out, args.events, args.people, args.seed)
    elapsed = time.perf_counter() - started
    size = args.out.stat().st_size / 1e6
    sys.stdout.write(f"wrote {args.out}: {args.events} events in {elapsed:.1f} s, {size:.0f} MB\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
