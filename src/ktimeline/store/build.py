"""Curated files -> validated -> events.db, replacing the old store atomically or not at all."""

from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ktimeline.store import curated as curated_files
from ktimeline.store import dates
from ktimeline.store.asof import Life, PostFacts, TermFacts, windows
from ktimeline.store.curated import Cite, Curated, Problem
from ktimeline.store.derived import write_derived
from ktimeline.store.fulltext import fill_indexes
from ktimeline.store.schema import DDL, DERIVE_SIDES, SCHEMA_VERSION


class BuildError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the curated files")
        self.problems = problems


class TargetError(Exception):
    """The store cannot be written where asked: one line naming the file and the reason."""


def check(directory: Path, root: Path | None = None) -> tuple[Curated, list[Problem]]:
    # Imported here: the CLI imports this module, and browsing never validates.
    from ktimeline.store.validate import validate

    curated = curated_files.load(directory, root)
    return curated, validate(curated)


def _bounds(prefix: str, text: str | None) -> dict[str, Any]:
    if not text:
        return {f"{prefix}_lo": None, f"{prefix}_hi": None}
    parsed = dates.parse(text)
    return {f"{prefix}_lo": parsed.lo, f"{prefix}_hi": parsed.hi}


class _Rows:
    """Turns validated entries into table rows, numbering derived rows in file order."""

    def __init__(self) -> None:
        self.tables: dict[str, list[dict[str, Any]]] = {}

    def add(self, table: str, row: dict[str, Any]) -> int:
        rows = self.tables.setdefault(table, [])
        rows.append(row)
        return len(rows)

    def add_numbered(self, table: str, row: dict[str, Any]) -> int:
        """Add a derived row, its id the next number in the table; return that id."""
        return self.add(table, {"id": len(self.tables.get(table, [])) + 1, **row})

    def cite(self, table: str, fact_id: object, cites: list[Cite]) -> None:
        for cite in cites:
            self.add_numbered("citations", {"fact_table": table, "fact_id": str(fact_id),
                                            "source_id": cite.source, "locator": cite.locator})


def _preferred(names: list[dict[str, Any]], lang: str, scripts: tuple[str, ...]) -> str | None:
    ranked = sorted(
        (n for n in names if n.get("lang") == lang and n.get("script") in scripts),
        key=lambda n: (not n.get("preferred"), scripts.index(n["script"])))
    return ranked[0]["text"] if ranked else None


def rows_of(curated: Curated) -> dict[str, list[dict[str, Any]]]:
    rows = _Rows()
    e = curated.entries
    for v in (x.values for x in e["source"]):
        rows.add("sources", {"id": v["id"], "publisher": v["publisher"], "author": v.get("author"),
                             "title": v["title"], "published": v["published"],
                             **_bounds("published", v["published"]), "url": v.get("url"),
                             "lang": v["lang"], "kind": v["kind"], "note": v.get("note"),
                             "status": v.get("status") or "read",
                             "paraphrased_title": int(bool(v.get("paraphrased_title")))})
    for table, key in (("places", "place"), ("organisations", "organisation"),
                       ("rank_systems", "rank_system")):
        for v in (x.values for x in e[key]):
            rows.add(table, {"id": v["id"], "name_en": v["name_en"], "name_ja": v.get("name_ja"),
                             "country": v.get("country")})
    for v in (x.values for x in e["post"]):
        rows.add("posts", {"id": v["id"], "organisation_id": v["organisation"],
                           "title_en": v["title_en"], "title_ja": v.get("title_ja"),
                           "single_holder": int(v.get("single_holder", True)),
                           "aliases": json.dumps(v.get("aliases") or [], ensure_ascii=False),
                           "military": int(bool(v.get("military"))),
                           "established": v.get("established"),
                           **_bounds("established", v.get("established")),
                           "abolished": v.get("abolished"),
                           **_bounds("abolished", v.get("abolished")), "note": v.get("note")})
        if v.get("sources"):
            rows.cite("posts", v["id"], v["sources"])
    for v in (x.values for x in e["rank"]):
        rows.add("ranks", {"id": v["id"], "system_id": v["system"], "seniority": v["seniority"],
                           "title_en": v["title_en"], "title_ja": v.get("title_ja"),
                           "aliases": json.dumps(v.get("aliases") or [], ensure_ascii=False)})
    for v in (x.values for x in e["person"]):
        _person_rows(rows, v)
    for v in (x.values for x in e["career"]):
        _career_rows(rows, v["person"], v, inherited=[])
    _japanese_names_from_careers(rows.tables)
    derive_windows(rows.tables)
    # Events go in time order so that their rowids (and full-text matches) are in time order.
    for v in sorted((x.values for x in e["event"]), key=_time_order):
        _event_rows(rows, v)
    for v in (x.values for x in e["conflict"]):
        rows.add("conflicts", {"id": v["id"], "subject_table": v["subject"].partition(":")[0],
                               "subject_id": v["subject"].partition(":")[2],
                               "field": v["field"], "reason": v["reason"]})
        for claim in v["claims"]:
            claim_id = rows.add_numbered("conflict_claims", {
                "conflict_id": v["id"],
                "value": claim["value"], "preferred": int(bool(claim.get("preferred"))),
                "note": claim.get("note")})
            rows.cite("conflict_claims", claim_id, claim["sources"])
    return rows.tables


