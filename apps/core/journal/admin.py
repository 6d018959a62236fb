"""Browse the request journal in admin (read-only: it is evidence)."""

from django.contrib import admin

from .models import JournalEntry


@admin.register(JournalEntry)
class JournalEntryAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "family",
        "operation",
        "method",
        "full_path",
        "status",
        "chaos_fault",
        "latency_ms",
    )
    list_filter = ("family", "method", "status", "chaos", "chaos_fault", "group_slug")
    search_fields = ("path", "operation", "endpoint_name", "group_slug", "principal")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    list_per_page = 100
    show_full_result_count = False  # COUNT(*) over a big journal is slow

    @admin.display(description=JournalEntry._meta.get_field("path").verbose_name)
    def full_path(self, obj: JournalEntry) -> str:
        return obj.full_path

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in JournalEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
