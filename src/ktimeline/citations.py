"""An event's sources as citations a newsroom, a reference manager or a paper accepts: plain text
and Markdown in a news style, CSL-JSON (Zotero, Pandoc) and BibTeX. The CLI's ``cite`` and the
explorer's copy use this one module. Text from the store arrives here already made visible."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from ktimeline.sourcetext import source_title
from ktimeline.spans import possibly
from ktimeline.store import dates

Row = Mapping[str, Any]
FORMATS = ("text", "md", "paragraph", "csl-json", "bibtex")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def when_published(text: str, lang: str = "en") -> str:
    """A date as a reader writes it: 25 April 2019, April 2019, 2019; a span the record leaves
    open as such (some day between 19 and 23 September 1994, by 2019, from 2019, about 2019)."""
    ja = lang == "ja"
    if ".." in text:
        head, _, tail = text.partition("..")
        if head and tail:
            return f"{_point(head, lang)}から{_point(tail, lang)}の間" if ja else \
                f"between {_point(head, lang)} and {_point(tail, lang)}"
        if tail:
            return f"{_point(tail, lang)}以前" if ja else f"by {_point(tail, lang)}"
        return f"{_point(head, lang)}以降" if ja else f"from {_point(head, lang)}"
    if text.endswith("~"):
        return f"{_point(text[:-1], lang)}頃" if ja else f"about {_point(text[:-1], lang)}"
    return _point(text, lang)


def _point(text: str, lang: str) -> str:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return dates.display(text)
    parts = text.split("-")
    if lang == "ja":
        return "".join(f"{int(p)}{unit}" for p, unit in zip(parts, "年月日", strict=False))
    month = _MONTHS[int(parts[1]) - 1] if len(parts) > 1 else ""
    return " ".join(p for p in (str(int(parts[2])) if len(parts) > 2 else "", month, parts[0])
                    if p)


def _locator(source: Row, lang: str) -> str:
    locator = source.get("locator")
    if not locator:
        return ""
    paragraph = re.fullmatch(r"p(\d+)", str(locator))
    if paragraph:
        return f"第{paragraph.group(1)}段落" if lang == "ja" else f"para. {paragraph.group(1)}"
    return str(locator)


def line(source: Row, lang: str = "en", markdown: bool = False) -> str:
    """One source: publisher, title (in quotation marks only when it is the real headline),
    date, address, the place within it, and a mark on a source only partly read."""
    title = source_title(source)
    if lang == "ja" and not source.get("paraphrased_title"):
        title = f"「{source.get('title') or ''}」"
    if source.get("paraphrased_title"):
        title += " [description, not the headline]" if lang == "en" else "(題名は要約)"
    if markdown and source.get("url"):
        title = f"[{_md(title)}]({source['url']})"
    elif markdown:
        title = _md(title)
    parts = [_md(str(source.get("publisher") or "")) if markdown else
             str(source.get("publisher") or "")]
    if source.get("author"):
        author = str(source["author"])
        parts.append(_md(author) if markdown else author)
    parts += [title, when_published(str(source.get("published") or ""), lang)]
    if source.get("url") and not markdown:
        parts.append(str(source["url"]))
    located = _locator(source, lang)
    if located:
        parts.append(located)
    text = ("、" if lang == "ja" else ", ").join(p for p in parts if p)
    if source.get("status") == "lead":
        text += "(要約・事典のみ確認)" if lang == "ja" else " (lead: only a summary seen)"
    return text


def _md(text: str) -> str:
    """Text that Markdown shows as it is (no link, emphasis or HTML made of it)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!<>|~])")


def text_list(event: Row, lang: str = "en", markdown: bool = False) -> str:
    """The event's sources as a numbered list, under the event it documents."""
    title = event.get(f"title_{lang}") or event.get("title_en") or ""
    head = f"{title} ({dates.display(str(event.get('date') or ''))})"
    lines = [f"**{_md(head)}**" if markdown else head, ""]
    for number, source in enumerate(event.get("sources") or [], start=1):
        # Markdown numbers a list itself: every item is "1.".
        marker = "1." if markdown else f"{number}."
        lines.append(f"{marker} {line(source, lang, markdown)}")
    return "\n".join(lines) + "\n"


def _event_when(event: Row, lang: str) -> str:
    start = when_published(str(event.get("date") or ""), lang)
    end = event.get("end_date")
    if not end:
        return start
    return f"{start}〜{when_published(str(end), lang)}" if lang == "ja" else \
        f"{start} – {when_published(str(end), lang)}"


def _held(person: Row, lang: str) -> list[str]:
    """What a person held that day: ranks, then posts, each only once (a post held in two
    terms, or a title shared by two posts), a possible one said so."""
    shown: dict[str, bool] = {}
    for item in [*(person.get("ranks") or []), *(person.get("posts") or [])]:
        title = str(item.get(f"title_{lang}") or item.get("title_en") or "")
        certain = item.get("certainty") != "possible"
        if title:
            shown[title] = shown.get(title, False) or certain
    return [title if certain else possibly(title, lang) for title, certain in shown.items()]


