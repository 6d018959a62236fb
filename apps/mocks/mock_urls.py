"""The mock engine family's routes: its staff-only reset, then the catch-all
/{group}/{path…} and the /chaos twins.

Mounted by the family registry after every other route (config/urls.py).
"""

from django.urls import path, re_path

from apps.core import families
from apps.core.seeding.views import reset_view

from .edge.views import mock_view

# "_mock" is reserved, so no group can shadow the reset.
MockReset = reset_view(
    families.get("mocks"),
    summary="Mock extension: restore the demo groups (staff only)",
)

# [\s\S]: a path with an encoded newline (%0A) is still the engine's to answer.
urlpatterns = [
    path("_mock/reset", MockReset.as_view(), name="mocks-reset"),
    re_path(r"^(?P<group>[^/]+)(?P<path>/[\s\S]*)?$", mock_view, name="mock"),
]
