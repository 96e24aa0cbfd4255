from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Document, DocumentVersion


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    fields = ["number", "original_name", "size", "content_type", "uploaded_by", "uploaded_at", "change_note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # uploads go through the library pages, which check the file


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "area", "category", "group", "visibility", "updated_at"]
    list_filter = ["area", "category", "visibility"]
    search_fields = ["title"]
    raw_id_fields = ["group", "period", "created_by"]
    inlines = [DocumentVersionInline]
