"""Build-time rules across curated entries: references, citations, dates, careers, titles, names."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ktimeline.names.scripts import matches_script, scripts_of
from ktimeline.store import dates
from ktimeline.store.asof import (
    Life,
    PostFacts,
    RankRecord,
    Span,
    Term,
    TermFacts,
    posts_at,
    ranks_at,
    windows,
)
from ktimeline.store.curated import Cite, Curated, Entry, Problem

NATIVE_SCRIPTS = ("kanji", "hangul", "cyrillic")
SUBJECT_TABLES = {"person": "person", "event": "event", "source": "source", "post": "post",
                  "rank": "rank", "place": "place", "organisation": "organisation"}


class Rules:
    """Runs every rule once; ``problems`` collects what is wrong, in file order."""

    def __init__(self, curated: Curated) -> None:
        self.curated = curated
        self.problems: list[Problem] = list(curated.problems)
        self.ids: dict[str, dict[str, Entry]] = {}
        self._terms: dict[str, list[Term]] | None = None

    def report(self, entry: Entry, field: str, message: str) -> None:
        self.problems.append(Problem(entry.file, entry.label, field, message))

    def run(self) -> list[Problem]:
        self.index_ids()
        for entry in self.curated.entries["post"]:
            self.reference(entry, "organisation", "organisation")
        for entry in self.curated.entries["rank"]:
            self.reference(entry, "system", "rank_system")
        for entry in self.curated.entries["source"]:
            self.dated(entry, "published")
        for entry in self.curated.entries["person"]:
            self.person(entry)
        for entry in self.curated.entries["career"]:
            if self.reference(entry, "person", "person"):
                self.person(entry)
        self.single_holders()
        self.term_bounds()
        self.rank_order()
        self.duplicate_people()
        for entry in self.curated.entries["event"]:
            self.event(entry)
        for entry in self.curated.entries["conflict"]:
            self.conflict(entry)
        return self.problems

    # -- identity and references -------------------------------------------------------------
    def index_ids(self) -> None:
        for table, entries in self.curated.entries.items():
            seen: dict[str, Entry] = {}
            for entry in entries:
                key = entry.values.get("id")
                if key is None:
                    continue
                if key in seen:
                    self.report(entry, "id", f"duplicate id (also in {seen[key].file})")
                else:
                    seen[key] = entry
            self.ids[table] = seen

    def reference(self, entry: Entry, field: str, table: str, value: Any = None) -> bool:
        target = entry.values.get(field) if value is None else value
        if target is None:
            return False
        if target not in self.ids[table]:
            self.report(entry, field, f"no {table.replace('_', ' ')} with id {target!r}")
            return False
        return True

    def cites(self, entry: Entry, field: str, cites: list[Cite] | None) -> None:
        for cite in cites or []:
            if cite.source not in self.ids["source"]:
                self.report(entry, field, f"no source with id {cite.source!r}")

    def dated(self, entry: Entry, field: str, value: Any = None) -> dates.PartialDate | None:
        text = entry.values.get(field) if value is None else value
        return dates.parse_optional(text)

    # -- people -----------------------------------------------------------------------------
    def careers(self, person_id: str) -> list[Entry]:
        """The person's own entry and every ``[[career]]`` entry that adds to it."""
        own = self.ids["person"].get(person_id)
        extra = [e for e in self.curated.entries["career"] if e.values.get("person") == person_id]
        return ([own] if own else []) + extra

    def items(self, person_id: str, key: str) -> list[tuple[Entry, int, dict[str, Any]]]:
        return [(entry, i, item) for entry in self.careers(person_id)
                for i, item in enumerate(entry.values.get(key) or [])]

    def person(self, entry: Entry) -> None:
        values = entry.values
        person = self.ids["person"].get(values.get("person") or values.get("id") or "", entry)
        self.cites(entry, "sources", values.get("sources"))
        born, died = self.dated(person, "born"), self.dated(person, "died")
        if entry is person and born and died and died.hi < born.lo:
            self.report(entry, "died", "before born")
        self.person_names(entry)
        for i, term in enumerate(values.get("posts") or []):
            where = f"posts[{i}]"
            self.reference(entry, f"{where}.post", "post", term.get("post"))
            self.cites(entry, f"{where}.sources", term.get("sources"))
            start = self.dated(entry, "", term.get("start"))
            end = self.dated(entry, "", term.get("end"))
            if start and end and end.hi < start.lo:
                self.report(entry, f"{where}.end", f"{end.text} is before start {start.text}")
            if start and born and start.hi < born.lo:
                self.report(entry, f"{where}.start", f"before the person was born ({born.text})")
            if start and died and start.lo > died.hi:
                self.report(entry, f"{where}.start", f"after the person died ({died.text})")
            if start and died and (end is None or end.lo > died.hi):
                self.report(entry, f"{where}.end", f"runs past the person's death ({died.text}); "
                            "give an end")
        self.person_ranks(entry, born)
        if entry is not person and any(n.get("preferred") for n in values.get("names") or []):
            self.report(entry, "names", "preferred names belong in the person's own entry")
        for other in values.get("not_same_as") or []:
            if other == person.id:
                self.report(entry, "not_same_as", f"{other!r} is this person")
            self.reference(entry, "not_same_as", "person", other)

    def person_names(self, entry: Entry) -> None:
        names = entry.values.get("names") or []
        texts = {n.get("text") for n in names}
        preferred: dict[str, int] = defaultdict(int)
        for i, name in enumerate(names):
            where = f"names[{i}]"
            text, script = name.get("text"), name.get("script")
            if text and script and not matches_script(text, script):
                found = ", ".join(sorted(scripts_of(text))) or "no letters"
                self.report(entry, f"{where}.text", f"{text!r} is not {script} (found {found})")
            if script == "latin" and not name.get("scheme"):
                self.report(entry, f"{where}.scheme", "a Latin name needs its romanisation scheme")
            if name.get("reading_of") and name["reading_of"] not in texts:
                self.report(entry, f"{where}.reading_of",
                            f"{name['reading_of']!r} is not one of this person's names")
            elif name.get("reading_of") and name["reading_of"] == text:
                self.report(entry, f"{where}.reading_of", "a name cannot be a reading of itself")
            if name.get("preferred") and name.get("lang"):
                preferred[name["lang"]] += 1
            self.cites(entry, f"{where}.sources", name.get("sources"))
            if entry.table == "career" and not name.get("sources"):
                self.report(entry, f"{where}.sources", "a name added by a career entry cites "
                            "its own source")
        for lang, count in preferred.items():
            if count > 1:
                self.report(entry, "names", f"{count} preferred names for language {lang!r}")
        if entry.table == "person" and names and \
                not any(n.get("preferred") and n.get("script") == "latin" for n in names):
            self.report(entry, "names", "needs one preferred Latin-script name (lang en)")

    def person_ranks(self, entry: Entry, born: dates.PartialDate | None) -> None:
        by_day: dict[str, tuple[int, str]] = {}
        person_id = entry.values.get("person") or entry.values.get("id") or ""
        for owner, i, change in self.items(person_id, "ranks"):
            if owner is not entry:
                when = self.dated(owner, "", change.get("date"))
                if when and when.is_exact_day:
                    by_day.setdefault(when.lo, (i, str(change.get("rank"))))
        for i, change in enumerate(entry.values.get("ranks") or []):
            where = f"ranks[{i}]"
            self.reference(entry, f"{where}.rank", "rank", change.get("rank"))
            self.cites(entry, f"{where}.sources", change.get("sources"))
            when = self.dated(entry, "", change.get("date"))
            if when is None:
                continue
            if born and when.hi < born.lo:
                self.report(entry, f"{where}.date", f"before the person was born ({born.text})")
            if when.is_exact_day:
                earlier = by_day.get(when.lo)
                if earlier and earlier[1] != change.get("rank"):
                    self.report(entry, f"{where}.rank", f"a second rank on {when.lo} "
                                f"(ranks[{earlier[0]}] is {earlier[1]!r})")
                by_day[when.lo] = (i, str(change.get("rank")))

    def single_holders(self) -> None:
        holders: dict[str, list[tuple[Entry, int, dates.PartialDate, dates.PartialDate | None]]]
        holders = defaultdict(list)
        for entry in self.curated.entries["person"] + self.curated.entries["career"]:
            for i, term in enumerate(entry.values.get("posts") or []):
                if term.get("post") and term.get("start"):
                    end = dates.parse_optional(term.get("end"))
                    holders[term["post"]].append((entry, i, dates.parse(term["start"]), end))
        for post_id, terms in holders.items():
            post = self.ids["post"].get(post_id)
            if post is None or post.values.get("single_holder") is False:
                continue
            for a_index, (a, ai, a_start, a_end) in enumerate(terms):
                for b, _bi, b_start, b_end in terms[a_index + 1:]:
                    if _owner(a) == _owner(b):
                        continue
                    a_end_lo = a_end.lo if a_end else dates.LATEST
                    b_end_lo = b_end.lo if b_end else dates.LATEST
                    if max(a_start.hi, b_start.hi) < min(a_end_lo, b_end_lo):
                        self.report(a, f"posts[{ai}]", f"{post_id!r} is single-holder but "
                                    f"{_owner(b)!r} certainly holds it at the same time")

    def duplicate_people(self) -> None:
        seen: dict[tuple[str, str], Entry] = {}
        for entry in self.curated.entries["person"]:
            born = entry.values.get("born") or ""
            distinct = set(entry.values.get("not_same_as") or [])
            for name in entry.values.get("names") or []:
                if name.get("script") not in NATIVE_SCRIPTS or not name.get("text"):
                    continue
                key = (unicodedata.normalize("NFKC", name["text"]).replace(" ", ""), born)
                other = seen.get(key)
                if other is not None and other.id != entry.id and other.id not in distinct \
                        and entry.id not in set(other.values.get("not_same_as") or []):
                    self.report(entry, "names", f"same name {name['text']!r} and birth as "
                                f"{other.id!r}: the same person? (else list it in not_same_as)")
                seen.setdefault(key, entry)

    # -- events -----------------------------------------------------------------------------
    def event(self, entry: Entry) -> None:
        values = entry.values
        self.cites(entry, "sources", values.get("sources"))
        self.reference(entry, "place", "place")
        when, end = self.dated(entry, "date"), self.dated(entry, "end")
        if when and when.lo == dates.EARLIEST:
            self.report(entry, "date", "an event needs a lower bound to take its place in the "
                        "timeline: write FROM..TO")
        if when and end and end.hi < when.lo:
            self.report(entry, "end", f"{end.text} is before the date {when.text}")
        seen_people: set[str] = set()
        for i, part in enumerate(values.get("participants") or []):
            where = f"participants[{i}]"
            self.cites(entry, f"{where}.sources", part.get("sources"))
            person_id = part.get("person")
            if not self.reference(entry, f"{where}.person", "person", person_id):
                continue
            if person_id in seen_people:
                self.report(entry, f"{where}.person", f"{person_id!r} is listed twice")
            seen_people.add(person_id)
            person = self.ids["person"][person_id]
            if when:
                self.within_life(entry, f"{where}.person", person, when)
                if part.get("printed_title") and not part.get("disputed"):
                    self.printed_title(entry, where, person, part["printed_title"], when)
            if part.get("disputed") and not part.get("note"):
                self.report(entry, f"{where}.note", "a disputed title needs a note saying why")

    def within_life(self, entry: Entry, field: str, person: Entry, when: dates.PartialDate) -> None:
        born = self.dated(person, "born")
        died = self.dated(person, "died")
        if born and when.hi < born.lo:
            self.report(entry, field, f"{person.id!r} was not yet born ({born.text})")
        if died and when.lo > died.hi:
            self.report(entry, field, f"{person.id!r} had died ({died.text})")

    def printed_title(self, entry: Entry, where: str, person: Entry, printed: str,
                      when: dates.PartialDate) -> None:
        held_posts = {h.record.post_id for h in posts_at(self.terms_of(person.id), when)}
        held_ranks = {h.record.rank_id
                      for h in ranks_at(self.ranks_of(person.id), when, self.life(person))}
        named_posts = mentioned(printed, self.ids["post"].values())
        named_ranks = mentioned(printed, self.ids["rank"].values())
        if named_posts and not named_posts & held_posts:
            self.report(entry, f"{where}.printed_title", f"{printed!r} names "
                        f"{', '.join(sorted(named_posts))} but {person.id!r} holds "
                        f"{', '.join(sorted(held_posts)) or 'no recorded post'} on {when.text} "
                        "(fix the career, or mark disputed with a note)")
        if named_ranks and not named_ranks & held_ranks:
            self.report(entry, f"{where}.printed_title", f"{printed!r} names "
                        f"{', '.join(sorted(named_ranks))} but {person.id!r} holds "
                        f"{', '.join(sorted(held_ranks)) or 'no recorded rank'} on {when.text} "
                        "(fix the career, or mark disputed with a note)")

    # -- what the record excludes (store/asof.py) --------------------------------------------
    def life(self, person: Entry | None) -> Life:
        if person is None:
            return Life()
        return Life(self.dated(person, "born"), self.dated(person, "died"))

    def curated_terms(self) -> list[tuple[Entry, int, TermFacts]]:
        terms = []
        for entry in self.curated.entries["person"] + self.curated.entries["career"]:
            for i, term in enumerate(entry.values.get("posts") or []):
                if term.get("post") in self.ids["post"] and term.get("start"):
                    end = term.get("end")
                    terms.append((entry, i, TermFacts(_owner(entry), term["post"],
                                                      dates.parse(term["start"]),
                                                      dates.parse_optional(end))))
        return terms

    def post_facts(self) -> dict[str, PostFacts]:
        return {key: PostFacts(post.values.get("single_holder") is not False,
                               self.dated(post, "established"), self.dated(post, "abolished"))
                for key, post in self.ids["post"].items()}

    def terms_of(self, person_id: str) -> list[Term]:
        """Every person's terms with their windows, derived once over the whole record."""
        if self._terms is None:
            curated = self.curated_terms()
            facts = [fact for _, _, fact in curated]
            lives = {key: self.life(person) for key, person in self.ids["person"].items()}
            self._terms = defaultdict(list)
            for fact, window in zip(facts, windows(facts, self.post_facts(), lives), strict=True):
                self._terms[fact.person_id].append(Term(fact.post_id, fact.start, fact.end,
                                                        window))
        return self._terms.get(person_id, [])

    def ranks_of(self, person_id: str) -> list[RankRecord]:
        records = []
        for _, _, change in self.items(person_id, "ranks"):
            rank = self.ids["rank"].get(change.get("rank") or "")
            if rank is not None and change.get("date"):
                records.append(RankRecord(rank.id, change.get("change") or "",
                                          dates.parse(change["date"]),
                                          int(rank.values.get("seniority") or 0),
                                          str(rank.values.get("system"))))
        return records

    def term_bounds(self) -> None:
        """Terms against the post's existence, and against the person's other terms of it."""
        posts = self.post_facts()
        curated = self.curated_terms()
        for entry, i, term in curated:
            post = posts[term.post_id]
            where = f"posts[{i}]"
            if post.established and term.start.hi < post.established.lo:
                self.report(entry, f"{where}.start", f"{term.post_id!r} was established on "
                            f"{post.established.text}: the term cannot start before")
            if post.abolished and term.end_lo > post.abolished.hi:
                self.report(entry, f"{where}.end", f"{term.post_id!r} was abolished on "
                            f"{post.abolished.text}: give an end no later")
        for index, (entry, i, term) in enumerate(curated):
            for other_entry, other_i, other in curated[index + 1:]:
                if other.person_id != term.person_id or other.post_id != term.post_id:
                    continue
                core, other_core = term.core, other.core
                if core and other_core and _share_more_than_a_handover(core, other_core):
                    self.report(entry, f"posts[{i}]", f"overlaps {other_entry.label} "
                                f"posts[{other_i}] ({term.post_id!r}): write one tenure as one "
                                "term")

    def rank_order(self) -> None:
        """A rank never falls without a recorded demotion."""
        for person_id in self.ids["person"]:
            items = [(owner, i, change) for owner, i, change in self.items(person_id, "ranks")
                     if change.get("rank") in self.ids["rank"] and change.get("date")]
            records = self.ranks_of(person_id)
            for (owner, i, _), later in zip(items, records, strict=True):
                falls_from = [
                    earlier for earlier in records
                    if earlier.system == later.system and earlier.seniority > later.seniority
                    and earlier.date.hi < later.attested_from
                    and not any(r.change == "demotion" and r.date.lo <= later.attested_from
                                and r.date.hi >= earlier.date.lo for r in records)]
                if falls_from:
                    self.report(owner, f"ranks[{i}]", f"{later.rank_id!r} on {later.date.text} "
                                f"is below {falls_from[0].rank_id!r} of "
                                f"{falls_from[0].date.text} with no demotion recorded between")

    # -- conflicts --------------------------------------------------------------------------
    def conflict(self, entry: Entry) -> None:
        subject = entry.values.get("subject") or ""
        table, _, key = subject.partition(":")
        if table not in SUBJECT_TABLES:
            self.report(entry, "subject", f"write it as table:id with table one of "
                        f"{', '.join(SUBJECT_TABLES)}")
        elif key not in self.ids[SUBJECT_TABLES[table]]:
            self.report(entry, "subject", f"no {table} with id {key!r}")
        claims = entry.values.get("claims") or []
        for i, claim in enumerate(claims):
            self.cites(entry, f"claims[{i}].sources", claim.get("sources"))
        if len(claims) < 2:
            self.report(entry, "claims", "a conflict needs at least two claims")
        if sum(1 for c in claims if c.get("preferred")) != 1:
            self.report(entry, "claims", "mark exactly one claim preferred = true")


