"""Web addresses from the store, opened in the user's browser or made terminal hyperlinks.

An address is untrusted text: only a web address (http or https) with nothing unsafe in it is
ever linked or opened; a ``javascript:`` or ``file:`` address, or one holding a control or bidi
character, is shown as text and nothing more. Opening never hands the terminal to a text-mode
browser (which Python's ``webbrowser`` picks when there is no display, over SSH): with no
graphical browser to start, the caller is told so and can copy the address instead.
"""

from __future__ import annotations

import os
import re
import shutil
import string
import subprocess
import sys
import threading
from urllib.parse import quote

from ktimeline.safetext import unsafe_chars

_WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)
# What an address may keep as it is in a link; anything else (Japanese in a path) is
# percent-encoded, so the link is printable ASCII from end to end.
_KEPT = "".join(c for c in string.printable if not c.isspace() and c != "%") + "%"


def link_target(url: str | None) -> str | None:
    """The address a link may point at, or None when this one may not be linked."""
    if not url or not _WEB_ADDRESS.fullmatch(url) or unsafe_chars(url):
        return None
    return quote(url, safe=_KEPT)


def browser_command() -> list[str] | None:
    """The command that starts the desktop's browser, or None where there is none to start
    (no display: a terminal over SSH, a container)."""
    if sys.platform == "darwin":
        return ["open"]
    if sys.platform == "win32":
        return ["explorer"]
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return None
    found = shutil.which("xdg-open")
    return [found] if found else None


def open_in_browser(url: str | None) -> bool:
    """Start the browser on ``url`` in the background; False when it may not be opened or there
    is no browser to open it in."""
    target = link_target(url)
    command = browser_command()
    if target is None or command is None:
        return False
    try:
        process = subprocess.Popen([*command, target], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
    except OSError:
        return False
    threading.Thread(target=process.wait, daemon=True).start()  # reaped, never a zombie
    return True
