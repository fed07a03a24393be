"""The PySide6 desktop client (the only package that imports Qt)."""

from sync import __version__ as __version__

APP_NAME = "Terabyte Partner Desk"
ORG_NAME = "Terabyte"
