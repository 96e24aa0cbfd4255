"""Forms of the survey builder: survey settings, a copy, sections, questions (kind by kind), one-time codes."""

import re

from django import forms
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _

from openkp.structures.models import Group, PlanningPeriod

from ..models import QuestionKind, Survey
from ..services.surveys import ordered_questions, ordered_sections

DATETIME_WIDGET = {"attrs": {"type": "datetime-local"}, "format": "%Y-%m-%dT%H:%M"}

# Kinds that another question's display can depend on (a matrix answer is a set of pairs, not one value).
CONDITION_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SCALE, QuestionKind.PLACE, QuestionKind.TARGET_GROUP}
# Kinds whose choices are typed in (scales and pickers have generated ones).
TYPED_CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.MATRIX}
OTHER_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE}
MAX_SCALE_POINTS = 11
CODE_PATTERN = re.compile(r"[-\w]+")
OTHER_VALUE = "other"


class SurveyForm(forms.ModelForm):
    opens_at = forms.DateTimeField(label=_("Sběr od"), required=False, widget=forms.DateTimeInput(**DATETIME_WIDGET),
                                   help_text=_("Prázdné = od otevření dotazníku."))
    closes_at = forms.DateTimeField(label=_("Sběr do"), required=False, widget=forms.DateTimeInput(**DATETIME_WIDGET),
                                    help_text=_("Prázdné = do uzavření dotazníku."))

    class Meta:
        model = Survey
        fields = ["title", "intro", "audience", "period", "group", "opens_at", "closes_at", "one_answer_per_browser", "uses_codes",
                  "thanks_text", "results_public"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 5}), "thanks_text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, area, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area
        self.fields["title"].error_messages["required"] = _("Vyplňte název dotazníku.")
        self.fields["audience"].choices = [(value, capfirst(label)) for value, label in self.fields["audience"].choices]
        self.fields["period"].queryset = PlanningPeriod.objects.for_area(area)
        groups = Group.objects.for_area(area).select_related("period", "area", "parent")
        if not user.has_perm("core.change_area", area):  # not the coordinator: only the groups this person leads
            groups = groups.filter(pk__in=[group.pk for group in groups if user.has_perm("structures.manage_group", group)])
            self.fields["group"].required = True
            self.fields["group"].error_messages["required"] = _("Vyberte skupinu, za kterou dotazník připravujete.")
        self.fields["group"].queryset = groups
        if not self.instance.pk:
            self.fields["period"].initial = PlanningPeriod.objects.for_area(area).filter(is_current=True).first()


