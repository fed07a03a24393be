"""Small widgets and helpers shared by the main window."""
