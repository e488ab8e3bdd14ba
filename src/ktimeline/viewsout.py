"""The line-up on a date and a post's holders, as text for the terminal (the CLI's tables)."""

from __future__ import annotations

from typing import Any

from ktimeline.spans import possibly, term_phrase

Row = dict[str, Any]

# How a term meets the one before it in a single-holder post, in words.
MEETINGS = {"handover": "handed over", "gap": "a gap in the record",
            "overlap": "overlaps the term before (the record disagrees with itself)",
            "open": "handover date not known"}


def _holder(holder: Row) -> str:
    name = holder.get("name_en") or holder["person_id"]
    return possibly(name) if holder.get("certainty") == "possible" else name


def lineup(payload: Row) -> str:
    """Posts grouped by side and organisation, each with its holders on the date."""
    compared = "compare_date" in payload
    title = f"Line-up on {payload['date']}" + (
        f", only what changed by {payload['compare_date']}" if compared else "")
    lines = [title + ":"]
    group = None
    for post in payload["posts"]:
        if (post["side"], post["organisation_en"]) != group:
            group = (post["side"], post["organisation_en"])
            lines += ["", f"{post['side'] or '?'}  {post['organisation_en']}"]
        holders = ", ".join(_holder(h) for h in post["holders"]) or "—"
        line = f"  {post['title_en']}: {holders}"
        if compared:
            later = ", ".join(_holder(h) for h in post["compare_holders"]) or "—"
            line += f"  →  {later}"
        lines.append(line)
    if not payload["posts"]:
        lines.append("  no post changed hands" if compared else "  no posts recorded")
    return "\n".join(lines) + "\n"


def post_history(payload: Row) -> str:
    """One post and its terms in time order, with how each meets the one before."""
    kind = "one holder at a time" if payload["single_holder"] else "several holders at once"
    lines = [f"{payload['title_en']}  {payload.get('title_ja') or ''}  ({payload['post_id']})",
             f"{payload['organisation_en']} · {payload['side'] or '?'} · {kind}"]
    existed = [f"{label} {payload[field]}" for field, label in
               (("established", "established"), ("abolished", "abolished")) if payload.get(field)]
    if existed:
        lines.append("; ".join(existed))
    lines.append("")
    for term in payload["terms"]:
        if term.get("after"):
            lines.append(f"      ({MEETINGS[term['after']]})")
        name = term.get("name_en") or term["person_id"]
        lines.append(f"  {name}: {term_phrase(term['start'], term['end'])}")
    if not payload["terms"]:
        lines.append("  no holder recorded")
    return "\n".join(lines) + "\n"
