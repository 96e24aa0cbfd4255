"""Forms of the demographic context: the filter of the table and the CSV import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..selectors.register import area_indicators
from .register import place_choices, resolve_place

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class DemographyFilterForm(forms.Form):
    ukazatel = forms.ChoiceField(label=_("Ukazatel"), required=False)
    misto = forms.ChoiceField(label=_("Obec / městský obvod"), required=False)

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.fields["ukazatel"].choices = [("", _("všechny ukazatele")), *[(name, name) for name in area_indicators(area=area)]]
        self.fields["misto"].choices = place_choices(area, empty_label=_("všechna místa"))

    def selector_filters(self):
        data = self.cleaned_data if self.is_valid() else {}
        municipality, part = resolve_place(data.get("misto"), self.area)
        return {"indicator": data.get("ukazatel", ""), "municipality": municipality, "part": part}


class DemographyImportForm(forms.Form):
    file = forms.FileField(
        label=_("Soubor CSV"),
        help_text=_("Jednoduchý formát se sloupci kod_obce;kod_obvodu;rok;ukazatel;hodnota;jednotka;zdroj, nebo soubor "
                    "otevřených dat ČSÚ o věkovém složení obyvatel. Kódování UTF-8 nebo Windows-1250, oddělovač středník nebo čárka."),
        error_messages={"required": _("Vyberte soubor CSV s demografickými údaji.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    source = forms.CharField(label=_("Zdroj údajů"), max_length=300, required=False,
                             help_text=_("Použije se u řádků, které zdroj neuvádějí, např. „ČSÚ, stav k 31. 12. 2024“."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Soubor je větší než 20 MB; rozdělte ho na menší části."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Nahrajte soubor CSV (přípona .csv)."))
        return upload
