"""Writers that put the parsed frames into the DuckDB warehouse."""
