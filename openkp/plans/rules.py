"""Who may do what with the plan. Area perms take ``(user, area)``; ``plans.change_item`` takes a priority,
goal, measure or activity. Imported in PlansConfig.ready().

The coordinator edits the whole plan; a working-group manager edits the part of their group: the
priority areas assigned to the group (with everything below) and the measures assigned to it.
Providers and members read the drafts and comment; they do not edit.
"""

import rules

from openkp.accounts.rules import is_area_insider, is_coordinator, is_group_manager
from openkp.structures.rules import can_manage_group

# Read the drafts, the budget, versions and diffs; comment on items.
rules.add_perm("plans.view_plan", is_area_insider)
rules.add_perm("plans.comment", is_area_insider)
# Enter the editor at all (what they may change is decided per item).
rules.add_perm("plans.edit_plan", is_coordinator | is_group_manager)
# The plan as a whole: create, status and approval, chapters, funding sources, plan-level risks, versions.
rules.add_perm("plans.manage_plans", is_coordinator)


@rules.predicate
def may_change_item(user, item):
    """The coordinator changes every item; a group manager the items whose owning group they lead."""
    if is_coordinator(user, item.area):
        return True
    group = item.owning_group
    return group is not None and can_manage_group(user, group)


rules.add_perm("plans.change_item", may_change_item)
