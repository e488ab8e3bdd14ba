"""Worker failures, reported in one place: a notification, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

from ktimeline.store.db import (
    MALFORMED_ERRORS,
    StoreError,
    describe_error,
    describe_malformed,
)


def error_message(path: Path | None, error: BaseException) -> str:
    """What the user is told of a failure reading the store at ``path``: one clear line."""
    if isinstance(error, StoreError):
        return str(error)
    if isinstance(error, MALFORMED_ERRORS):
        return describe_malformed(path, error)
    if isinstance(error, sqlite3.Error) and path is not None:
        return describe_error(path, error)
    return f"{type(error).__name__}: {error}"


def report_worker_error(node: DOMNode, event: Worker.StateChanged) -> None:
    """Call from every node's ``on_worker_state_changed`` (the message does not bubble)."""
    error = event.worker.error
    if event.state == WorkerState.ERROR and error is not None and not event.worker.is_cancelled:
        # (a cancelled worker's error is that it was stopped: a search abandoned for a newer)
        from ktimeline.tui import text

        lang = str(getattr(node.app, "lang", "en"))
        path = getattr(getattr(node.app, "store", None), "path", None)
        node.app.notify(error_message(path, error), title=text.ui("error_title", lang),
                        severity="error", timeout=8, markup=False)
