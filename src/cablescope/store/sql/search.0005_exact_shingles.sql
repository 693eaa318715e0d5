-- Exact mode's index (search/shingles.py): each paragraph's shingles (a word, the separator after
-- it, the next word; case, accents and punctuation kept, ASCII other than a-z 0-9 moved to
-- U+E000 + code so that the ascii tokenizer keeps each shingle whole). rowid = pid. Contentless:
-- the text is in `paragraphs`. Filled by `cablescope index` (and kept current by ingest once
-- built); `search_exact_state.upto` is the last pid it covers, later ones are checked on text.
CREATE VIRTUAL TABLE IF NOT EXISTS search_exact USING fts5(
    grams, content='', columnsize=0, tokenize='ascii'
);
-- paragraphs holding one of those private-use characters: not indexed, checked on their text
CREATE TABLE IF NOT EXISTS search_exact_odd (pid INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS search_exact_state (upto INTEGER NOT NULL);
INSERT INTO search_exact_state (upto) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM search_exact_state);
