"""The Help menu: About and the keyboard reference."""
