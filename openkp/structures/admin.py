from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Group, GroupMember, Meeting, PlanningPeriod


@admin.register(PlanningPeriod)
class PlanningPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["name", "area", "start_year", "end_year", "is_current"]
    list_filter = ["area", "is_current"]


class GroupMemberInline(admin.TabularInline):
    model = GroupMember
    extra = 0
    fields = ["name", "email", "phone", "organisation", "triad_role", "function", "valid_from", "valid_to", "user", "area"]
    autocomplete_fields = ["organisation", "user"]


@admin.register(Group)
class GroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "area", "period", "kind", "is_public"]
    list_filter = ["area", "kind", "period"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["target_groups"]
    inlines = [GroupMemberInline]


@admin.register(GroupMember)
class GroupMemberAdmin(SimpleHistoryAdmin):
    list_display = ["name", "group", "organisation", "triad_role", "function", "valid_from", "valid_to"]
    list_filter = ["area", "triad_role", "function"]
    search_fields = ["name", "email", "organisation__name"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "group", "starts_at", "place", "is_public", "is_cancelled"]
    list_filter = ["area", "is_public", "is_cancelled"]
    search_fields = ["title", "group__name"]
