"""SP-API usage plans: one token bucket per operation and selling partner/app pair.

The buckets are the kit's (``apps.core.limits.token_bucket``: Redis when the
cache is Redis, else local); this module holds what is Amazon's: the documented
plans, the scale and the switch from settings, the bucket key and the
``x-amzn-RateLimit-Limit`` header text.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed

from apps.core.limits import token_bucket
from apps.core.limits.token_bucket import Decision, consume

__all__ = [
    "USAGE_PLANS",
    "Decision",
    "UsagePlan",
    "bucket_key",
    "check",
    "consume",
    "effective_plan",
]


class UsagePlan(token_bucket.UsagePlan):
    @property
    def header(self) -> str:
        """The ``x-amzn-RateLimit-Limit`` value: Amazon sends the rate as a
        plain decimal ("0.0167", "2.0")."""
        text = f"{self.rate:.4f}".rstrip("0")
        return text + "0" if text.endswith(".") else text


# The models' documented defaults (rate per second, burst).
USAGE_PLANS: dict[str, UsagePlan] = {
    "getOrders": UsagePlan(0.0167, 20),
    "getOrder": UsagePlan(0.5, 30),
    "getOrderBuyerInfo": UsagePlan(0.5, 30),
    "getOrderAddress": UsagePlan(0.5, 30),
    "getOrderItems": UsagePlan(0.5, 30),
    "getOrderItemsBuyerInfo": UsagePlan(0.5, 30),
    "getOrderRegulatedInfo": UsagePlan(0.5, 30),
    "updateVerificationStatus": UsagePlan(0.5, 30),
    "updateShipmentStatus": UsagePlan(5, 15),
    "confirmShipment": UsagePlan(2, 10),
    "getListingsItem": UsagePlan(5, 10),
    "putListingsItem": UsagePlan(5, 10),
    "patchListingsItem": UsagePlan(5, 5),
    "deleteListingsItem": UsagePlan(5, 5),
    "searchListingsItems": UsagePlan(5, 5),
    "getInventorySummaries": UsagePlan(2, 2),
    "getInventoryDetails": UsagePlan(2, 2),
    # The model gives the sandbox item operations no usage plan of their own;
    # they get the FBA Inventory API's only documented one (getInventorySummaries).
    "createInventoryItem": UsagePlan(2, 2),
    "deleteInventoryItem": UsagePlan(2, 2),
    "addInventory": UsagePlan(2, 2),
    "getReports": UsagePlan(0.0222, 10),
    "createReport": UsagePlan(0.0167, 15),
    "getReport": UsagePlan(2, 15),
    "cancelReport": UsagePlan(0.0222, 10),
    "getReportDocument": UsagePlan(0.0167, 15),
    "getReportSchedules": UsagePlan(0.0222, 10),
    "createReportSchedule": UsagePlan(0.0222, 10),
    "getReportSchedule": UsagePlan(0.0222, 10),
    "cancelReportSchedule": UsagePlan(0.0222, 10),
    "createRestrictedDataToken": UsagePlan(1, 10),
}


@dataclass(frozen=True)
class LimitsConfig:
    enabled: bool
    plans: Mapping[str, UsagePlan]  # USAGE_PLANS at the configured scale


@cache
def config() -> LimitsConfig:
    """The settings, read once (rebuilt when a test overrides them)."""
    scale = float(getattr(settings, "AMAZON_RATE_LIMIT_SCALE", 1.0) or 1.0)
    return LimitsConfig(
        enabled=getattr(settings, "AMAZON_RATE_LIMITS_ENABLED", True),
        plans=(
            {name: plan.scaled(scale) for name, plan in USAGE_PLANS.items()}
            if scale != 1.0
            else USAGE_PLANS
        ),
    )


def _forget(*, setting: str, **kwargs: Any) -> None:
    if setting in {"AMAZON_RATE_LIMITS_ENABLED", "AMAZON_RATE_LIMIT_SCALE"}:
        config.cache_clear()


setting_changed.connect(_forget)


def effective_plan(operation: str) -> UsagePlan | None:
    """The operation's plan at the configured scale (None when it has none),
    whether or not limits are enforced: the header is sent either way."""
    return config().plans.get(operation)


def bucket_key(operation: str, seller_id: str, application_id: str) -> str:
    return f"amazon:usage:{operation}:{seller_id}:{application_id}"


def check(operation: str, seller_id: str, application_id: str) -> Decision | None:
    """Charge the operation's bucket; None when the operation has no plan or
    limits are switched off."""
    limits = config()
    plan = limits.plans.get(operation)
    if not limits.enabled or plan is None:
        return None
    # ``consume`` through this module, so that tests can replace it here.
    return consume(bucket_key(operation, seller_id, application_id), plan)
