"""The simulated card processor, a sandbox like payment providers': documented
test card numbers decide the outcome (docs/bookstore.md lists them); any other
number that passes the Luhn check is approved. Only the brand and the last four
digits ever leave this module."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from decimal import Decimal


class PaymentOutcome:
    SUCCEEDED = "succeeded"
    DECLINED = "card_declined"
    INSUFFICIENT_FUNDS = "insufficient_funds"
    EXPIRED = "expired_card"
    INCORRECT_CVC = "incorrect_cvc"
    TIMEOUT = "processor_timeout"


# Test cards (as Stripe's sandbox documents its own).
TEST_CARDS: dict[str, str] = {
    "4242424242424242": PaymentOutcome.SUCCEEDED,
    "5555555555554444": PaymentOutcome.SUCCEEDED,
    "378282246310005": PaymentOutcome.SUCCEEDED,
    "4000000000000002": PaymentOutcome.DECLINED,
    "4000000000009995": PaymentOutcome.INSUFFICIENT_FUNDS,
    "4000000000000069": PaymentOutcome.EXPIRED,
    "4000000000000127": PaymentOutcome.INCORRECT_CVC,
    "4000000000000119": PaymentOutcome.TIMEOUT,
}
REASONS = {
    PaymentOutcome.DECLINED: "Your card was declined.",
    PaymentOutcome.INSUFFICIENT_FUNDS: "Your card has insufficient funds.",
    PaymentOutcome.EXPIRED: "Your card has expired.",
    PaymentOutcome.INCORRECT_CVC: "Your card's security code is incorrect.",
}


def luhn_valid(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        digit = int(ch)
        if i % 2 == 1:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def card_brand(number: str) -> str:
    if number.startswith("4"):
        return "visa"
    if number[:2] in {"34", "37"}:
        return "amex"
    if 51 <= int(number[:2]) <= 55 or 2221 <= int(number[:4]) <= 2720:
        return "mastercard"
    if number.startswith(("6011", "65")):
        return "discover"
    return "unknown"


@dataclass(frozen=True)
class Authorization:
    outcome: str
    brand: str
    last4: str
    amount: Decimal
    currency: str
    transaction_id: str = ""

    @property
    def approved(self) -> bool:
        return self.outcome == PaymentOutcome.SUCCEEDED

    @property
    def reason(self) -> str:
        return REASONS.get(self.outcome, "")


def authorize(
    *, number: str, amount: Decimal, currency: str, timeout_seconds: float
) -> Authorization:
    """Ask the simulated processor; the timeout card waits, then gives up."""
    outcome = TEST_CARDS.get(number, PaymentOutcome.SUCCEEDED)
    if outcome == PaymentOutcome.TIMEOUT:
        # Called before any row is locked (services.order_place): a slow
        # processor holds up this one request, never the stock of others.
        time.sleep(timeout_seconds)
    transaction_id = "txn_" + secrets.token_hex(12) if outcome == "succeeded" else ""
    return Authorization(
        outcome=outcome,
        brand=card_brand(number),
        last4=number[-4:],
        amount=amount,
        currency=currency,
        transaction_id=transaction_id,
    )
