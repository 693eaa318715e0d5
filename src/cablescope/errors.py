"""Exceptions shared by every layer, so the CLI and web layer can turn them into clear messages."""

from __future__ import annotations


class CablescopeError(Exception):
    """Base class: an error a user can act on, with a message that names what and where."""


class SourceError(CablescopeError):
    """A corpus file or archive cannot be read at all (missing, unreadable, not an archive)."""


class QueryError(CablescopeError):
    """A search query is malformed; `position` is the 0-based offset in the query text."""

    WINDOW = 76  # characters of the query shown around the position

    def __init__(self, message: str, query: str, position: int) -> None:
        self.query = query
        self.position = position
        # a long query is shown around the position (a 3,000-character one filled the screen),
        # and tabs and line ends as spaces, so that the caret stays under its character
        start = max(0, min(position - self.WINDOW // 2, len(query) - self.WINDOW))
        end = start + self.WINDOW
        shown = (("…" if start else "") + query[start:end] + ("…" if end < len(query) else ""))
        shown = "".join(" " if c in "\t\n\r\x0b\x0c" else c for c in shown)
        caret = position - start + (1 if start else 0)
        pointer = f"\n  {shown}\n  {' ' * caret}^"
        super().__init__(f"{message} (at position {position}){pointer}")


class StoreError(CablescopeError):
    """The database cannot be opened, migrated or written (missing, locked, corrupt, disk full)."""


class ArticleError(CablescopeError):
    """An article cannot be traced: missing, unreadable, undecodable, empty or too large."""


class ExtraMissing(CablescopeError):
    """A feature was asked for whose optional extra is not installed; the message names the
    extra and how to install it."""
