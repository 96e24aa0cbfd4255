from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation
from .municipalities import MunicipalityImportError, decode_csv, read_rows

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class MunicipalityImportForm(forms.Form):
    file = forms.FileField(
        label=_("Soubor CSV s obcemi"),
        help_text=_("Sloupce kód, název, typ, kód obce, okres, kraj; oddělené středníkem nebo čárkou; UTF-8 nebo Windows-1250."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Soubor je větší než 20 MB."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Nahrajte soubor CSV (přípona .csv), ne „%(name)s“.") % {"name": upload.name})
        text = decode_csv(upload.read())
        try:
            for _row in read_rows(text):  # the header and the row limit, streamed: nothing is kept
                pass
        except MunicipalityImportError as error:
            raise forms.ValidationError(error.errors) from None
        self.cleaned_data["csv_text"] = text
        return upload


class OrganisationForm(forms.ModelForm):
    # Wider than 8 so that "255 96 641" pasted from a letterhead reaches clean_ico.
    ico = forms.CharField(label=_("IČO"), max_length=20, required=False, help_text=Organisation._meta.get_field("ico").help_text)

    class Meta:
        model = Organisation
        fields = ["name", "ico", "legal_form", "address", "web", "email", "phone"]

    def clean_ico(self):
        # "IČO 123 45 678" pasted from a letterhead: keep the digits; an empty field means none.
        value = "".join((self.cleaned_data.get("ico") or "").split())
        return value or None
