"""Who may do what in the needs analysis. Area perms take ``(user, area)``; ``needs.change_survey``,
``needs.change_responses`` and ``needs.code_survey`` take the survey, ``needs.change_theme`` the theme,
``needs.contribute_swot`` / ``needs.manage_swot`` the analysis. Imported in NeedsConfig.ready()."""

import rules

from openkp.accounts.rules import is_area_insider, is_coordinator, is_group_manager, is_observer
from openkp.structures.rules import belongs_to_group, can_manage_group

# Create surveys, enter paper forms and interviews, import answers, code open answers, keep the needs register.
rules.add_perm("needs.manage_surveys", is_coordinator | is_group_manager)
rules.add_perm("needs.enter_responses", is_coordinator | is_group_manager)
rules.add_perm("needs.code_answers", is_coordinator | is_group_manager)
rules.add_perm("needs.manage_needs", is_coordinator | is_group_manager)
# Results of the analysis (aggregates, anonymised), the needs register and the maps: everyone working on the plan.
rules.add_perm("needs.view_analysis", is_area_insider)
# Raw answers leave the system only through the coordinator (anonymised, but open texts may name people).
rules.add_perm("needs.export_raw_data", is_coordinator)
rules.add_perm("needs.import_demography", is_coordinator)
rules.add_perm("needs.create_swot", is_coordinator | is_group_manager)
rules.add_perm("needs.view_swot", is_area_insider | is_observer)


@rules.predicate
def may_change_survey(user, survey):
    """The coordinator changes every survey; a group manager the surveys of the groups they lead."""
    if is_coordinator(user, survey.area):
        return True
    return survey.group is not None and can_manage_group(user, survey.group)


@rules.predicate
def may_manage_swot(user, analysis):
    return can_manage_group(user, analysis.group)


@rules.predicate
def may_contribute_swot(user, analysis):
    """Members of the group (and those who manage it) add items and vote."""
    return can_manage_group(user, analysis.group) or belongs_to_group(user, analysis.group)


@rules.predicate
def may_change_theme(user, theme):
    """A theme of one survey belongs to whoever may change that survey; a theme shared by all surveys of the
    area (no survey) is the coordinator's."""
    if is_coordinator(user, theme.area):
        return True
    return theme.survey is not None and may_change_survey(user, theme.survey)


rules.add_perm("needs.change_survey", may_change_survey)
# The answers of one survey (object-level: the survey): type in, correct and delete staff-entered responses, code open answers.
rules.add_perm("needs.change_responses", may_change_survey)
rules.add_perm("needs.code_survey", may_change_survey)
rules.add_perm("needs.change_theme", may_change_theme)
rules.add_perm("needs.manage_swot", may_manage_swot)
rules.add_perm("needs.contribute_swot", may_contribute_swot)
