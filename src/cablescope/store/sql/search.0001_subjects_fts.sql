-- search_subjects: a full-text index over cables.subject, kept in step by triggers (search/schema.py)
CREATE VIRTUAL TABLE IF NOT EXISTS search_subjects USING fts5(
    subject, tokenize="unicode61 remove_diacritics 2"
);
INSERT INTO search_subjects (rowid, subject) SELECT rowid, subject FROM cables
    WHERE subject IS NOT NULL;
CREATE TRIGGER IF NOT EXISTS search_subjects_replace BEFORE INSERT ON cables BEGIN
    DELETE FROM search_subjects WHERE rowid = (SELECT rowid FROM cables WHERE id = new.id);
END;
CREATE TRIGGER IF NOT EXISTS search_subjects_insert AFTER INSERT ON cables
WHEN new.subject IS NOT NULL BEGIN
    INSERT OR REPLACE INTO search_subjects (rowid, subject) VALUES (new.rowid, new.subject);
END;
CREATE TRIGGER IF NOT EXISTS search_subjects_delete AFTER DELETE ON cables BEGIN
    DELETE FROM search_subjects WHERE rowid = old.rowid;
END;
CREATE TRIGGER IF NOT EXISTS search_subjects_update AFTER UPDATE OF subject ON cables BEGIN
    DELETE FROM search_subjects WHERE rowid = old.rowid;
    INSERT INTO search_subjects (rowid, subject) SELECT new.rowid, new.subject
        WHERE new.subject IS NOT NULL;
END;
