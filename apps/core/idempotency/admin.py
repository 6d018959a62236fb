from django.contrib import admin

from .models import IdempotencyKey


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(admin.ModelAdmin):
    list_display = (
        "scope",
        "key",
        "principal",
        "status",
        "response_status",
        "expires_at",
    )
    list_filter = ("scope", "status")
    search_fields = ("key", "principal")
    readonly_fields = [f.name for f in IdempotencyKey._meta.fields]
