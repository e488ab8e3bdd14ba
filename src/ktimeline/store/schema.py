"""The events.db schema: plain tables other tools (sqlite3, Datasette) can read, and its version."""

from __future__ import annotations

from ktimeline.names.tables import NAME_INDEX_DDL, NAME_INDEX_TABLES

__all__ = ["DDL", "DERIVED_TABLES", "DERIVE_SIDES", "EVENT_KINDS", "NAME_INDEX_DDL",
           "SCHEMA_VERSION", "TABLES"]

# The kinds of event the curated files may give (validated at build time).
EVENT_KINDS = (
    "summit", "visit", "talks", "treaty", "agreement", "statement", "military", "parliamentary",
    "economic", "other",
)

# 9: event_json, each event's public JSON object, written at build time.
# 8: events.year, generated from date_lo (no writer gives it).
# 7: attendance_holdings, each attendance's posts and ranks that day (derived at build time).
# 6: the full-text tables take their text from the events_text view (external content), so
# tools that read every table whole can read them.
# 5: participant_sides, the sides present in the participations (derived at build time).
# 4: post terms carry their derived certain/possible windows; posts their established/abolished
# dates, a note and citations; sources a status (read or lead) and whether the title is ours.
# 3: the name tables (name_keys, name_spellings), so a store opens with its name index ready.
SCHEMA_VERSION = 9

