"""Small widgets and helpers shared by the main window."""

from desktop.runtime.pyside_guard import guard_singletons

# PySide6 6.12.0 drops a reference to None/True/False on every call (see the module);
# pyproject excludes that release, and this keeps a stray install of it safe.
guard_singletons()
