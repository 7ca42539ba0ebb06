"""The store: SQLModel tables, Alembic migrations and the repository that reads and writes them.

The database is the truth: every deadline, planned alert, delivery and change lives here.
"""

from watcher.store.database import open_store
from watcher.store.repository import Store

__all__ = ["Store", "open_store"]
