"""Named versions of the plan, the differences between two versions, and new drafts of an approved plan.

A version freezes ``snapshot(plan)``; ``diff(old, new)`` compares two snapshots item by item (items line up
by ``uid``, which a new draft keeps), so the same structure serves the diff page and its XLSX export.
An approved, valid or closed plan is never edited: ``new_draft`` copies it into a new draft instead.
"""

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from openkp.core.typography import format_date, format_money, format_number

from ..models import (
    Activity,
    Chapter,
    Cost,
    Goal,
    Indicator,
    IndicatorTarget,
    Measure,
    Milestone,
    Plan,
    PlanVersion,
    Priority,
    Risk,
)
from .snapshot import measures, snapshot, snapshot_budget

LONG_TEXT = 120  # characters from which a changed text is shown word by word
WORDS = re.compile(r"\S+\s*|\s+")  # a word with the spaces after it

FROZEN_STATUSES = (Plan.Status.APPROVED, Plan.Status.IN_FORCE, Plan.Status.CLOSED)
ZERO = Decimal("0")


# --- named versions ------------------------------------------------------------------------------

def create_version(*, plan, name, user, note=""):
    """Freeze the plan as it is now into a named version; the name is unique within the plan."""
    name = (name or "").strip()
    duplicate = ValidationError({"name": _("Verze s názvem „%(name)s“ u tohoto plánu už je. Zvolte jiný název.") % {"name": name}})
    if PlanVersion.objects.filter(plan=plan, name=name).exists():
        raise duplicate
    version = PlanVersion(area=plan.area, plan=plan, name=name, note=(note or "").strip(), created_by=user)
    version.full_clean(exclude=["snapshot"], validate_constraints=False)
    version.snapshot = snapshot(plan)
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError:  # the same name saved at the same moment by someone else
        raise duplicate from None
    return version


def current_as_version(plan):
    """The live plan as an unsaved version, so that the diff compares a version with the plan as it is now."""
    return PlanVersion(area=plan.area, plan=plan, name=_("aktuální stav plánu"), snapshot=snapshot(plan))


# --- the diff of two snapshots -------------------------------------------------------------------

KIND_LABELS = {
    "chapter": gettext_lazy("kapitola"), "priority": gettext_lazy("prioritní oblast"), "goal": gettext_lazy("cíl"),
    "measure": gettext_lazy("opatření"), "activity": gettext_lazy("aktivita"), "indicator": gettext_lazy("indikátor"),
    "risk": gettext_lazy("riziko"),
}
KIND_HEADINGS = {
    "chapter": gettext_lazy("Kapitoly"), "priority": gettext_lazy("Prioritní oblasti"), "goal": gettext_lazy("Cíle"),
    "measure": gettext_lazy("Opatření"), "activity": gettext_lazy("Aktivity"), "indicator": gettext_lazy("Indikátory"),
    "risk": gettext_lazy("Rizika"),
}
KINDS = list(KIND_LABELS)

ADDED, REMOVED, CHANGED, MOVED = "added", "removed", "changed", "moved"
STATUS_LABELS = {
    ADDED: gettext_lazy("přidáno"), REMOVED: gettext_lazy("odstraněno"), CHANGED: gettext_lazy("změněno"),
    MOVED: gettext_lazy("přesunuto / přečíslováno"),
}

