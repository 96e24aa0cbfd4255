from django import forms
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from openkp.structures.models import Group, PlanningPeriod

from .models import CommunicationChannel, NewsItem

# /<area>/aktuality/odber/ is the subscription form, so no news item may live there.
RESERVED_SLUGS = {"odber"}


class SubscribeForm(forms.Form):
    """The public subscription form. ``web`` is a honeypot: people never see it, robots fill it in."""

    email = forms.EmailField(
        label=_("Váš e-mail"), max_length=254,
        error_messages={"required": _("Vyplňte e-mail, na který chcete aktuality dostávat."),
                        "invalid": _("Zadejte e-mail ve tvaru jmeno@domena.cz.")},
    )
    consent = forms.BooleanField(
        label=_("Souhlasím se zasíláním aktualit na tento e-mail. Odběr mohu kdykoli zrušit odkazem v každém e-mailu."),
        error_messages={"required": _("Bez souhlasu vám aktuality posílat nemůžeme; zaškrtněte ho, prosím.")},
    )
    web = forms.CharField(label=_("Nevyplňujte toto pole"), required=False,
                          widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "odber-%s")
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "inputmode": "email"})

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    @property
    def is_robot(self):
        return bool(self.data.get("web", "").strip())


class NewsItemForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = ["title", "slug", "perex", "body", "group", "period", "send_to_subscribers"]
        widgets = {
            "perex": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, area, user, **kwargs):
        self.area = area
        super().__init__(*args, **kwargs)
        groups = Group.objects.for_area(area).select_related("period", "area", "parent").order_by("kind", "order", "name")
        if not user.has_perm("core.change_area", area):  # not the coordinator: only the groups this person leads
            groups = groups.filter(pk__in=[group.pk for group in groups if user.has_perm("structures.manage_group", group)])
            self.fields["group"].required = True
            self.fields["group"].error_messages["required"] = _("Vyberte skupinu, za kterou aktualitu píšete.")
            self.fields["group"].help_text = _("Aktualitu píšete za skupinu, kterou vedete; aktuality za celé území píše koordinátor.")
        self.fields["group"].queryset = groups
        self.fields["group"].label_from_instance = lambda group: f"{group.name} ({group.period.name})"
        self.fields["period"].queryset = PlanningPeriod.objects.for_area(area)
        if self.instance.is_sent:
            field = self.fields["send_to_subscribers"]
            field.disabled = True
            field.help_text = _("Aktualita už byla odběratelům rozeslána; podruhé se nerozesílá.")

        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Část webové adresy, např. „konference-2026“. Necháte-li pole prázdné, vytvoří se z nadpisu.")

    def _taken(self, slug):
        return NewsItem.objects.for_area(self.area).filter(slug=slug).exclude(pk=self.instance.pk).exists()

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("Adresa „%(slug)s“ je vyhrazena pro odběr aktualit; zvolte jinou.") % {"slug": slug})
        if slug and self._taken(slug):
            raise forms.ValidationError(_("Aktualita s adresou „%(slug)s“ už v území je; zvolte jinou.") % {"slug": slug})
        return slug

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("title") and "slug" not in self.errors:
            base = slugify(cleaned["title"])[:90] or "aktualita"
            slug, number = base, 2
            while self._taken(slug) or slug in RESERVED_SLUGS:
                slug, number = f"{base}-{number}", number + 1
            cleaned["slug"] = slug
            self.instance.slug = slug
        elif not cleaned.get("slug") and self.instance.pk and "slug" not in self.errors:
            # The title has an error too (empty, too long): keep the saved address, so that the page shown
            # with the errors still links to the news item.
            cleaned["slug"] = self.instance.slug
        return cleaned


def _https_urls(field, **kwargs):
    """Addresses typed without a scheme mean https (Django 6 default; avoids the transitional warning)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class CommunicationChannelForm(forms.ModelForm):
    class Meta:
        formfield_callback = _https_urls
        model = CommunicationChannel
        fields = ["channel", "name", "audience", "content", "frequency", "responsible", "url", "order"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}
