"""Pure billing rules shared by the desktop and the server: money, payment rules, lifecycle.

Standard library only: no Qt, no SQL, no HTTP (an import-linter contract keeps it so).
"""
