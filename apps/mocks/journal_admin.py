"""Browse the request journal in admin (read-only: it is evidence)."""

from django.contrib import admin

from .journal import JournalEntry


@admin.register(JournalEntry)
class JournalEntryAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "method",
        "group_slug",
        "path",
        "status",
        "chaos_fault",
        "latency_ms",
    )
    list_filter = ("method", "status", "chaos", "chaos_fault", "group_slug")
    search_fields = ("path", "endpoint_name", "group_slug")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    list_per_page = 100
    show_full_result_count = False  # COUNT(*) over a big journal is slow

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in JournalEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
