"""The version stamped on every row a parser writes (``documents.parser_version``,
``quarantine.parser_version``)."""

# Bump when a change alters what a document yields, so rows read by an older parser can be told apart.
PARSER_VERSION = "text-0.5.0"
