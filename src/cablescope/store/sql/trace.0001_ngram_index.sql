-- The trace index (trace/index.py): winnowed 4-gram hashes of every paragraph, the common
-- ones, what was indexed from which version, and the index's own settings.
CREATE TABLE IF NOT EXISTS trace_postings (
    gram INTEGER NOT NULL,
    pid  INTEGER NOT NULL,
    PRIMARY KEY (gram, pid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS trace_common (
    gram INTEGER PRIMARY KEY,
    df   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS trace_indexed (
    pid      INTEGER PRIMARY KEY,
    cable_id TEXT NOT NULL,
    version  INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS trace_indexed_cable ON trace_indexed(cable_id);
CREATE TABLE IF NOT EXISTS trace_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
