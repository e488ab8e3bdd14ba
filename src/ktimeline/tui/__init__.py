"""The interactive Textual explorer; import ``make_app`` from ``ktimeline.tui.app``."""
