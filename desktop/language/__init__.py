"""The interface language at run time: translations (English or Tamil) and the Tamil font."""
