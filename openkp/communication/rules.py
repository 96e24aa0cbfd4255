"""Who may do what with news, subscribers and the communication plan. Perms take ``(user, area)``."""

import rules

from openkp.accounts.rules import is_coordinator, is_group_manager, is_observer

rules.add_perm("communication.manage_news", is_coordinator | is_group_manager)
rules.add_perm("communication.view_subscribers", is_coordinator | is_observer)
rules.add_perm("communication.change_plan", is_coordinator)
