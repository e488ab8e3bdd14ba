"""Command line: subcommands that answer in JSON (a public interface) or readable tables.

One module a concern: ``output`` (errors, JSON, tables), ``choosing`` (the person, kind, side
and filter the user named), ``listing`` (events, export, timeline), ``lookup`` (event,
person, asof, search, cite, lineup, post), ``curation`` (check, build, serve) and ``parser``
(the grammar); this one runs them."""

from __future__ import annotations

import errno
import importlib
import io
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ktimeline.cli.output import EXIT_BAD_INPUT, UsageError, error_line, unicode_output
from ktimeline.store.db import (
    MALFORMED_ERRORS,
    StoreError,
    describe_error,
    describe_malformed,
    resolve_path,
)
from ktimeline.store.queries import Store

if TYPE_CHECKING:
    import argparse


def _later(module: str, name: str) -> Callable[..., Any]:
    """A command, its module imported when it runs: the explorer, the commonest use, needs
    none of them (their tables, citations and people modules cost its first frame ~30 ms)."""
    def command(*args: Any) -> Any:
        return getattr(importlib.import_module(f"ktimeline.cli.{module}"), name)(*args)

    command.__name__ = name
    return command


STORE_COMMANDS: dict[str, Callable[[Store, argparse.Namespace], None]] = {
    name: _later(module, f"cmd_{name}") for name, module in (
        ("events", "listing"), ("export", "listing"), ("timeline", "listing"),
        ("event", "lookup"), ("person", "lookup"), ("asof", "lookup"), ("search", "lookup"),
        ("lineup", "lookup"), ("post", "lookup"), ("cite", "lookup"))}
# The commands that need no store (check, build) or open it their own way (serve): an exit code.
CURATION_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    name: _later("curation", f"cmd_{name}") for name in ("check", "build", "serve")}


def interactive() -> bool:
    """Both ends are a terminal that can draw: plain ``ktimeline`` opens the explorer. A dumb
    terminal (TERM=dumb: no cursor movement) gets the printed timeline, as when piped."""
    return sys.stdin.isatty() and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def run_app(path: Path) -> int:
    from ktimeline.tui.collector import pause_for_start, resume_after_start

    pause_for_start()
    try:
        return _run_app(path)
    finally:
        resume_after_start()


def _run_app(path: Path) -> int:
    from ktimeline.tui.app import make_app  # Textual is imported only when it is needed

    app = make_app(path)
    # The explorer draws on stderr (Textual's choice). In a locale that cannot encode a line or
    # a kanji (Latin-1, EUC-JP), each such character is one "?", not an escape six cells wide
    # that would break every line's width.
    if isinstance(sys.__stderr__, io.TextIOWrapper):
        sys.__stderr__.reconfigure(errors="replace")
    try:
        app.run()
    finally:
        app.store.close()
    return app.return_code or 0  # a crash (Textual prints it) is not a success


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


_WRITE_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; a closed or full output and an interrupt end in one line, never a
    traceback."""
    if sys.stderr is None:  # started with 2>&-
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (for the life of the process)
    if sys.stdout is None:  # started with >&-
        sys.stderr.write(error_line("standard output is closed"))
        return EXIT_BAD_INPUT
    try:
        code = _main(argv)
        sys.stdout.flush()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader left (| head): nothing more to say
        _silence_stdout()
        return 0
    except OSError as error:
        _silence_stdout()
        what = "cannot write the output" if error.errno in _WRITE_ERRORS else "cannot go on"
        sys.stderr.write(error_line(f"{what} ({error.strerror or error})"))
        return EXIT_BAD_INPUT
    return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no file descriptor: a test's StringIO
        pass


def explorer_store(given: Sequence[str]) -> tuple[bool, str | None]:
    """Whether the arguments are plain ``ktimeline``, ``--db PATH`` or ``--db=PATH`` (what opens
    the explorer) and the store they name (None: the default one), read without argparse (its
    import and gettext's are ~2 ms of the first frame)."""
    if not given:
        return True, None
    if len(given) == 2 and given[0] == "--db" and not given[1].startswith("-"):
        return True, given[1]
    if len(given) == 1 and given[0].startswith("--db="):
        return True, given[0].removeprefix("--db=")
    return False, None


def _main(argv: Sequence[str] | None) -> int:
    unicode_output()  # before anything is printed, argparse's own messages included
    given = list(sys.argv[1:] if argv is None else argv)
    explorer, db = explorer_store(given)
    try:
        if explorer and interactive():
            return run_app(resolve_path(db))
        from ktimeline.cli.parser import parse  # argparse: not needed for the explorer

        args = parse(given)
        db = args.db
        command = args.command or "timeline"
        if command in CURATION_COMMANDS:
            return CURATION_COMMANDS[command](args)
        path = resolve_path(db)
        store = Store.open(path)
        try:
            STORE_COMMANDS[command](store, args)
        except MALFORMED_ERRORS as error:
            raise StoreError(describe_malformed(path, error)) from None
        finally:
            store.close()
    except (UsageError, StoreError) as error:
        sys.stderr.write(error_line(str(error)))
        return EXIT_BAD_INPUT
    except sqlite3.DatabaseError as error:
        sys.stderr.write(error_line(describe_error(resolve_path(db), error)))
        return EXIT_BAD_INPUT
    return 0
