"""cablescope: load, read, search and trace diplomatic cable corpora on SQLite."""

__version__ = "0.1.0"
