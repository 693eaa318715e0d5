"""The entity tables, created through the store's named migrations (docs/entities.md).

Three groups, kept apart so a re-extraction never loses a journalist's work:
- what extraction found, per cable (`entity_cables`, `mentions`, `meetings`,
  `meeting_participants`, `quotes`), replaced when a cable is extracted again;
- what resolution builds from it (`entities`, `entity_aliases`, and `mentions.entity_id` and
  `mentions.evidence`), rebuilt after every extraction;
- the user's decisions (`entity_decisions`): merges and rejections, only ever changed by the user,
  applied by every resolution and exportable.
"""

from __future__ import annotations

from cablescope.store import register_migration

SCHEMA = """
-- One row per cable extracted: which version, by which extractor, so runs resume and redo stale.
CREATE TABLE IF NOT EXISTS entity_cables (
    cable_id     TEXT PRIMARY KEY,
    version      INTEGER NOT NULL,
    extractor    TEXT NOT NULL,
    words        INTEGER NOT NULL,
    extracted_at TEXT NOT NULL
);

-- Every place a cable names a person, organisation, place or embassy role. The paragraph is
-- '<cable_id>¶<number>'; start/end are offsets into paragraphs.text (NULL: from metadata only).
CREATE TABLE IF NOT EXISTS mentions (
    id        INTEGER PRIMARY KEY,
    cable_id  TEXT NOT NULL,
    seq       INTEGER,
    number    INTEGER,
    start     INTEGER,
    end       INTEGER,
    type      TEXT NOT NULL,            -- 'person' | 'org' | 'place' | 'role'
    text      TEXT NOT NULL,            -- as written
    name      TEXT NOT NULL,            -- the name it stands for inside its cable
    key       TEXT NOT NULL,            -- comparison form of name
    source    TEXT NOT NULL,            -- 'ner' | 'title' | 'tag' | 'signer' | ... (docs)
    title     TEXT,                     -- title written before it ("Interior Minister")
    country   TEXT,                     -- FIPS code scoping a generic organisation
    link      TEXT,                     -- why it was linked to `name` inside the cable
    entity_id INTEGER                   -- set by resolution; NULL when rejected
);
CREATE INDEX IF NOT EXISTS mentions_cable ON mentions(cable_id, seq);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE INDEX IF NOT EXISTS mentions_key ON mentions(type, key);

CREATE TABLE IF NOT EXISTS meetings (
    id          INTEGER PRIMARY KEY,
    cable_id    TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    number      INTEGER,
    start       INTEGER NOT NULL,          -- the sentence reporting it, in paragraphs.text
    end         INTEGER NOT NULL,
    kind        TEXT NOT NULL,             -- 'meeting' | 'call' | 'conversation' | 'meal' | 'visit'
    date        TEXT,                      -- 'YYYY-MM-DD'
    date_source TEXT NOT NULL,             -- 'text': the cable says so; 'cable': the cable's date
    place       TEXT,
    planned     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS meetings_cable ON meetings(cable_id);
CREATE INDEX IF NOT EXISTS meetings_date ON meetings(date);

CREATE TABLE IF NOT EXISTS meeting_participants (
    meeting_id INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    mention_id INTEGER,                    -- NULL for "we"/"us" and redacted sources
    label      TEXT NOT NULL,
    role       TEXT,
    entity_id  INTEGER,
    PRIMARY KEY (meeting_id, seq)
);
CREATE INDEX IF NOT EXISTS meeting_participants_entity ON meeting_participants(entity_id);

CREATE TABLE IF NOT EXISTS quotes (
    id         INTEGER PRIMARY KEY,
    cable_id   TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    number     INTEGER,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    mention_id INTEGER NOT NULL,           -- the speaker's mention
    verb       TEXT,
    entity_id  INTEGER
);
CREATE INDEX IF NOT EXISTS quotes_cable ON quotes(cable_id);
CREATE INDEX IF NOT EXISTS quotes_entity ON quotes(entity_id);

-- Resolved entities, rebuilt from mentions and decisions by every resolution.
CREATE TABLE IF NOT EXISTS entities (
    id         INTEGER PRIMARY KEY,
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    key        TEXT NOT NULL UNIQUE,       -- '<type>:<comparison form>', stable across runs
    country    TEXT,
    mentions   INTEGER NOT NULL,
    cables     INTEGER NOT NULL,
    first_seen TEXT,                       -- created date of the earliest cable naming it
    last_seen  TEXT
);
CREATE INDEX IF NOT EXISTS entities_type ON entities(type, cables);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name);

-- Every name an entity goes by, and why it joined the entity.
CREATE TABLE IF NOT EXISTS entity_aliases (
    entity_id INTEGER NOT NULL,
    key       TEXT NOT NULL,
    alias     TEXT NOT NULL,
    mentions  INTEGER NOT NULL,
    reason    TEXT NOT NULL,
    PRIMARY KEY (entity_id, key)
);
CREATE INDEX IF NOT EXISTS entity_aliases_key ON entity_aliases(key);

-- The user's corrections, never touched by extraction or resolution.
CREATE TABLE IF NOT EXISTS entity_decisions (
    id         INTEGER PRIMARY KEY,
    action     TEXT NOT NULL CHECK (action IN ('merge', 'reject')),
    type       TEXT,
    name       TEXT NOT NULL,
    key        TEXT NOT NULL,
    other      TEXT,
    other_key  TEXT,
    note       TEXT,
    created_at TEXT NOT NULL
);

-- How often each word is written lower case, Title case or in CAPITALS in mixed-case cables:
-- what restores the case of capitalised cables before the model reads them.
CREATE TABLE IF NOT EXISTS entity_casing (
    word  TEXT PRIMARY KEY,
    lower INTEGER NOT NULL,
    title INTEGER NOT NULL,
    upper INTEGER NOT NULL
) WITHOUT ROWID;
"""

register_migration("entities.0001_schema", SCHEMA)

# Why each mention is in its entity ("surname alone: of the cables that write Sarkozy alone
# beside a full name, the share that mean Nicolas Sarkozy is 97% (...)"), set by resolution and
# summed up in the dossier.
register_migration("entities.0002_mention_evidence",
                   "ALTER TABLE mentions ADD COLUMN evidence TEXT;")
