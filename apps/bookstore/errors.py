"""The bookstore's error codes (one list for the domain, as Saleor keeps one
enum per domain); services raise ``ApiError`` with one of them and the family's
FastAPI renderer turns it into ``{"detail": ...}``."""

from enum import StrEnum


class BookstoreErrorCode(StrEnum):
    INVALID_API_KEY = "invalid_api_key"
    MISSING_API_KEY = "missing_api_key"
    BOOK_NOT_FOUND = "book_not_found"
    ORDER_NOT_FOUND = "order_not_found"
    DELIVERY_NOT_FOUND = "delivery_not_found"
    INSUFFICIENT_STOCK = "insufficient_stock"
    PRICE_CHANGED = "price_changed"
    PAYMENT_DECLINED = "payment_declined"
    PAYMENT_TIMEOUT = "payment_timeout"
    ORDER_NOT_PAID = "order_not_paid"
    DELIVERY_EXISTS = "delivery_exists"
