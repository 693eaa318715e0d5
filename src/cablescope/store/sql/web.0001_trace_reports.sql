-- Trace reports kept so /trace/<id> lasts (web/reports.py).
CREATE TABLE IF NOT EXISTS trace_reports (
    id       TEXT PRIMARY KEY,      -- the 20 hex digits of /trace/<id>
    created  TEXT NOT NULL,         -- when it was traced (UTC, ISO 8601)
    source   TEXT NOT NULL,         -- the article's file name, or 'pasted text'
    title    TEXT,                  -- the article's title, when it has one
    cables   INTEGER NOT NULL,      -- cables in the corpus when it was traced
    report   TEXT NOT NULL          -- the report as JSON (docs/trace.md, plus article.text, id)
);
CREATE INDEX IF NOT EXISTS trace_reports_created ON trace_reports(created);
