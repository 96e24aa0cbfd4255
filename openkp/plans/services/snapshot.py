"""The plan as one JSON-ready dict: what a named version freezes, what a diff compares and what the plan
document is rendered from, so all three show the same plan.

Items are nested in numbering order and carry their ``uid`` (kept when a plan is copied into a new draft),
so two snapshots of one plan line up item by item. Money and indicator values are strings of ``Decimal``
(JSON numbers would lose cents); ``snapshot_budget`` turns the costs back into a ``Budget``.

Shape (``format`` 1)::

    {"format": 1, "plan": {...}, "years": [2025, ...], "sources": [{"code", "name"}],
     "chapters": [{"uid", "position", "kind", "title", "body", "generated": {"paragraphs": [...], "tables": [...]}}],
     "priorities": [{"uid", "number", "title", ..., "goals": [{"uid", "number", ..., "measures": [
         {"uid", "number", "anchor", "title", ..., "costs": {"2025": {"obec": "100000.00"}},
          "indicators": [{"uid", "kind", "name", ..., "targets": {"2025": "300.00"}}],
          "activities": [{"uid", "number", ..., "costs": {...}, "milestones": [...]}],
          "risks": [...]}]}]}],
     "risks": [plan-level risks]}
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..selectors.tree import load_tree
from .budget import Budget

FORMAT = 1


def _money(value):
    return None if value is None else f"{value:.2f}"


def _costs(rows, code_by_source):
    """{"year": {"source code": "amount"}} of cost rows."""
    table = defaultdict(dict)
    for cost in rows:
        table[str(cost.year)][code_by_source[cost.source_id]] = _money(cost.amount)
    return dict(table)


def _risk(risk):
    return {
        "uid": str(risk.uid), "title": risk.title, "description": risk.description, "probability": risk.probability,
        "impact": risk.impact, "score": risk.score, "level": risk.level, "mitigation": risk.mitigation, "owner": risk.owner,
        "status": risk.status, "status_label": str(risk.get_status_display()),
    }


def _indicator(indicator):
    return {
        "uid": str(indicator.uid), "kind": indicator.kind, "kind_label": str(indicator.get_kind_display()), "name": indicator.name,
        "unit": indicator.unit, "baseline_value": _money(indicator.baseline_value), "baseline_year": indicator.baseline_year,
        "polarity": indicator.polarity, "polarity_label": str(indicator.get_polarity_display()), "data_source": indicator.data_source,
        "reported_by": indicator.reported_by,
        "targets": {str(target.year): _money(target.value) for target in indicator.targets.all()},
    }


def _activity(activity, costs, code_by_source):
    return {
        "uid": str(activity.uid), "number": activity.number, "title": activity.title, "description": activity.description,
        "responsible_party": activity.responsible_party, "start_year": activity.start_year, "start_quarter": activity.start_quarter,
        "end_year": activity.end_year, "end_quarter": activity.end_quarter,
        "costs": _costs(costs, code_by_source),
        "milestones": [{"title": m.title, "due": m.due.isoformat(), "is_done": m.is_done} for m in activity.milestones.all()],
    }


def _measure(measure, costs_by_item, code_by_source):
    return {
        "uid": str(measure.uid), "number": measure.number, "anchor": measure.anchor, "title": measure.title,
        "description": measure.description, "kind": measure.kind, "kind_label": str(measure.get_kind_display()),
        "rationale": measure.rationale, "group": measure.group.name if measure.group else "",
        "responsible_party": measure.responsible_party,
        "responsible_organisation": measure.responsible_organisation.name if measure.responsible_organisation else "",
        "partners": [organisation.name for organisation in measure.partners.all()],
        "start_year": measure.start_year, "end_year": measure.end_year, "expected_outputs": measure.expected_outputs,
        "services": [{"id": s.pk, "name": s.name, "provider": s.provider.name} for s in measure.services.all()],
        "needs": [{"id": need.pk, "title": need.title} for need in measure.needs.all()],
        "gaps": [{"id": gap.pk, "title": gap.title} for gap in measure.gaps.all()],
        "themes": [{"id": theme.pk, "title": theme.name} for theme in measure.themes.all()],
        "swot_items": [{"id": item.pk, "title": item.text, "category": str(item.get_category_display())}
                       for item in measure.swot_items.all()],
        "costs": _costs(costs_by_item[("measure", measure.pk)], code_by_source),
        "indicators": [_indicator(indicator) for indicator in measure.indicator_list],
        "activities": [_activity(activity, costs_by_item[("activity", activity.pk)], code_by_source)
                       for activity in measure.activity_list],
        "risks": [_risk(risk) for risk in measure.risk_list],
    }


def _chapter(chapter):
    from .chapters import generated_part

    return {
        "uid": str(chapter.uid), "position": chapter.position, "kind": chapter.kind, "title": chapter.title, "body": chapter.body,
        "generated": generated_part(chapter),
    }


def snapshot(plan, *, tree=None):
    """The whole plan as it is now (see the module docstring for the shape)."""
    tree = tree or load_tree(plan)
    code_by_source = {source.pk: source.code for source in tree.sources}
    costs_by_item = defaultdict(list)
    for cost in tree.costs:
        costs_by_item[("activity", cost.activity_id) if cost.activity_id else ("measure", cost.measure_id)].append(cost)
    return {
        "format": FORMAT,
        "plan": {
            "id": plan.pk, "area": plan.area.name, "area_slug": plan.area.slug, "title": plan.title,
            "start_year": plan.start_year, "end_year": plan.end_year, "status": plan.status,
            "status_label": str(plan.get_status_display()), "summary": plan.summary,
            "resolution_number": plan.resolution_number,
            "resolution_date": plan.resolution_date.isoformat() if plan.resolution_date else None,
        },
        "years": plan.years,
        "sources": [{"code": source.code, "name": source.name} for source in tree.sources],
        "chapters": [_chapter(chapter) for chapter in plan.chapters.order_by("position", "pk")],
        "priorities": [{
            "uid": str(priority.uid), "number": priority.number, "title": priority.title, "description": priority.description,
            "group": priority.group.name if priority.group else "", "is_cross_cutting": priority.is_cross_cutting,
            "target_groups": [str(target) for target in priority.target_groups.all()],
            "goals": [{
                "uid": str(goal.uid), "number": goal.number, "title": goal.title, "description": goal.description,
                "measures": [_measure(measure, costs_by_item, code_by_source) for measure in goal.measure_list],
            } for goal in priority.goal_list],
        } for priority in tree.priorities],
        "risks": [_risk(risk) for risk in tree.risks if risk.measure_id is None],
    }


def measures(data):
    """Every measure of a snapshot in numbering order, each with ``goal`` and ``priority`` dicts beside it."""
    return [(priority, goal, measure) for priority in data["priorities"] for goal in priority["goals"] for measure in goal["measures"]]


@dataclass
class _CostRow:
    measure_id: str
    activity_id: object
    year: int
    source_id: str
    amount: Decimal


@dataclass
class _Source:
    pk: str
    code: str
    name: str
    is_active: bool = True


def snapshot_budget(data):
    """A ``Budget`` over a snapshot's costs; items are addressed by uid and sources by code."""
    rows, parents = [], {}
    for priority, goal, measure in measures(data):
        parents[measure["uid"]] = (goal["uid"], priority["uid"])
        for item, activity_uid in [(measure, None)] + [(activity, activity["uid"]) for activity in measure["activities"]]:
            for year, amounts in item["costs"].items():
                for code, amount in amounts.items():
                    rows.append(_CostRow(measure["uid"], activity_uid, int(year), code, Decimal(amount)))
    sources = [_Source(source["code"], source["code"], source["name"]) for source in data["sources"]]
    return Budget(rows, years=data["years"], sources=sources, parents=parents)
