"""Forms of the plan editor: the plan, its hierarchy items, the costs grid of a measure and its indicators."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openkp.core.models import Organisation
from openkp.structures.models import Group, PlanningPeriod

from ..models import Activity, Comment, Goal, Indicator, Measure, Milestone, Plan, Priority
from ..services.editor import fingerprint, indicator_fingerprint


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "period", "start_year", "end_year", "summary", "is_public"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area
        self.fields["period"].queryset = PlanningPeriod.objects.for_area(area).order_by("-start_year")


class StatusForm(forms.Form):
    """Moving a plan along draft → consultation → approved → in force → closed."""

    status = forms.ChoiceField(label=gettext_lazy("Nový stav"), choices=Plan.Status.choices)
    resolution_number = forms.CharField(label=gettext_lazy("Číslo usnesení"), max_length=100, required=False,
                                        help_text=gettext_lazy("Povinné pro schválení, např. „2760/ZM1418/34“."))
    resolution_date = forms.DateField(label=gettext_lazy("Datum schválení"), required=False,
                                      widget=forms.DateInput(attrs={"type": "date"}))
    approved_file = forms.FileField(label=gettext_lazy("Schválený dokument"), required=False,
                                    help_text=gettext_lazy("PDF, DOCX nebo ODT, jak jej schválilo zastupitelstvo."))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["status"].initial = plan.status
        self.fields["resolution_number"].initial = plan.resolution_number
        self.fields["resolution_date"].initial = plan.resolution_date


class ItemForm(forms.ModelForm):
    """Shared part of the hierarchy forms: the revision read with the form guards against silent overwrites."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.plan = plan
        self.instance.area = plan.area
        self.fields["revision"].initial = self.instance.revision
        for name in ("description", "rationale", "expected_outputs"):
            if name in self.fields:
                self.fields[name].widget.attrs["rows"] = 4


def _groups(plan):
    queryset = Group.objects.for_area(plan.area)
    if plan.period_id:
        queryset = queryset.filter(period_id=plan.period_id)
    return queryset.order_by("order", "name")


