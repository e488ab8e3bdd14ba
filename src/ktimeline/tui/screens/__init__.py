"""Screens of the explorer: main, person, search, filter, go to date, help."""
