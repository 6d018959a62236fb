"""The shop's writes: accounts, cart, checkout and cancel, admin tools.

Stock moves only through conditional updates (``stock >= n``) inside one
transaction: PostgreSQL locks each product row as it updates it and re-reads
it after waiting, so concurrent checkouts of the last units sell each unit
once, and a checkout short of any product sells nothing. Products are updated
in id order, so two checkouts never wait on each other in a cycle."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from apps.core.errors import ApiError, ErrorKind, FieldError
from apps.core.limits.login import login_failed, login_wait

from . import tokens
from .conf import config
from .errors import ShopErrorCode as Code
from .models import CartLine, InventoryChange, Order, OrderLine, Product, ShopUser
from .selectors import category_get, product_get

# --- accounts ----------------------------------------------------------------


def _field(loc: str, message: str, code: str, value) -> ApiError:
    return ApiError(
        kind=ErrorKind.VALIDATION,
        code=code,
        fields=[FieldError(("body", loc), message, code, value)],
    )


def password_problems(*, password: str, email: str, name: str) -> str | None:
    """What Django's password validators say against this password, or None."""
    try:
        validate_password(password, user=ShopUser(email=email, name=name))
    except ValidationError as exc:
        return " ".join(exc.messages)
    return None


def user_register(*, email: str, password: str, name: str) -> ShopUser:
    email = email.strip().lower()
    user = ShopUser(email=email, name=name.strip())
    problems = password_problems(password=password, email=email, name=user.name)
    if problems:
        raise _field("password", problems, Code.WEAK_PASSWORD, None)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise ApiError(
            "A user with this email already exists",
            code=Code.EMAIL_TAKEN,
            kind=ErrorKind.CONFLICT,
        ) from None
    return user


def user_login(*, request, email: str, password: str) -> dict:
    """Tokens for the right password, behind the project's login limit
    (apps/core/limits/login.py): over it, a 429 before the password is
    checked, so the right password is refused too."""
    wait = login_wait(request, email)
    if wait is not None:
        raise ApiError(
            f"Too many failed sign-in attempts. Try again in {wait} seconds.",
            code=Code.LOGIN_LIMITED, kind=ErrorKind.THROTTLED,
            headers={"Retry-After": str(wait)},
        )  # fmt: skip
    user = ShopUser.objects.filter(email=email.strip().lower()).first()
    if user is None:
        make_password(password)  # as slow as a real check: no user enumeration
    elif user.check_password(password):
        return tokens.issue(user)
    login_failed(request, email)
    raise ApiError(
        "Incorrect email or password", code=Code.INVALID_CREDENTIALS,
        kind=ErrorKind.AUTHENTICATION_FAILED, headers={"WWW-Authenticate": "Bearer"},
    )  # fmt: skip


def token_refresh(*, raw: str) -> dict:
    try:
        refresh, user_id = tokens.refresh_token(raw)
    except tokens.InvalidToken:
        raise ApiError(
            "Invalid or expired refresh token",
            code=Code.INVALID_TOKEN,
            kind=ErrorKind.AUTHENTICATION_FAILED,
        ) from None
    user = ShopUser.objects.filter(pk=user_id).first()
    if user is None:
        raise ApiError(
            "Invalid or expired refresh token",
            code=Code.INVALID_TOKEN,
            kind=ErrorKind.AUTHENTICATION_FAILED,
        )
    return tokens.issue(user, refresh)


def user_set_role(*, user: ShopUser, role: str) -> ShopUser:
    with transaction.atomic():
        admins = ShopUser.objects.select_for_update().filter(role=ShopUser.Role.ADMIN)
        if role != ShopUser.Role.ADMIN and [a.pk for a in admins] == [user.pk]:
            raise ApiError(
                "The last admin cannot be demoted",
                code=Code.LAST_ADMIN,
                kind=ErrorKind.CONFLICT,
            )
        ShopUser.objects.filter(pk=user.pk).update(role=role)
    user.role = role
    return user


# --- cart --------------------------------------------------------------------


