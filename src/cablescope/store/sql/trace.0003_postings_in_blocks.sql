-- The trace index's postings packed in blocks (trace/index.py): one row per range of 4-gram
-- hashes (`block` = hash >> (62 - trace_meta 'block_bits')), its postings as two parallel
-- arrays sorted by (gram, pid): `grams` little-endian unsigned 64-bit, `pids` unsigned 32-bit.
-- A posting per row cost most of a full build (112.7 M rows written, then copied, at 251,287
-- cables). The old rows are dropped: the index_version in trace_meta no longer matches, so
-- `cablescope index` (or the next trace) rebuilds the index.
DROP TABLE IF EXISTS trace_postings;
CREATE TABLE trace_postings (
    block INTEGER PRIMARY KEY,
    grams BLOB NOT NULL,
    pids  BLOB NOT NULL
);
