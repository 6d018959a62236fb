"""Regulated orders (prescription eyewear) among the seeded ones."""

import random
import string
from datetime import timedelta

from apps.amazon.models import Order

REGULATED_SHARE = 0.03
REGULATED_REJECTION_REASONS = (
    {
        "RejectionReasonId": "rx_eyewear_reject_expired_prescription",
        "RejectionReasonDescription": "The prescription has expired.",
    },
    {
        "RejectionReasonId": "rx_eyewear_reject_unreadable_prescription",
        "RejectionReasonDescription": "The prescription image cannot be read.",
    },
    {
        "RejectionReasonId": "rx_eyewear_reject_prescriber_unverified",
        "RejectionReasonDescription": "The prescriber could not be verified.",
    },
)
PRESCRIBERS = ("Dr. A. Rivera", "Dr. M. Chen", "Dr. S. Okafor", "Dr. L. Novak")
# Order status → verification status of a regulated order.
REGULATED_VERIFICATION = {
    Order.Status.PENDING: Order.VerificationStatus.PENDING,
    Order.Status.PENDING_AVAILABILITY: Order.VerificationStatus.PENDING,
    Order.Status.UNSHIPPED: Order.VerificationStatus.PENDING,
    Order.Status.CANCELED: Order.VerificationStatus.CANCELLED,
}


def regulated_details(order: Order) -> None:
    """A few orders carry a regulated item (prescription eyewear) and the form
    the buyer filled in for getOrderRegulatedInfo.

    Drawn from a generator seeded by the order id, not the shared one, so adding
    these fields left every other seeded value as it was. Orders still waiting to
    ship wait for review (Pending); shipped ones were approved before shipping."""
    order_rng = random.Random(order.amazon_order_id)
    if order_rng.random() >= REGULATED_SHARE:
        return
    order.has_regulated_items = True
    order.requires_dosage_label = False
    expires = (
        order.purchase_date + timedelta(days=order_rng.randrange(60, 700))
    ).date()
    token = "".join(order_rng.choices(string.ascii_lowercase + string.digits, k=24))
    order.regulated_info = [
        {
            "FieldId": "rx_patient_name",
            "FieldLabel": "Patient name",
            "FieldType": "Text",
            "FieldValue": order.buyer_name,
        },
        {
            "FieldId": "rx_prescriber_name",
            "FieldLabel": "Prescriber",
            "FieldType": "Text",
            "FieldValue": order_rng.choice(PRESCRIBERS),
        },
        {
            "FieldId": "rx_expiration_date",
            "FieldLabel": "Prescription expiration date",
            "FieldType": "Text",
            "FieldValue": expires.isoformat(),
        },
        {
            "FieldId": "rx_prescription_image",
            "FieldLabel": "Prescription",
            "FieldType": "FileAttachment",
            "FieldValue": f"https://regulated-info.amazon.com/rx/{token}.pdf",
        },
    ]
    order.valid_rejection_reasons = [dict(r) for r in REGULATED_REJECTION_REASONS]
    status = REGULATED_VERIFICATION.get(
        order.order_status, Order.VerificationStatus.APPROVED
    )
    order.verification_status = status
    if status == Order.VerificationStatus.APPROVED:
        reviewed = order.purchase_date + timedelta(minutes=order_rng.randrange(10, 240))
        order.review_date = min(reviewed, order.last_update_date)
        order.external_reviewer_id = f"reviewer-{order_rng.randrange(1000, 9999)}"
