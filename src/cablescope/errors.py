"""Exceptions shared by every layer, so the CLI and web layer can turn them into clear messages."""

from __future__ import annotations


class CablescopeError(Exception):
    """Base class: an error a user can act on, with a message that names what and where."""


class SourceError(CablescopeError):
    """A corpus file or archive cannot be read at all (missing, unreadable, not an archive)."""


class QueryError(CablescopeError):
    """A search query is malformed; `position` is the 0-based offset in the query text."""

    def __init__(self, message: str, query: str, position: int) -> None:
        self.query = query
        self.position = position
        pointer = f"\n  {query}\n  {' ' * position}^"
        super().__init__(f"{message} (at position {position}){pointer}")


class StoreError(CablescopeError):
    """The database cannot be opened, migrated or written (missing, locked, corrupt, disk full)."""


class ArticleError(CablescopeError):
    """An article cannot be traced: missing, unreadable, undecodable, empty or too large."""


class ExtraMissing(CablescopeError):
    """A feature was asked for whose optional extra is not installed; the message names the
    extra and how to install it."""
