"""The cycle collector's full passes, run when the user pauses instead of inside a key; and no
collection at all while the explorer starts.

A full pass walks every object made since start-up (pages of rows, drawn lines, details read):
10-25 ms, which the key it fell into paid (the spikes in the benchmark's p95). The young
generations are still collected as usual, within keys: they are small.
"""

from __future__ import annotations

import gc
from time import monotonic

# No input for this long is a pause; a pass then costs the user nothing they notice.
PAUSE = 0.5  # seconds
CHECK_EVERY = 1.0  # seconds
# As often as Python would (a full pass per ten passes over the middle generation).
FULL_AFTER = 10
NEVER = 1 << 30

_paused_for_start = False


def pause_for_start() -> None:
    """No collection until the first frame. Starting builds some hundred thousand objects
    (Textual's modules and ours, the stylesheet, the screen) and none of them is garbage, yet
    the young generation's threshold (700 allocations) sets off a pass every few hundred
    microseconds, each walking what is new: ~10 ms of the first frame, for nothing."""
    global _paused_for_start
    if gc.isenabled():
        gc.disable()
        _paused_for_start = True


def resume_after_start() -> None:
    """Collect as usual again (once the first frame is out, or if starting failed); a no-op
    unless ``pause_for_start`` turned collection off (the tests' apps never do)."""
    global _paused_for_start
    if _paused_for_start:
        _paused_for_start = False
        gc.enable()


class IdleCollector:
    """Takes full collections away from the interpreter and runs them in pauses of input."""

    def __init__(self) -> None:
        self.last_input = monotonic()
        self._thresholds: tuple[int, int, int] | None = None

    def start(self) -> None:
        """Everything built so far (modules, the name index, the screen) lives as long as the
        app: frozen, out of the cycle collector's sight, so that its full passes no longer walk
        it all in the middle of a key press (they were the 60-120 ms spikes in the benchmark's
        p95). Full passes then wait for pauses."""
        if self._thresholds is None:
            gc.collect()
            gc.freeze()
            self._thresholds = gc.get_threshold()
            young, middle, _old = self._thresholds
            gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        """Undo ``start``: the interpreter's own schedule back, and what was frozen collectable
        again (another app in the same process, as in the tests, starts from a clean slate)."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
            gc.unfreeze()

    def input_seen(self) -> None:
        self.last_input = monotonic()

    def collect_if_paused(self) -> bool:
        """Run a full pass if one is due and input has paused; True if it ran."""
        if self._thresholds is None or gc.get_count()[2] < FULL_AFTER:
            return False
        if monotonic() - self.last_input < PAUSE:
            return False
        gc.collect()
        return True
