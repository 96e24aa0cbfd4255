from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Form, Guide, LifeSituation, SearchSynonym, Service, ServiceType
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


class ServiceEditForm(forms.ModelForm):
    """Descriptive fields of a service (plus category and target groups of a related activity)."""

    class Meta:
        model = Service
        fields = ["name", "activity_category", "target_groups", "description", "conditions", "fees", "opening_hours",
                  "email", "phone", "web"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "fees": forms.Textarea(attrs={"rows": 3}),
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
            "target_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, fields, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in fields:
                del self.fields[name]
        if "activity_category" in self.fields:
            self.fields["activity_category"].required = True

    def clean_web(self):
        return self.cleaned_data["web"].strip()


class ReturnDraftForm(forms.Form):
    comment = forms.CharField(label=_("Co má poskytovatel upravit"), widget=forms.Textarea(attrs={"rows": 4}))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (an HSDS directory's services.json, organizations.json, …)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data] or super().clean(None, initial)
        return [super().clean(data, initial)]


class HsdsUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Soubory HSDS (JSON nebo ZIP)"),
        help_text=_("Jeden soubor JSON se seznamem služeb, nebo více souborů adresáře HSDS (services.json, "
                    "organizations.json, locations.json, service_at_locations.json), případně jejich archiv ZIP."),
    )

    def clean_files(self):
        uploads = self.cleaned_data["files"]
        limit = settings.HSDS_MAX_UPLOAD_MB
        for upload in uploads:
            if not upload.name.lower().endswith((".json", ".zip")):
                raise forms.ValidationError(_("Nahrajte soubory JSON nebo archiv ZIP (přípona .json nebo .zip), ne „%(name)s“.") % {"name": upload.name})
        if sum(upload.size for upload in uploads) > limit * 1024 * 1024:
            raise forms.ValidationError(_("Soubory mají dohromady víc než %(limit)s MB, tolik import HSDS nepřijme.") % {"limit": limit})
        return uploads


class RegistryUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Soubor registru poskytovatelů (rpss.json)"),
        help_text=_("Otevřená data MPSV: https://data.mpsv.cz/od/soubory/rpss/rpss.json (celá republika, asi 100 MB)."),
    )
    include_all = forms.BooleanField(
        label=_("Importovat všechny služby ze souboru, nejen ty s adresou v obcích území"), required=False
    )
    dry_run = forms.BooleanField(
        label=_("Jen vyzkoušet: ukázat, co by se změnilo a které služby by skončily, nic neuložit"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".json"):
            raise forms.ValidationError(_("Nahrajte soubor JSON z otevřených dat MPSV (přípona .json), ne „%(name)s“.") % {"name": upload.name})
        limit = settings.REGISTRY_MAX_UPLOAD_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _("Soubor „%(name)s“ má %(size)s MB, import přijme nejvýš %(limit)s MB. Nahrajte prosím soubor registru "
                  "z otevřených dat MPSV; je-li opravdu tak velký, požádejte správce o zvýšení limitu.")
                % {"name": upload.name, "size": f"{upload.size / 1024 / 1024:.0f}", "limit": limit}
            )
        return upload


class RegistryConfirmForm(forms.Form):
    """The coordinator's confirmation of an import: carries the count of services shown as ending,
    so that the import refuses to end more."""

    allow_ending = forms.IntegerField(label=_("Počet služeb k ukončení"), min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, shown, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown = shown

    def clean_allow_ending(self):
        count = self.cleaned_data["allow_ending"]
        if count > self.shown:
            raise forms.ValidationError(
                _("Potvrdit lze nejvýš ukončení %(shown)s služeb, které stránka ukazuje. Načtěte stránku znovu.") % {"shown": self.shown}
            )
        return count


class LifeSituationForm(forms.ModelForm):
    class Meta:
        model = LifeSituation
        fields = ["title", "slug", "description", "service_types", "type_order", "preferred_form", "activity_categories",
                  "target_groups", "order"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "service_types": forms.CheckboxSelectMultiple,
            "activity_categories": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "slug": _("Část adresy ve filtru, např. „mam-dluhy“. Jen malá písmena bez diakritiky, číslice a pomlčky."),
            "target_groups": _("Situace nabídne jen služby vybraných druhů a kategorií, které slouží některé z těchto skupin "
                               "(nebo skupiny neuvádějí). Když nevyberete žádný druh ani kategorii, nabídne služby těchto skupin."),
        }

    def clean_type_order(self):
        value = self.cleaned_data["type_order"]
        sections = [part.strip().lstrip("§").strip() for part in value.replace(";", ",").split(",") if part.strip()]
        unknown = sorted(set(sections) - set(ServiceType.objects.exclude(section="").values_list("section", flat=True)))
        if unknown:
            raise forms.ValidationError(_("Neznámé paragrafy: %(sections)s.") % {"sections": ", ".join(unknown)})
        return ", ".join(dict.fromkeys(sections))

    def __init__(self, *args, area, **kwargs):
        self.area = area
        super().__init__(*args, **kwargs)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        others = LifeSituation.objects.for_area(self.area).filter(slug=slug).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Životní situace s adresou „%(slug)s“ už v území je.") % {"slug": slug})
        return slug


class SearchSynonymForm(forms.ModelForm):
    class Meta:
        model = SearchSynonym
        fields = ["terms", "meaning"]
