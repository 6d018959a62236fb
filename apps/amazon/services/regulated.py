"""Orders v0 regulated orders: getOrderRegulatedInfo and updateVerificationStatus.

As with shipments, ``verification_status_parse`` checks the body's shape against
the model and ``verification_status_update`` enforces the rules that need the
order, under a row lock; either the whole call applies or nothing does.

Rules taken from the model (``apps/amazon/spec/ordersV0.json``):

* ``externalReviewerId`` is required (UpdateVerificationStatusRequestBody);
* ``status`` "Must be one of [Approved, Rejected]" (the model's 400 example for
  ``Cancelled``);
* ``rejectionReasonId`` is "Only required if the new status is rejected" and
  must be one of the order's ``ValidRejectionReasons``;
* a verification detail may only be sent with the statuses its
  ``ValidVerificationDetail`` lists: ``prescriptionDetail`` with ``Approved``
  ("Only approved orders can have prescriptions"), ``approvedAlternativeDetails``
  with ``Rejected``; ``prescriptionDetail`` needs all of its required fields;
* only orders whose verification is ``Pending`` can be reviewed; an order with
  no regulated items has no regulated information (400, the model is silent).
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from apps.amazon.dates import parse_iso_instant
from apps.amazon.models import Order
from apps.amazon.services.refusals import RequestRefused, json_object, text_field

UPDATE_STATUSES = (
    Order.VerificationStatus.APPROVED.value,
    Order.VerificationStatus.REJECTED.value,
)
# ValidVerificationDetail: which detail may be sent with which new status.
VALID_VERIFICATION_DETAILS: dict[str, tuple[str, ...]] = {
    "prescriptionDetail": (Order.VerificationStatus.APPROVED.value,),
    "approvedAlternativeDetails": (Order.VerificationStatus.REJECTED.value,),
}
PRESCRIPTION_TEXT = ("prescriptionId", "clinicId", "usageInstructions")
# name → minimum (PrescriptionDetail's integers).
PRESCRIPTION_INTEGERS = {
    "writtenQuantity": 1,
    "totalRefillsAuthorized": 0,
    "refillsRemaining": 0,
}
PRESCRIPTION_REQUIRED = (
    "prescriptionId",
    "expirationDate",
    "writtenQuantity",
    "totalRefillsAuthorized",
    "refillsRemaining",
    "clinicId",
    "usageInstructions",
)
ALTERNATIVE_FIELDS = ("attributeName", "originalValue", "approvedValue")
MAX_TEXT = 200
NOT_REGULATED = "Order does not contain regulated items"


def _missing(name: str) -> RequestRefused:
    # The model's own wording: "Missing request parameter: externalReviewerId."
    text = f"Missing request parameter: {name}."
    return RequestRefused(text, message=text)


@dataclass(frozen=True)
class UpdateVerificationStatus:
    status: str
    external_reviewer_id: str
    rejection_reason_id: str = ""
    verification_details: dict[str, Any] = field(default_factory=dict)


# --- shape ------------------------------------------------------------------


def _text(data: dict, key: str, at: str) -> str:
    return text_field(data, key, at, required=False, max_length=MAX_TEXT)


def _prescription(value: Any, at: str) -> dict[str, Any]:
    detail = json_object(value, at.rstrip("."))
    missing = [k for k in PRESCRIPTION_REQUIRED if detail.get(k) is None]
    if missing:
        text = (
            "Missing required parameter(s) from prescriptionDetail value: "
            + ", ".join(missing)
        )
        raise RequestRefused(text, message=text)
    clean: dict[str, Any] = {}
    for key in PRESCRIPTION_TEXT:
        text = _text(detail, key, at)
        if not text:
            raise RequestRefused(f"{at}{key} must not be empty.")
        clean[key] = text
    for key, low in PRESCRIPTION_INTEGERS.items():
        number = detail[key]
        if isinstance(number, bool) or not isinstance(number, int):
            raise RequestRefused(f"{at}{key} must be an integer.")
        if number < low:
            raise RequestRefused(f"{at}{key} must be at least {low}.")
        clean[key] = number
    if clean["refillsRemaining"] > clean["totalRefillsAuthorized"]:
        raise RequestRefused(
            f"{at}refillsRemaining cannot exceed {at}totalRefillsAuthorized."
        )
    expiration = detail["expirationDate"]
    try:
        if not isinstance(expiration, str):
            raise ValueError(expiration)
        clean["expirationDate"] = (
            parse_iso_instant(expiration).isoformat().replace("+00:00", "Z")
        )
    except ValueError as exc:
        raise RequestRefused(
            f"{at}expirationDate must be an ISO 8601 date-time."
        ) from exc
    return clean


def _alternatives(value: Any, at: str) -> list[dict[str, str]]:
    if not isinstance(value, list) or not value:
        raise RequestRefused(f"{at.rstrip('.')} must be a non-empty list.")
    rows = []
    for index, raw in enumerate(value):
        where = f"{at.rstrip('.')}[{index}]."
        row = json_object(raw, where.rstrip("."))
        clean = {}
        for key in ALTERNATIVE_FIELDS:
            text = _text(row, key, where)
            if not text:
                raise RequestRefused(f"Missing required field: {where}{key}.")
            clean[key] = text
        rows.append(clean)
    return rows


def _verification_details(value: Any, status: str) -> dict[str, Any]:
    at = "regulatedOrderVerificationStatus.verificationDetails"
    details = json_object(value, at)
    clean: dict[str, Any] = {}
    for kind, raw in details.items():
        if raw is None:
            continue
        allowed = VALID_VERIFICATION_DETAILS.get(kind)
        if allowed is None or status not in allowed:
            text = (
                f"Verification Detail `{kind}` is not supported when order is in "
                f"{status} status."
            )
            raise RequestRefused(text, message=text)
        if kind == "prescriptionDetail":
            clean[kind] = _prescription(raw, f"{at}.{kind}.")
        else:
            clean[kind] = _alternatives(raw, f"{at}.{kind}.")
    return clean


def verification_status_parse(data: Any) -> UpdateVerificationStatus:
    """An UpdateVerificationStatusRequest body → UpdateVerificationStatus, or
    RequestRefused."""
    body = json_object(data, "The request body")
    raw = body.get("regulatedOrderVerificationStatus")
    if raw is None:
        raise _missing("regulatedOrderVerificationStatus")
    update = json_object(raw, "regulatedOrderVerificationStatus")
    status = update.get("status")
    if status is None:
        raise _missing("status")
    if status not in UPDATE_STATUSES:
        text = (
            "Invalid request parameter `status`. Must be one of "
            f"[{', '.join(UPDATE_STATUSES)}]."
        )
        raise RequestRefused(text, message=text)
    at = "regulatedOrderVerificationStatus."
    reviewer = _text(update, "externalReviewerId", at)
    if not reviewer:
        raise _missing("externalReviewerId")
    reason = _text(update, "rejectionReasonId", at)
    if status == Order.VerificationStatus.REJECTED and not reason:
        raise _missing("rejectionReasonId")
    if status != Order.VerificationStatus.REJECTED and reason:
        raise RequestRefused(
            "rejectionReasonId is only allowed when status is Rejected."
        )
    details = {}
    if update.get("verificationDetails") is not None:
        details = _verification_details(update["verificationDetails"], status)
    return UpdateVerificationStatus(status, reviewer, reason, details)


# --- rules and effects ------------------------------------------------------------


def check_regulated(order: Order) -> None:
    if not order.has_regulated_items:
        raise RequestRefused(
            f"Order {order.amazon_order_id} does not contain regulated items.",
            message=NOT_REGULATED,
        )


def verification_status_update(
    *, order: Order, request: UpdateVerificationStatus
) -> Order:
    """Approve or reject a Pending regulated order; all or nothing."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        check_regulated(order)
        if order.verification_status != Order.VerificationStatus.PENDING:
            raise RequestRefused(
                f"Order {order.amazon_order_id} verification is "
                f"{order.verification_status or 'unknown'}; only Pending orders "
                "can be approved or rejected."
            )
        rejection: dict[str, str] = {}
        if request.status == Order.VerificationStatus.REJECTED:
            reasons = {
                r.get("RejectionReasonId"): r
                for r in order.valid_rejection_reasons or []
                if isinstance(r, dict)
            }
            if request.rejection_reason_id not in reasons:
                raise RequestRefused(
                    f"rejectionReasonId {request.rejection_reason_id} is not a valid "
                    f"rejection reason for order {order.amazon_order_id}; valid: "
                    + ", ".join(sorted(k for k in reasons if k))
                    + "."
                )
            chosen = reasons[request.rejection_reason_id]
            rejection = {
                "RejectionReasonId": chosen["RejectionReasonId"],
                "RejectionReasonDescription": chosen.get(
                    "RejectionReasonDescription", ""
                ),
            }
        now = timezone.now()
        order.verification_status = request.status
        order.rejection_reason = rejection
        order.external_reviewer_id = request.external_reviewer_id
        order.review_date = now
        order.verification_details = request.verification_details
        order.last_update_date = now
        order.save(
            update_fields=[
                "verification_status",
                "rejection_reason",
                "external_reviewer_id",
                "review_date",
                "verification_details",
                "last_update_date",
                "updated_at",
            ]
        )
        return order