def derive_windows(tables: dict[str, list[dict[str, Any]]]) -> None:
    """Fill each post term's certain and possible days, bounded by the whole record."""
    terms = tables.get("post_terms", [])
    facts = [TermFacts(row["person_id"], row["post_id"], dates.parse(row["start_date"]),
                       dates.parse_optional(row["end_date"])) for row in terms]
    posts = {row["id"]: PostFacts(bool(row["single_holder"]),
                                  dates.parse_optional(row["established"]),
                                  dates.parse_optional(row["abolished"]))
             for row in tables.get("posts", [])}
    lives = {row["id"]: Life(dates.parse_optional(row["born"]), dates.parse_optional(row["died"]))
             for row in tables.get("people", [])}
    for row, window in zip(terms, windows(facts, posts, lives), strict=True):
        row.update({
            "certain_lo": window.certain.lo if window.certain else None,
            "certain_hi": window.certain.hi if window.certain else None,
            "possible_lo": window.possible.lo if window.possible else None,
            "possible_hi": window.possible.hi if window.possible else None,
            "possible_holes": json.dumps([[h.lo, h.hi] for h in window.holes])
            if window.holes else None})


def _time_order(event: dict[str, Any]) -> tuple[str, str, str]:
    parsed = dates.parse(event["date"])
    return parsed.lo, parsed.hi, event["id"]


def _japanese_names_from_careers(tables: dict[str, list[dict[str, Any]]]) -> None:
    """A person whose own entry gives no Japanese form shows one added by a ``[[career]]``
    entry (the kanji first, then the katakana, each in the order written)."""
    forms: dict[str, list[dict[str, Any]]] = {}
    for name in tables.get("names", []):
        forms.setdefault(name["person_id"], []).append(name)
    for person in tables.get("people", []):
        if person["name_ja"] is None:
            person["name_ja"] = _preferred(forms.get(person["id"], []), "ja", JAPANESE_SCRIPTS)


JAPANESE_SCRIPTS = ("kanji", "katakana", "mixed", "hiragana")


def _person_rows(rows: _Rows, v: dict[str, Any]) -> None:
    names = v["names"]
    rows.add("people", {
        "id": v["id"], "country": v["country"],
        "name_en": _preferred(names, "en", ("latin",)) or names[0]["text"],
        "name_ja": _preferred(names, "ja", JAPANESE_SCRIPTS),
        "born": v.get("born"), **_bounds("born", v.get("born")),
        "died": v.get("died"), **_bounds("died", v.get("died")), "note": v.get("note")})
    rows.cite("people", v["id"], v["sources"])
    _career_rows(rows, v["id"], v, inherited=v["sources"])


def _career_rows(rows: _Rows, person_id: str, v: dict[str, Any], inherited: list[Cite]) -> None:
    """Name forms, post terms and rank changes, from a person entry or a ``[[career]]`` one."""
    for name in v.get("names") or []:
        name_id = rows.add_numbered("names", {
            "person_id": person_id,
            "text": name["text"], "script": name["script"], "lang": name["lang"],
            "scheme": name.get("scheme"), "preferred": int(bool(name.get("preferred"))),
            "reading_of": name.get("reading_of"), "note": name.get("note")})
        rows.cite("names", name_id, name.get("sources") or inherited)
    for term in v.get("posts") or []:
        start, end = dates.parse(term["start"]), term.get("end")
        parsed_end = dates.parse_optional(end)
        term_id = rows.add_numbered("post_terms", {
            "person_id": person_id,
            "post_id": term["post"], "start_date": term["start"], "start_lo": start.lo,
            "start_hi": start.hi, "end_date": end,
            "end_lo": parsed_end.lo if parsed_end else dates.LATEST,
            "end_hi": parsed_end.hi if parsed_end else dates.LATEST, "note": term.get("note")})
        rows.cite("post_terms", term_id, term["sources"])
    for change in v.get("ranks") or []:
        change_id = rows.add_numbered("rank_changes", {
            "person_id": person_id,
            "rank_id": change["rank"], "change": change["change"], "date": change["date"],
            **_bounds("date", change["date"]), "note": change.get("note")})
        rows.cite("rank_changes", change_id, change["sources"])