def _share_more_than_a_handover(a: Span, b: Span) -> bool:
    """Whether two certain spans share a day other than one's last being the other's first."""
    first, last = max(a.lo, b.lo), min(a.hi, b.hi)
    if first > last:
        return False
    return first < last or not ((a.hi == first and b.lo == first) or
                                (b.hi == first and a.lo == first))


def _owner(entry: Entry) -> str:
    return str(entry.values.get("person") or entry.values.get("id"))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def aliases_of(entry: Entry) -> list[str]:
    values = entry.values
    forms = [values.get("title_ja"), values.get("title_en"), *(values.get("aliases") or [])]
    return [_fold(f) for f in forms if f]


def mentioned(printed: str, entries: Iterable[Entry]) -> set[str]:
    """Ids of entries whose title or alias appears in ``printed``; a form inside a longer
    matched form does not count (総参謀長 inside 副総参謀長)."""
    text = _fold(printed)
    spans: list[tuple[int, int, str]] = []
    for entry in entries:
        for alias in aliases_of(entry):
            start = text.find(alias)
            while start != -1:
                spans.append((start, start + len(alias), entry.id))
                start = text.find(alias, start + 1)
    return {
        key for s, e, key in spans
        if not any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2, _ in spans)
    }


def validate(curated: Curated) -> list[Problem]:
    return Rules(curated).run()