class SurveyCopyForm(forms.Form):
    title = forms.CharField(label=_("Název nového dotazníku"), max_length=200,
                            error_messages={"required": _("Vyplňte název nového dotazníku.")})
    period = forms.ModelChoiceField(label=_("Období plánování"), queryset=PlanningPeriod.objects.none(), required=False)

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = PlanningPeriod.objects.for_area(area)


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Název oddílu"), max_length=200, error_messages={"required": _("Vyplňte název oddílu.")})
    description = forms.CharField(label=_("Popis"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("Nepovinné: krátký úvod, který respondent uvidí nad otázkami oddílu."))


class CodesForm(forms.Form):
    count = forms.IntegerField(label=_("Počet nových kódů"), min_value=1, max_value=2000, initial=50,
                               error_messages={"required": _("Zadejte, kolik kódů vytvořit."),
                                               "min_value": _("Vytvořte alespoň jeden kód."),
                                               "max_value": _("Najednou lze vytvořit nejvýš %(limit_value)s kódů.")})


def parse_lines(text, *, reserved=()):
    """Lines "kód|text" or just "text" → [(value, label)]; a missing code is made from the text.
    Returns (pairs, errors)."""
    pairs, errors, used = [], [], set()
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        value, label = (part.strip() for part in line.split("|", 1)) if "|" in line else ("", line)
        if not label:
            errors.append(_("Na řádku „%(line)s“ chybí za svislou čarou text.") % {"line": line})
            continue
        if value:
            if not CODE_PATTERN.fullmatch(value) or len(value) > 60:
                errors.append(_("Kód „%(value)s“ smí mít nejvýš 60 znaků: písmena, číslice, pomlčku nebo podtržítko.") % {"value": value})
            elif value in used:
                errors.append(_("Kód „%(value)s“ je uveden dvakrát; každý řádek potřebuje jiný kód.") % {"value": value})
            elif value in reserved:
                errors.append(_("Kód „%(value)s“ je vyhrazen pro možnost „jiné“.") % {"value": value})
        else:
            value = base = slugify(label)[:56] or str(len(pairs) + 1)
            number = 2
            while value in used or value in reserved:
                value, number = f"{base}-{number}", number + 1
        if len(label) > 300:
            errors.append(_("Text „%(label)s…“ je delší než 300 znaků.") % {"label": label[:40]})
        used.add(value)
        pairs.append((value, label))
    return pairs, errors


def lines_text(items):
    """Choices or matrix rows back as the "kód|text" lines of the form."""
    return "\n".join(f"{item.value}|{item.label}" for item in items)


class QuestionForm(forms.Form):
    """A question of one version. The section is chosen by its position and the condition by the question's
    code, so that the data can be applied to a new copy of the version (``question_fields``)."""

    kind = forms.ChoiceField(label=_("Typ otázky"), choices=[(value, capfirst(label)) for value, label in QuestionKind.choices])
    text = forms.CharField(label=_("Otázka"), max_length=500, error_messages={"required": _("Vyplňte znění otázky.")})
    help_text = forms.CharField(label=_("Nápověda"), max_length=500, required=False,
                                help_text=_("Nepovinné: vysvětlení pod otázkou, např. „Vyberte nejvýš tři možnosti.“"))
    code = forms.SlugField(label=_("Kód otázky"), max_length=60, required=False,
                           help_text=_("Krátký stálý kód pro exporty, např. bydleni. Prázdné = doplní se sám."),
                           error_messages={"invalid": _("Kód smí obsahovat jen písmena bez diakritiky, číslice, pomlčku a podtržítko.")})
    section = forms.TypedChoiceField(label=_("Oddíl"), required=False, coerce=int, empty_value=None)
    required = forms.BooleanField(label=_("Povinná otázka"), required=False)
    choices_text = forms.CharField(label=_("Možnosti odpovědi"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
                                   help_text=_("Každou možnost na nový řádek. Kód a text můžete oddělit svislou čarou, "
                                               "např. „ano|Ano“; bez kódu se kód vytvoří z textu. U tabulky jsou to sloupce."))
    allow_other = forms.BooleanField(label=_("Nabídnout možnost „jiné“ s vlastním textem"), required=False)
    rows_text = forms.CharField(label=_("Řádky tabulky"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                                help_text=_("Každý řádek tabulky na nový řádek, stejně jako možnosti („kód|text“ nebo jen text)."))
    scale_min = forms.IntegerField(label=_("Škála od"), required=False, initial=1)
    scale_max = forms.IntegerField(label=_("Škála do"), required=False, initial=5)
    scale_min_label = forms.CharField(label=_("Popis nejnižší hodnoty"), max_length=100, required=False,
                                      help_text=_("Např. „velmi nespokojen/a“."))
    scale_max_label = forms.CharField(label=_("Popis nejvyšší hodnoty"), max_length=100, required=False,
                                      help_text=_("Např. „velmi spokojen/a“."))
    min_value = forms.DecimalField(label=_("Nejmenší číslo"), max_digits=12, decimal_places=2, required=False)
    max_value = forms.DecimalField(label=_("Největší číslo"), max_digits=12, decimal_places=2, required=False)
    show_if_question = forms.ChoiceField(label=_("Zobrazit, jen když otázka"), required=False,
                                         help_text=_("Vybírat lze z otázek s výběrem odpovědi, které jsou v dotazníku dříve."))
    show_if_values = forms.MultipleChoiceField(label=_("má některou z odpovědí"), required=False, widget=forms.CheckboxSelectMultiple)

    # Fields each kind uses; the page hides the others when JavaScript runs.
    KIND_FIELDS = {
        "choices": sorted(TYPED_CHOICE_KINDS),
        "other": sorted(OTHER_KINDS),
        "rows": [QuestionKind.MATRIX],
        "scale": [QuestionKind.SCALE],
        "number": [QuestionKind.NUMBER],
    }

    def __init__(self, *args, version, question=None, **kwargs):
        self.version, self.question = version, question
        self.sections = ordered_sections(version)
        self.questions = ordered_questions(version, self.sections, version.questions.prefetch_related("choices"))
        self.numbers = {item.pk: number for number, item in enumerate(self.questions, start=1)}
        if question is not None:
            kwargs.setdefault("initial", {}).update(self._initial(question))
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("(mimo oddíly)"))] + [(index, section.title) for index, section in enumerate(self.sections, 1)]
        targets = [item for item in self.questions if item.kind in CONDITION_KINDS and item != question]
        self.fields["show_if_question"].choices = [("", _("(zobrazit vždy)"))] + [
            (item.code, f"{self.numbers[item.pk]}. {item.text}") for item in targets]
        self.fields["show_if_values"].choices = [(f"{item.code}:{choice.value}", choice.label) for item in targets
                                                 for choice in item.choices.all()]
        self.condition_targets = targets

    def _initial(self, question):
        section_index = next((index for index, section in enumerate(self.sections, 1) if section.pk == question.section_id), None)
        condition = question.show_if_question
        typed = [choice for choice in question.choices.all() if not choice.is_other]
        return {
            "kind": question.kind, "text": question.text, "help_text": question.help_text, "code": question.code,
            "section": section_index, "required": question.required, "allow_other": question.allow_other,
            "choices_text": lines_text(typed) if question.kind in TYPED_CHOICE_KINDS else "",
            "rows_text": lines_text(question.rows.all()),
            "scale_min": question.scale_min, "scale_max": question.scale_max,
            "scale_min_label": question.scale_min_label, "scale_max_label": question.scale_max_label,
            "min_value": question.min_value, "max_value": question.max_value,
            "show_if_question": condition.code if condition else "",
            "show_if_values": [f"{condition.code}:{value}" for value in question.show_if_values] if condition else [],
        }

    def condition_groups(self):
        """The value checkboxes grouped by question, for the template: [(question, number, [checkbox])]."""
        boxes = list(self["show_if_values"])
        groups = []
        for item in self.condition_targets:
            prefix = f"{item.code}:"
            groups.append((item, self.numbers[item.pk], [box for box in boxes if str(box.data["value"]).startswith(prefix)]))
        return groups

    def clean_code(self):
        code = self.cleaned_data["code"]
        clash = next((item for item in self.questions if item.code == code and item != self.question), None) if code else None
        if clash:
            raise forms.ValidationError(_("Kód „%(code)s“ už má otázka č. %(number)s tohoto dotazníku. Zvolte jiný.")
                                        % {"code": code, "number": self.numbers[clash.pk]})
        return code

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if not kind:
            return data
        self._clean_choices(kind, data)
        self._clean_scale(kind, data)
        self._clean_number(kind, data)
        self._clean_condition(data)
        self._clean_dependants(kind, data)
        return data

    def _clean_choices(self, kind, data):
        allow_other = data.get("allow_other") and kind in OTHER_KINDS
        data["allow_other"] = bool(allow_other)
        data["choices"], data["rows"] = [], []
        if kind not in TYPED_CHOICE_KINDS:
            return
        data["choices"], errors = parse_lines(data.get("choices_text", ""), reserved={OTHER_VALUE} if allow_other else set())
        for error in errors:
            self.add_error("choices_text", error)
        if not errors and len(data["choices"]) < 2:
            self.add_error("choices_text", _("Zadejte alespoň dvě možnosti odpovědi, každou na nový řádek."))
        if kind == QuestionKind.MATRIX:
            data["rows"], errors = parse_lines(data.get("rows_text", ""))
            for error in errors:
                self.add_error("rows_text", error)
            if not errors and not data["rows"]:
                self.add_error("rows_text", _("Zadejte alespoň jeden řádek tabulky."))

    def _clean_scale(self, kind, data):
        if kind != QuestionKind.SCALE:
            data.update(scale_min=None, scale_max=None, scale_min_label="", scale_max_label="")
            return
        low = data.get("scale_min") if data.get("scale_min") is not None else 1
        high = data.get("scale_max") if data.get("scale_max") is not None else 5
        data.update(scale_min=low, scale_max=high)
        if low >= high:
            self.add_error("scale_max", _("Konec škály musí být větší než její začátek (např. od 1 do 5)."))
        elif high - low + 1 > MAX_SCALE_POINTS:
            self.add_error("scale_max", _("Škála může mít nejvýš %(count)s bodů.") % {"count": MAX_SCALE_POINTS})

    def _clean_number(self, kind, data):
        if kind != QuestionKind.NUMBER:
            data.update(min_value=None, max_value=None)
        elif data.get("min_value") is not None and data.get("max_value") is not None and data["min_value"] >= data["max_value"]:
            self.add_error("max_value", _("Největší číslo musí být větší než nejmenší."))

    def _position_key(self, data):
        """Where the question will stand, as the builder orders questions (see services.surveys)."""
        section = data.get("section") or 0
        if self.question is None:
            return (section, float("inf"), 0)
        return (section, self.question.order, self.question.pk)

    def _key(self, item):
        section = next((index for index, sec in enumerate(self.sections, 1) if sec.pk == item.section_id), 0)
        return (section, item.order, item.pk)

    def _clean_condition(self, data):
        code, picked = data.get("show_if_question"), data.get("show_if_values") or []
        data["condition_values"] = []
        if not code:
            if picked:
                self.add_error("show_if_question", _("Vybrali jste odpovědi, ale ne otázku, na které zobrazení závisí."))
            return
        target = next(item for item in self.condition_targets if item.code == code)
        if self._key(target) >= self._position_key(data):
            self.add_error("show_if_question", _("Zobrazení může záviset jen na otázce, která je v dotazníku dříve."))
            return
        values = [value.split(":", 1)[1] for value in picked if value.startswith(f"{code}:")]
        if len(values) != len(picked):
            self.add_error("show_if_values", _("Vybrané odpovědi patří k jiné otázce než k té, na které zobrazení závisí."))
        elif not values:
            self.add_error("show_if_values", _("Vyberte alespoň jednu odpověď, při které se otázka zobrazí."))
        data["condition_values"] = values

    def _clean_dependants(self, kind, data):
        """Questions shown by this one's answer must stay valid: after it, and with values it still offers."""
        if self.question is None:
            return
        dependants = [item for item in self.questions if item.show_if_question_id == self.question.pk]
        if not dependants:
            return
        numbers = ", ".join(str(self.numbers[item.pk]) for item in dependants)
        if kind not in CONDITION_KINDS:
            self.add_error("kind", _("Podle odpovědi na tuto otázku se zobrazují otázky č. %(numbers)s; musí proto zůstat otázkou "
                                     "s výběrem odpovědi. Nejdřív upravte jejich podmínku.") % {"numbers": numbers})
            return
        if any(self._key(item) <= self._position_key(data) for item in dependants):
            self.add_error("section", _("Podle odpovědi na tuto otázku se zobrazují otázky č. %(numbers)s; musí proto zůstat "
                                        "před nimi.") % {"numbers": numbers})
        offered = self._offered_values(kind, data)
        if offered is None:
            return
        used = {str(value) for item in dependants for value in item.show_if_values}
        missing = sorted(used - offered)
        if missing:
            field = "scale_max" if kind == QuestionKind.SCALE else "choices_text"
            self.add_error(field, _("Odpovědi s kódem %(values)s používá podmínka otázek č. %(numbers)s. Ponechte je, "
                                    "nebo nejdřív upravte podmínku.") % {"values": ", ".join(missing), "numbers": numbers})

    @staticmethod
    def _offered_values(kind, data):
        if kind in TYPED_CHOICE_KINDS:
            return {value for value, _label in data.get("choices", [])} | ({OTHER_VALUE} if data.get("allow_other") else set())
        if kind == QuestionKind.SCALE and data.get("scale_min") is not None:
            return {str(point) for point in range(data["scale_min"], data["scale_max"] + 1)}
        return None  # pickers: generated from the area, unchanged by this form

    def question_fields(self, version):
        """Keyword arguments of ``question_create`` / ``question_update`` for ``version`` (the form's version
        or a new copy of it: the section is found by position, the condition by code)."""
        data = self.cleaned_data
        sections = ordered_sections(version) if version != self.version else self.sections
        condition = version.questions.get(code=data["show_if_question"]) if data.get("show_if_question") else None
        fields = {name: data[name] for name in ("kind", "text", "help_text", "required", "allow_other", "scale_min", "scale_max",
                                                "scale_min_label", "scale_max_label", "min_value", "max_value", "choices", "rows")}
        fields.update(section=sections[data["section"] - 1] if data.get("section") else None, show_if_question=condition,
                      show_if_values=data["condition_values"] if condition else [])
        if data.get("code"):
            fields["code"] = data["code"]
        return fields
