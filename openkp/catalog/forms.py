from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Form, Guide, Service
from .selectors import SearchFilters


class SearchForm(forms.Form):
    """The public search's GET parameters (Czech names, stable in shared links)."""

    q = forms.CharField(label=_("Co hledáte"), required=False, max_length=200)
    situace = forms.MultipleChoiceField(label=_("Životní situace"), required=False)
    druh = forms.MultipleChoiceField(label=_("Druh služby"), required=False)
    skupina = forms.MultipleChoiceField(label=_("Pro koho"), required=False)
    forma = forms.MultipleChoiceField(label=_("Forma"), required=False, choices=Form.choices)
    obec = forms.MultipleChoiceField(label=_("Obec"), required=False)
    obvod = forms.MultipleChoiceField(label=_("Městský obvod"), required=False)
    typ = forms.ChoiceField(
        label=_("Zobrazit"), required=False,
        choices=[("", _("služby i aktivity")), (Service.Kind.SERVICE, _("jen registrované sociální služby")),
                 (Service.Kind.RELATED_ACTIVITY, _("jen související aktivity"))],
    )
    razeni = forms.ChoiceField(label=_("Řazení"), required=False, choices=[("relevance", _("nejlepší shoda")), ("name", _("podle názvu"))])

    def filters(self):
        """SearchFilters from the submitted values; unknown values are simply ignored."""
        data = self.data
        return SearchFilters(
            query=(data.get("q") or "").strip()[:200],
            situations=data.getlist("situace"),
            service_types=data.getlist("druh"),
            target_groups=[value for value in data.getlist("skupina") if value.isdigit()],
            forms=[value for value in data.getlist("forma") if value in Form.values],
            municipalities=[value for value in data.getlist("obec") if value.isdigit()],
            parts=[value for value in data.getlist("obvod") if value.isdigit()],
            kind=data.get("typ") if data.get("typ") in Service.Kind.values else "",
            sort="name" if data.get("razeni") == "name" else "relevance",
        )


class GuideForm(forms.ModelForm):
    class Meta:
        model = Guide
        fields = ["title", "how_to_get_help"]
        widgets = {"how_to_get_help": forms.Textarea(attrs={"rows": 8})}