def _short(product: Product, requested: int) -> ApiError:
    available = product.stock if product.active else 0
    return ApiError(
        f"Only {available} of {product.name} available",
        code=Code.INSUFFICIENT_STOCK,
        kind=ErrorKind.CONFLICT,
        extra={
            "detail": {
                "msg": f"Only {available} of {product.name} available",
                "product_id": str(product.pk),
                "requested": requested,
                "available": available,
            }
        },
    )


def cart_add(*, user: ShopUser, product_id: UUID, quantity: int) -> CartLine:
    product = product_get(product_id=product_id)
    with transaction.atomic():
        ShopUser.objects.select_for_update().filter(pk=user.pk).first()  # one writer
        line = CartLine.objects.filter(user=user, product=product).first()
        wanted = quantity + (line.quantity if line else 0)
        if wanted > config().max_quantity:
            raise _field(
                "quantity",
                f"At most {config().max_quantity} of one product per cart",
                "less_than_equal",
                quantity,
            )
        if wanted > product.stock:
            raise _short(product, wanted)
        if line is None:
            if CartLine.objects.filter(user=user).count() >= config().max_cart_lines:
                raise ApiError(
                    f"A cart holds at most {config().max_cart_lines} products",
                    code=Code.CART_FULL,
                    kind=ErrorKind.CONFLICT,
                )
            return CartLine.objects.create(user=user, product=product, quantity=wanted)
        line.quantity = wanted
        line.save(update_fields=["quantity", "updated_at"])
        return line


def _line(user: ShopUser, product_id: UUID) -> CartLine:
    line = (
        CartLine.objects.filter(user=user, product_id=product_id)
        .select_related("product")
        .first()
    )
    if line is None:
        raise ApiError(
            "Product not in cart", code=Code.NOT_IN_CART, kind=ErrorKind.NOT_FOUND
        )
    return line


def cart_set_quantity(*, user: ShopUser, product_id: UUID, quantity: int) -> CartLine:
    line = _line(user, product_id)
    if quantity > line.product.stock or not line.product.active:
        raise _short(line.product, quantity)
    line.quantity = quantity
    line.save(update_fields=["quantity", "updated_at"])
    return line


def cart_remove(*, user: ShopUser, product_id: UUID) -> None:
    CartLine.all_objects.filter(pk=_line(user, product_id).pk).hard_delete()


def cart_clear(*, user: ShopUser) -> None:
    CartLine.all_objects.filter(user=user).hard_delete()


# --- orders ------------------------------------------------------------------


@transaction.atomic
def order_checkout(*, user: ShopUser) -> Order:
    # The user's row lock serialises this user's checkouts and cart edits.
    ShopUser.objects.select_for_update().filter(pk=user.pk).first()
    lines = list(
        CartLine.objects.filter(user=user)
        .select_related("product")
        .order_by("product_id")
    )
    if not lines:
        raise ApiError("Cart is empty", code=Code.CART_EMPTY, kind=ErrorKind.CONFLICT)
    short = []
    for line in lines:
        taken = Product.objects.filter(
            pk=line.product_id, active=True, stock__gte=line.quantity
        ).update(stock=F("stock") - line.quantity)
        if not taken:
            short.append(line)
    if short:
        # Raising leaves the atomic block: the updates that did succeed roll back.
        items = []
        for line in short:
            product = Product.objects.get(pk=line.product_id)
            items.append(
                {
                    "product_id": str(product.pk),
                    "name": product.name,
                    "requested": line.quantity,
                    "available": product.stock if product.active else 0,
                }
            )
        names = ", ".join(item["name"] for item in items)
        raise ApiError(
            f"Insufficient stock: {names}",
            code=Code.INSUFFICIENT_STOCK,
            kind=ErrorKind.CONFLICT,
            extra={"detail": {"msg": f"Insufficient stock: {names}", "items": items}},
        )
    stocks = dict(
        Product.objects.filter(pk__in=[x.product_id for x in lines]).values_list(
            "pk", "stock"
        )
    )
    total = sum((x.product.price * x.quantity for x in lines), Decimal("0.00"))
    order = Order.objects.create(user=user, total=total, currency=config().currency)
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order, product=x.product, sku=x.product.sku, name=x.product.name,
            unit_price=x.product.price, quantity=x.quantity,
            line_total=x.product.price * x.quantity,
        )
        for x in lines
    )  # fmt: skip
    InventoryChange.objects.bulk_create(
        InventoryChange(
            product_id=x.product_id, delta=-x.quantity,
            stock_after=stocks[x.product_id], reason=InventoryChange.Reason.ORDER,
            actor=user, order=order,
        )
        for x in lines
    )  # fmt: skip
    CartLine.all_objects.filter(user=user).hard_delete()
    return order


