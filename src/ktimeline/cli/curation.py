"""The commands for the curated files and for sharing the store: check, build, serve."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from ktimeline import safetext
from ktimeline.cli.output import EXIT_BAD_INPUT, UsageError, clean, error_line
from ktimeline.store.db import (
    resolve_path,
)
from ktimeline.store.queries import Store


def cmd_check(args: argparse.Namespace) -> int:
    from ktimeline.store.build import check  # the curated files' chain: only check and build

    source = _source_dir(args.source)
    curated, problems = check(source, Path.cwd())
    for problem in problems:
        sys.stdout.write(f"{safetext.visible(problem)}\n")
    counts = {table: len(entries) for table, entries in curated.entries.items()}
    summary = ", ".join(f"{n} {table}" for table, n in counts.items() if n)
    if problems:
        sys.stderr.write(error_line(f"{len(problems)} problem(s) in {source}"))
        return 1
    sys.stdout.write(f"ok: {summary}\n")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from ktimeline.store.build import BuildError, TargetError, build

    source = _source_dir(args.source)
    target = Path(args.out)
    try:
        counts = build(source, target, Path.cwd())
    except BuildError as error:
        for problem in error.problems:
            sys.stdout.write(f"{safetext.visible(problem)}\n")
        sys.stderr.write(error_line(f"build refused, {len(error.problems)} problem(s); "
                                    f"{target} left as it was"))
        return 1
    except TargetError as error:
        sys.stderr.write(error_line(str(error)))
        return EXIT_BAD_INPUT
    built = ", ".join(f"{n} {t}" for t, n in counts.items())
    where = clean(str(target.resolve()))
    sys.stdout.write(f"built {safetext.visible(where)}: {built}\n")
    # An installed ktimeline reads the store inside its package, not this one: say how to.
    sys.stdout.write(f"open it with: ktimeline --db {safetext.visible(shlex.quote(where))}\n")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ktimeline import web  # Datasette: an optional extra, imported only here

    path = resolve_path(args.db)
    Store.open(path).close()  # a broken store is one line here, not a web server's traceback
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: give a port from 1 to 65535")
    sys.stderr.write(f"serving {safetext.visible(str(path))} read-only at "
                     f"http://{args.host}:{args.port}/ (Ctrl+C stops it)\n")
    try:
        return web.serve(path.resolve(), args.host, args.port)
    except RuntimeError as error:
        raise UsageError(str(error)) from None


def _source_dir(text: str) -> Path:
    path = Path(text)
    if not path.is_dir():
        raise UsageError(f"{path}: no such directory of curated files "
                         "(run from the repository root or pass --source)")
    return path
