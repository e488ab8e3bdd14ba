"""What every screen of the explorer shares: typed access to the app that owns the store."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from ktimeline.tui.app import KTimelineApp


class UsesKTimelineApp:
    """Mixed into a Screen: ``self.kt`` is the running KTimelineApp (store, names, language)."""

    @property
    def kt(self) -> KTimelineApp:
        from ktimeline.tui.app import KTimelineApp  # app.py imports the screens

        app = cast(DOMNode, self).app
        assert isinstance(app, KTimelineApp)
        return app
