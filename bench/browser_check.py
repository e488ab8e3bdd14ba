"""``ktimeline serve`` checked in a real browser: headless Chromium loads the event page of the
2019 Vladivostok summit and the "present at an event" canned query, and the names, posts and
ranks on the page are checked against ``ktimeline event ... --json``. Saves a screenshot.

    python bench/browser_check.py [--screenshot docs/serve.png]

Exits 0 when every check holds, 1 when one fails, and 0 with a message on stderr when no
Chromium is installed (the check is skipped, never silently passed: the message says so).
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

EVENT = "2019-04-25-vladivostok-summit"
ROOT = Path(__file__).resolve().parent.parent


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"nothing answered at {url}")


def browser(binary: str, *arguments: str) -> str:
    done = subprocess.run([binary, "--headless", "--no-sandbox", "--disable-gpu",
                           "--hide-scrollbars", *arguments], capture_output=True, text=True,
                          timeout=120, check=True)
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", default=str(ROOT / "docs" / "serve.png"))
    args = parser.parse_args()
    binary = chromium()
    if binary is None:
        print("browser check skipped: no Chromium on this machine "
              "(apt-get install chromium to run it)", file=sys.stderr)
        return 0
    expected = json.loads(subprocess.run(
        [sys.executable, "-m", "ktimeline", "event", EVENT, "--json"], capture_output=True,
        text=True, check=True).stdout)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "ktimeline", "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    failures: list[str] = []
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/")
        event_page = html.unescape(browser(binary, "--dump-dom", f"{base}/events/events/{EVENT}"))
        if expected["title_en"] not in event_page:
            failures.append(f"the event page does not show its title {expected['title_en']!r}")
        query = f"{base}/events/present_at_event?event_id={EVENT}"
        present = html.unescape(browser(binary, "--dump-dom", query))
        for person in expected["participants"]:
            shown = [person["name_en"], person["post_en"], person["rank_en"],
                     person["post_possible_en"], person["rank_possible_en"]]
            for text in filter(None, shown):
                for part in text.split("; "):
                    if part not in present:
                        failures.append(f"{person['person_id']}: {part!r} not on the page")
        Path(args.screenshot).parent.mkdir(parents=True, exist_ok=True)
        browser(binary, f"--screenshot={args.screenshot}", "--window-size=1280,1100", query)
    finally:
        server.terminate()
        server.wait(timeout=10)
    for failure in failures:
        print(f"browser check: {failure}", file=sys.stderr)
    if failures:
        return 1
    print(f"browser check: {len(expected['participants'])} people, their posts and ranks on "
          f"the page as in 'ktimeline event'; screenshot {args.screenshot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
