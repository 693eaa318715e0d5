-- cablescope database, schema version 1. Documented in docs/schema.md.
-- Plain tables that sqlite3, Datasette and pandas open directly; lists are child tables, not JSON.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per cable: the fields of its current version.
CREATE TABLE IF NOT EXISTS cables (
    id                  TEXT PRIMARY KEY,          -- canonical ID, e.g. 05PARIS5335
    raw_id              TEXT NOT NULL,             -- the ID as the source wrote it
    created             TEXT,                      -- 'YYYY-MM-DD HH:MM'
    year                INTEGER,                   -- from created, for facets
    released            TEXT,                      -- 'YYYY-MM-DD HH:MM', when WikiLeaks released it
    origin              TEXT,                      -- e.g. 'Embassy Paris'
    classification      TEXT,                      -- e.g. 'CONFIDENTIAL', 'SECRET//NOFORN'
    caveats             TEXT NOT NULL DEFAULT '',  -- space-separated: 'NOFORN SIPDIS'
    subject             TEXT,
    classified_by       TEXT,                      -- names, '; '-separated
    classified_by_title TEXT,
    reasons             TEXT,                      -- e.g. '1.4 (b) and (d)'
    signers             TEXT,                      -- '; '-separated
    summary             TEXT,
    partial             INTEGER NOT NULL DEFAULT 0, -- 1: a partial extract, not the full cable
    redactions          INTEGER NOT NULL DEFAULT 0, -- count of XXXXXXXXXXXX runs
    paragraph_count     INTEGER NOT NULL DEFAULT 0, -- numbered paragraphs
    version             INTEGER NOT NULL            -- versions.version that is current
);
CREATE INDEX IF NOT EXISTS cables_created ON cables(created);
CREATE INDEX IF NOT EXISTS cables_origin ON cables(origin);
CREATE INDEX IF NOT EXISTS cables_classification ON cables(classification);

-- Every published version of every cable, its text verbatim. Nothing here is ever updated.
CREATE TABLE IF NOT EXISTS versions (
    cable_id    TEXT NOT NULL,
    version     INTEGER NOT NULL,                  -- 1, 2, ... in order of release
    sha256      TEXT NOT NULL,                     -- of header + text: same text, same version
    seen        TEXT,                              -- 'YYYY-MM-DD' this version was published
    released    TEXT,
    source      TEXT NOT NULL,                     -- file, or 'archive!member'
    locator     TEXT NOT NULL DEFAULT '',          -- record or line within the source
    format      TEXT NOT NULL,                     -- 'html' | 'csv' | 'text'
    ingested_at TEXT NOT NULL,
    header      TEXT NOT NULL DEFAULT '',          -- routing header (cables.csv)
    text        TEXT NOT NULL,                     -- the cable text as published
    meta        TEXT NOT NULL DEFAULT '{}',        -- JSON: what the container said
    PRIMARY KEY (cable_id, version),
    UNIQUE (cable_id, sha256)
);

-- The current version split into blocks: numbered paragraphs, plus unnumbered blocks (the
-- header before paragraph 1, cables without numbering). Together they cover the whole text.
-- A paragraph's address is '<cable_id>¶<number>'.
CREATE TABLE IF NOT EXISTS paragraphs (
    pid      INTEGER PRIMARY KEY,                  -- rowid of the full-text index
    cable_id TEXT NOT NULL,
    seq      INTEGER NOT NULL,                     -- 0-based order in the cable
    number   INTEGER,                              -- as printed; NULL for unnumbered blocks
    marking  TEXT,                                 -- 'C', 'S/NF', 'SBU', 'U', ... or NULL
    heading  TEXT,                                 -- section heading above it, if any
    start    INTEGER NOT NULL,                     -- offsets into the current version's text
    end      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    UNIQUE (cable_id, seq)
);
CREATE INDEX IF NOT EXISTS paragraphs_number ON paragraphs(cable_id, number);

-- Full-text index over paragraphs; accents and case folded.
CREATE VIRTUAL TABLE IF NOT EXISTS paragraphs_fts USING fts5(
    text, content='paragraphs', content_rowid='pid',
    tokenize="unicode61 remove_diacritics 2"
);

-- REF lines: citing -> cited. cited is the canonical ID, or NULL for a non-cable reference.
-- A reference is resolved when cited is in cables.
CREATE TABLE IF NOT EXISTS refs (
    citing TEXT NOT NULL,
    seq    INTEGER NOT NULL,
    letter TEXT,
    raw    TEXT NOT NULL,
    cited  TEXT,
    PRIMARY KEY (citing, seq)
);
CREATE INDEX IF NOT EXISTS refs_cited ON refs(cited);

-- TAGS, kept apart by kind: 'subject' (PREL), 'geo' (FR, NATO), 'person' (SARKOZY, NICOLAS).
CREATE TABLE IF NOT EXISTS tags (
    cable_id TEXT NOT NULL,
    tag      TEXT NOT NULL,
    kind     TEXT NOT NULL,
    PRIMARY KEY (cable_id, tag)
);
CREATE INDEX IF NOT EXISTS tags_tag ON tags(tag);

-- FM / TO / INFO lines.
CREATE TABLE IF NOT EXISTS recipients (
    cable_id TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    kind     TEXT NOT NULL,                        -- 'from' | 'to' | 'info'
    name     TEXT NOT NULL,
    PRIMARY KEY (cable_id, seq)
);

-- What could not be read, and where.
CREATE TABLE IF NOT EXISTS problems (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    locator     TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (source, locator, reason)
);
