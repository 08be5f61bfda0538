"""Alembic migrations of the preference memory; run through personalign.memory.db.migrate()."""
