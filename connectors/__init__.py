"""Platform connectors: fetch new items since a cursor and hide where allowed."""