def _move_placed(order: Order, status: str, refused: str, code: Code) -> None:
    """Move a placed order to ``status`` with one conditional update, so of
    two racing requests exactly one wins; the other is told the status that
    beat it."""
    moved = Order.objects.filter(pk=order.pk, status=Order.Status.PLACED).update(
        status=status
    )
    if not moved:
        order.refresh_from_db(fields=["status"])
        raise ApiError(
            f"Order is {order.status} and {refused}",
            code=code,
            kind=ErrorKind.CONFLICT,
        )


@transaction.atomic
def order_cancel(*, order: Order, actor: ShopUser) -> Order:
    # Only the request that moves it out of "placed" restores the stock.
    _move_placed(order, Order.Status.CANCELLED, "can no longer be cancelled",
                 Code.ORDER_NOT_CANCELLABLE)  # fmt: skip
    for line in order.lines.exclude(product=None).order_by("product_id"):
        Product.objects.filter(pk=line.product_id).update(
            stock=F("stock") + line.quantity
        )
        InventoryChange.objects.create(
            product_id=line.product_id, delta=line.quantity,
            stock_after=Product.objects.get(pk=line.product_id).stock,
            reason=InventoryChange.Reason.CANCEL, actor=actor, order=order,
        )  # fmt: skip
    order.status = Order.Status.CANCELLED
    return order


def order_ship(*, order: Order) -> Order:
    """An admin marks a placed order shipped; from then on it cannot be
    cancelled (a ship racing a cancel: one wins, the other is refused)."""
    _move_placed(order, Order.Status.SHIPPED, "cannot be shipped",
                 Code.ORDER_NOT_SHIPPABLE)  # fmt: skip
    order.status = Order.Status.SHIPPED
    return order


# --- admin: catalogue ----------------------------------------------------------


def product_create(*, data: dict) -> Product:
    data = dict(data)
    category = category_get(slug=data.pop("category"))
    try:
        with transaction.atomic():
            return Product.objects.create(category=category, **data)
    except IntegrityError:
        raise ApiError(
            "A product with this SKU already exists",
            code=Code.SKU_TAKEN,
            kind=ErrorKind.CONFLICT,
        ) from None


def product_update(*, product: Product, data: dict) -> Product:
    data = dict(data)
    if "category" in data:
        product.category = category_get(slug=data.pop("category"))
    for name, value in data.items():
        setattr(product, name, value)
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:
        raise ApiError(
            "A product with this SKU already exists",
            code=Code.SKU_TAKEN,
            kind=ErrorKind.CONFLICT,
        ) from None
    return product


def product_deactivate(*, product: Product) -> Product:
    product.active = False
    product.save(update_fields=["active", "updated_at"])
    return product


@transaction.atomic
def inventory_set(
    *, product: Product, stock: int, note: str, actor: ShopUser
) -> InventoryChange:
    locked = Product.objects.select_for_update().get(pk=product.pk)
    change = InventoryChange.objects.create(
        product=locked, delta=stock - locked.stock, stock_after=stock,
        reason=InventoryChange.Reason.ADMIN, note=note, actor=actor,
    )  # fmt: skip
    Product.objects.filter(pk=locked.pk).update(stock=stock)
    product.stock = stock
    return change
