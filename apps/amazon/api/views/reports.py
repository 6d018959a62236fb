"""Reports API 2021-06-30: createReport, getReports, getReport, cancelReport,
getReportDocument, getReportSchedules, createReportSchedule, getReportSchedule,
cancelReportSchedule; the mock's signed document download and the documented
``/reports/{reportId}/document`` convenience redirect."""

import re
from dataclasses import asdict
from datetime import timedelta

from django.core import signing
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response

from apps.amazon.api import paging
from apps.amazon.api.base import (
    SpApiView,
    body_list,
    new_request_id,
    parse_datetime,
    query_bool,
    query_datetime,
    query_int,
    query_list,
)
from apps.amazon.api.errors import (
    ACCESS_DENIED_MESSAGE,
    InvalidInput,
    NotFound,
    plain_error_response,
)
from apps.amazon.api.payloads import (
    known_marketplace,
    report_payload,
    report_schedule_payload,
)
from apps.amazon.api.schema import sp_api_schema
from apps.amazon.models import Report, ReportDocument, ReportSchedule
from apps.amazon.selectors import (
    ReportsQuery,
    report_get,
    report_page,
    report_schedule_get,
    report_schedule_list,
)
from apps.amazon.services.reports import (
    ReportStateError,
    document_from_token,
    document_url_token,
    report_cancel,
    report_create,
)
from apps.amazon.services.schedules import (
    report_schedule_cancel,
    report_schedule_create,
)

MODEL = "reports_2021-06-30.json"
REPORT_TYPE_RE = re.compile(r"^[A-Z0-9_]{3,120}$")
STATUSES = {c.value for c in Report.Status}
# Filters that may not accompany nextToken ("must be the only parameter").
FILTER_PARAMS = (
    "reportTypes",
    "processingStatuses",
    "pageSize",
    "createdSince",
    "createdUntil",
)
CLIENT_MARKETPLACE_KEYS = ("MarketplaceId", "MarketplaceIds", "marketplace_ids")


def _marketplaces(ids: list[str], *, low: int, high: int, name: str) -> list[str]:
    if not low <= len(ids) <= high:
        raise InvalidInput(f"{name} must contain between {low} and {high} values.")
    unknown = [m for m in ids if not known_marketplace(m)]
    if unknown:
        raise InvalidInput(f"Invalid {name}: {', '.join(unknown)}.")
    return ids


def _json_object(request) -> dict:
    if not isinstance(request.data, dict):
        raise InvalidInput("The request body must be a JSON object.")
    return request.data


def _report_type(data: dict) -> str:
    report_type = data.get("reportType")
    if not isinstance(report_type, str) or not report_type:
        raise InvalidInput("Missing required field: reportType.")
    if not REPORT_TYPE_RE.match(report_type):
        raise InvalidInput(f"Invalid reportType: {report_type}.")
    return report_type


def _body_marketplaces(data: dict) -> list[str]:
    if "marketplaceIds" not in data:
        raise InvalidInput("Missing required field: marketplaceIds.")
    return _marketplaces(
        list(dict.fromkeys(body_list(data.get("marketplaceIds")))),
        low=1,
        high=25,
        name="marketplaceIds",
    )


def _report_options(data: dict) -> dict[str, str]:
    options = data.get("reportOptions") or {}
    if not isinstance(options, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in options.items()
    ):
        raise InvalidInput("reportOptions must map strings to strings.")
    return options


