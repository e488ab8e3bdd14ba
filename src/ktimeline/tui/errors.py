"""Worker failures, reported in one place: a notification, never a traceback."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.worker import Worker, WorkerState


def report_worker_error(node: DOMNode, event: Worker.StateChanged) -> None:
    """Call from every node's ``on_worker_state_changed`` (the message does not bubble)."""
    error = event.worker.error
    if event.state == WorkerState.ERROR and error is not None:
        from ktimeline.tui import text

        lang = str(getattr(node.app, "lang", "en"))
        node.app.notify(f"{type(error).__name__}: {error}", title=text.ui("error_title", lang),
                        severity="error", timeout=8, markup=False)
