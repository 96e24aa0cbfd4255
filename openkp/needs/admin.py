from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DemographicFigure, Need, Survey, SwotAnalysis, Theme


@admin.register(Survey)
class SurveyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "area", "status", "audience"]
    list_filter = ["area", "status"]


@admin.register(Need)
class NeedAdmin(SimpleHistoryAdmin):
    list_display = ["title", "area", "group", "urgency", "status"]
    list_filter = ["area", "status", "urgency"]


admin.site.register([Theme, SwotAnalysis, DemographicFigure])
