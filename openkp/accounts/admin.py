from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Invitation, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class OpenKPUserAdmin(UserAdmin):
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "area", "role", "organisation"]
    list_filter = ["area", "role"]
    search_fields = ["user__username", "user__last_name", "user__email"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["email", "area", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["area", "role"]
    readonly_fields = ["token_hash", "accepted_at", "accepted_by", "revoked_at", "revoked_by"]
