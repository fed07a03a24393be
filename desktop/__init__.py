"""The PySide6 desktop client (the only package that imports Qt)."""

APP_NAME = "Terabyte Partner Desk"
ORG_NAME = "Terabyte"
__version__ = "0.1.0"
