"""Widgets of the explorer: the virtual timeline and the event detail pane."""
