from django import forms
from django.utils.translation import gettext_lazy as _

from openkp.structures.models import Group, PlanningPeriod

from ..models import SwotAnalysis, SwotItem
from ..services.swot import categories

MAX_DOTS = 20


class SwotAnalysisForm(forms.ModelForm):
    class Meta:
        model = SwotAnalysis
        fields = ["group", "period", "kind", "title", "dots_per_member"]
        error_messages = {
            "title": {"required": _("Vyplňte název analýzy, např. „SWOT péče o seniory 2025“.")},
            "group": {"required": _("Vyberte pracovní skupinu, která analýzu zpracuje.")},
            "period": {"required": _("Vyberte období plánování.")},
        }

    def __init__(self, *args, area, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area
        groups = Group.objects.for_area(area).select_related("area", "parent", "period")
        # Group managers create analyses only for the groups they lead.
        self.fields["group"].queryset = Group.objects.filter(pk__in=[group.pk for group in groups
                                                                     if user.has_perm("structures.manage_group", group)])
        self.fields["period"].queryset = PlanningPeriod.objects.for_area(area)
        current = PlanningPeriod.objects.for_area(area).filter(is_current=True).first()
        if current and not self.instance.pk:
            self.fields["period"].initial = current.pk
        self.fields["dots_per_member"].help_text = _("Kolik bodů (teček) může každý člen rozdělit v každé kategorii.")

    def clean_dots_per_member(self):
        dots = self.cleaned_data["dots_per_member"]
        if not 1 <= dots <= MAX_DOTS:
            raise forms.ValidationError(_("Počet bodů zadejte od 1 do %(max)s.") % {"max": MAX_DOTS})
        return dots


class ItemForm(forms.Form):
    """A new item (the quick add form of a quadrant) or a manager's correction of one."""

    category = forms.ChoiceField(label=_("Kategorie"))
    text = forms.CharField(label=_("Text položky"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": _("Napište text položky.")})

    def __init__(self, *args, analysis, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(category, SwotItem.Category(category).label) for category in categories(analysis)]


class MergeForm(forms.Form):
    items = forms.ModelMultipleChoiceField(label=_("Slučované položky"), queryset=SwotItem.objects.none(),
                                           widget=forms.CheckboxSelectMultiple,
                                           error_messages={"required": _("Vyberte alespoň dvě položky.")})
    keep = forms.ModelChoiceField(label=_("Ponechat položku"), queryset=SwotItem.objects.none(), widget=forms.RadioSelect,
                                  error_messages={"required": _("Vyberte, která položka zůstane.")})
    text = forms.CharField(label=_("Text sloučené položky"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Prázdné = text ponechané položky."), required=False)

    def __init__(self, *args, analysis, **kwargs):
        super().__init__(*args, **kwargs)
        valid = SwotItem.objects.filter(analysis=analysis, merged_into__isnull=True).order_by("category", "created_at")
        self.fields["items"].queryset = valid
        self.fields["keep"].queryset = valid
        self.fields["items"].label_from_instance = self.fields["keep"].label_from_instance = (
            lambda item: f"{item.get_category_display()}: {item.text}")

    def clean(self):
        cleaned = super().clean()
        items, keep = cleaned.get("items"), cleaned.get("keep")
        if items is not None and len(items) < 2:
            self.add_error("items", _("Ke sloučení vyberte alespoň dvě položky."))
        elif items is not None and len({item.category for item in items}) > 1:
            self.add_error("items", _("Sloučit lze jen položky ze stejné kategorie."))
        if items and keep and keep not in items:
            self.add_error("keep", _("Ponechaná položka musí být mezi slučovanými."))
        if keep and not (cleaned.get("text") or "").strip():
            cleaned["text"] = keep.text
        return cleaned


class VoteForm(forms.Form):
    """A member's dots in one category: a number per item."""

    def __init__(self, *args, analysis, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.analysis, self.items = analysis, list(items)
        for item in self.items:
            self.fields[f"dots_{item.pk}"] = forms.IntegerField(
                label=item.text, min_value=0, max_value=analysis.dots_per_member, required=False, initial=item.my_dots,
                error_messages={"min_value": _("Počet bodů nemůže být záporný."),
                                "max_value": _("Na jednu položku dáte nejvýše %(limit_value)s bodů."),
                                "invalid": _("Počet bodů zadejte jako celé číslo.")})

    def dots(self):
        """``{item pk: dots}`` of the valid form."""
        return {item.pk: self.cleaned_data.get(f"dots_{item.pk}") or 0 for item in self.items}

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            total = sum(self.dots().values())
            if total > self.analysis.dots_per_member:
                raise forms.ValidationError(_("Můžete rozdělit nejvýše %(limit)s bodů; rozdělili jste %(total)s. Uberte %(over)s.")
                                            % {"limit": self.analysis.dots_per_member, "total": total,
                                               "over": total - self.analysis.dots_per_member})
        return cleaned
