"""The shop's error codes (one list for the domain); services raise
``ApiError`` with one of them and the family's FastAPI renderer turns it into
``{"detail": ...}``."""

from enum import StrEnum


class ShopErrorCode(StrEnum):
    EMAIL_TAKEN = "email_taken"
    WEAK_PASSWORD = "weak_password"
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_TOKEN = "invalid_token"
    LOGIN_LIMITED = "login_limited"
    PRODUCT_NOT_FOUND = "product_not_found"
    CATEGORY_NOT_FOUND = "category_not_found"
    USER_NOT_FOUND = "user_not_found"
    ORDER_NOT_FOUND = "order_not_found"
    NOT_IN_CART = "not_in_cart"
    INSUFFICIENT_STOCK = "insufficient_stock"
    CART_EMPTY = "cart_empty"
    CART_FULL = "cart_full"
    ORDER_NOT_CANCELLABLE = "order_not_cancellable"
    ORDER_NOT_SHIPPABLE = "order_not_shippable"
    SKU_TAKEN = "sku_taken"
    LAST_ADMIN = "last_admin"
