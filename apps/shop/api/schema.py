"""The shop is documented in its own OpenAPI document only
(``/shop/openapi.json``): the project-wide one would list its routes with the
prefix, and its ``mockReset`` would collide with the mock engine's."""

from drf_spectacular.openapi import AutoSchema


class ShopAutoSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        if path.startswith("/shop/"):
            return None
        return super().get_operation(path, path_regex, path_prefix, method, registry)