class ReportsView(SpApiView):
    def get_operation(self, request) -> str:
        return "createReport" if request.method == "POST" else "getReports"

    @sp_api_schema(MODEL, "/reports/2021-06-30/reports", "get")
    def get(self, request):
        params = request.query_params
        token = params.get("nextToken", "").strip()
        if token:
            extra = [p for p in FILTER_PARAMS if p in params]
            injected = any(k in params for k in CLIENT_MARKETPLACE_KEYS)
            if "marketplaceIds" in params and not injected:
                extra.append("marketplaceIds")
            if extra:
                raise InvalidInput(
                    "nextToken must be the only parameter; also got: "
                    + ", ".join(extra)
                    + "."
                )
            page = paging.decode("reports", token, seller=self.seller, name="nextToken")
            query = ReportsQuery(**page.filters)
            limit, after = page.position["limit"], tuple(page.position["after"])
        else:
            report_types = query_list(request, "reportTypes")
            if not report_types:
                raise InvalidInput("Either reportTypes or nextToken is required.")
            if len(report_types) > 10:
                raise InvalidInput("reportTypes must contain between 1 and 10 values.")
            statuses = query_list(request, "processingStatuses")
            bad = [s for s in statuses if s not in STATUSES]
            if bad:
                raise InvalidInput(f"Invalid processingStatuses: {', '.join(bad)}.")
            marketplace_ids = query_list(request, "marketplaceIds")
            if marketplace_ids:
                _marketplaces(marketplace_ids, low=1, high=10, name="marketplaceIds")
            now = timezone.now()
            since = query_datetime(request, "createdSince") or now - timedelta(days=90)
            until = query_datetime(request, "createdUntil") or now
            if since > until:
                raise InvalidInput("createdSince must be before createdUntil.")
            query = ReportsQuery(report_types, statuses, marketplace_ids, since, until)
            limit = query_int(request, "pageSize", default=10, low=1, high=100)
            after = None
        reports, next_key = report_page(
            seller=self.seller, query=query, limit=limit, after=after
        )
        body: dict = {"reports": [report_payload(r) for r in reports]}
        if next_key is not None:
            body["nextToken"] = paging.encode(
                "reports",
                seller=self.seller,
                filters=asdict(query),
                position={"limit": limit, "after": next_key},
            )
        return Response(body)

    @sp_api_schema(MODEL, "/reports/2021-06-30/reports", "post")
    def post(self, request):
        data = _json_object(request)
        report_type = _report_type(data)
        marketplace_ids = _body_marketplaces(data)
        now = timezone.now()
        times = {}
        for name in ("dataStartTime", "dataEndTime"):
            value = data.get(name)
            if value in (None, ""):
                times[name] = None
                continue
            if not isinstance(value, str):
                raise InvalidInput(f"{name} must be an ISO 8601 date-time string.")
            times[name] = parse_datetime(value, name)
            if times[name] > now + timedelta(seconds=5):
                raise InvalidInput(
                    f"{name} must be prior to or equal to the current time."
                )
        start, end = times["dataStartTime"], times["dataEndTime"]
        if start and end and start > end:
            raise InvalidInput("dataStartTime must be before dataEndTime.")
        options = _report_options(data)
        report = report_create(
            seller=self.seller,
            report_type=report_type,
            marketplace_ids=marketplace_ids,
            data_start_time=start,
            data_end_time=end,
            report_options=options,
        )
        return Response({"reportId": report.report_id}, status=202)


def _report_or_404(view: SpApiView, report_id: str) -> Report:
    report = report_get(seller=view.seller, report_id=report_id)
    if report is None:
        raise NotFound(f"Report {report_id} does not exist.")
    return report


class ReportView(SpApiView):
    def get_operation(self, request) -> str:
        return "cancelReport" if request.method == "DELETE" else "getReport"

    @sp_api_schema(MODEL, "/reports/2021-06-30/reports/{reportId}", "get")
    def get(self, request, reportId: str):
        report_id = reportId
        return Response(report_payload(_report_or_404(self, report_id)))

    @sp_api_schema(MODEL, "/reports/2021-06-30/reports/{reportId}", "delete")
    def delete(self, request, reportId: str):
        report_id = reportId
        report = _report_or_404(self, report_id)
        try:
            report_cancel(report=report)
        except ReportStateError as exc:
            raise InvalidInput(str(exc)) from exc
        return Response(status=200)


class ReportSchedulesView(SpApiView):
    def get_operation(self, request) -> str:
        return (
            "createReportSchedule" if request.method == "POST" else "getReportSchedules"
        )

    @sp_api_schema(MODEL, "/reports/2021-06-30/schedules", "get")
    def get(self, request):
        report_types = query_list(request, "reportTypes")
        if not report_types:
            raise InvalidInput("Missing required parameter: reportTypes.")
        if len(report_types) > 10:
            raise InvalidInput("reportTypes must contain between 1 and 10 values.")
        schedules = report_schedule_list(seller=self.seller, report_types=report_types)
        return Response(
            {"reportSchedules": [report_schedule_payload(s) for s in schedules]}
        )

    @sp_api_schema(MODEL, "/reports/2021-06-30/schedules", "post")
    def post(self, request):
        data = _json_object(request)
        report_type = _report_type(data)
        marketplace_ids = _body_marketplaces(data)
        period = data.get("period")
        if period in (None, ""):
            raise InvalidInput("Missing required field: period.")
        if period not in ReportSchedule.PERIODS:
            raise InvalidInput(
                f"Invalid period: {period}. Allowed values: "
                + ", ".join(ReportSchedule.PERIODS)
                + "."
            )
        next_time = data.get("nextReportCreationTime")
        if next_time in (None, ""):
            next_time = None
        elif isinstance(next_time, str):
            next_time = parse_datetime(next_time, "nextReportCreationTime")
        else:
            raise InvalidInput(
                "nextReportCreationTime must be an ISO 8601 date-time string."
            )
        schedule = report_schedule_create(
            seller=self.seller,
            report_type=report_type,
            marketplace_ids=marketplace_ids,
            period=period,
            next_report_creation_time=next_time,
            report_options=_report_options(data),
        )
        return Response({"reportScheduleId": schedule.report_schedule_id}, status=201)


