"""The plan's hierarchy: priority areas → goals → measures → activities (with milestones).

Every item keeps ``plan`` (so one query loads a level of the whole plan), a dense ``position`` among its
siblings (1, 2, 3 … kept by ``services.hierarchy``; the item's number is the positions on its path, e.g.
1.2.3), a ``uid`` that survives copying the plan into a new draft (versions and diffs match items by it)
and a ``revision`` that guards against two people overwriting each other's edits.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.core.models import AreaOwnedModel, Organisation

from .plans import Plan


class PlanItem(AreaOwnedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+", verbose_name=_("plán"))
    uid = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    position = models.PositiveIntegerField(_("pořadí"), default=1)
    title = models.CharField(_("název"), max_length=500)
    description = models.TextField(_("popis"), blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.number} {self.title}"


def _check_years(item, plan, start_field="start_year", end_field="end_year"):
    """Years inside the plan's period and in order, reported on the field."""
    errors = {}
    start, end = getattr(item, start_field), getattr(item, end_field)
    for field, year in ((start_field, start), (end_field, end)):
        if year is not None and plan is not None and not plan.start_year <= year <= plan.end_year:
            errors[field] = _("Rok musí ležet v období plánu (%(start)s–%(end)s).") % {"start": plan.start_year, "end": plan.end_year}
    if start and end and end < start and end_field not in errors:
        errors[end_field] = _("Konec nemůže být dříve než začátek.")
    if errors:
        raise ValidationError(errors)


def _check_costs_inside(item, costs, what):
    """A saved measure or activity may not be shortened so that some of its costs fall outside its years."""
    _check_inside(item, ((year, year) for year in costs.values_list("year", flat=True)),
                  _("%(what)s má náklady i na roky %(years)s. Nejprve je v nákladech odstraňte, nebo období ponechte."), what=what)


def _check_inside(item, spans, message, **values):
    """Spans ``(start year, end year)`` of an item's parts (activities, milestones) must stay inside its years;
    ``message`` gets ``years`` (those outside) and ``values``."""
    if not (item.start_year and item.end_year):
        return
    outside = sorted({year for start, end in spans for year in (start, end) if not item.start_year <= year <= item.end_year})
    if outside:
        raise ValidationError({"end_year" if outside[-1] > item.end_year else "start_year": message % {
            "years": ", ".join(map(str, outside)), **values}})


class Priority(PlanItem):
    """Prioritní oblast: often one per target group, plus cross-cutting ones."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("plán"))
    group = models.ForeignKey("structures.Group", on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_priorities",
                              verbose_name=_("pracovní skupina"), help_text=_("Její manažeři upravují celou oblast."))
    target_groups = models.ManyToManyField("catalog.TargetGroup", blank=True, related_name="plan_priorities",
                                           verbose_name=_("cílové skupiny"))
    is_cross_cutting = models.BooleanField(_("průřezová oblast"), default=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "revision"])

    class Meta:
        verbose_name = _("prioritní oblast")
        verbose_name_plural = _("prioritní oblasti")
        ordering = ["plan", "position", "pk"]

    @property
    def number(self):
        return str(self.position)

    @property
    def owning_group(self):
        return self.group


class Goal(PlanItem):
    """Cíl within a priority area."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="goals", verbose_name=_("prioritní oblast"))

    history = HistoricalRecords(excluded_fields=["updated_at", "revision"])

    class Meta:
        verbose_name = _("cíl")
        verbose_name_plural = _("cíle")
        ordering = ["plan", "priority__position", "position", "pk"]

    @property
    def number(self):
        return f"{self.priority.position}.{self.position}"

    @property
    def owning_group(self):
        return self.priority.group


