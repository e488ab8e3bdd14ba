"""Name lookup speed over 20,000 synthetic people: index build time and per-query latency.

    /work/venv/bin/python bench/names_speed.py [--people 20000] [--queries 600]

Prints figures; it asserts nothing (timings belong to the machine, not to the test suite).
Targets: build < 2 s; one lookup median < 10 ms, p95 < 30 ms.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import time

from anyascii import anyascii

from ktimeline.names.lookup import NameForm, NameIndex

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=600)
    args = parser.parse_args()

    forms = synthetic_people(args.people)
    started, cpu_started = time.perf_counter(), time.process_time()
    index = NameIndex(forms)
    build, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"index: {args.people} people, {len(forms)} forms, built in {build:.2f} s "
          f"(CPU {cpu:.2f} s; target < 2 s; load average {os.getloadavg()[0]:.2f})")

    # The index keeps no reference to the forms: drop ours too, as the CLI and the UI do.
    typed = queries(forms, args.queries)
    del forms
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
