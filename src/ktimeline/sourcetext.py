"""How a source is named to a reader: a real headline in quotation marks, our paraphrase of it
without them, and a source only skimmed (a summary, a teaser, an encyclopedia) marked as a lead."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def source_title(source: Mapping[str, Any]) -> str:
    title = str(source.get("title") or "")
    return title if source.get("paraphrased_title") else f"“{title}”"


def lead_mark(source: Mapping[str, Any], lang: str = "en") -> str:
    """`` (lead)`` for a source the curator saw only in part; empty for one read in full."""
    if source.get("status") != "lead":
        return ""
    return "(参考情報)" if lang == "ja" else " (lead)"