# (snapshot key, label, key of the display value where it differs from the compared one)
FIELDS = {
    "chapter": [("title", gettext_lazy("nadpis"), None), ("kind", gettext_lazy("druh"), None),
                ("body", gettext_lazy("text"), None)],
    "priority": [("title", gettext_lazy("název"), None), ("description", gettext_lazy("popis"), None),
                 ("group", gettext_lazy("pracovní skupina"), None), ("is_cross_cutting", gettext_lazy("průřezová oblast"), None),
                 ("target_groups", gettext_lazy("cílové skupiny"), None)],
    "goal": [("title", gettext_lazy("název"), None), ("description", gettext_lazy("popis"), None)],
    "measure": [
        ("title", gettext_lazy("název"), None), ("description", gettext_lazy("popis"), None),
        ("kind", gettext_lazy("typ opatření"), "kind_label"), ("rationale", gettext_lazy("zdůvodnění"), None),
        ("group", gettext_lazy("pracovní skupina"), None), ("responsible_party", gettext_lazy("odpovědný subjekt"), None),
        ("responsible_organisation", gettext_lazy("odpovědná organizace"), None), ("partners", gettext_lazy("partneři"), None),
        ("start_year", gettext_lazy("od roku"), None), ("end_year", gettext_lazy("do roku"), None),
        ("expected_outputs", gettext_lazy("očekávané výstupy"), None), ("services", gettext_lazy("související služby"), None),
        ("needs", gettext_lazy("potřeby"), None), ("gaps", gettext_lazy("chybějící služby (mezery)"), None),
        ("themes", gettext_lazy("témata z dotazníků"), None), ("swot_items", gettext_lazy("položky SWOT"), None),
    ],
    "activity": [
        ("title", gettext_lazy("název"), None), ("description", gettext_lazy("popis"), None),
        ("responsible_party", gettext_lazy("kdo ji zajistí"), None), ("start_year", gettext_lazy("od roku"), None),
        ("start_quarter", gettext_lazy("od čtvrtletí"), None), ("end_year", gettext_lazy("do roku"), None),
        ("end_quarter", gettext_lazy("do čtvrtletí"), None), ("milestones", gettext_lazy("milníky"), None),
    ],
    "indicator": [
        ("name", gettext_lazy("indikátor"), None), ("kind", gettext_lazy("druh"), "kind_label"), ("unit", gettext_lazy("jednotka"), None),
        ("baseline_value", gettext_lazy("výchozí hodnota"), None), ("baseline_year", gettext_lazy("rok výchozí hodnoty"), None),
        ("polarity", gettext_lazy("směr"), "polarity_label"), ("data_source", gettext_lazy("zdroj dat"), None),
        ("reported_by", gettext_lazy("kdo hodnotu vykazuje"), None),
    ],
    "risk": [
        ("title", gettext_lazy("riziko"), None), ("description", gettext_lazy("popis"), None),
        ("probability", gettext_lazy("pravděpodobnost (1–5)"), None), ("impact", gettext_lazy("dopad (1–5)"), None),
        ("mitigation", gettext_lazy("opatření ke snížení rizika"), None), ("owner", gettext_lazy("vlastník rizika"), None),
        ("status", gettext_lazy("stav"), "status_label"),
    ],
}
NUMBER_FIELDS = {"baseline_value"}


@dataclass
class FieldChange:
    """One field of an item: its label and the old and new value as text."""

    name: str
    label: str
    old: str
    new: str

    @property
    def words(self):
        """A long text's change word by word: ``(kind, text)`` runs, kind "same", "removed" or "added"; empty for
        short values, which read better as old → new."""
        if max(len(self.old), len(self.new)) < LONG_TEXT:
            return []
        old, new = WORDS.findall(self.old), WORDS.findall(self.new)
        runs = []
        for operation, old_start, old_end, new_start, new_end in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if operation == "equal":
                runs.append(("same", "".join(old[old_start:old_end])))
                continue
            if old_end > old_start:
                runs.append(("removed", "".join(old[old_start:old_end])))
            if new_end > new_start:
                runs.append(("added", "".join(new[new_start:new_end])))
        return runs


@dataclass
class ItemChange:
    """An item added, removed, or present in both versions with changed fields and/or a changed number."""

    kind: str
    uid: str
    title: str
    old_number: str = ""
    new_number: str = ""
    context: str = ""  # where the item sits: "opatření 1.1.1" for indicators and risks, "" for the rest
    added: bool = False
    removed: bool = False
    moved: bool = False
    new_parent: str = ""  # number and title of the new parent when the item moved under another one
    fields: list = field(default_factory=list)

    @property
    def kind_label(self):
        return str(KIND_LABELS[self.kind])

    @property
    def changed(self):
        return bool(self.fields)

    @property
    def statuses(self):
        """(code, label) of each thing that happened to the item, for tags and text alike."""
        codes = [ADDED] if self.added else [REMOVED] if self.removed else [code for code, flag in ((CHANGED, self.changed),
                                                                                               (MOVED, self.moved)) if flag]
        return [(code, str(STATUS_LABELS[code])) for code in codes]

    @property
    def number(self):
        return self.new_number or self.old_number


