"""Signing in: the sign-in dialog (the sign-in itself is desktop.sync.session)."""
