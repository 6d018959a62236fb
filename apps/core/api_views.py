"""The base view of an API family's DRF views.

It answers every error in the family's own shape (its registered renderer)
and stamps the family's request-id header on every response, so a family's
views only set ``family = "<label>"`` and write their handlers.
"""

from __future__ import annotations

from rest_framework.views import APIView

from . import families


class FamilyAPIView(APIView):
    family: str = ""

    def get_family(self) -> families.ApiFamily:
        return families.get(self.family)

    def get_exception_handler(self):
        return self.get_family().exception_handler()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        header = self.get_family().request_id_header
        if header and not response.has_header(header):
            response[header] = families.new_request_id()
        return response
