"""Listings Items writes: put (full replace), patch (JSON-Patch on attributes), delete.

Submissions are validated the way Amazon reports problems: not as HTTP errors but
as ``issues`` in a 200 response whose status is INVALID. Accepted submissions are
applied at once, so the next getListingsItem returns what was written.
"""

import contextlib
import copy
import random
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.amazon.factories import make_asin
from apps.amazon.marketplaces import MARKETPLACES
from apps.amazon.models import Listing, Seller

PATCH_OPS = {"add", "replace", "merge", "delete"}


@dataclass
class Submission:
    sku: str
    status: str  # ACCEPTED | INVALID | VALID
    issues: list[dict[str, Any]] = field(default_factory=list)
    identifiers: list[dict[str, str]] = field(default_factory=list)
    submission_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def body(self, included: list[str]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "sku": self.sku,
            "status": self.status,
            "submissionId": self.submission_id,
        }
        if "issues" in included:
            data["issues"] = self.issues
        if "identifiers" in included:
            data["identifiers"] = self.identifiers
        return data


class PatchError(ValueError):
    """A malformed patch document (HTTP 400, not an INVALID submission)."""


def _issue(code: str, message: str, names: list[str], category: str) -> dict[str, Any]:
    return {
        "code": code,
        "message": message,
        "severity": "ERROR",
        "attributeNames": names,
        "categories": [category] if category else [],
    }


def validate_attributes(
    attributes: dict[str, Any], *, requirements: str, existing: bool
) -> list[dict[str, Any]]:
    issues = []
    for name, value in attributes.items():
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            issues.append(
                _issue(
                    "90000900",
                    f"The value provided for '{name}' is invalid: expected an array of objects.",
                    [name],
                    "INVALID_ATTRIBUTE",
                )
            )
    required = []
    if requirements != "LISTING_PRODUCT_ONLY":
        required.append("condition_type")
    if requirements != "LISTING_OFFER_ONLY" and not existing:
        required.append("item_name")
    for name in required:
        if not attributes.get(name):
            issues.append(
                _issue(
                    "90220",
                    f"'{name}' is required but not supplied.",
                    [name],
                    "MISSING_ATTRIBUTE",
                )
            )
    price = _price(attributes)
    if price is not None and price <= 0:
        issues.append(
            _issue(
                "18155",
                "The price must be greater than zero.",
                ["purchasable_offer"],
                "INVALID_PRICE",
            )
        )
    return issues


def _first(attributes: dict[str, Any], name: str) -> dict[str, Any]:
    values = attributes.get(name)
    if isinstance(values, list) and values and isinstance(values[0], dict):
        return values[0]
    return {}


def _price(attributes: dict[str, Any]) -> Decimal | None:
    offer = _first(attributes, "purchasable_offer")
    try:
        value = offer["our_price"][0]["schedule"][0]["value_with_tax"]
        return Decimal(str(value))
    except (KeyError, IndexError, TypeError, InvalidOperation):
        return None


def _apply_attributes(
    row: Listing, attributes: dict[str, Any], product_type: str
) -> None:
    row.attributes = attributes
    row.product_type = product_type or row.product_type
    name = _first(attributes, "item_name").get("value")
    if name:
        row.item_name = str(name)[:500]
    condition = _first(attributes, "condition_type").get("value")
    if condition:
        row.condition_type = str(condition)
    price = _price(attributes)
    if price is not None:
        row.price = price.quantize(Decimal("0.01"))
    availability = _first(attributes, "fulfillment_availability")
    code = availability.get("fulfillment_channel_code")
    if code:
        row.fulfillment_channel = (
            Listing.Channel.MERCHANT if code == "DEFAULT" else Listing.Channel.AMAZON
        )
    if "quantity" in availability:
        with contextlib.suppress(TypeError, ValueError):
            row.quantity = max(0, int(availability["quantity"]))
    buyable = row.price > 0 and (row.is_fba or row.quantity > 0)
    row.status = ["BUYABLE", "DISCOVERABLE"] if buyable else ["DISCOVERABLE"]
    row.last_updated_date = timezone.now()


def _identifiers(rows: list[Listing]) -> list[dict[str, str]]:
    return [{"marketplaceId": r.marketplace_id, "asin": r.asin} for r in rows if r.asin]


