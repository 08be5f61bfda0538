"""Alembic revision scripts of the preference memory, applied in order by `personalign.memory.db.migrate`."""
