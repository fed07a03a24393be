"""The account detail dialog: ten tabs, each loaded from the cache when first shown."""