class MoneyChange:
    """An amount in both versions (``old``, ``new``) with its difference, as Czech texts too."""

    @property
    def difference(self):
        return self.new - self.old

    @property
    def old_text(self):
        return money_text(self.old)

    @property
    def new_text(self):
        return money_text(self.new)

    @property
    def difference_text(self):
        return difference_text(self.difference)


@dataclass
class CostCell(MoneyChange):
    year: int
    source: str
    source_name: str
    old: Decimal
    new: Decimal


@dataclass
class CostChange:
    """The cost cells (year × source) of a measure's own costs or of an activity that differ between the versions."""

    kind: str  # "measure" or "activity"
    uid: str
    number: str
    title: str
    cells: list

    @property
    def kind_label(self):
        return str(KIND_LABELS[self.kind])


@dataclass
class TotalChange(MoneyChange):
    """A total in both versions: of the plan, a year of the plan, a priority or a measure (with its activities)."""

    level: str  # "plan", "year", "priority", "measure"
    uid: str
    number: str
    title: str
    old: Decimal
    new: Decimal

    @property
    def level_label(self):
        return {"plan": _("plán celkem"), "year": _("rok")}.get(self.level) or str(KIND_LABELS[self.level])


@dataclass
class Diff:
    """Everything that differs between two snapshots: items, cost cells and totals."""

    old_name: str
    new_name: str
    years: list
    items: list
    cost_changes: list
    totals: list  # priorities and measures whose totals differ, in numbering order
    plan_total: TotalChange
    year_totals: list

    def _with(self, flag):
        return [item for item in self.items if getattr(item, flag)]

    @property
    def added(self):
        return self._with("added")

    @property
    def removed(self):
        return self._with("removed")

    @property
    def changed(self):
        return self._with("changed")

    @property
    def moved(self):
        return self._with("moved")

    @property
    def counts(self):
        """(code, label, count) of the statuses, for the summary."""
        return [(code, str(STATUS_LABELS[code]), len(self._with(code))) for code in (ADDED, REMOVED, CHANGED, MOVED)]

    @property
    def sections(self):
        """(kind, heading, items) of every kind of item that has a change, in the plan's order."""
        by_kind = {kind: [] for kind in KINDS}
        for item in self.items:
            by_kind[item.kind].append(item)
        return [(kind, str(KIND_HEADINGS[kind]), items) for kind, items in by_kind.items() if items]

    @property
    def is_empty(self):
        return not self.items and not self.cost_changes


def money_text(amount):
    return format_money(amount, 2 if amount != amount.to_integral_value() else 0)


def difference_text(amount):
    if not amount:
        return format_money(ZERO)
    return ("+" if amount > 0 else "−") + money_text(abs(amount))


def number_text(value):
    if value in (None, ""):
        return "—"
    number = Decimal(value)
    return format_number(number, 0 if number == number.to_integral_value() else 2)


def _item_text(value):
    if isinstance(value, dict):
        if "due" in value:  # a milestone
            due = format_date(date.fromisoformat(value["due"]))
            return f"{value['title']} ({due}{', ' + _('splněno') if value.get('is_done') else ''})"
        if value.get("provider"):
            return f"{value['name']} ({value['provider']})"
        return str(value.get("name") or value.get("title") or "")
    return str(value)


