"""The SQLite store: schema, migrations, ingest, and reading cables back (docs/schema.md)."""

from cablescope.store.db import Store
from cablescope.store.ingest import IngestSummary
from cablescope.store.migrations import register_migration
from cablescope.store.writer import Outcome

__all__ = ["IngestSummary", "Outcome", "Store", "register_migration"]
