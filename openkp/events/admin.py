from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Event, Registration


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "starts_at", "area", "is_published", "is_cancelled"]
    list_filter = ["area", "kind", "is_published", "is_cancelled"]
    search_fields = ["title"]
    raw_id_fields = ["period", "group"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "status", "attended", "created_at"]
    list_filter = ["status", "attended", "event__area"]
    search_fields = ["name", "email", "event__title"]
    raw_id_fields = ["event"]
    exclude = ["token_hash"]
