-- The arrays of `columns.Columns`, saved for the next process (see search/columns.py).
CREATE TABLE IF NOT EXISTS search_columns (
    name  TEXT PRIMARY KEY,   -- an array of `Columns`, or 'values' (JSON: the code tables)
    stamp TEXT NOT NULL,      -- the store's high-water marks when it was built
    data  BLOB NOT NULL       -- numpy array bytes (dtype and shape in 'values')
);
