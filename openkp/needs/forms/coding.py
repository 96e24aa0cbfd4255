from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Survey, Theme


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["survey", "name", "description", "keywords", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "keywords": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": _("Vyplňte název tématu, např. „dostupnost bydlení“.")}}

    def __init__(self, *args, area, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area
        surveys = Survey.objects.for_area(area).select_related("area", "group__area").order_by("-created_at")
        if not user.has_perm("core.change_area", area):  # not the coordinator: only the surveys of the groups this person leads
            surveys = surveys.filter(pk__in=[survey.pk for survey in surveys if user.has_perm("needs.change_survey", survey)])
            self.fields["survey"].required = True
            self.fields["survey"].error_messages["required"] = _("Vyberte dotazník své skupiny; témata společná všem dotazníkům zakládá koordinátor.")
            self.fields["survey"].help_text = _("Témata společná všem dotazníkům území zakládá a upravuje koordinátor.")
        else:
            self.fields["survey"].empty_label = _("— společné všem dotazníkům —")
        self.fields["survey"].queryset = surveys

    def clean(self):
        cleaned = super().clean()
        name = (cleaned.get("name") or "").strip()
        if name:
            same = Theme.objects.for_area(self.instance.area).filter(name__iexact=name, survey=cleaned.get("survey"))
            if same.exclude(pk=self.instance.pk).exists():
                self.add_error("name", _("Téma „%(name)s“ už mezi tématy tohoto dotazníku je; zvolte jiný název nebo upravte to stávající.")
                               % {"name": name})
        return cleaned


class BulkThemeForm(forms.Form):
    """Bulk actions of the coding page, validated against the survey's themes."""

    bulk_theme = forms.TypedChoiceField(label=_("Téma pro vybrané odpovědi"), coerce=int, required=False)
    min_score = forms.IntegerField(label=_("Přijmout návrhy se skóre alespoň"), min_value=1, max_value=100, required=False,
                                   error_messages={"min_value": _("Skóre musí být alespoň 1."),
                                                   "invalid": _("Skóre zadejte jako celé číslo, např. 3.")})

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bulk_theme"].choices = [("", _("— vyberte téma —"))] + [(theme.pk, theme.name) for theme in themes]
