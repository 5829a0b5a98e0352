"""Where reports come from: the drop folder (and, later, web sources)."""