def paragraph(event: Row, lang: str = "en") -> str:
    """The event in one paragraph a reporter can paste: what, when, where, who was present with
    the post and rank the record gives them that day (a possible one said so), and the sources.
    """
    ja = lang == "ja"
    title = str(event.get(f"title_{lang}") or event.get("title_en") or "")
    place = str(event.get(f"place_{lang}") or event.get("place_en") or "")
    people = []
    for person in event.get("participants") or []:
        name = str(person.get(f"name_{lang}") or person.get("name_en")
                   or person.get("person_id") or "")
        held = _held(person, lang)
        joined = ("、" if ja else "; ").join(held)
        people.append(f"{name}({joined})" if ja and held else
                      f"{name} ({joined})" if held else name)
    sources = [line(source, lang) for source in event.get("sources") or []]
    where = f"、{place}" if ja and place else f", {place}" if place else ""
    if ja:
        text = f"{title}。{_event_when(event, lang)}{where}。"
        if people:
            text += "出席者:" + "、".join(people) + "。"
        if sources:
            text += "出典:" + ";".join(sources) + "。"
        return text + f"(ktimeline {event.get('id')})\n"
    when = _event_when(event, lang)
    text = f"{title}. {when[:1].upper()}{when[1:]}{where}."
    if people:
        text += " Present: " + ", ".join(people) + "."
    if sources:
        text += " Sources: " + "; ".join(sources) + "."
    return text + f" (ktimeline event {event.get('id')})\n"


def _issued(published: str) -> dict[str, Any]:
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", published):
        return {"date-parts": [[int(p) for p in published.split("-")]]}
    return {"literal": published}


_CSL_TYPE = {"primary": "webpage", "press": "article-newspaper", "analysis": "report",
             "reference": "entry-encyclopedia"}


def csl_items(event: Row) -> list[dict[str, Any]]:
    """CSL-JSON items (what Zotero imports and Pandoc cites), one per source."""
    items = []
    for source in event.get("sources") or []:
        notes = []
        if source.get("paraphrased_title"):
            notes.append("title is a description, not the headline")
        if source.get("status") == "lead":
            notes.append("only a summary or an encyclopedia entry was seen")
        if source.get("locator"):
            notes.append(f"locator: {source['locator']}")
        notes.append(f"cited for ktimeline event {event.get('id')}")
        item: dict[str, Any] = {
            "id": source["id"], "type": _CSL_TYPE.get(str(source.get("kind")), "webpage"),
            "title": source.get("title"), "container-title": source.get("publisher"),
            "publisher": source.get("publisher"),
            "issued": _issued(str(source.get("published") or "")),
            "note": "; ".join(notes)}
        if source.get("url"):
            item["URL"] = source["url"]
        if source.get("author"):
            item["author"] = [{"literal": source["author"]}]
        items.append(item)
    return items


def csl_json(event: Row) -> str:
    return json.dumps(csl_items(event), ensure_ascii=False, indent=2) + "\n"


def _bib(text: object) -> str:
    """A BibTeX field value: braces kept balanced, LaTeX's special characters escaped."""
    escaped = re.sub(r"([&%$#_])", r"\\\1", str(text))
    escaped = escaped.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")
    return escaped.replace("{", r"\{").replace("}", r"\}")


def _bib_url(url: object) -> str:
    return str(url).replace("{", "%7B").replace("}", "%7D")


def bibtex(event: Row) -> str:
    """One @misc entry per source (biblatex and BibTeX both read @misc)."""
    entries = []
    for item in csl_items(event):
        issued = item["issued"]
        fields = {"title": item["title"], "author": (item.get("author") or [{}])[0].get("literal"),
                  "organization": item["publisher"], "note": item["note"]}
        if "date-parts" in issued:
            parts = issued["date-parts"][0]
            fields["year"] = str(parts[0])
            if len(parts) > 1:
                fields["month"] = str(parts[1])
            fields["date"] = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))
        else:
            fields["year"] = issued["literal"]
        if item.get("URL"):
            fields["url"] = item["URL"]
        key = re.sub(r"[^A-Za-z0-9:_-]", "-", str(item["id"]))
        # A URL is read verbatim: only its braces would break the entry.
        body = ",\n".join(
            f"  {name} = {{{_bib(value) if name != 'url' else _bib_url(value)}}}"
            for name, value in fields.items() if value)
        entries.append(f"@misc{{{key},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def render(event: Row, form: str, lang: str = "en") -> str:
    if form == "md":
        return text_list(event, lang, markdown=True)
    if form == "paragraph":
        return paragraph(event, lang)
    if form == "csl-json":
        return csl_json(event)
    if form == "bibtex":
        return bibtex(event)
    return text_list(event, lang)
