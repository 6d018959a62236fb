"""The request validation the FastAPI-style families share now lives in the
kit (apps/core/api_validation.py); kept as an import path for the bookstore."""

from apps.core.api_validation import (
    StrictSerializer,
    path_uuid,
    query_dict,
    validated,
)

__all__ = ["StrictSerializer", "path_uuid", "query_dict", "validated"]
