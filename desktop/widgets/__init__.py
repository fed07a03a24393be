"""Small widgets and helpers shared by the main window.

Importing this package installs :mod:`desktop.widgets.pyside_fix` (PySide6 6.12.0 drops a
reference to ``True`` on every ``Signal.emit``; see that module).
"""

from desktop.widgets import pyside_fix as _pyside_fix  # noqa: F401  (installs the fix)
