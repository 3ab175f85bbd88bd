"""Alembic migrations of the .jmw schema, run by :mod:`journeymapper.store.migrate`."""
