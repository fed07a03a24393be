"""The Partner Portal reference server (FastAPI + SQLAlchemy)."""
