-- Paragraph markings without reading paragraph rows: the marking facet and `marking:` at cable
-- level read (cable_id, marking), `marking:` alone at paragraph level starts from (marking).
CREATE INDEX IF NOT EXISTS search_paragraph_cable_marking ON paragraphs(cable_id, marking);
CREATE INDEX IF NOT EXISTS search_paragraph_marking ON paragraphs(marking);
