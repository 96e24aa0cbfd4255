"""Who may do what with events. Perms take ``(user, area)``; imported in EventsConfig.ready()."""

import rules

from openkp.accounts.rules import is_coordinator, is_group_manager, is_observer

# Create and edit events, see registrations, record attendance, e-mail the registered.
rules.add_perm("events.manage_events", is_coordinator | is_group_manager)
# Personal data leaves the system only through the coordinator.
rules.add_perm("events.export_registrations", is_coordinator)
# Planned vs actual participants (no personal data): also for observers (council members, analysts).
rules.add_perm("events.view_indicators", is_coordinator | is_group_manager | is_observer)


@rules.predicate
def may_change_event(user, event):
    """The coordinator changes every event; a group manager the events of the groups they lead."""
    if is_coordinator(user, event.area):
        return True
    from openkp.structures.rules import leads_group

    return event.group is not None and leads_group(user, event.group)


# One event (object-level): edit, registrations, attendance, e-mail to the registered.
rules.add_perm("events.change_event", may_change_event)