def _schedule_or_404(view: SpApiView, report_schedule_id: str) -> ReportSchedule:
    schedule = report_schedule_get(
        seller=view.seller, report_schedule_id=report_schedule_id
    )
    if schedule is None:
        raise NotFound(f"Report schedule {report_schedule_id} does not exist.")
    return schedule


class ReportScheduleView(SpApiView):
    def get_operation(self, request) -> str:
        return (
            "cancelReportSchedule"
            if request.method == "DELETE"
            else "getReportSchedule"
        )

    @sp_api_schema(MODEL, "/reports/2021-06-30/schedules/{reportScheduleId}", "get")
    def get(self, request, reportScheduleId: str):
        schedule = _schedule_or_404(self, reportScheduleId)
        return Response(report_schedule_payload(schedule))

    @sp_api_schema(MODEL, "/reports/2021-06-30/schedules/{reportScheduleId}", "delete")
    def delete(self, request, reportScheduleId: str):
        report_schedule_cancel(schedule=_schedule_or_404(self, reportScheduleId))
        return Response(status=200)


def document_url(request, document: ReportDocument, *, content_encoding: bool) -> str:
    token = document_url_token(document, content_encoding=content_encoding)
    return request.build_absolute_uri(reverse("amazon:document-download", args=[token]))


class ReportDocumentView(SpApiView):
    operation = "getReportDocument"

    @sp_api_schema(MODEL, "/reports/2021-06-30/documents/{reportDocumentId}", "get")
    def get(self, request, reportDocumentId: str):
        document_id = reportDocumentId
        document = ReportDocument.objects.filter(
            seller=self.seller, document_id=document_id
        ).first()
        if document is None:
            raise NotFound(f"Report document {document_id} does not exist.")
        encoding = query_bool(request, "enableContentEncodingUrlHeader")
        body = {
            "reportDocumentId": document.document_id,
            "url": document_url(request, document, content_encoding=encoding),
        }
        if document.compression_algorithm:
            body["compressionAlgorithm"] = document.compression_algorithm
        return Response(body)


ERROR_LIST = {"$ref": "#/components/schemas/ReportsErrorList"}


class ReportDocumentRedirectView(SpApiView):
    """Mock convenience: GET /reports/2021-06-30/reports/{reportId}/document."""

    operation = "getReport"

    @extend_schema(
        operation_id="getReportDocumentRedirect",
        summary="Mock extension: redirect to the report's document",
        description=(
            "Not part of Amazon's API. 302 to the signed, short-lived document URL "
            "once the report has a document (DONE, or FATAL with an error document)."
        ),
        parameters=[OpenApiParameter("reportId", str, OpenApiParameter.PATH)],
        responses={
            302: OpenApiResponse(description="Redirect to the document"),
            400: OpenApiResponse(ERROR_LIST, description="Invalid reportId"),
            403: OpenApiResponse(ERROR_LIST, description="Access denied"),
            404: OpenApiResponse(
                ERROR_LIST, description="No such report, or it has no document yet"
            ),
        },
        tags=["reports"],
    )
    def get(self, request, reportId: str):
        report_id = reportId
        report = _report_or_404(self, report_id)
        if report.document is None:
            raise NotFound(
                f"Report {report_id} has no document (processingStatus "
                f"{report.processing_status})."
            )
        return HttpResponseRedirect(
            document_url(request, report.document, content_encoding=False)
        )


@csrf_exempt
def document_download(request, token: str):
    """The presigned-URL stand-in: the signature itself authorizes the download."""
    if request.method not in {"GET", "HEAD"}:
        response = plain_error_response(
            405, "MethodNotAllowed", "Only GET is allowed on document URLs."
        )
    else:
        try:
            document, content_encoding = document_from_token(token)
        except signing.SignatureExpired:
            document, response = (
                None,
                plain_error_response(
                    403, "Unauthorized", ACCESS_DENIED_MESSAGE, "Request has expired."
                ),
            )
        except signing.BadSignature:
            document, response = (
                None,
                plain_error_response(
                    403, "Unauthorized", ACCESS_DENIED_MESSAGE, "Invalid signature."
                ),
            )
        else:
            if document is None:
                response = plain_error_response(
                    404, "NotFound", "The resource specified does not exist."
                )
            else:
                response = HttpResponse(
                    bytes(document.content), content_type=document.content_type
                )
                if document.compression_algorithm == "GZIP" and content_encoding:
                    response["Content-Encoding"] = "gzip"
                response["Cache-Control"] = "private, max-age=0"
    response["x-amzn-RequestId"] = new_request_id()
    return response
