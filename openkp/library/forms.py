from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from openkp.structures.models import Group, Meeting, PlanningPeriod

from .models import Category, Document
from .selectors import DocumentFilters
from .uploads import ALLOWED_EXTENSIONS, allowed_types_text, inspect_upload, max_upload_bytes


def _file_help():
    return _("Povolené typy: %(types)s; nejvýše %(limit)s.") % {"types": allowed_types_text(), "limit": filesizeformat(max_upload_bytes())}


class LibraryFileField(forms.FileField):
    """A file checked by extension, content and size; the error names the file."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Soubor"))
        kwargs.setdefault("error_messages", {"required": _("Vyberte soubor, který chcete nahrát."),
                                             "empty": _("Vybraný soubor je prázdný. Vyberte soubor s obsahem.")})
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ",".join(f".{extension}" for extension in ALLOWED_EXTENSIONS)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded:
            inspect_upload(uploaded)
        return uploaded


class DocumentForm(forms.ModelForm):
    """Metadata of a document; with ``with_file`` also its first file. Members without the right to publish
    do not get the visibility choice (their documents are members-only)."""

    class Meta:
        model = Document
        fields = ["title", "category", "description", "group", "meeting", "period", "visibility"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "visibility": forms.RadioSelect}

    def __init__(self, *args, area, may_publish, with_file=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area
        self.fields["group"].queryset = Group.objects.for_area(area).select_related("period").order_by("-period__start_year", "kind", "order", "name")
        self.fields["group"].empty_label = _("celé území (bez skupiny)")
        self.fields["group"].label_from_instance = lambda group: f"{group.name} ({group.period.name})"
        # A document is attached to a meeting from the meeting's page (?setkani=); no list of every meeting here.
        meetings = [pk for pk in (self.initial.get("meeting"), self.instance.meeting_id, self.data.get("meeting")) if str(pk or "").isdigit()]
        if meetings:
            self.fields["meeting"].queryset = Meeting.objects.for_area(area).filter(pk__in=meetings).select_related("group")
            self.fields["meeting"].empty_label = _("bez vazby na setkání")
            self.fields["meeting"].label_from_instance = lambda meeting: f"{meeting.group.name}: {meeting.title}"
        else:
            del self.fields["meeting"]
        self.fields["period"].queryset = PlanningPeriod.objects.for_area(area)
        self.fields["period"].empty_label = _("bez období")
        self.fields["period"].help_text = _("U dokumentu skupiny stačí nechat prázdné: doplní se období skupiny.")
        if not may_publish:
            del self.fields["visibility"]
        if with_file:
            self.fields["file"] = LibraryFileField(help_text=_file_help())
            self.fields["change_note"] = forms.CharField(
                label=_("Poznámka k verzi"), required=False, max_length=500,
                help_text=_("Nepovinné, např. „návrh pro pracovní skupinu“."),
            )

    @property
    def file_to_choose_again(self):
        """The name of a good file sent with a form that failed elsewhere: browsers never refill a file input."""
        uploaded = self.files.get("file") if self.is_bound and "file" in self.fields else None
        if uploaded and self.errors and "file" not in self.errors:
            return uploaded.name
        return ""

    def clean(self):
        cleaned = super().clean()
        group, period = cleaned.get("group"), cleaned.get("period")
        if group is not None and period is None:
            cleaned["period"] = group.period  # a group's document belongs to the group's period
        return cleaned


class VersionForm(forms.Form):
    file = LibraryFileField()
    change_note = forms.CharField(
        label=_("Co se v nové verzi změnilo"), required=False, max_length=500,
        help_text=_("Např. „doplněny připomínky z jednání 12. 3.“"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _file_help()


class FilterForm(forms.Form):
    """The list's GET parameters (Czech names, stable in shared links)."""

    q = forms.CharField(label=_("Hledat v názvu"), required=False, max_length=200)
    druh = forms.ChoiceField(label=_("Druh dokumentu"), required=False)
    skupina = forms.ChoiceField(label=_("Skupina"), required=False)
    obdobi = forms.ChoiceField(label=_("Plánovací období"), required=False)

    def __init__(self, *args, groups, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["druh"].choices = [("", _("všechny druhy")), *Category.choices]
        groups = list(groups)
        repeated = {group.name for group in groups if sum(other.name == group.name for other in groups) > 1}
        self.fields["skupina"].choices = [("", _("všechny skupiny"))] + [
            (str(group.pk), f"{group.name} ({group.period.name})" if group.name in repeated else group.name) for group in groups
        ]
        self.fields["obdobi"].choices = [("", _("všechna období"))] + [(str(period.pk), period.name) for period in periods]

    def filters(self):
        """DocumentFilters from the submitted values; unknown values are simply ignored."""
        data = self.data

        def number(name):
            value = (data.get(name) or "").strip()
            valid = {choice for choice, _label in self.fields[name].choices if choice}
            return int(value) if value in valid else None

        category = data.get("druh") or ""
        return DocumentFilters(
            query=(data.get("q") or "").strip()[:200],
            category=category if category in Category.values else "",
            group_id=number("skupina"),
            period_id=number("obdobi"),
        )


class DeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ano, chci dokument smazat i se všemi jeho verzemi."),
        error_messages={"required": _("Smazání potvrďte zaškrtnutím.")},
    )

