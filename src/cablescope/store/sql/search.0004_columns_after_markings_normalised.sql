-- Paragraph markings normalised in place by store.0004 (`S//NF` -> `S/NF`), which moves none of
-- the high-water marks the saved columns are stamped with: saved columns are dropped once, so
-- the next search builds them from the normalised markings.
DELETE FROM search_columns;