def _text(value):
    """A snapshot value as text for people: lists joined, booleans as ano/ne, empty as a dash."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("ano") if value else _("ne")
    if isinstance(value, list):
        return "; ".join(_item_text(item) for item in value)
    return str(value)


def _chapter_kind(value):
    return str(Chapter.Kind(value).label) if value in Chapter.Kind.values else _text(value)


@dataclass
class _Entry:
    kind: str
    uid: str
    number: str
    title: str
    parent: object
    context: str
    order: tuple
    data: dict


def _number_key(number):
    return tuple(int(part) for part in str(number).split(".") if part.isdigit())


def _entries(data):
    """Every item of a snapshot by uid, with its number, parent and position in the plan's order."""
    entries = {}

    def add(kind, item, *, number, title, parent=None, context="", order=()):
        entries[item["uid"]] = _Entry(kind, item["uid"], number, title, parent, context, (KINDS.index(kind), *order), item)

    for chapter in data.get("chapters", []):
        add("chapter", chapter, number=str(chapter["position"]), title=chapter["title"], order=(chapter["position"],))
    for priority in data["priorities"]:
        add("priority", priority, number=priority["number"], title=priority["title"], order=_number_key(priority["number"]))
        for goal in priority["goals"]:
            add("goal", goal, number=goal["number"], title=goal["title"], parent=priority["uid"], order=_number_key(goal["number"]))
    for _priority, goal, measure in measures(data):
        key = _number_key(measure["number"])
        context = _("opatření %(number)s") % {"number": measure["number"]}
        add("measure", measure, number=measure["number"], title=measure["title"], parent=goal["uid"], order=key)
        for activity in measure["activities"]:
            add("activity", activity, number=activity["number"], title=activity["title"], parent=measure["uid"],
                order=_number_key(activity["number"]))
        for index, indicator in enumerate(measure["indicators"]):
            add("indicator", indicator, number="", title=indicator["name"], parent=measure["uid"], context=context, order=(*key, index))
        for index, risk in enumerate(measure["risks"]):
            add("risk", risk, number="", title=risk["title"], parent=measure["uid"], context=context, order=(*key, index))
    for index, risk in enumerate(data.get("risks", [])):
        add("risk", risk, number="", title=risk["title"], context=_("celý plán"), order=(0, index))
    return entries


def _field_changes(kind, old, new):
    changes = []
    for name, label, shown in FIELDS[kind]:
        if old.get(name) != new.get(name):
            show = number_text if name in NUMBER_FIELDS else _chapter_kind if (kind, name) == ("chapter", "kind") else _text
            changes.append(FieldChange(name, str(label), show(old.get(shown or name)), show(new.get(shown or name))))
    if kind == "indicator" and old.get("targets") != new.get("targets"):
        old_targets, new_targets = old.get("targets") or {}, new.get("targets") or {}
        for year in sorted(set(old_targets) | set(new_targets), key=int):
            if old_targets.get(year) != new_targets.get(year):
                changes.append(FieldChange(f"target_{year}", _("cílová hodnota %(year)s") % {"year": year},
                                           number_text(old_targets.get(year)), number_text(new_targets.get(year))))
    return changes


def _item_changes(old_data, new_data):
    old_entries, new_entries = _entries(old_data), _entries(new_data)
    changes = []
    for uid, new in new_entries.items():
        old = old_entries.get(uid)
        if old is None:
            changes.append((new.order, ItemChange(new.kind, uid, new.title, new_number=new.number, context=new.context, added=True)))
            continue
        fields = _field_changes(new.kind, old.data, new.data)
        moved = old.number != new.number or old.parent != new.parent
        if not fields and not moved:
            continue
        new_parent = ""
        if old.parent != new.parent and new.parent in new_entries and new.kind not in ("indicator", "risk"):
            parent = new_entries[new.parent]
            new_parent = f"{parent.number} {parent.title}"
        changes.append((new.order, ItemChange(new.kind, uid, new.title, old_number=old.number, new_number=new.number,
                                              context=new.context, moved=moved, new_parent=new_parent, fields=fields)))
    for uid, old in old_entries.items():
        if uid not in new_entries:
            changes.append((old.order, ItemChange(old.kind, uid, old.title, old_number=old.number, context=old.context, removed=True)))
    changes.sort(key=lambda pair: pair[0])
    return [change for _order, change in changes]


def _costed_items(data):
    """uid → (kind, number, title, costs) of every measure (its own costs) and activity."""
    items = {}
    for _priority, _goal, measure in measures(data):
        items[measure["uid"]] = ("measure", measure["number"], measure["title"], measure["costs"])
        for activity in measure["activities"]:
            items[activity["uid"]] = ("activity", activity["number"], activity["title"], activity["costs"])
    return items


