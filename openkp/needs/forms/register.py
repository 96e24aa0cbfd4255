"""Forms of the needs register: the filter of the list, a need with its evidence and services, a gap, a map's texts.

Every picker offers only what belongs to the area; what a need already links stays offered, so editing
never drops it silently (e.g. a question of an older version of a survey)."""

from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from openkp.accounts.rules import is_coordinator
from openkp.catalog.models import Service, ServiceType, TargetGroup
from openkp.core.typography import format_date, format_number
from openkp.structures.models import Group, Minutes
from openkp.structures.rules import can_manage_group

from ..models import DemographicFigure, Gap, Need, NeedsMap, Question, SwotItem, Theme, Urgency
from ..selectors.register import area_districts, area_municipalities


def place_choices(area, *, empty_label):
    """Choices "m<pk>" for the area's municipalities and "p<pk>" for their city districts."""
    choices = [("", empty_label)]
    choices += [(f"m{municipality.pk}", municipality.name) for municipality in area_municipalities(area=area)]
    choices += [(f"p{part.pk}", _("%(part)s (městský obvod)") % {"part": part.name}) for part in area_districts(area=area)]
    return choices


def resolve_place(value, area):
    """``(municipality, part)`` for a place choice of the area; (None, None) for anything else."""
    if not value or value[0] not in "mp" or not value[1:].isdigit():
        return None, None
    if value[0] == "m":
        return area_municipalities(area=area).filter(pk=value[1:]).first(), None
    part = next((part for part in area_districts(area=area) if part.pk == int(value[1:])), None)
    return None, part


def may_change_need(user, need):
    """The coordinator changes every need; a group manager the needs of the groups they lead."""
    if not user.has_perm("needs.manage_needs", need.area):
        return False
    if is_coordinator(user, need.area):
        return True
    return need.group is not None and can_manage_group(user, need.group)


def manageable_groups(user, area):
    groups = Group.objects.for_area(area).select_related("period", "area", "parent").order_by("-period__start_year", "kind", "order", "name")
    if is_coordinator(user, area):
        return groups
    return groups.filter(pk__in=[group.pk for group in groups if can_manage_group(user, group)])


class NeedFilterForm(forms.Form):
    """The filter of the register (GET); every field optional."""

    ORDER_CHOICES = [("nalehavost", _("podle naléhavosti")), ("nejnovejsi", _("nejnovější")), ("nejstarsi", _("nejstarší"))]

    q = forms.CharField(label=_("Hledat v textu"), required=False, max_length=200)
    skupina = forms.ModelChoiceField(label=_("Pracovní skupina"), queryset=Group.objects.none(), required=False, empty_label=_("všechny"))
    cilova = forms.ModelChoiceField(label=_("Cílová skupina"), queryset=TargetGroup.objects.none(), required=False, empty_label=_("všechny"))
    misto = forms.ChoiceField(label=_("Obec / městský obvod"), required=False)
    stav = forms.ChoiceField(label=_("Stav"), required=False, choices=[("", _("všechny")), *Need.Status.choices])
    nalehavost = forms.ChoiceField(label=_("Naléhavost"), required=False, choices=[("", _("všechny")), *Urgency.choices])
    razeni = forms.ChoiceField(label=_("Řadit"), required=False, choices=ORDER_CHOICES)

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.fields["skupina"].queryset = Group.objects.for_area(area).select_related("period").order_by("-period__start_year", "order", "name")
        self.fields["cilova"].queryset = TargetGroup.objects.order_by("name")
        self.fields["misto"].choices = place_choices(area, empty_label=_("všechna místa"))

    def selector_filters(self):
        """Keyword arguments of ``selectors.register.need_list`` (an invalid value is ignored)."""
        data = self.cleaned_data if self.is_valid() else {}
        municipality, part = resolve_place(data.get("misto"), self.area)
        return {"group": data.get("skupina"), "target_group": data.get("cilova"), "municipality": municipality, "part": part,
                "status": data.get("stav", ""), "urgency": data.get("nalehavost", ""), "query": data.get("q", "").strip(),
                "order": data.get("razeni") or "nalehavost"}


class LabelledMultipleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, *args, label_from=str, **kwargs):
        self.label_from = label_from
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return self.label_from(obj)


def _question_label(question):
    return f"{question.version.survey.title}: {question.text} ({question.code})"


def _swot_label(item):
    text = item.text if len(item.text) <= 120 else item.text[:117] + "…"
    return f"{item.analysis.group.name}, {item.analysis.title} – {item.get_category_display()}: {text}"


def _minutes_label(minutes):
    meeting = minutes.meeting
    return f"{meeting.group.name}: {meeting.title}, {format_date(meeting.starts_at)}"


def _figure_label(figure):
    place = figure.part or figure.municipality or "—"
    return f"{figure.indicator}, {place} {figure.year}: {format_number(figure.value)} {figure.unit}".strip()


def _service_label(service):
    return f"{service.name} – {service.provider.name}"


def _theme_label(theme):
    return f"{theme.name} ({theme.survey.title})" if theme.survey_id else str(theme.name)


