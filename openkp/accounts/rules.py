"""Who may do what in a planning area. The same predicates guard views, templates and the API.

Every predicate takes ``(user, area)``. Roles are read once per request and cached on the user.
"""

import rules

from .models import Membership, Role


def area_roles(user, area):
    """The set of this user's roles in the area (cached on the user object)."""
    if area is None or not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_openkp_area_roles", {})
    if area.pk not in cache:
        cache[area.pk] = frozenset(Membership.objects.filter(user=user, area=area).values_list("role", flat=True))
    return cache[area.pk]


def has_role(*roles):
    wanted = frozenset(roles)

    @rules.predicate(name=f"has_role({', '.join(roles)})")
    def predicate(user, area):
        return bool(area_roles(user, area) & wanted)

    return predicate


@rules.predicate
def is_area_insider(user, area):
    return bool(area_roles(user, area))


@rules.predicate
def is_inviter_or_coordinator_of_invitation(user, invitation):
    """Object predicate ``(user, invitation)``: who sent it, or a coordinator of its area, may revoke it."""
    return invitation.invited_by_id == user.pk or Role.COORDINATOR in area_roles(user, invitation.area)


is_coordinator = has_role(Role.COORDINATOR)
is_group_manager = has_role(Role.GROUP_MANAGER)
is_member = has_role(Role.MEMBER)
is_provider = has_role(Role.PROVIDER)
is_observer = has_role(Role.OBSERVER)

rules.add_perm("core.enter_area", is_area_insider)
rules.add_perm("core.view_dashboard", is_area_insider)
rules.add_perm("core.view_history", is_coordinator | is_observer)
rules.add_perm("core.view_outbox", is_coordinator)
# The area's headline figures (people by role, invitations, jobs); every background job of the area, not only one's own.
rules.add_perm("core.view_area_figures", is_coordinator | is_group_manager | is_observer)
rules.add_perm("core.view_all_jobs", is_coordinator)
rules.add_perm("core.change_area", is_coordinator)
rules.add_perm("core.import_municipalities", is_coordinator)
rules.add_perm("core.view_organisations", is_area_insider)
rules.add_perm("core.change_organisation", is_coordinator)
rules.add_perm("accounts.invite_person", is_coordinator)
rules.add_perm("accounts.revoke_invitation", is_inviter_or_coordinator_of_invitation)
rules.add_perm("catalog.change_guide", is_coordinator)
rules.add_perm("catalog.edit_services", is_coordinator | is_provider)
rules.add_perm("catalog.propose_changes", is_provider)
rules.add_perm("catalog.review_changes", is_coordinator)
rules.add_perm("catalog.import_registry", is_coordinator)
rules.add_perm("catalog.import_hsds", is_coordinator)
rules.add_perm("catalog.change_life_situations", is_coordinator)
rules.add_perm("catalog.change_search_synonyms", is_coordinator)
rules.add_perm("structures.view_members", is_coordinator | is_group_manager | is_observer)
rules.add_perm("accounts.view_people", is_coordinator | is_group_manager | is_observer)