def _cost_changes(old_data, new_data, source_names):
    old_items, new_items = _costed_items(old_data), _costed_items(new_data)
    changes = []
    for uid in list(new_items) + [uid for uid in old_items if uid not in new_items]:
        kind, number, title, new_costs = new_items.get(uid) or (*old_items[uid][:3], {})
        old_costs = old_items[uid][3] if uid in old_items else {}
        if old_costs == new_costs:
            continue
        cells = []
        for year in sorted(set(old_costs) | set(new_costs), key=int):
            old_year, new_year = old_costs.get(year, {}), new_costs.get(year, {})
            for code in sorted(set(old_year) | set(new_year), key=lambda code: source_names.get(code, (len(source_names), code))[0]):
                old_amount, new_amount = Decimal(old_year.get(code, "0")), Decimal(new_year.get(code, "0"))
                if old_amount != new_amount:
                    cells.append(CostCell(int(year), code, source_names.get(code, (0, code))[1], old_amount, new_amount))
        if cells:
            changes.append((_number_key(number), CostChange(kind, uid, number, title, cells)))
    changes.sort(key=lambda pair: pair[0])
    return [change for _key, change in changes]


def _totals(old_data, new_data):
    old_budget, new_budget = snapshot_budget(old_data), snapshot_budget(new_data)
    rows = []
    for level, items in (("priority", _priorities), ("measure", _measures)):
        old_items, new_items = items(old_data), items(new_data)
        for uid in list(new_items) + [uid for uid in old_items if uid not in new_items]:
            number, title = new_items.get(uid) or old_items[uid]
            old_total = old_budget.total(level, uid) if uid in old_items else ZERO
            new_total = new_budget.total(level, uid) if uid in new_items else ZERO
            if old_total != new_total:
                rows.append(TotalChange(level, uid, number, title, old_total, new_total))
    rows.sort(key=lambda row: (_number_key(row.number), row.level != "priority"))
    years = sorted(set(old_data["years"]) | set(new_data["years"]))
    year_totals = [TotalChange("year", str(year), str(year), str(year), old_budget.amount(year=year), new_budget.amount(year=year))
                   for year in years]
    plan_total = TotalChange("plan", "", "", _("Plán celkem"), old_budget.total(), new_budget.total())
    return rows, plan_total, year_totals, years


def _priorities(data):
    return {priority["uid"]: (priority["number"], priority["title"]) for priority in data["priorities"]}


def _measures(data):
    return {measure["uid"]: (measure["number"], measure["title"]) for _p, _g, measure in measures(data)}


def diff(old, new, *, old_name="", new_name=""):
    """What changed from snapshot ``old`` to snapshot ``new``: items added, removed, changed (field by field)
    and moved or renumbered; the cost cells that differ; and the totals of measures, priorities, years and
    the plan with their differences."""
    source_names = {}
    for data in (new, old):
        for index, source in enumerate(data["sources"]):
            source_names.setdefault(source["code"], (index, source["name"]))
    totals, plan_total, year_totals, years = _totals(old, new)
    return Diff(old_name=old_name, new_name=new_name, years=years, items=_item_changes(old, new),
                cost_changes=_cost_changes(old, new, source_names), totals=totals, plan_total=plan_total, year_totals=year_totals)


def diff_versions(old, new):
    """The diff of two versions (saved, or the live plan from ``current_as_version``), named after them."""
    return diff(old.snapshot, new.snapshot, old_name=old.name, new_name=new.name)


# --- a new draft of an approved plan -------------------------------------------------------------

def _clone(obj, **overrides):
    """An unsaved copy of ``obj`` with the same field values (uid and position included) except ``overrides``."""
    values = {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields if not f.primary_key}
    if "revision" in values:
        values["revision"] = 1
    values.update(overrides)
    return type(obj)(**values)


