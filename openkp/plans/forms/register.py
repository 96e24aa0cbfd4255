"""Forms of the plan's registers: a risk and the filter of the risk register, the filter of the implementation
plan, an analytical chapter, a funding source.

Pickers of measures are built from the already loaded tree (numbers and titles), so a form costs no query
per measure."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Chapter, FundingSource, Risk
from ..services.register import LEVELS

PROBABILITY_CHOICES = [(1, _("1 – velmi nízká")), (2, _("2 – nízká")), (3, _("3 – střední")), (4, _("4 – vysoká")),
                       (5, _("5 – velmi vysoká"))]
IMPACT_CHOICES = [(1, _("1 – zanedbatelný")), (2, _("2 – malý")), (3, _("3 – střední")), (4, _("4 – velký")), (5, _("5 – kritický"))]
PLAN_LEVEL = "plan"


def measure_choices(measures, *, first):
    """Choices of measures grouped under their priority areas: ``[first, (priority, [(pk, "1.2.3 title")])]``."""
    groups = {}
    for measure in measures:
        priority = measure.goal.priority
        groups.setdefault(priority.pk, (f"{priority.number} {priority.title}", []))[1].append(
            (str(measure.pk), f"{measure.number} {measure.title}"))
    return [first, *groups.values()]


def scale_field(label, choices, *, message):
    """A 1–5 scale with its own Czech message (the browser offers only 1–5; the server checks again)."""
    return forms.TypedChoiceField(label=label, choices=[("", _("vyberte…")), *choices], coerce=int,
                                  error_messages={"required": message, "invalid_choice": message})


class RiskForm(forms.ModelForm):
    """A risk of the plan or of one measure. ``measures``: the measures the user may attach risks to (from the
    tree); ``allow_plan_level``: whether the user may write risks of the whole plan."""

    measure = forms.ChoiceField(label=_("Opatření"), required=False,
                                error_messages={"invalid_choice": _("Vyberte opatření ze seznamu.")})
    probability = scale_field(_("Pravděpodobnost (1–5)"), PROBABILITY_CHOICES,
                              message=_("Pravděpodobnost zadejte jako celé číslo od 1 do 5."))
    impact = scale_field(_("Dopad (1–5)"), IMPACT_CHOICES, message=_("Dopad zadejte jako celé číslo od 1 do 5."))

    class Meta:
        model = Risk
        fields = ["measure", "title", "description", "probability", "impact", "mitigation", "owner", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "mitigation": forms.Textarea(attrs={"rows": 3})}
        labels = {"title": _("Riziko"), "owner": _("Vlastník rizika")}
        error_messages = {"title": {"required": _("Napište, o jaké riziko jde.")}}
        help_texts = {"title": _("Co se může stát, např. „Nepodaří se získat dotaci na nové lůžko“."),
                      "owner": _("Kdo riziko sleduje a řeší, např. vedoucí odboru nebo poskytovatel.")}

    def __init__(self, *args, measures, allow_plan_level, **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = {str(measure.pk): measure for measure in measures}
        self.allow_plan_level = allow_plan_level
        first = ("", _("celý plán (riziko, které se netýká jednoho opatření)")) if allow_plan_level else ("", _("vyberte opatření…"))
        self.fields["measure"].choices = measure_choices(measures, first=first)
        self.fields["measure"].help_text = _("Riziko celého plánu nechte bez opatření.") if allow_plan_level else _(
            "Můžete zapisovat rizika opatření své pracovní skupiny.")
        self.fields["probability"].help_text = _("Jak pravděpodobné je, že riziko nastane.")
        self.fields["impact"].help_text = _("Jak vážně by zasáhlo plán nebo opatření.")

    def clean_measure(self):
        value = self.cleaned_data.get("measure") or ""
        if not value:
            if not self.allow_plan_level:
                raise forms.ValidationError(_("Vyberte opatření. Rizika celého plánu zapisuje koordinátor."))
            return None
        if value not in self.measures:
            raise forms.ValidationError(_("Vyberte opatření ze seznamu."))
        return self.measures[value]


class RiskFilterForm(forms.Form):
    """The filter of the risk register (GET); an invalid value is ignored."""

    uroven = forms.ChoiceField(label=_("Úroveň"), required=False)
    stav = forms.ChoiceField(label=_("Stav"), required=False, choices=[("", _("všechny")), *Risk.Status.choices])
    opatreni = forms.ChoiceField(label=_("Opatření"), required=False)
    pravdepodobnost = forms.TypedChoiceField(label=_("Pravděpodobnost"), required=False, coerce=int, empty_value=None,
                                             choices=[("", _("všechny")), *((n, str(n)) for n in range(1, 6))])
    dopad = forms.TypedChoiceField(label=_("Dopad"), required=False, coerce=int, empty_value=None,
                                   choices=[("", _("všechny")), *((n, str(n)) for n in range(1, 6))])

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uroven"].choices = [("", _("všechny")), *((value, label) for value, label, _scores in LEVELS)]
        first, *grouped = measure_choices(measures, first=("", _("všechna rizika")))
        self.fields["opatreni"].choices = [first, (PLAN_LEVEL, _("jen rizika celého plánu")), *grouped]

    def filters(self):
        data = self.cleaned_data if self.is_valid() else {}
        return {key: data.get(key) or None for key in ("uroven", "stav", "opatreni", "pravdepodobnost", "dopad")}

    @staticmethod
    def apply(risks, filters):
        """The risks matching ``filters`` (as ``filters()`` returns them), in the given order."""
        kept = []
        for risk in risks:
            if filters["uroven"] and risk.level != filters["uroven"]:
                continue
            if filters["stav"] and risk.status != filters["stav"]:
                continue
            if filters["opatreni"] == PLAN_LEVEL and risk.measure_id is not None:
                continue
            if filters["opatreni"] not in (None, PLAN_LEVEL) and str(risk.measure_id) != filters["opatreni"]:
                continue
            if filters["pravdepodobnost"] and risk.probability != filters["pravdepodobnost"]:
                continue
            if filters["dopad"] and risk.impact != filters["dopad"]:
                continue
            kept.append(risk)
        return kept


class ImplementationFilterForm(forms.Form):
    """The year and working group of the implementation plan (GET); shown with the values the selector kept."""

    rok = forms.TypedChoiceField(label=_("Rok"), required=False, coerce=int, empty_value=None)
    skupina = forms.TypedChoiceField(label=_("Pracovní skupina"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rok"].choices = [("", _("všechny roky plánu")), *((year, str(year)) for year in years)]
        self.fields["skupina"].choices = [("", _("všechny skupiny")), *((group.pk, group.name) for group in groups)]


class ChapterForm(forms.ModelForm):
    class Meta:
        model = Chapter
        fields = ["title", "kind", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}
        error_messages = {"title": {"required": _("Vyplňte nadpis kapitoly.")}}
        help_texts = {
            "kind": _("U druhů s daty se pod váš text připojí část vytvořená z aktuálních údajů (katalog, analýza potřeb, "
                      "demografie, skupiny)."),
            "body": _("Formát Markdown: ## nadpis, - odrážka, 1. číslovaný seznam, **tučně**, *kurzívou*, [odkaz](https://…), "
                      "tabulka | a | b |. Náhled uloženého textu je pod formulářem."),
        }


class FundingSourceForm(forms.ModelForm):
    class Meta:
        model = FundingSource
        fields = ["name"]
        labels = {"name": _("Název zdroje")}
        error_messages = {"name": {"required": _("Vyplňte název zdroje financování.")}}
