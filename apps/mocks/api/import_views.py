"""``POST /api/groups/import``: an OpenAPI 3.0/3.1 document into a new group.

The document comes as a multipart upload (field ``file``), as a JSON body, or
as a raw YAML body (``Content-Type: application/yaml``). ``slug`` and ``name``
(form fields or query parameters) override the document's title.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import BaseParser, FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.mocks.openapi import importer

from .serializers import GroupSerializer
from .views import ManagementAPIView, problems

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


class RawDocumentParser(BaseParser):
    """YAML (or any text) body, handed over as bytes for the importer to parse."""

    media_type = "application/yaml"

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:
        data = stream.read(MAX_DOCUMENT_BYTES + 1) if stream is not None else b""
        if len(data) > MAX_DOCUMENT_BYTES:
            raise exceptions.ParseError(_("The document is larger than 5 MB."))
        return data


class YamlTextParser(RawDocumentParser):
    media_type = "text/yaml"


class XYamlParser(RawDocumentParser):
    media_type = "application/x-yaml"


ImportReportSerializer = inline_serializer(
    name="OpenAPIImportReport",
    fields={
        "imported": serializers.ListField(child=serializers.CharField()),
        "skipped": serializers.ListField(
            child=inline_serializer(
                name="OpenAPIImportSkipped",
                fields={
                    "item": serializers.CharField(),
                    "reason": serializers.CharField(),
                },
            )
        ),
    },
)


class GroupImportView(ManagementAPIView, APIView):
    permission_classes = (IsAuthenticated,)
    parser_classes = (
        JSONParser,
        MultiPartParser,
        FormParser,
        RawDocumentParser,
        YamlTextParser,
        XYamlParser,
    )

    @extend_schema(
        summary=_("Import an OpenAPI 3.0/3.1 document into a new group"),
        tags=["groups"],
        parameters=[
            OpenApiParameter("slug", str, description=_("Slug of the new group.")),
            OpenApiParameter("name", str, description=_("Name of the new group.")),
        ],
        request={
            "multipart/form-data": inline_serializer(
                name="OpenAPIImportUpload",
                fields={
                    "file": serializers.FileField(),
                    "slug": serializers.CharField(required=False),
                    "name": serializers.CharField(required=False),
                },
            ),
            "application/json": OpenApiTypes.OBJECT,
            "application/yaml": OpenApiTypes.STR,
        },
        responses={
            201: inline_serializer(
                name="OpenAPIImportResult",
                fields={"group": GroupSerializer(), "report": ImportReportSerializer},
            ),
            **problems(400, 401, 415, 429),
        },
    )
    def post(self, request):
        data = request.data
        options = {
            key: (request.query_params.get(key) or "").strip() or None
            for key in ("slug", "name")
        }
        if hasattr(data, "getlist"):  # multipart / form
            upload = request.FILES.get("file")
            if upload is None:
                raise exceptions.ValidationError(
                    {"file": [_("Upload the OpenAPI document as “file”.")]}
                )
            if upload.size > MAX_DOCUMENT_BYTES:
                raise exceptions.ValidationError(
                    {"file": [_("The document is larger than 5 MB.")]}
                )
            content = upload.read()
            for key in options:
                options[key] = (data.get(key) or "").strip() or options[key]
        else:
            content = data
        try:
            result = importer.import_document(
                content, slug=options["slug"], name=options["name"], user=request.user
            )
        except importer.ImportFailed as exc:
            raise exceptions.ValidationError({"document": [exc.message]}) from exc
        except DjangoValidationError as exc:
            detail = (
                exc.message_dict
                if hasattr(exc, "error_dict")
                else {"document": exc.messages}
            )
            raise exceptions.ValidationError(detail) from exc
        return Response(
            {
                "group": GroupSerializer(result.group).data,
                "report": result.report.as_dict(),
            },
            status=status.HTTP_201_CREATED,
        )