class NeedForm(forms.ModelForm):
    """A need with its evidence. ``service_query`` narrows the offered services (with the "Filtrovat služby" button),
    so that the form stays usable in a catalogue of hundreds of services, also without JavaScript."""

    service_query = forms.CharField(label=_("Hledat službu podle názvu nebo poskytovatele"), required=False, max_length=200,
                                    help_text=_("Napište část názvu a stiskněte „Filtrovat služby“; vybrané služby zůstanou vybrané."))

    class Meta:
        model = Need
        fields = ["title", "description", "group", "target_groups", "municipalities", "parts", "raised_by", "urgency", "status",
                  "status_reason", "questions", "themes", "swot_items", "minutes", "figures", "evidence_note", "services"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "status_reason": forms.Textarea(attrs={"rows": 3}),
            "evidence_note": forms.Textarea(attrs={"rows": 3}),
            "target_groups": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
            "parts": forms.CheckboxSelectMultiple,
        }
        field_classes = {name: LabelledMultipleChoiceField for name in ("questions", "themes", "swot_items", "minutes", "figures", "services")}

    def __init__(self, *args, area, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area
        fields = self.fields
        fields["group"].queryset = manageable_groups(user, area)
        if not is_coordinator(user, area):
            fields["group"].required = True
            fields["group"].help_text = _("Potřebu zapisujete za skupinu, kterou vedete.")
        fields["target_groups"].queryset = TargetGroup.objects.order_by("name")
        fields["municipalities"].queryset = area_municipalities(area=area)
        fields["parts"].queryset = fields["parts"].queryset.filter(pk__in=[part.pk for part in area_districts(area=area)]).order_by("name")
        fields["parts"].label = _("Městské obvody")
        fields["questions"].queryset = self._keep_linked("questions", Question.objects.filter(version__survey__area=area).select_related(
            "version__survey").order_by("version__survey__title", "order", "pk"), Q(version=F("version__survey__current_version")))
        fields["questions"].label_from = _question_label
        fields["themes"].queryset = Theme.objects.for_area(area).select_related("survey").order_by("survey__title", "order", "name")
        fields["themes"].label_from = _theme_label
        fields["swot_items"].queryset = self._keep_linked("swot_items", SwotItem.objects.filter(analysis__area=area).select_related(
            "analysis__group").order_by("analysis__group__name", "analysis", "category", "pk"), Q(merged_into__isnull=True))
        fields["swot_items"].label_from = _swot_label
        fields["minutes"].queryset = Minutes.objects.for_area(area).select_related("meeting__group").order_by("-meeting__starts_at")
        fields["minutes"].label_from = _minutes_label
        fields["figures"].queryset = DemographicFigure.objects.for_area(area).select_related("municipality", "part").order_by("indicator", "year")
        fields["figures"].label_from = _figure_label
        fields["services"].queryset = self._service_queryset(area)
        fields["services"].label_from = _service_label
        fields["services"].help_text = _("Služby z veřejného katalogu území. Více služeb vyberete se stisknutou klávesou Ctrl.")
        for name in ("questions", "themes", "swot_items", "minutes", "figures", "services"):
            fields[name].widget.attrs["size"] = 8

    @classmethod
    def initial_from(cls, data):
        """The submitted values as the initial values of a new, unbound form: the "Filtrovat služby" button
        shows the form again with a narrowed list of services, without saving and without error messages."""
        many = {"target_groups", "municipalities", "parts", "questions", "themes", "swot_items", "minutes", "figures", "services"}
        return {name: data.getlist(name) if name in many else data.get(name, "") for name in [*cls._meta.fields, "service_query"]}

    def _submitted(self, name):
        if self.is_bound:
            return self.data.getlist(self.add_prefix(name))
        value = self.initial.get(name) or []
        return value if isinstance(value, (list, tuple)) else [value]

    def _linked_ids(self, name):
        """Ids linked now (editing) and ids just submitted, so a narrowed list still accepts them."""
        ids = {int(value) for value in self._submitted(name) if str(value).isdigit()}
        if self.instance.pk:
            ids |= set(getattr(self.instance, name).values_list("pk", flat=True))
        return ids

    def _keep_linked(self, name, queryset, offered):
        return queryset.filter(offered | Q(pk__in=self._linked_ids(name)))

    def _service_queryset(self, area):
        services = Service.objects.for_area(area).public().select_related("provider").order_by("sort_name")
        query = " ".join(self._submitted("service_query")).strip()
        if not query:
            return services
        matching = Q(name__icontains=query) | Q(provider__name__icontains=query)
        return services.filter(matching | Q(pk__in=self._linked_ids("services")))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Need.Status.REJECTED and not (cleaned.get("status_reason") or "").strip():
            self.add_error("status_reason", _("U zamítnuté potřeby napište zdůvodnění: proč se jí plán nebude věnovat."))
        return cleaned


class GapForm(forms.ModelForm):
    class Meta:
        model = Gap
        fields = ["title", "service_type", "missing_capacity", "place", "proposed_solution"]
        widgets = {"proposed_solution": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_type"].queryset = ServiceType.objects.order_by("order", "name")
        self.fields["service_type"].empty_label = _("— jiný nebo neurčený —")


class NeedsMapForm(forms.ModelForm):
    class Meta:
        model = NeedsMap
        fields = ["current_state", "conclusions"]
        widgets = {"current_state": forms.Textarea(attrs={"rows": 10}), "conclusions": forms.Textarea(attrs={"rows": 8})}
