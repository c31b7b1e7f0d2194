"""Per-site ArticlePage subclasses, named by a profile's ``page`` key."""
