"""The bookstore is documented in its own OpenAPI document only
(``/bookstore/openapi.json``, one schema per family): in the project-wide
document (``manage.py spectacular``) its routes would carry the prefix, and
its ``mockReset`` would collide with the mock engine's."""

from drf_spectacular.openapi import AutoSchema

PREFIX = "/bookstore/"


class BookstoreAutoSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        # The family's own document is built from its URLconf, without the prefix.
        if path.startswith(PREFIX):
            return None
        return super().get_operation(path, path_regex, path_prefix, method, registry)
