"""How ktimeline starts helper processes: one rule, for every builder that shares out work.

The rule: **fork**, where the platform has it. A child starts in milliseconds with the modules
imported and its share of the work already in memory, and nothing is pickled to it. In return a
child never touches an SQLite connection it inherited: it opens files of its own, and the parent
merges what they hold. Builders fork from the command line, before any thread of theirs starts.
Where fork is missing, the work runs in the calling process instead.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import ForkContext


def helper_context() -> ForkContext | None:
    """The context to start helper processes from, or None to do the work in this process."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")
