"""Offline-first sync with the partner portal server (docs/sync-api.md)."""