# post_terms' certain_* and possible_* are derived at build time (see store/asof.py): the days
# the term surely covers, and the days it may cover once the record's exclusions are applied;
# possible_holes (JSON [[lo, hi], ...], mostly NULL) are days within those it cannot cover.
# Every dated column is stored as the source's text plus inclusive ISO day bounds (`_lo`, `_hi`),
# so ordering and as-of questions are plain text comparisons.
DDL = """
CREATE TABLE sources (
    id TEXT PRIMARY KEY, publisher TEXT NOT NULL, author TEXT, title TEXT NOT NULL,
    published TEXT NOT NULL, published_lo TEXT NOT NULL, published_hi TEXT NOT NULL,
    url TEXT, lang TEXT NOT NULL, kind TEXT NOT NULL, note TEXT,
    status TEXT NOT NULL DEFAULT 'read', paraphrased_title INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE places (
    id TEXT PRIMARY KEY, name_en TEXT NOT NULL, name_ja TEXT, country TEXT
);
CREATE TABLE organisations (
    id TEXT PRIMARY KEY, name_en TEXT NOT NULL, name_ja TEXT, country TEXT
);
CREATE TABLE posts (
    id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id),
    title_en TEXT NOT NULL, title_ja TEXT, single_holder INTEGER NOT NULL, aliases TEXT NOT NULL,
    military INTEGER NOT NULL, established TEXT, established_lo TEXT, established_hi TEXT,
    abolished TEXT, abolished_lo TEXT, abolished_hi TEXT, note TEXT
);
CREATE TABLE rank_systems (
    id TEXT PRIMARY KEY, name_en TEXT NOT NULL, name_ja TEXT, country TEXT
);
CREATE TABLE ranks (
    id TEXT PRIMARY KEY, system_id TEXT NOT NULL REFERENCES rank_systems(id),
    seniority INTEGER NOT NULL, title_en TEXT NOT NULL, title_ja TEXT, aliases TEXT NOT NULL
);
CREATE TABLE people (
    id TEXT PRIMARY KEY, country TEXT NOT NULL, name_en TEXT NOT NULL, name_ja TEXT,
    born TEXT, born_lo TEXT, born_hi TEXT, died TEXT, died_lo TEXT, died_hi TEXT, note TEXT
);
CREATE TABLE names (
    id INTEGER PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people(id), text TEXT NOT NULL,
    script TEXT NOT NULL, lang TEXT NOT NULL, scheme TEXT, preferred INTEGER NOT NULL,
    reading_of TEXT, note TEXT
);
CREATE TABLE post_terms (
    id INTEGER PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people(id),
    post_id TEXT NOT NULL REFERENCES posts(id),
    start_date TEXT NOT NULL, start_lo TEXT NOT NULL, start_hi TEXT NOT NULL,
    end_date TEXT, end_lo TEXT NOT NULL, end_hi TEXT NOT NULL, note TEXT,
    certain_lo TEXT, certain_hi TEXT, possible_lo TEXT, possible_hi TEXT, possible_holes TEXT
);
CREATE TABLE rank_changes (
    id INTEGER PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people(id),
    rank_id TEXT NOT NULL REFERENCES ranks(id), change TEXT NOT NULL,
    date TEXT NOT NULL, date_lo TEXT NOT NULL, date_hi TEXT NOT NULL, note TEXT
);
CREATE TABLE events (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL,
    date TEXT NOT NULL, date_lo TEXT NOT NULL, date_hi TEXT NOT NULL,
    end_date TEXT, end_lo TEXT, end_hi TEXT, place_id TEXT REFERENCES places(id),
    title_en TEXT NOT NULL, title_ja TEXT NOT NULL, summary_en TEXT NOT NULL,
    summary_ja TEXT NOT NULL, note TEXT,
    -- The year an event may begin in, for tools that group by it (Datasette's facets).
    year INTEGER GENERATED ALWAYS AS (CAST(substr(date_lo, 1, 4) AS INTEGER)) VIRTUAL
);
CREATE TABLE participations (
    id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events(id),
    person_id TEXT NOT NULL REFERENCES people(id), side TEXT NOT NULL, role TEXT,
    ord INTEGER NOT NULL, printed_title TEXT, disputed INTEGER NOT NULL, note TEXT
);
CREATE TABLE citations (
    id INTEGER PRIMARY KEY, fact_table TEXT NOT NULL, fact_id TEXT NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id), locator TEXT
);
CREATE TABLE conflicts (
    id TEXT PRIMARY KEY, subject_table TEXT NOT NULL, subject_id TEXT NOT NULL,
    field TEXT NOT NULL, reason TEXT NOT NULL
);
CREATE TABLE conflict_claims (
    id INTEGER PRIMARY KEY, conflict_id TEXT NOT NULL REFERENCES conflicts(id),
    value TEXT NOT NULL, preferred INTEGER NOT NULL, note TEXT
);
-- Derived at build time: each side with attendances and how many, so a reader learns the sides
-- by a seek instead of reading every participation (~100 MB at 1M events).
CREATE TABLE participant_sides (side TEXT PRIMARY KEY, attendances INTEGER NOT NULL);
-- Derived at build time by the query API itself (store/derived.py): each attendance's posts
-- and ranks on the event's date, certain or possible, for readers that cannot run Python
-- (Datasette's canned queries).
CREATE TABLE attendance_holdings (
    event_id TEXT NOT NULL REFERENCES events(id), person_id TEXT NOT NULL REFERENCES people(id),
    item TEXT NOT NULL, ord INTEGER NOT NULL, item_id TEXT NOT NULL, title_en TEXT,
    title_ja TEXT, certainty TEXT NOT NULL, start TEXT, "end" TEXT
);
-- Derived at build time by the query API itself (store/derived.py): each event as the object
-- `ktimeline events --json` prints (compact JSON: the people present with their posts and ranks
-- that day, and the sources), so a listing of the whole record reads it instead of deriving
-- every attendance again. Keyed by the event's rowid, as the timeline reads events.
CREATE TABLE event_json (
    event_rowid INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events(id),
    json TEXT NOT NULL
);
-- Full text over titles, summaries and place names in both languages (see fulltext.py): a
-- trigram index for needles of three characters or more, and one with each CJK character as a
-- token for shorter ones. Event rowids are in time order, so matches come out in time order.
-- Both index the text of the events_text view (external content): the text is not stored
-- twice, and a tool that reads the tables whole (visidata, Datasette, sqlite-utils) reads the
-- events' own text through them.
CREATE VIEW events_text AS
SELECT e.rowid AS rowid, e.title_en, e.title_ja, e.summary_en, e.summary_ja,
       p.name_en AS place_en, p.name_ja AS place_ja
FROM events e LEFT JOIN places p ON p.id = e.place_id;
CREATE VIRTUAL TABLE events_fts USING fts5(
    title_en, title_ja, summary_en, summary_ja, place_en, place_ja, tokenize = 'trigram',
    content = 'events_text', content_rowid = 'rowid', columnsize = 0
);
CREATE VIRTUAL TABLE events_short USING fts5(
    title_en, title_ja, summary_en, summary_ja, place_en, place_ja,
    tokenize = 'unicode61 remove_diacritics 2', content = 'events_text',
    content_rowid = 'rowid', columnsize = 0
);
CREATE INDEX events_by_time ON events (date_lo, date_hi, id);
CREATE INDEX events_by_kind ON events (kind, date_lo, date_hi, id);
CREATE INDEX participations_by_event ON participations (event_id, ord);
CREATE INDEX participations_by_person ON participations (person_id);
CREATE INDEX names_by_person ON names (person_id);
CREATE INDEX post_terms_by_person ON post_terms (person_id, start_lo);
CREATE INDEX rank_changes_by_person ON rank_changes (person_id, date_lo);
CREATE INDEX citations_by_fact ON citations (fact_table, fact_id);
CREATE INDEX attendance_holdings_by_event ON attendance_holdings (event_id, person_id, ord);
""" + NAME_INDEX_DDL

TABLES = (
    "sources", "places", "organisations", "posts", "rank_systems", "ranks", "people", "names",
    "post_terms", "rank_changes", "events", "participations", "citations", "conflicts",
    "conflict_claims",
)
# Derived at build time from the curated tables (the name index: see ktimeline.names.derive);
# not curated facts.
DERIVED_TABLES = (*NAME_INDEX_TABLES, "participant_sides", "attendance_holdings", "event_json")
DERIVE_SIDES = ("INSERT INTO participant_sides (side, attendances) "
                "SELECT side, count(*) FROM participations GROUP BY side")