class _DraftCopy:
    """Copies a plan's items into the draft level by level; maps old primary keys to new ones."""

    def __init__(self, source, draft, user):
        self.source, self.draft, self.user = source, draft, user
        self.reason = _("nový návrh z plánu „%(plan)s“") % {"plan": source.title}
        self.ids = {}

    def create(self, model, objects):
        if hasattr(model, "history"):
            return bulk_create_with_history(objects, model, default_user=self.user, default_change_reason=self.reason[:100])
        return model.objects.bulk_create(objects)

    def copy(self, model, queryset, **remap):
        """Copy rows of ``queryset``; ``remap`` = {field attname: model whose new ids replace the old ones}."""
        rows = list(queryset)
        has_plan = any(f.attname == "plan_id" for f in model._meta.concrete_fields)
        copies = []
        for row in rows:
            overrides = {attname: self.ids[target].get(getattr(row, attname)) if getattr(row, attname) is not None else None
                         for attname, target in remap.items()}
            if has_plan:
                overrides["plan_id"] = self.draft.pk
            copies.append(_clone(row, **overrides))
        created = self.create(model, copies)
        self.ids[model] = {row.pk: copy.pk for row, copy in zip(rows, created, strict=True)}
        return created

    def links(self, model, name):
        """Copy the many-to-many links ``name`` of the copied ``model`` rows."""
        through = model._meta.get_field(name).remote_field.through
        own = model._meta.get_field(name).m2m_field_name()
        other = model._meta.get_field(name).m2m_reverse_field_name()
        pairs = through.objects.filter(**{f"{own}__plan": self.source}).values_list(f"{own}_id", f"{other}_id")
        through.objects.bulk_create([through(**{f"{own}_id": self.ids[model][left], f"{other}_id": right}) for left, right in pairs])


def new_draft(*, plan, user, title=None):
    """Copy an approved, valid or closed plan into a new draft (``based_on=plan``) that can be edited.

    Every item keeps its ``uid`` and position, so a diff between the approved plan (or its versions) and
    the draft lines up item by item; chapters, the hierarchy, costs, indicators with targets, milestones,
    risks and the links to services, needs and organisations are copied with it.
    """
    if plan.status not in FROZEN_STATUSES:
        raise ValidationError(_("Nový návrh lze založit jen ze schváleného, platného nebo ukončeného plánu; plán „%(plan)s“ je "
                                "ve stavu „%(status)s“ a upravuje se přímo.") % {"plan": plan.title, "status": plan.get_status_display()})
    title = (title or "").strip() or _("%(title)s – návrh změn") % {"title": plan.title}
    with transaction.atomic():
        draft = Plan(area=plan.area, period=plan.period, title=title[:300], start_year=plan.start_year, end_year=plan.end_year,
                     status=Plan.Status.DRAFT, summary=plan.summary, based_on=plan)
        draft.full_clean()
        draft._history_user = user
        draft.save()
        copy = _DraftCopy(plan, draft, user)
        copy.copy(Chapter, Chapter.objects.filter(plan=plan).order_by("position", "pk"))
        copy.copy(Priority, Priority.objects.filter(plan=plan).order_by("position", "pk"))
        copy.links(Priority, "target_groups")
        copy.copy(Goal, Goal.objects.filter(plan=plan).order_by("priority_id", "position", "pk"), priority_id=Priority)
        copy.copy(Measure, Measure.objects.filter(plan=plan).order_by("goal_id", "position", "pk"), goal_id=Goal)
        for name in ("partners", "services", "needs", "gaps", "themes", "swot_items"):
            copy.links(Measure, name)
        copy.copy(Activity, Activity.objects.filter(plan=plan).order_by("measure_id", "position", "pk"), measure_id=Measure)
        copy.copy(Milestone, Milestone.objects.filter(plan=plan).order_by("pk"), activity_id=Activity)
        copy.copy(Cost, Cost.objects.filter(plan=plan).order_by("pk"), measure_id=Measure, activity_id=Activity)
        copy.copy(Indicator, Indicator.objects.filter(plan=plan).order_by("measure_id", "position", "pk"), measure_id=Measure)
        copy.copy(IndicatorTarget, IndicatorTarget.objects.filter(indicator__plan=plan).order_by("pk"), indicator_id=Indicator)
        copy.copy(Risk, Risk.objects.filter(plan=plan).order_by("pk"), measure_id=Measure)
    return draft
