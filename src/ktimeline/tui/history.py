"""Back and forward through what the user opened (events and people), like a browser."""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    kind: str  # "event" | "person"
    id: str


class History:
    def __init__(self, limit: int = 200) -> None:
        self.places: list[Place] = []
        self.index = -1
        self.limit = limit

    def push(self, place: Place) -> None:
        if 0 <= self.index < len(self.places) and self.places[self.index] == place:
            return
        del self.places[self.index + 1:]
        self.places.append(place)
        if len(self.places) > self.limit:
            del self.places[0]
        self.index = len(self.places) - 1

    def back(self) -> Place | None:
        if self.index <= 0:
            return None
        self.index -= 1
        return self.places[self.index]

    def forward(self) -> Place | None:
        if self.index >= len(self.places) - 1:
            return None
        self.index += 1
        return self.places[self.index]
