"""OpenAPI 3.0/3.1 import into a new group, and export of a group as OpenAPI 3.1."""