class Measure(PlanItem):
    """Opatření: what is done about a need, by whom, when, for how much, and how it will be measured."""

    class Kind(models.TextChoices):
        KEEP = "keep", _("zachování služby")
        EXPAND = "expand", _("rozšíření kapacity")
        NEW = "new", _("nová služba")
        RELATED = "related", _("související aktivita")
        SYSTEMIC = "systemic", _("systémové opatření")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measures", verbose_name=_("cíl"))
    kind = models.CharField(_("typ opatření"), max_length=10, choices=Kind.choices, default=Kind.KEEP)
    rationale = models.TextField(_("zdůvodnění"), blank=True, help_text=_("Proč je opatření potřeba; podklady připojte níže."))
    group = models.ForeignKey("structures.Group", on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_measures",
                              verbose_name=_("pracovní skupina"))
    responsible_party = models.CharField(_("odpovědný subjekt"), max_length=300,
                                         help_text=_("Kdo za opatření odpovídá, např. „odbor sociálních věcí“ nebo poskytovatel."))
    responsible_organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                                 verbose_name=_("odpovědná organizace"))
    partners = models.ManyToManyField(Organisation, blank=True, related_name="plan_measures", verbose_name=_("partneři"))
    start_year = models.PositiveSmallIntegerField(_("od roku"))
    end_year = models.PositiveSmallIntegerField(_("do roku"))
    expected_outputs = models.TextField(_("očekávané výstupy"), blank=True)
    services = models.ManyToManyField("catalog.Service", blank=True, related_name="plan_measures", verbose_name=_("související služby"))
    # Traceability to the needs analysis.
    needs = models.ManyToManyField("needs.Need", blank=True, related_name="measures", verbose_name=_("potřeby"))
    gaps = models.ManyToManyField("needs.Gap", blank=True, related_name="measures", verbose_name=_("chybějící služby (mezery)"))
    themes = models.ManyToManyField("needs.Theme", blank=True, related_name="measures", verbose_name=_("témata z dotazníků"))
    swot_items = models.ManyToManyField("needs.SwotItem", blank=True, related_name="measures", verbose_name=_("položky SWOT"))

    history = HistoricalRecords(excluded_fields=["updated_at", "revision"])

    class Meta:
        verbose_name = _("opatření")
        verbose_name_plural = _("opatření")
        ordering = ["plan", "goal__priority__position", "goal__position", "position", "pk"]

    @property
    def number(self):
        return f"{self.goal.priority.position}.{self.goal.position}.{self.position}"

    @property
    def anchor(self):
        """The fragment of the measure on the public plan page, e.g. ``opatreni-1-2-3``."""
        return "opatreni-" + self.number.replace(".", "-")

    @property
    def owning_group(self):
        return self.group or self.goal.priority.group

    def clean(self):
        errors = {}
        if not (self.responsible_party or "").strip():
            errors["responsible_party"] = [_("Uveďte, kdo za opatření odpovídá.")]
        try:
            _check_years(self, self.plan if self.plan_id else None)
            if self.pk:
                _check_costs_inside(self, self.costs.all(), _("Opatření"))
                _check_inside(self, self.activities.values_list("start_year", "end_year"),
                              _("Aktivity opatření probíhají i v letech %(years)s. Nejprve upravte jejich roky, nebo období ponechte."))
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)


class Activity(PlanItem):
    """Aktivita of a measure; the implementation plan places it in years and quarters."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="activities", verbose_name=_("opatření"))
    responsible_party = models.CharField(_("kdo ji zajistí"), max_length=300, blank=True,
                                         help_text=_("Prázdné: odpovědný subjekt opatření."))
    start_year = models.PositiveSmallIntegerField(_("od roku"))
    start_quarter = models.PositiveSmallIntegerField(_("od čtvrtletí"), default=1, validators=[MinValueValidator(1), MaxValueValidator(4)])
    end_year = models.PositiveSmallIntegerField(_("do roku"))
    end_quarter = models.PositiveSmallIntegerField(_("do čtvrtletí"), default=4, validators=[MinValueValidator(1), MaxValueValidator(4)])

    history = HistoricalRecords(excluded_fields=["updated_at", "revision"])

    class Meta:
        verbose_name = _("aktivita")
        verbose_name_plural = _("aktivity")
        ordering = ["plan", "measure__goal__priority__position", "measure__goal__position", "measure__position", "position", "pk"]

    @property
    def number(self):
        return f"{self.measure.number}.{self.position}"

    @property
    def owning_group(self):
        return self.measure.owning_group

    def clean(self):
        _check_years(self, self.plan if self.plan_id else None)
        if self.start_year and self.end_year and (self.start_year, self.start_quarter) > (self.end_year, self.end_quarter):
            raise ValidationError({"end_quarter": _("Aktivita nemůže skončit dříve, než začne.")})
        measure = self.measure if self.measure_id else None
        message = _("Opatření %(number)s probíhá v letech %(start)s–%(end)s; aktivita musí ležet v nich.")
        errors = {field: message % {"number": measure.number, "start": measure.start_year, "end": measure.end_year}
                  for field in ("start_year", "end_year")
                  if measure and getattr(self, field) and not measure.start_year <= getattr(self, field) <= measure.end_year}
        if errors:
            raise ValidationError(errors)
        if self.pk:
            _check_costs_inside(self, self.costs.all(), _("Aktivita"))
            _check_inside(self, ((milestone.year, milestone.year) for milestone in self.milestones.values_list("due", flat=True)),
                          _("Aktivita má milníky v letech %(years)s. Nejprve upravte jejich termíny, nebo období ponechte."))


class Milestone(AreaOwnedModel):
    """Milník of an activity: a dated checkpoint in the implementation plan."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("aktivita"))
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("milník"), max_length=300)
    due = models.DateField(_("termín"))
    is_done = models.BooleanField(_("splněno"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milník")
        verbose_name_plural = _("milníky")
        ordering = ["due", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.due and self.plan_id and not self.plan.start_year <= self.due.year <= self.plan.end_year:
            raise ValidationError({"due": _("Termín musí ležet v období plánu (%(start)s–%(end)s).") % {
                "start": self.plan.start_year, "end": self.plan.end_year}})
        if self.due and self.activity_id and not self.activity.start_year <= self.due.year <= self.activity.end_year:
            raise ValidationError({"due": _("Aktivita probíhá v letech %(start)s–%(end)s; termín milníku musí ležet v nich.") % {
                "start": self.activity.start_year, "end": self.activity.end_year}})
