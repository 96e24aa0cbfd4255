from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActivityCategory,
    AgeGroup,
    CapacityType,
    Facility,
    LifeSituation,
    Service,
    ServiceForm,
    ServiceType,
    TargetGroup,
)
from .services import service_index


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):
    list_display = ["section", "name", "code", "category"]
    search_fields = ["name", "section", "code"]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["__str__", "code", "is_verified"]
    search_fields = ["name", "code"]


admin.site.register(AgeGroup)
admin.site.register(CapacityType)
admin.site.register(ActivityCategory)


class FacilityInline(admin.StackedInline):
    model = Facility
    extra = 0
    autocomplete_fields = ["municipality"]
    raw_id_fields = ["part"]


class ServiceFormInline(admin.TabularInline):
    model = ServiceForm
    extra = 0


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "area", "kind", "service_type", "provider", "status", "is_published"]
    list_filter = ["area", "kind", "status", "is_published", "service_type"]
    search_fields = ["name", "provider__name", "provider__ico", "registry_id"]
    autocomplete_fields = ["provider"]
    filter_horizontal = ["target_groups", "served_municipalities"]
    inlines = [ServiceFormInline, FacilityInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        service_index(form.instance).save()


@admin.register(LifeSituation)
class LifeSituationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "area", "order"]
    list_filter = ["area"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["service_types", "target_groups", "activity_categories"]
