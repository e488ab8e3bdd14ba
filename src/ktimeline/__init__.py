"""ktimeline: a terminal timeline explorer of North Korea–USSR/Russia relations."""

__version__ = "0.1.0"
