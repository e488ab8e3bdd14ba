"""Why the record says what it says: notes, the sources cited and disagreements, as display text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text

from ktimeline.sourcetext import lead_mark
from ktimeline.tui import text

Row = Mapping[str, Any]
EMPTY: Mapping[str, Row] = {}


def source_brief(source: Row, lang: str = "en") -> str:
    """A source in a few words: publisher, date, locator (``TASS 2019-04-25 p3``), and a
    source only skimmed marked as a lead (ktimeline.sourcetext)."""
    parts = [str(source.get("publisher") or source.get("id") or "?")]
    if source.get("published"):
        parts.append(text.shown_date(str(source["published"]), lang))
    if source.get("locator"):
        parts.append(str(source["locator"]))
    return " ".join(parts) + lead_mark(source, lang)


def cited(claims: Sequence[tuple[str, Sequence[Row]]], lang: str) -> Text:
    """One line naming each source once, with what it supports: ``TASS 2019 (present, rank)``."""
    supports: dict[str, list[str]] = {}
    for what, sources in claims:
        for source in sources:
            whats = supports.setdefault(source_brief(source, lang), [])
            if what and what not in whats:
                whats.append(what)
    out = Text()
    if not supports:
        return out
    out.append(text.ui("sources_label", lang) + ": ", style="dim")
    for index, (brief, whats) in enumerate(supports.items()):
        if index:
            out.append("; ", style="dim")
        out.append(brief, style="dim")
        if whats:
            out.append(f" ({text.ui('list_sep', lang).join(whats)})", style="dim italic")
    return out


def participant_reasons(participant: Row, lang: str, labels: Mapping[str, Row] = EMPTY) -> Text:
    """Under a person present: the note on the attendance, and the sources of the attendance
    and of each post and rank shown."""
    out = Text()
    if participant.get("note"):
        out.append(text.ui("note_label", lang) + ": ", style="dim")
        out.append(text.humanise(str(participant["note"]), labels, lang), style="italic dim")
    claims: list[tuple[str, Sequence[Row]]] = [
        (text.ui("present", lang), participant.get("sources") or [])]
    for item in [*participant.get("ranks", []), *participant.get("posts", [])]:
        claims.append((text.pick(item, "title", lang), item.get("sources") or []))
    line = cited(claims, lang)
    if line.plain:
        if out.plain:
            out.append("\n")
        out.append_text(line)
    return out


def conflict_text(conflict: Row, lang: str, with_field: bool = True,
                  labels: Mapping[str, Row] = EMPTY) -> Text:
    """A disagreement: what it is about, each claim (the preferred one marked) with its
    sources and note, and the reason for the preference."""
    out = Text()
    if with_field:
        out.append(text.field_label(str(conflict.get("field") or ""), lang) + ": ", style="bold")
    for index, claim in enumerate(conflict.get("claims", [])):
        if index:
            out.append(" / ")
        out.append(text.humanise(str(claim["value"]), labels, lang),
                   style="bold" if claim.get("preferred") else "")
        notes = [text.ui("preferred", lang)] if claim.get("preferred") else []
        notes += [source_brief(s, lang) for s in claim.get("sources", [])]
        if claim.get("note"):
            notes.append(text.humanise(str(claim["note"]), labels, lang))
        if notes:
            out.append(f" ({text.ui('list_sep', lang).join(notes)})", style="dim")
    if conflict.get("reason"):
        out.append(f"\n{text.ui('reason', lang)}: ", style="dim")
        out.append(text.humanise(str(conflict["reason"]), labels, lang), style="italic dim")
    return out
