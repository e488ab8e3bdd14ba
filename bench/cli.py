"""The command line at the explorer's scale: whole-record output, first bytes, piping into head.

    python bench/cli.py [--sizes 10000,100000,1000000] [--cache /tmp/ktimeline-bench]
                        [--lines 100000] [--out bench/cli-results.md]

Synthetic stores (``python -m ktimeline.store.synthetic``) are written to the cache directory once
and reused (the same cache as bench/run.py). Each figure is one run of a real process:

- **events --json > /dev/null**: wall time to the end and the process's peak RSS (``ru_maxrss``
  of the child, from ``os.wait4``).
- **first byte** of ``events``, ``timeline``, ``events --json``: from the spawn to the first byte
  on the pipe; the process is then killed.
- **timeline | head -1**: the shell pipeline, from the spawn to its end (head leaves after one
  line; ktimeline must stop at once).
- **person --stdin --json**: ``--lines`` names (the store's own spelling of synthetic people, and
  misspellings), time per line over the whole run.

It asserts nothing: the figures belong to the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import select
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ensure_store, label

KTIMELINE = [sys.executable, "-m", "ktimeline"]


def whole_json(store: Path) -> tuple[float, float]:
    """Seconds and peak MB of ``events --json > /dev/null``."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen([*KTIMELINE, "--db", str(store), "events", "--json"],
                                   stdout=sink, stderr=subprocess.PIPE)
        _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise RuntimeError(f"events --json failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024


def first_byte(store: Path, *command: str) -> float:
    started = time.perf_counter()
    process = subprocess.Popen([*KTIMELINE, "--db", str(store), *command],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 600)
    elapsed = time.perf_counter() - started
    got = os.read(process.stdout.fileno(), 1) if ready else b""
    process.kill()
    process.wait()
    if not got:
        raise RuntimeError(f"{command}: no output")
    return elapsed


def into_head(store: Path) -> float:
    command = f"{' '.join(KTIMELINE)} --db {store} timeline | head -1 > /dev/null"
    started = time.perf_counter()
    subprocess.run(command, shell=True, check=True)
    return time.perf_counter() - started


def stdin_lookup(store: Path, lines: int) -> float:
    """Milliseconds per line of ``person --stdin --json`` over ``lines`` names."""
    rng = random.Random(5)
    import sqlite3

    connection = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    names = [row[0] for row in connection.execute(
        "SELECT text FROM names WHERE script = 'latin' LIMIT 2000")]
    connection.close()
    queries = []
    for _ in range(lines):
        name = rng.choice(names)
        if rng.random() < 0.3 and len(name) > 4:  # a typo: two letters swapped
            i = rng.randrange(len(name) - 1)
            name = name[:i] + name[i + 1] + name[i] + name[i + 2:]
        queries.append(name)
    started = time.perf_counter()
    done = subprocess.run([*KTIMELINE, "--db", str(store), "person", "--stdin", "--json"],
                          input="\n".join(queries).encode(), stdout=subprocess.DEVNULL,
                          check=True)
    assert done.returncode == 0
    return (time.perf_counter() - started) * 1000 / lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--cache", default="/tmp/ktimeline-bench")
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--out", default=str(Path(__file__).parent / "cli-results.md"))
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    rows: dict[str, list[str]] = {}
    for size in sizes:
        store = ensure_store(Path(args.cache), size)
        seconds, peak = whole_json(store)
        rows.setdefault("events --json > /dev/null (s)", []).append(f"{seconds:.1f}")
        rows.setdefault("events --json > /dev/null, peak RSS (MB)", []).append(f"{peak:.0f}")
        for name, command in (("events", ("events",)), ("timeline", ("timeline",)),
                              ("events --json", ("events", "--json"))):
            rows.setdefault(f"first byte of {name} (s)", []).append(
                f"{first_byte(store, *command):.2f}")
        rows.setdefault("timeline | head -1 (s)", []).append(f"{into_head(store):.2f}")
        print(f"{label(size)} done", file=sys.stderr)
    largest = ensure_store(Path(args.cache), sizes[-1])
    per_line = stdin_lookup(largest, args.lines)
    header = "| command | " + " | ".join(f"{label(s)} events" for s in sizes) + " |"
    lines = [header, "|---" * (len(sizes) + 1) + "|"]
    lines += [f"| {metric} | " + " | ".join(values) + " |" for metric, values in rows.items()]
    lines.append(f"\nperson --stdin --json, {args.lines:,} lines against {label(sizes[-1])}: "
                 f"{per_line:.2f} ms per line")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    text = "\n".join(lines) + f"\n\nMachine: {machine}; load average {os.getloadavg()[0]:.2f}.\n"
    print(text)
    Path(args.out).write_text(text, "utf-8")


if __name__ == "__main__":
    main()
