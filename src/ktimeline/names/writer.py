"""Writing the name tables: every form's derived keys (``names.derive``) inserted into a store's
(existing, empty) name tables, the work shared over the machine's cores when there is much of it.

The writer works inside its caller's transaction and never commits it: the other processes'
shares come back through files of their own, read here and inserted on the caller's connection.
Processes start by the rule in ``ktimeline.processes``.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import tempfile
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import accumulate
from pathlib import Path

from ktimeline.names.derive import Groups, Numbered, Spellings, derive_numbered
from ktimeline.names.forms import NameForm
from ktimeline.names.tables import KEY_KINDS, NAME_INDEX_DDL, NAME_INDEX_INDEXES
from ktimeline.processes import helper_context

# Below this many forms a pool of processes costs more to start than it saves (the curated
# store has hundreds; 20,000 people have ~90,000).
PARALLEL_FROM = 20_000

def write_rows(connection: sqlite3.Connection, forms: Iterable[tuple[int, NameForm]]) -> None:
    """Fill the (existing, empty) name tables from (names.id, form) pairs, and index them.

    With many forms the work is shared out over the machine's cores; nothing is committed.
    """
    with _cycle_collection_paused():
        _write_rows(connection, [(name_id, form.text, form.script) for name_id, form in forms])
    for statement in NAME_INDEX_INDEXES.strip().split(";"):
        if statement.strip():
            connection.execute(statement)


def _write_rows(connection: sqlite3.Connection, numbered: list[Numbered]) -> None:
    first, *others = _shares(numbered)
    if others:
        with tempfile.TemporaryDirectory(prefix="ktimeline-names-") as directory:
            paths = [str(Path(directory) / f"share{number}.db") for number in range(len(others))]
            context = helper_context()
            assert context is not None  # _shares gives one share only without it
            workers = [context.Process(target=_write_share, args=(path, share), daemon=True)
                       for path, share in zip(paths, others, strict=True)]
            for worker in workers:
                worker.start()
            try:
                _insert_share(connection, *derive_numbered(first))
            finally:
                for worker in workers:
                    worker.join()
            if any(worker.exitcode != 0 for worker in workers):
                raise RuntimeError("a process deriving name keys failed (see the error above)")
            _merge_shares(connection, paths)
    else:
        _insert_share(connection, *derive_numbered(first))


def _shares(numbered: list[Numbered]) -> list[list[Numbered]]:
    """Consecutive runs of forms of about equal work, one per core when there are enough forms to
    pay for the processes (deriving is pure Python: one process uses one core)."""
    workers = min(os.cpu_count() or 1, 4)
    if len(numbered) < PARALLEL_FROM or workers < 2 or helper_context() is None:
        return [numbered]
    costs = list(accumulate(_COST.get(script, 1.0) for _id, _text, script in numbered))
    bounds = [bisect_left(costs, costs[-1] * part / workers) for part in range(1, workers)]
    starts = [0, *bounds]
    return [numbered[start:end] for start, end in zip(starts, [*bounds, len(numbered)],
                                                      strict=True) if end > start]


# What a form costs to derive, relative to a Latin one (bench/names_speed.py's people, measured):
# the other scripts are romanised first, katakana through pykakasi.
_COST = {"latin": 1.0, "hangul": 1.9, "katakana": 2.5, "hiragana": 2.5, "cyrillic": 2.4}


def _insert_share(connection: sqlite3.Connection, spellings: Spellings, groups: Groups) -> None:
    connection.executemany("INSERT INTO name_spellings VALUES (?, ?, ?)", spellings)
    # In the order found: unsorted, SQLite inserts them faster than Python sorts them.
    connection.executemany("INSERT INTO name_keys VALUES (?, ?, ?)", (
        (kind, key, f"[{ids}]") for kind in KEY_KINDS for key, ids in groups[kind].items()))


def _write_share(path: str, numbered: list[Numbered]) -> None:
    """A worker's share derived and written to name tables of its own file: inserting is a sixth
    of the work, and done here it is done in parallel, with nothing to send back."""
    connection = sqlite3.connect(path)
    try:
        connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                                 + NAME_INDEX_DDL)
        _insert_share(connection, *derive_numbered(numbered))
        connection.commit()
    finally:
        connection.close()


# A key found in an earlier share too: this share's ids go after that share's (the shares are
# consecutive runs of names.id, so each array stays ascending, as one process writes it).
_MERGE_KEY = """
INSERT INTO name_keys VALUES (?, ?, ?)
ON CONFLICT (kind, key) DO UPDATE SET
    name_ids = substr(name_ids, 1, length(name_ids) - 1) || ',' || substr(excluded.name_ids, 2)
"""


def _merge_shares(connection: sqlite3.Connection, paths: list[str]) -> None:
    """The workers' rows added to the store's tables, in share order, inside the caller's
    transaction (attaching a share would need one of its own)."""
    for path in paths:
        share = sqlite3.connect(path)
        try:
            connection.executemany("INSERT INTO name_spellings VALUES (?, ?, ?)",
                                   share.execute("SELECT * FROM name_spellings"))
            connection.executemany(_MERGE_KEY, share.execute(
                "SELECT kind, key, name_ids FROM name_keys"))
        finally:
            share.close()


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Deriving allocates hundreds of thousands of small objects, none of them cyclic: the cycle
    collector would only walk the growing tables again and again (a third of the time, measured).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
