"""Who may do what with a group. Group permissions take the group as their object:
``user.has_perm("structures.manage_group", group)``.

The coordinator manages every group of the area; a group manager (the role) manages the groups in
which they are an active manager or deputy — and those groups' subgroups. Setting up the
organisation itself (planning periods, groups and subgroups, archiving, carrying groups over to a
new period) is the coordinator's alone.
"""

import rules
from django.utils import timezone

from openkp.accounts.models import Role
from openkp.accounts.rules import area_roles, is_coordinator, is_group_manager, is_observer

from .models import GroupMember

LEADING = (GroupMember.Function.MANAGER, GroupMember.Function.DEPUTY)


def _active_memberships(user, group):
    """(group id, function) pairs of the user's current memberships in the group and its parent group.

    All of the user's memberships in the area are read once and cached on the user (one query per
    request and area, however many groups a page checks).
    """
    if not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_openkp_group_functions", {})
    if group.area_id not in cache:
        cache[group.area_id] = frozenset(
            GroupMember.objects.filter(user=user, area_id=group.area_id).active(timezone.localdate()).values_list("group_id", "function")
        )
    return frozenset(pair for pair in cache[group.area_id] if pair[0] in (group.pk, group.parent_id))


@rules.predicate
def coordinates_group_area(user, group):
    return Role.COORDINATOR in area_roles(user, group.area)


@rules.predicate
def leads_group(user, group):
    if Role.GROUP_MANAGER not in area_roles(user, group.area):
        return False
    return any(function in LEADING for _group_id, function in _active_memberships(user, group))


@rules.predicate
def belongs_to_group(user, group):
    return any(group_id == group.pk for group_id, _function in _active_memberships(user, group))


@rules.predicate
def observes_group_area(user, group):
    return Role.OBSERVER in area_roles(user, group.area)


@rules.predicate
def group_is_archived(user, group):
    return group.archived_at is not None


can_manage_group = coordinates_group_area | leads_group

# Per group: meetings, invitations, attendance, minutes (write, approve, publish), tasks.
rules.add_perm("structures.manage_group", can_manage_group)
# Per group: the members' list with contacts, internal meetings, tasks and draft minutes.
rules.add_perm("structures.view_group_internals", can_manage_group | belongs_to_group | observes_group_area)
# Per area.
rules.add_perm("structures.view_statistics", is_coordinator | is_group_manager | is_observer)
rules.add_perm("structures.export_people", is_coordinator)
# Per area: planning periods, creating groups and carrying them over to a new period.
rules.add_perm("structures.manage_organisation", is_coordinator)
# Per group: its name, kind, parent, description and public page; archiving and restoring.
rules.add_perm("structures.change_group", coordinates_group_area)
rules.add_perm("structures.archive_group", coordinates_group_area & ~group_is_archived)
rules.add_perm("structures.restore_group", coordinates_group_area & group_is_archived)
