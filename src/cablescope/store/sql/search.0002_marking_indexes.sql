
CREATE INDEX IF NOT EXISTS search_paragraph_cable_marking ON paragraphs(cable_id, marking);
CREATE INDEX IF NOT EXISTS search_paragraph_marking ON paragraphs(marking);
