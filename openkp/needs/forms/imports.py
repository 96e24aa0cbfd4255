"""Forms of the imports: an XLSForm questionnaire, a table of answers, and the mapping of its columns to questions."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..answer_import import AnswerImportError, read_table

XLSFORM_MAX_BYTES = 5 * 1024 * 1024
ANSWERS_MAX_BYTES = 20 * 1024 * 1024


def _read_upload(upload, limit):
    if upload.size > limit:
        raise forms.ValidationError(_("Soubor je větší než %(size)s MB; rozdělte ho prosím.") % {"size": limit // (1024 * 1024)})
    return upload.read()


class XLSFormUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Formulář XLSForm (.xlsx)"),
        help_text=gettext_lazy("Sešit s listy survey, choices a settings, jak ho uloží KoboToolbox, ODK nebo Excel."),
        error_messages={"required": gettext_lazy("Vyberte soubor XLSX s formulářem.")},
    )
    title = forms.CharField(
        label=gettext_lazy("Název nového dotazníku"), max_length=200, required=False,
        help_text=gettext_lazy("Nepovinné: jinak se použije form_title z listu settings nebo název souboru."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.cleaned_data["data"] = _read_upload(upload, XLSFORM_MAX_BYTES)
        return upload


class AnswerUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tabulka s odpověďmi (XLSX nebo CSV)"),
        help_text=gettext_lazy("První řádek jsou názvy sloupců, každý další řádek jeden vyplněný dotazník. "
                               "CSV oddělené středníkem nebo čárkou, v kódování UTF-8 nebo Windows-1250."),
        error_messages={"required": gettext_lazy("Vyberte soubor XLSX nebo CSV s odpověďmi.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        data = _read_upload(upload, ANSWERS_MAX_BYTES)
        try:
            self.cleaned_data["table"] = read_table(data)
        except AnswerImportError as error:
            raise forms.ValidationError(error.errors) from None
        return upload


class ColumnMappingForm(forms.Form):
    """One select per column of the file: the question (or its part) the column holds, or nothing."""

    def __init__(self, *args, table, targets, initial_mapping, **kwargs):
        super().__init__(*args, **kwargs)
        self.table = table
        options = [("", _("— nepřevádět —")), *[(target.key, target.label) for target in targets]]
        samples = table.samples()
        for index in range(len(table.headers)):
            help_text = _("Např.: %(values)s") % {"values": ", ".join(samples[index])} if samples[index] else _("Sloupec je prázdný.")
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=table.column_title(index), choices=options, required=False, initial=initial_mapping[index], help_text=help_text,
            )

    def clean(self):
        cleaned = super().clean()
        seen = {}
        for index in range(len(self.table.headers)):
            key = cleaned.get(f"column_{index}")
            if not key:
                continue
            if key in seen:
                self.add_error(f"column_{index}", _("Tuto otázku už plní sloupec „%(column)s“; každou otázku přiřaďte jen jednomu sloupci.")
                               % {"column": self.table.column_title(seen[key])})
            seen.setdefault(key, index)
        return cleaned

    def mapping(self):
        return [self.cleaned_data.get(f"column_{index}") or "" for index in range(len(self.table.headers))]
