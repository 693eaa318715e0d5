-- Document frequencies of the full-text index's terms, read through SQLite's fts5vocab.
CREATE VIRTUAL TABLE IF NOT EXISTS trace_vocab USING fts5vocab(paragraphs_fts, row);
