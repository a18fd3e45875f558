"""Alembic migrations of the warmonitor store, shipped in the package."""
