"""Admin for QA: books (stock changes go through the service and are logged as
stock movements), orders with their lines and payment, deliveries, API keys
(created here or by ``manage.py bookstore_api_key``; the key is shown once)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from apps.core.admin import SoftDeleteAdmin

from . import models, services


class StockMovementInline(admin.TabularInline):
    model = models.StockMovement
    fk_name = "book"
    extra = 0
    can_delete = False
    fields = ("created_at", "delta", "stock_after", "reason", "order", "actor", "note")
    readonly_fields = fields
    ordering = ("-created_at",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Book)
class BookAdmin(SoftDeleteAdmin):
    list_display = ("isbn", "title", "author", "publisher", "year", "price", "stock")
    search_fields = ("isbn", "title", "author")
    list_filter = ("publisher",)
    inlines = (StockMovementInline,)

    def save_model(self, request, obj, form, change):
        if change and "stock" in form.changed_data:
            target = obj.stock
            obj.stock = form.initial["stock"]
            super().save_model(request, obj, form, change)
            services.stock_adjust(
                book=obj, stock=target, actor=f"admin:{request.user.pk}",
                note="changed in admin",
            )  # fmt: skip
        else:
            super().save_model(request, obj, form, change)


@admin.register(models.StockMovement)
class StockMovementAdmin(admin.ModelAdmin):
    list_display = ("created_at", "book", "delta", "stock_after", "reason", "actor")
    list_filter = ("reason",)
    search_fields = ("book__isbn", "book__title", "actor")
    readonly_fields = [f.name for f in models.StockMovement._meta.fields]


class OrderLineInline(admin.TabularInline):
    model = models.OrderLine
    extra = 0
    fields = ("isbn", "title", "unit_price", "quantity", "line_total")
    readonly_fields = fields


class PaymentInline(admin.StackedInline):
    model = models.Payment
    extra = 0
    readonly_fields = ("transaction_id", "status", "amount", "currency", "method",
                       "card_brand", "card_last4")  # fmt: skip


@admin.register(models.Order)
class OrderAdmin(SoftDeleteAdmin):
    list_display = ("number", "status", "customer_email", "total", "created_at")
    list_filter = ("status",)
    search_fields = ("number", "customer_email", "customer_name")
    inlines = (OrderLineInline, PaymentInline)


@admin.register(models.Payment)
class PaymentAdmin(SoftDeleteAdmin):
    list_display = ("transaction_id", "order", "status", "amount", "card_brand",
                    "card_last4")  # fmt: skip
    list_filter = ("status", "card_brand")
    search_fields = ("transaction_id", "order__number")


@admin.register(models.Delivery)
class DeliveryAdmin(SoftDeleteAdmin):
    list_display = ("order", "status", "city", "country", "requested_date", "window")
    list_filter = ("status", "country", "window")
    search_fields = ("order__number", "recipient", "city")


@admin.register(models.ApiKey)
class ApiKeyAdmin(SoftDeleteAdmin):
    list_display = ("name", "prefix", "created_at", "last_used_at", "revoked_at")
    fields = ("name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "created_at", "last_used_at", "revoked_at")
    actions = ("revoke",)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        key, raw = services.api_key_create(name=obj.name)
        obj.pk, obj.key_hash, obj.prefix = key.pk, key.key_hash, key.prefix
        obj._state.adding = False
        self.message_user(
            request,
            _("API key created; copy it now, it is not shown again: %(key)s")
            % {"key": raw},
            messages.WARNING,
        )

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        for key in queryset:
            services.api_key_revoke(key=key)
