"""Who may do what with news, subscribers and the communication plan. Area perms take ``(user, area)``;
``communication.change_news`` takes the news item."""

import rules

from openkp.accounts.rules import is_coordinator, is_group_manager, is_observer
from openkp.structures.rules import can_manage_group

rules.add_perm("communication.manage_news", is_coordinator | is_group_manager)
rules.add_perm("communication.view_subscribers", is_coordinator | is_observer)
rules.add_perm("communication.change_plan", is_coordinator)


@rules.predicate
def may_change_news(user, news):
    """The coordinator changes every news item; a group manager those of the groups they lead.
    An item of the whole area (no group) speaks for the area, so it is the coordinator's."""
    if is_coordinator(user, news.area):
        return True
    return news.group is not None and can_manage_group(user, news.group)


# One news item (object-level): edit, publish, withdraw, finish the sending.
rules.add_perm("communication.change_news", may_change_news)