def _event_rows(rows: _Rows, v: dict[str, Any]) -> None:
    rows.add("events", {
        "id": v["id"], "kind": v["kind"], "date": v["date"], **_bounds("date", v["date"]),
        "end_date": v.get("end"), **_bounds("end", v.get("end")), "place_id": v.get("place"),
        "title_en": v["title_en"], "title_ja": v["title_ja"], "summary_en": v["summary_en"],
        "summary_ja": v["summary_ja"], "note": v.get("note")})
    rows.cite("events", v["id"], v["sources"])
    for order, part in enumerate(v.get("participants") or [], start=1):
        part_id = rows.add_numbered("participations", {
            "event_id": v["id"],
            "person_id": part["person"], "side": part["side"], "role": part.get("role"),
            "ord": order, "printed_title": part.get("printed_title"),
            "disputed": int(bool(part.get("disputed"))), "note": part.get("note")})
        # An attendance the event's sources report needs no citation of its own.
        rows.cite("participations", part_id, part.get("sources") or v["sources"])


def write_store(tables: dict[str, list[dict[str, Any]]], path: Path) -> None:
    """Write a fresh store at ``path`` (which must not exist) with sqlite-utils."""
    connection = sqlite3.connect(path)
    try:
        connection.executescript(DDL)
        import sqlite_utils  # ~80 ms to import: paid by a build, not by every start-up

        db = sqlite_utils.Database(connection)
        for table, table_rows in tables.items():
            db.table(table).insert_all(table_rows)
        _write_name_index(connection, tables.get("names", []))
        connection.execute(DERIVE_SIDES)
        fill_indexes(connection)
        write_derived(connection)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()


def _write_name_index(connection: sqlite3.Connection, names: list[dict[str, Any]]) -> None:
    """The name tables: every form's lookup keys, derived once here instead of at each open."""
    from ktimeline.names.forms import NameForm
    from ktimeline.names.writer import write_rows

    write_rows(connection, ((row["id"], NameForm(row["person_id"], row["text"], row["script"],
                                                 row["lang"], row["scheme"])) for row in names))


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


@contextmanager
def _locked(directory: Path, target: Path) -> Iterator[None]:
    """Hold the build lock of ``directory`` (an advisory lock on the directory itself: nothing
    is left behind, and a killed build's lock goes with its process)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise TargetError(f"{target}: another build is writing in {directory}; "
                              "try again when it has finished") from None
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _stale_temporaries(target: Path) -> list[Path]:
    """Temporary files a killed build of ``target`` left (named as mkstemp names ours; the
    target's name is matched literally, never as a pattern)."""
    shape = re.compile(re.escape(target.name) + r"\.tmp[a-z0-9_]{8}(-journal)?")
    return [p for p in target.parent.iterdir() if shape.fullmatch(p.name) and p.is_file()]


def _replace_atomically(tables: dict[str, list[dict[str, Any]]], target: Path) -> None:
    try:
        _prepare_directory(target)
        with _locked(target.parent, target):
            # Under the lock no other build runs: a temporary file of ours is a killed build's.
            for stale in _stale_temporaries(target):
                stale.unlink(missing_ok=True)
            _write_and_rename(tables, target)
    except OSError as error:
        raise TargetError(_describe_os_error(target, error)) from None
    except sqlite3.Error as error:
        raise TargetError(f"{target}: cannot write the new store ({error})") from None


def _prepare_directory(target: Path) -> None:
    if target.is_dir():
        raise TargetError(f"{target}: is a directory; give the path of a store file")
    for parent in target.parents:
        if parent.exists() and not parent.is_dir():
            raise TargetError(f"{target}: {parent} is a file, not a directory")
    target.parent.mkdir(parents=True, exist_ok=True)


def _describe_os_error(target: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    if error.errno == errno.ENOSPC:
        reason = "no space left on the device"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = f"cannot write in {target.parent} ({reason})"
    return f"{target}: {reason}; the old store, if any, is unchanged"


def _write_and_rename(tables: dict[str, list[dict[str, Any]]], target: Path) -> None:
    handle, temp_name = tempfile.mkstemp(prefix=target.name + ".tmp", dir=target.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        temp.unlink()
        write_store(tables, temp)
        with open(temp, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temp, target)
        _sync_directory(target.parent)
    finally:  # only what this build created
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            if leftover.exists():
                leftover.unlink()


def build(directory: Path, target: Path, root: Path | None = None) -> dict[str, int]:
    """Validate ``directory`` and write ``target``; raise BuildError and leave it untouched."""
    curated, problems = check(directory, root)
    if problems:
        raise BuildError(problems)
    tables = rows_of(curated)
    _replace_atomically(tables, target)
    return {table: len(table_rows) for table, table_rows in tables.items()}
