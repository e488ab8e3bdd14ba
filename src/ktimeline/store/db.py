"""Find and open the store read-only, turning every way it can be broken into one clear line."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

from ktimeline.store.schema import DERIVED_TABLES, SCHEMA_VERSION, TABLES

SQLITE_HEADER = b"SQLite format 3\x00"
ENV_VAR = "KTIMELINE_DB"


class StoreError(Exception):
    """The store cannot be used; the message is one line naming the path and the reason."""


def bundled_store() -> Path:
    """The store shipped in the wheel, or the repository's data/events.db in a checkout."""
    package_copy = Path(__file__).resolve().parent.parent / "data" / "events.db"
    if package_copy.is_file():
        return package_copy
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "data" / "events.db"
        if candidate.is_file() and (parent / "pyproject.toml").is_file():
            return candidate
    return package_copy


def resolve_path(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env)
    return bundled_store()


def _check_file(path: Path) -> bool:
    """Check ``path`` is a store that can be read; return whether it is in WAL mode."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise StoreError(f"{path}: no such file") from None
    except PermissionError:
        # A directory on the way that may not be searched.
        raise StoreError(f"{path}: permission denied") from None
    except OSError as error:  # a loop of links, a name too long, ...
        raise StoreError(f"{path}: cannot read ({error.strerror or error})") from None
    if stat.S_ISDIR(mode):
        raise StoreError(f"{path}: is a directory, not a store")
    if not stat.S_ISREG(mode):  # a FIFO would block the read forever
        raise StoreError(f"{path}: not a regular file, not a store")
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise StoreError(f"{path}: permission denied") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror or error})") from None
    if not header:
        raise StoreError(f"{path}: empty file, not a store (build one with 'ktimeline build')")
    if header != SQLITE_HEADER:
        raise StoreError(f"{path}: not an SQLite database")
    for suffix, what in (("-journal", "an unfinished write"), ("-wal", "changes not yet in it")):
        companion = Path(f"{path}{suffix}")
        if companion.is_file() and companion.stat().st_size > 0:
            raise StoreError(f"{path}: {companion.name} holds {what}; open the store once "
                             "with sqlite3 where it can be written, or rebuild it")
    with open(path, "rb") as handle:
        versions = handle.read(20)[18:20]
    return versions == b"\x02\x02"


# What reading a store whose values the schema does not expect raises (a NULL title, a blob
# date, JSON that is not, an id that points nowhere): never a bug of the reader's to show.
MALFORMED_ERRORS = (TypeError, ValueError, KeyError, IndexError, AttributeError, OverflowError)


def describe_malformed(path: Path | None, error: Exception) -> str:
    """One line for a store that holds a value of the wrong kind somewhere."""
    where = f"{path}: " if path else ""
    return (f"{where}the store holds a value it should not ({type(error).__name__}: {error}); "
            "rebuild it with 'ktimeline build'")


def describe_error(path: Path, error: sqlite3.Error) -> str:
    """One line for a database error met while reading ``path``."""
    if "locked" in str(error) or "busy" in str(error):
        return f"{path}: locked by another process; try again when it has finished"
    return f"{path}: damaged or unreadable database ({error})"


def _connect(path: Path, wal: bool) -> sqlite3.Connection:
    # Bytes, not text: a path that is not valid UTF-8 still names the file. A WAL-mode store
    # (checked to have no pending changes) is opened immutable, so that reading it creates no
    # -wal and -shm files beside it.
    uri = f"file:{quote(os.fsencode(path.resolve()))}?mode=ro" + ("&immutable=1" if wal else "")
    try:
        # A writer holding the lock briefly (a build elsewhere) is waited for, not reported.
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=2.0)
    except sqlite3.Error as error:
        raise StoreError(f"{path}: cannot open ({error})") from None
    connection.row_factory = sqlite3.Row
    return connection


def reopen_store(path: Path) -> sqlite3.Connection:
    """Another read-only connection to a store ``open_store`` has already checked."""
    return _connect(path, _check_file(path))


def open_store(path: Path) -> sqlite3.Connection:
    """Open ``path`` read-only and check it is a ktimeline store of this schema version."""
    connection = _connect(path, _check_file(path))
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        present = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not set(TABLES) | set(DERIVED_TABLES) | {"events_fts", "events_short"} <= present \
                and version == SCHEMA_VERSION:
            raise StoreError(f"{path}: an SQLite database, but not a ktimeline store")
        if not set(TABLES) <= present:
            raise StoreError(f"{path}: an SQLite database, but not a ktimeline store")
        if version != SCHEMA_VERSION:
            age = "older" if version < SCHEMA_VERSION else "newer"
            raise StoreError(f"{path}: schema version {version} is {age} than this ktimeline's "
                             f"{SCHEMA_VERSION}; rebuild it with 'ktimeline build'")
        # One row read proves the table readable; count(*) would read them all (7 ms at 1M).
        connection.execute("SELECT id FROM events LIMIT 1").fetchone()
    except sqlite3.DatabaseError as error:
        connection.close()
        raise StoreError(describe_error(path, error)) from None
    except StoreError:
        connection.close()
        raise
    return connection
