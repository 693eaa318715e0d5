-- Why each mention is in its entity ("surname alone: of the cables that write Sarkozy alone
-- beside a full name, the share that mean Nicolas Sarkozy is 97% (...)"), set by resolution and
-- summed up in the dossier.
ALTER TABLE mentions ADD COLUMN evidence TEXT;
