"""The catch-all mock routes: /{group}/{path…} and their /chaos twins.

Mounted by the family registry after every other route (config/urls.py).
"""

from django.urls import re_path

from .edge.views import mock_view

# [\s\S]: a path with an encoded newline (%0A) is still the engine's to answer.
urlpatterns = [
    re_path(r"^(?P<group>[^/]+)(?P<path>/[\s\S]*)?$", mock_view, name="mock"),
]
