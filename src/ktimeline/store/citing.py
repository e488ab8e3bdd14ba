"""The reasons behind a fact: its sources, the disagreements recorded on it, and labels for the
ids that curators' notes mention."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ktimeline.store.reading import Reading, Row, batches, marks

# An id as curators write them: lower-case words joined by hyphens (kp-kpa-vice-chief-of-...).
_ID_LIKE = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")


class Citing(Reading):
    """Sources, conflicts and id labels."""

    def sources_of(self, table: str, fact_id: object) -> list[Row]:
        return self.sources_for(table, [fact_id]).get(str(fact_id), [])

    def sources_for(self, table: str, fact_ids: list[Any]) -> dict[str, list[Row]]:
        """The sources of many facts of one table, by fact id (as text), each in citing order:
        one query for a page of events or attendances."""
        found: dict[str, list[Row]] = {}
        for batch in batches([str(fact_id) for fact_id in fact_ids]):
            for source in self.all(
                    "SELECT c.fact_id, s.id, s.publisher, s.author, s.title, s.published, s.url, "
                    "s.kind, c.locator, s.status, s.paraphrased_title = 1 AS paraphrased_title "
                    "FROM citations c JOIN sources s ON s.id = c.source_id "
                    f"WHERE c.fact_table = ? AND c.fact_id IN ({marks(batch)}) ORDER BY c.id",
                    [table, *batch]):
                source["paraphrased_title"] = bool(source["paraphrased_title"])
                found.setdefault(str(source.pop("fact_id")), []).append(source)
        return found

    def term_sources(self, person_id: str, post_id: object, start: object) -> list[Row]:
        """The sources of a person's term in a post that began on ``start``."""
        term_id = self.scalar(
            "SELECT id FROM post_terms WHERE person_id = ? AND post_id = ? "
            "AND start_date IS ? ORDER BY id LIMIT 1", [person_id, post_id, start])
        return self.sources_of("post_terms", term_id) if term_id is not None else []

    def rank_change_sources(self, person_id: str, rank_id: object, date: object) -> list[Row]:
        """The sources of a person's change to (or attestation of) a rank on ``date``."""
        change_id = self.scalar(
            "SELECT id FROM rank_changes WHERE person_id = ? AND rank_id = ? "
            "AND date IS ? ORDER BY id LIMIT 1", [person_id, rank_id, date])
        return self.sources_of("rank_changes", change_id) if change_id is not None else []

    def conflicts_about(self, table: str, subject_id: str) -> list[Row]:
        conflicts = self.all(
            "SELECT id, field, reason FROM conflicts WHERE subject_table = ? AND subject_id = ? "
            "ORDER BY id", [table, subject_id])
        for conflict in conflicts:
            conflict["claims"] = self.all(
                "SELECT id, value, preferred, note FROM conflict_claims WHERE conflict_id = ? "
                "ORDER BY id", [conflict["id"]])
            for claim in conflict["claims"]:
                claim["preferred"] = bool(claim["preferred"])
                claim["sources"] = self.sources_of("conflict_claims", claim.pop("id"))
        return conflicts

    def id_labels(self, texts: Iterable[str | None]) -> dict[str, Row]:
        """For each id of a person, post or rank that ``texts`` mention (curators' shorthand in
        claims and notes), its name or title in both languages (``en``, ``ja``); for the id of
        a conflict, the field it is about (``conflict_field``)."""
        tokens = sorted({token for text in texts if text for token in _ID_LIKE.findall(text)
                         if not token.replace("-", "").isdigit()})
        labels: dict[str, Row] = {}
        if not tokens:
            return labels
        marks = ", ".join("?" * len(tokens))
        for table, en, ja in (("people", "name_en", "name_ja"), ("posts", "title_en", "title_ja"),
                              ("ranks", "title_en", "title_ja")):
            for row in self.all(f"SELECT id, {en} AS en, {ja} AS ja FROM {table} "
                                f"WHERE id IN ({marks})", tokens):
                labels[row["id"]] = row
        for row in self.all(f"SELECT id, field FROM conflicts WHERE id IN ({marks})", tokens):
            labels[row["id"]] = {"id": row["id"], "conflict_field": row["field"]}
        return labels


def conflict_texts(conflicts: list[Row]) -> list[str | None]:
    """The free text of conflicts: each claim's value and note, and the reason."""
    texts: list[str | None] = []
    for conflict in conflicts:
        texts.append(conflict.get("reason"))
        for claim in conflict.get("claims", []):
            texts += [str(claim.get("value")), claim.get("note")]
    return texts
