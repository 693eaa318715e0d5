
-- One passage shared by two cables: a span of a paragraph of cable_a and one of cable_b
-- (cable_a < cable_b). start/end are offsets into paragraphs.text; words counts the words of
-- the aligned span in cable_a; score is the share of them found in cable_b, in order.
CREATE TABLE IF NOT EXISTS reuse_passages (
    id       INTEGER PRIMARY KEY,
    cluster  INTEGER NOT NULL,
    cable_a  TEXT NOT NULL,
    seq_a    INTEGER NOT NULL,
    number_a INTEGER,
    start_a  INTEGER NOT NULL,
    end_a    INTEGER NOT NULL,
    cable_b  TEXT NOT NULL,
    seq_b    INTEGER NOT NULL,
    number_b INTEGER,
    start_b  INTEGER NOT NULL,
    end_b    INTEGER NOT NULL,
    words    INTEGER NOT NULL,
    score    REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS reuse_passages_a ON reuse_passages(cable_a, seq_a);
CREATE INDEX IF NOT EXISTS reuse_passages_b ON reuse_passages(cable_b, seq_b);

-- Every paragraph in a cluster of reuse: the paragraphs joined by passages, transitively.
CREATE TABLE IF NOT EXISTS reuse_clusters (
    cluster  INTEGER NOT NULL,
    cable_id TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    number   INTEGER,
    PRIMARY KEY (cluster, cable_id, seq)
);
CREATE INDEX IF NOT EXISTS reuse_clusters_cable ON reuse_clusters(cable_id, seq);
