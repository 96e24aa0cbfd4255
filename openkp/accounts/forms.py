from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from openkp.core.models import Organisation

from .models import Invitation, Role, User


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Přihlašovací jméno nebo heslo nesouhlasí. Zkontrolujte, zda nemáte zapnutý Caps Lock."),
        "inactive": _("Tento účet je zablokovaný."),
    }


class InvitationForm(forms.ModelForm):
    # An IČO rather than a select: an installation holds thousands of organisations.
    organisation = forms.CharField(
        required=False, max_length=20, label=_("IČO organizace"),
        help_text=_("Povinné u role poskytovatele: osoba bude spravovat údaje této organizace."),
    )

    class Meta:
        model = Invitation
        fields = ["email", "role", "organisation"]

    def clean_organisation(self):
        ico = "".join(self.cleaned_data["organisation"].split())
        if not ico:
            return None
        organisation = Organisation.objects.filter(ico=ico).first()
        if organisation is None:
            raise forms.ValidationError(
                _("Organizace s IČO %(ico)s není v seznamu organizací. Nejdřív ji přidejte v části Organizace.") % {"ico": ico}
            )
        return organisation

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.PROVIDER and not cleaned.get("organisation") and "organisation" not in self.errors:
            self.add_error("organisation", _("U role poskytovatele vyberte organizaci (zadejte její IČO)."))
        return cleaned


class AcceptInvitationForm(UserCreationForm):
    """A new account for an invited person; the e-mail comes from the invitation."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "username"]
        labels = {"first_name": _("Jméno"), "last_name": _("Příjmení"), "username": _("Přihlašovací jméno")}

    # Shown, not editable: receiving the link at this address is the proof that the person owns it.
    email = forms.EmailField(
        label=_("E-mail"), disabled=True, required=False,
        help_text=_("Adresa, na kterou přišla pozvánka; nelze ji změnit."),
    )

    field_order = ["first_name", "last_name", "email", "username"]

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)
        self.fields["email"].initial = email
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True

    def save(self, commit=True):
        user = super().save(commit=False)
        user.email = self.email
        if commit:
            user.save()
        return user
