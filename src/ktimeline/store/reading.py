"""What every family of queries shares: the calling thread's connection and row helpers."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ktimeline.store.queries import Store

Row = dict[str, Any]
Params = list[Any] | tuple[Any, ...]


class Reading:
    """A family of read-only queries over a store (timeline, events, people, ...)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def connection(self) -> sqlite3.Connection:
        return self.store.connection

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        return [dict(row) for row in self.connection.execute(sql, params)]

    def one(self, sql: str, params: Params = ()) -> Row | None:
        row = self.connection.execute(sql, params).fetchone()
        return dict(row) if row else None

    def scalar(self, sql: str, params: Params = ()) -> Any:
        row = self.connection.execute(sql, params).fetchone()
        return row[0] if row else None


# Ids asked for at once in one `IN (...)` (below SQLite's oldest limit on parameters, 999).
BATCH = 900


def batches(ids: list[Any], size: int = BATCH) -> list[list[Any]]:
    return [ids[start:start + size] for start in range(0, len(ids), size)]


def marks(ids: list[Any]) -> str:
    """``?, ?, ?`` for an ``IN (...)`` of ``ids``."""
    return ", ".join("?" * len(ids))


EVENT_COLUMNS = """
    e.id, e.date, e.date_lo, e.date_hi, e.end_date, e.kind, e.title_en, e.title_ja,
    p.name_en AS place_en, p.name_ja AS place_ja
"""