class PriorityForm(ItemForm):
    class Meta:
        model = Priority
        fields = ["title", "description", "group", "target_groups", "is_cross_cutting"]
        widgets = {"target_groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = _groups(self.plan)


class GoalForm(ItemForm):
    class Meta:
        model = Goal
        fields = ["title", "description", "priority"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = Priority.objects.filter(plan=self.plan).order_by("position")
        self.fields["priority"].label_from_instance = lambda priority: f"{priority.number} {priority.title}"
        self.fields["priority"].help_text = _("Změnou přesunete cíl i s jeho opatřeními; čísla se přepočítají.")


class MeasureForm(ItemForm):
    class Meta:
        model = Measure
        fields = ["title", "goal", "kind", "description", "rationale", "needs", "gaps", "themes", "swot_items", "group",
                  "responsible_party", "responsible_organisation", "partners", "start_year", "end_year", "services",
                  "expected_outputs"]
        widgets = {field: forms.SelectMultiple(attrs={"size": 6}) for field in ("needs", "gaps", "themes", "swot_items", "partners", "services")}

    def __init__(self, *args, **kwargs):
        from openkp.catalog.models import Service
        from openkp.needs.models import Gap, Need, SwotItem, Theme

        super().__init__(*args, **kwargs)
        area = self.plan.area
        goals = Goal.objects.filter(plan=self.plan).select_related("priority").order_by("priority__position", "position")
        self.fields["goal"].queryset = goals
        self.fields["goal"].label_from_instance = lambda goal: f"{goal.number} {goal.title}"
        self.fields["goal"].help_text = _("Změnou přesunete opatření pod jiný cíl; čísla se přepočítají.")
        self.fields["group"].queryset = _groups(self.plan)
        organisations = area_organisations(area)
        self.fields["responsible_organisation"].queryset = organisations
        self.fields["partners"].queryset = organisations
        self.fields["services"].queryset = Service.objects.for_area(area).select_related("provider").order_by("name")
        self.fields["services"].label_from_instance = lambda service: f"{service.name} ({service.provider.name})"
        self.fields["needs"].queryset = Need.objects.for_area(area).order_by("title")
        self.fields["gaps"].queryset = Gap.objects.for_area(area).order_by("title")
        self.fields["themes"].queryset = Theme.objects.for_area(area).order_by("name")
        self.fields["swot_items"].queryset = (SwotItem.objects.filter(analysis__area=area, merged_into__isnull=True)
                                              .select_related("analysis").order_by("analysis__title", "category", "pk"))
        self.fields["swot_items"].label_from_instance = lambda item: f"{item.analysis.title} – {item.get_category_display()}: {item.text[:80]}"
        for name in ("start_year", "end_year"):
            self.fields[name].widget.attrs.update(min=self.plan.start_year, max=self.plan.end_year)
            self.fields[name].initial = self.fields[name].initial or getattr(self.plan, name)
        self.fields["responsible_party"].required = True
        self.fields["responsible_party"].error_messages["required"] = _("Uveďte, kdo za opatření odpovídá.")


def area_organisations(area):
    """Organisations at work in the area (organisations are shared by all areas): providers of its services,
    members' organisations and those already named in its plans."""
    from openkp.catalog.models import Service
    from openkp.structures.models import GroupMember

    return Organisation.objects.filter(
        Q(pk__in=Service.objects.filter(area=area).values("provider_id"))
        | Q(pk__in=GroupMember.objects.filter(area=area).values("organisation_id"))
        | Q(pk__in=Measure.objects.filter(area=area, responsible_organisation__isnull=False).values("responsible_organisation_id"))
        | Q(pk__in=Measure.partners.through.objects.filter(measure__area=area).values("organisation_id"))
    ).order_by("name")


class ActivityForm(ItemForm):
    class Meta:
        model = Activity
        fields = ["title", "description", "responsible_party", "start_year", "start_quarter", "end_year", "end_quarter"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start_year", "end_year"):
            self.fields[name].widget.attrs.update(min=self.plan.start_year, max=self.plan.end_year)


LEVEL_FORMS = {Priority: PriorityForm, Goal: GoalForm, Measure: MeasureForm, Activity: ActivityForm}


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due", "is_done"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        # set before validation, so that the model's checks of the plan's and the activity's years run
        self.instance.activity, self.instance.plan, self.instance.area = activity, activity.plan, activity.area


MilestoneFormSet = forms.modelformset_factory(Milestone, form=MilestoneForm, extra=2, can_delete=True, can_delete_extra=False)


def amount_text(value):
    """An amount as the grid shows it: ``1 250 000`` or ``12 500,50`` (plain spaces, so it can be typed over)."""
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",")
    return text[:-3] if text.endswith(",00") else text


def parse_amount(text):
    """A CZK amount typed the Czech way (``1 250 000,50``, ``1250000.5``, ``150 000 Kč``) → Decimal; empty → None."""
    cleaned = (text or "").replace("\xa0", "").replace("\u202f", "").replace(" ", "").replace("Kč", "").strip()
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(_("„%(value)s“ není částka. Zadejte číslo v korunách, např. 150 000 nebo 1 250,50.") % {"value": text}) from None
    if not value.is_finite():
        raise ValidationError(_("„%(value)s“ není částka.") % {"value": text})
    if value < 0:
        raise ValidationError(_("Částka nemůže být záporná."))
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(_("Částka může mít nejvýše dvě desetinná místa (haléře)."))
    if value >= Decimal("1e12"):
        raise ValidationError(_("Částka je příliš velká."))
    return value


class CostGridForm(forms.Form):
    """The costs of a measure and its activities: one text field per row × year × funding source.

    Field names are ``c-<row>-<year>-<source id>`` where row is ``m`` (the measure itself) or ``a<activity id>``.
    """

    loaded = forms.CharField(widget=forms.HiddenInput, required=False)  # fingerprint of the grid the form was loaded with

    def __init__(self, *args, measure, activities, years, sources, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded"].initial = fingerprint(existing)
        self.rows = [("m", measure)] + [(f"a{activity.pk}", activity) for activity in activities]
        self.years, self.sources = years, sources
        for row, _item in self.rows:
            for year in years:
                for source in sources:
                    name = self.field_name(row, year, source)
                    value = existing.get((row, year, source.pk))
                    self.fields[name] = forms.CharField(
                        required=False, label=f"{source.name} {year}",
                        initial="" if value is None else amount_text(value),
                        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "okp-money-input", "autocomplete": "off"}),
                    )

    @staticmethod
    def field_name(row, year, source):
        return f"c-{row}-{year}-{source.pk}"

    def clean(self):
        cleaned = super().clean()
        self.amounts = {}
        for row, item in self.rows:
            for year in self.years:
                for source in self.sources:
                    name = self.field_name(row, year, source)
                    try:
                        amount = self.amounts[(row, year, source.pk)] = parse_amount(cleaned.get(name))
                    except ValidationError as error:
                        self.add_error(name, error)
                        continue
                    if amount and not item.start_year <= year <= item.end_year:
                        self.add_error(name, _("%(what)s probíhá v letech %(start)s–%(end)s; na rok %(year)s náklady plánovat nelze.")
                                       % {"what": _("Opatření") if row == "m" else _("Aktivita"), "start": item.start_year,
                                          "end": item.end_year, "year": year})
        return cleaned

    def grid(self):
        """Rows of bound fields for the template: (item, [(year, [field per source], [field in error])]).

        A cell in error is marked invalid and described by its message, which the template shows below the row
        (not inside the cell, where it would widen the table)."""
        grid = []
        for row, item in self.rows:
            years = []
            for year in self.years:
                fields = [self[self.field_name(row, year, source)] for source in self.sources]
                for field in fields:
                    if field.errors:
                        field.field.widget.attrs["aria-describedby"] = f"{field.auto_id}_error"
                years.append((year, fields, [field for field in fields if field.errors]))
            grid.append((item, years))
        return grid

    def cell_errors(self):
        """The error summary: (id of the cell, where it is, message) for every cell in error, in the grid's order."""
        found = []
        for row, item in self.rows:
            where = _("Opatření") if row == "m" else _("Aktivita %(number)s") % {"number": item.number}
            for year in self.years:
                for source in self.sources:
                    field = self[self.field_name(row, year, source)]
                    for message in field.errors:
                        found.append((field.auto_id, f"{where} · {field.label}", message))
        return found


class IndicatorForm(forms.ModelForm):
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)  # fingerprint of the indicator the form was loaded with

    class Meta:
        model = Indicator
        fields = ["kind", "name", "unit", "baseline_value", "baseline_year", "polarity", "data_source", "reported_by"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        existing = {target.year: target.value for target in self.instance.targets.all()} if self.instance.pk else {}
        self.fields["loaded"].initial = indicator_fingerprint(self.instance) if self.instance.pk else ""
        for year in plan.years:
            self.fields[f"target_{year}"] = forms.DecimalField(
                label=_("Cílová hodnota %(year)s") % {"year": year}, required=False, max_digits=14, decimal_places=2,
                initial=existing.get(year), localize=True)

    def clean_baseline_year(self):
        year = self.cleaned_data.get("baseline_year")
        if year is not None and not 1990 <= year <= self.plan.end_year:
            raise ValidationError(_("Rok výchozí hodnoty musí být mezi 1990 a posledním rokem plánu (%(end)s).") % {"end": self.plan.end_year})
        return year

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("baseline_value") is not None and not cleaned.get("baseline_year"):
            self.add_error("baseline_year", _("Uveďte, ke kterému roku výchozí hodnota platí."))
        if not any(cleaned.get(f"target_{year}") is not None for year in self.plan.years):
            self.add_error(f"target_{self.plan.end_year}", _("Zadejte cílovou hodnotu alespoň pro jeden rok plánu."))
        return cleaned

    def targets(self):
        return {year: self.cleaned_data.get(f"target_{year}") for year in self.plan.years}


class CommentForm(forms.ModelForm):
    target = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
        labels = {"body": gettext_lazy("Nový komentář")}
