"""Web sources: listing pages declared in ``sources.yaml``; their reports are fetched into the raw folder."""
