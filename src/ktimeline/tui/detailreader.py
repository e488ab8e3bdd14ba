"""Event details read and rendered off the UI thread, on one thread of their own, a step ahead.

A Textual worker per key costs the UI thread a thread start and three state-change messages; a
request here costs a queue put. The detail the cursor will reach next at the same stride is read
ahead (j, k, PgDn and PgUp move at a steady stride), so it is usually ready when the key comes
and the pane changes in the same frame as the cursor, instead of a frame later.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from typing import Any

from ktimeline.store.queries import Store
from ktimeline.tui.widgets.detail import DetailLines, render_detail

Row = dict[str, Any]
Key = tuple[str, str, int]  # event id, language, width
Read = tuple[Row | None, DetailLines]

# Enough for the event shown, the one read ahead and a few just left (k after j).
KEPT = 8


class DetailReader:
    """Reads an event's detail and renders its lines at the pane's width, in the background.

    ``deliver(event_id, detail, lines)`` and ``failed(event_id, error)`` are called on the
    reader's thread (post a message from them); a read asked for after another replaces it,
    and one no longer wanted when its turn comes is skipped.
    """

    def __init__(self, store: Store, deliver: Callable[[str, Row | None, DetailLines], object],
                 failed: Callable[[str, Exception], object]) -> None:
        self._store = store
        self._deliver = deliver
        self._failed = failed
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="ktimeline-detail")
        self._kept: OrderedDict[Key, Read] = OrderedDict()
        self._lock = threading.Lock()
        self._wanted: Key | None = None
        self._last: Future[None] | None = None

    def ready(self, event_id: str, lang: str, width: int) -> Read | None:
        """The detail if it has been read at this width already (and it becomes the wanted one)."""
        key = (event_id, lang, width)
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                self._wanted = key
            return found

    def request(self, event_id: str, lang: str, width: int) -> None:
        """Read the detail, then deliver it (unless another was requested meanwhile)."""
        key = (event_id, lang, width)
        with self._lock:
            self._wanted = key
        self._submit(key, deliver=True)

    def read_ahead(self, event_id: str, lang: str, width: int) -> None:
        """Read the detail into the kept ones, to show at once when it is asked for."""
        key = (event_id, lang, width)
        with self._lock:
            if key in self._kept:
                return
        self._submit(key, deliver=False)

    @property
    def last(self) -> Future[None] | None:
        """The last read asked for (tests and the benchmark wait on it)."""
        return self._last

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _submit(self, key: Key, deliver: bool) -> None:
        with suppress(RuntimeError):  # shut down: the app is closing
            self._last = self._executor.submit(self._read, key, deliver)

    def read_now(self, event_id: str, lang: str, width: int) -> Read | None:
        """Read and render on the calling thread (the first detail, drawn in the first frame);
        None if the read failed (``failed`` was told)."""
        key = (event_id, lang, width)
        with self._lock:
            self._wanted = key
        return self._found(key, report=True)

    def _read(self, key: Key, deliver: bool) -> None:
        if deliver and key != self._wanted:
            return  # another event was highlighted since: its read is queued behind
        found = self._found(key, report=deliver)
        if found is not None and deliver and key == self._wanted:
            self._deliver(key[0], *found)

    def _found(self, key: Key, report: bool) -> Read | None:
        """The detail kept, or read and rendered now and kept; None if the read failed."""
        with self._lock:
            found = self._kept.get(key)
        if found is not None:
            return found
        event_id, lang, width = key
        try:
            detail = self._store.events.with_reasons(event_id)
            found = (detail, render_detail(detail, lang, width))
        except Exception as error:  # told to the user, never raised on this thread
            if report:
                self._failed(event_id, error)
            return None
        with self._lock:
            self._kept[key] = found
            while len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        return found
