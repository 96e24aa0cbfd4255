from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Area, Job, Municipality, MunicipalityPart, Organisation


class MunicipalityPartInline(admin.TabularInline):
    model = MunicipalityPart
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "district", "region"]
    search_fields = ["name", "code"]
    list_filter = ["region", "district"]
    inlines = [MunicipalityPartInline]


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "ico", "legal_form", "email"]
    search_fields = ["name", "ico"]
    list_filter = ["legal_form"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "name", "area", "status", "percent", "created_at"]
    list_filter = ["status", "name"]
    readonly_fields = [field.name for field in Job._meta.fields]