@transaction.atomic
def listing_put(
    *,
    seller: Seller,
    sku: str,
    marketplace_id: str,
    product_type: str,
    attributes: dict[str, Any],
    requirements: str = "LISTING",
    preview: bool = False,
) -> Submission:
    # Locked so concurrent PUTs of an existing SKU apply one after the other.
    live = Listing.objects.select_for_update().filter(
        seller=seller, sku=sku, marketplace_id=marketplace_id
    )
    row = live.first()
    issues = validate_attributes(
        attributes, requirements=requirements, existing=row is not None
    )
    if issues:
        return Submission(sku, "INVALID", issues)
    if preview:
        return Submission(sku, "VALID", [], _identifiers([row] if row else []))
    if row is None:
        currency = MARKETPLACES[marketplace_id].currency
        row = Listing(
            seller=seller,
            sku=sku,
            marketplace_id=marketplace_id,
            asin=make_asin(random.Random(f"{seller.pk}:{sku}")),
            currency=currency,
            created_date=timezone.now(),
        )
        _apply_attributes(row, copy.deepcopy(attributes), product_type)
        row.issues = []
        try:
            # A concurrent PUT of the same new SKU may commit first: the
            # partial unique index then refuses this insert. Roll back to the
            # savepoint and replace that row instead (insert ... on conflict
            # update); a new SKU's rules are a superset of an existing one's,
            # so the submission stays valid.
            with transaction.atomic():
                row.save()
            return Submission(sku, "ACCEPTED", [], _identifiers([row]))
        except IntegrityError:
            row = live.get()
    _apply_attributes(row, copy.deepcopy(attributes), product_type)
    row.issues = []
    row.save()
    return Submission(sku, "ACCEPTED", [], _identifiers([row]))


def _patch_path(path: Any) -> str:
    if not isinstance(path, str) or not path.startswith("/attributes/"):
        raise PatchError(f"Invalid patch path: {path!r}. Expected /attributes/<name>.")
    name = path[len("/attributes/") :]
    if not name or "/" in name:
        raise PatchError(
            f"Invalid patch path: {path!r}. Only top-level attributes can be patched."
        )
    return name


def _same_slot(a: dict, b: dict) -> bool:
    keys = ("marketplace_id", "language_tag")
    return all(a.get(k) == b.get(k) for k in keys)


def apply_patches(attributes: dict[str, Any], patches: list[dict]) -> dict[str, Any]:
    result = copy.deepcopy(attributes)
    for patch in patches:
        if not isinstance(patch, dict):
            raise PatchError("Each patch must be an object.")
        op = patch.get("op")
        if op not in PATCH_OPS:
            raise PatchError(f"Invalid patch op: {op!r}.")
        name = _patch_path(patch.get("path"))
        value = patch.get("value")
        if op != "delete" and not isinstance(value, list):
            raise PatchError(f"Patch '{op}' on {name} needs an array value.")
        if op in {"add", "replace"}:
            result[name] = copy.deepcopy(value)
        elif op == "merge":
            current = [dict(v) for v in result.get(name, []) if isinstance(v, dict)]
            for element in value:
                for existing in current:
                    if isinstance(element, dict) and _same_slot(existing, element):
                        existing.update(element)
                        break
                else:
                    current.append(element)
            result[name] = current
        elif value:
            remaining = [
                v
                for v in result.get(name, [])
                if not any(
                    isinstance(d, dict) and isinstance(v, dict) and _same_slot(v, d)
                    for d in value
                )
            ]
            if remaining:
                result[name] = remaining
            else:
                result.pop(name, None)
        else:
            result.pop(name, None)
    return result


@transaction.atomic
def listing_patch(
    *,
    seller: Seller,
    sku: str,
    marketplace_ids: list[str],
    product_type: str,
    patches: list[dict],
    preview: bool = False,
) -> Submission:
    rows = list(
        Listing.objects.select_for_update().filter(
            seller=seller, sku=sku, marketplace_id__in=marketplace_ids
        )
    )
    missing = sorted(set(marketplace_ids) - {r.marketplace_id for r in rows})
    if missing:
        return Submission(
            sku,
            "INVALID",
            [
                _issue(
                    "4000002",
                    f"The SKU '{sku}' does not exist in marketplace(s) [{', '.join(missing)}]. Use putListingsItem to create it.",
                    [],
                    "",
                )
            ],
        )
    patched = [(row, apply_patches(row.attributes or {}, patches)) for row in rows]
    issues = []
    for _row, attributes in patched:
        issues.extend(
            validate_attributes(attributes, requirements="LISTING", existing=True)
        )
    if issues:
        return Submission(sku, "INVALID", issues)
    if preview:
        return Submission(sku, "VALID", [], _identifiers(rows))
    for row, attributes in patched:
        _apply_attributes(row, attributes, product_type)
        row.save()
    return Submission(sku, "ACCEPTED", [], _identifiers(rows))


@transaction.atomic
def listing_delete(*, seller: Seller, sku: str, marketplace_id: str) -> Submission:
    row = Listing.objects.filter(
        seller=seller, sku=sku, marketplace_id=marketplace_id
    ).first()
    identifiers = _identifiers([row]) if row else []
    if row is not None:
        row.delete()
    return Submission(sku, "ACCEPTED", [], identifiers)
