from django import forms
from django.utils.html import conditional_escape
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from openkp.structures.models import Group, PlanningPeriod

from .models import Event

DATETIME_WIDGET = {"attrs": {"type": "datetime-local"}, "format": "%Y-%m-%dT%H:%M"}


class RegistrationForm(forms.Form):
    """The public registration form of an event. ``website`` is a honeypot: people never see it, bots fill it."""

    name = forms.CharField(label=_("Jméno a příjmení"), max_length=200,
                           error_messages={"required": _("Vyplňte jméno a příjmení.")},
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("E-mail"), max_length=254,
                             help_text=_("Pošleme na něj potvrzení s odkazem pro zrušení registrace."),
                             error_messages={"required": _("Vyplňte e-mail, pošleme na něj potvrzení."),
                                             "invalid": _("E-mail není ve správném tvaru, napište ho jako jmeno@example.cz.")},
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    organisation = forms.CharField(label=_("Organizace"), max_length=200, required=False,
                                   help_text=_("Nepovinné: organizace nebo obec, kterou zastupujete."),
                                   widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False,
                            help_text=_("Nepovinné: jen pokud vás máme kontaktovat při změně programu."),
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}))
    note = forms.CharField(label=_("Poznámka"), max_length=2000, required=False,
                           help_text=_("Nepovinné: potřebujete bezbariérový přístup, tlumočení, zvláštní stravu…"),
                           widget=forms.Textarea(attrs={"rows": 3}))
    consent = forms.BooleanField(label=_("Souhlasím se zpracováním osobních údajů pro účely této akce"),
                                 error_messages={"required": _("Bez souhlasu se zpracováním údajů vás nemůžeme zaregistrovat. "
                                                               "Zaškrtněte prosím souhlas.")})
    website = forms.CharField(label=_("Toto pole nevyplňujte"), required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        # The consent text is the field's help text, so screen readers read it with the checkbox.
        self.fields["consent"].help_text = conditional_escape(event.consent_text)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


class EventForm(forms.ModelForm):
    starts_at = forms.DateTimeField(label=_("Začátek"), widget=forms.DateTimeInput(**DATETIME_WIDGET))
    ends_at = forms.DateTimeField(label=_("Konec"), widget=forms.DateTimeInput(**DATETIME_WIDGET))
    registration_opens_at = forms.DateTimeField(label=_("Registrace od"), required=False,
                                                help_text=Event._meta.get_field("registration_opens_at").help_text,
                                                widget=forms.DateTimeInput(**DATETIME_WIDGET))
    registration_closes_at = forms.DateTimeField(label=_("Uzávěrka registrace"), required=False,
                                                 help_text=Event._meta.get_field("registration_closes_at").help_text,
                                                 widget=forms.DateTimeInput(**DATETIME_WIDGET))
    online_link = forms.URLField(label=_("Odkaz na online připojení"), required=False, assume_scheme="https")
    feedback_url = forms.URLField(label=_("Odkaz na dotazník zpětné vazby"), required=False, assume_scheme="https",
                                  help_text=Event._meta.get_field("feedback_url").help_text)

    class Meta:
        model = Event
        fields = ["period", "group", "kind", "title", "description", "starts_at", "ends_at", "place", "address", "online_link",
                  "has_registration", "capacity", "registration_opens_at", "registration_closes_at", "consent_text",
                  "feedback_url", "planned_participants", "counts_toward_indicators", "actual_participants_override",
                  "is_published", "is_cancelled"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "consent_text": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, area, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area
        # The model's default text is a callable, for which Django adds a hidden "initial-" copy of the field
        # carrying the textarea's aria-describedby (invalid on a hidden input); the default is fixed text.
        self.fields["consent_text"].show_hidden_initial = False
        self.fields["period"].queryset = PlanningPeriod.objects.for_area(area)
        groups = Group.objects.for_area(area).select_related("period", "area", "parent")
        if not user.has_perm("core.change_area", area):  # not the coordinator: only the groups this person leads
            groups = groups.filter(pk__in=[group.pk for group in groups if user.has_perm("structures.manage_group", group)])
            self.fields["group"].required = True
            self.fields["group"].help_text = _("Akci zakládáte za skupinu, kterou vedete.")
        self.fields["group"].queryset = groups
        self.fields["kind"].choices = [(value, capfirst(label)) for value, label in Event.Kind.choices]
        if not self.instance.pk:
            self.fields["period"].initial = PlanningPeriod.objects.for_area(area).filter(is_current=True).first()


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Jméno a příjmení"), max_length=200,
                           error_messages={"required": _("Vyplňte jméno účastníka.")})
    organisation = forms.CharField(label=_("Organizace"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False, help_text=_("Nepovinné."),
                             error_messages={"invalid": _("E-mail není ve správném tvaru.")})


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Předmět"), max_length=200)
    body = forms.CharField(label=_("Text zprávy"), widget=forms.Textarea(attrs={"rows": 10}))
    include_waiting = forms.BooleanField(label=_("Poslat i lidem na čekací listině"), required=False)
