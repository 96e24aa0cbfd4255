"""Keeping the public informed: news items, e-mail subscribers (double opt-in) and the communication plan."""

import secrets
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.core.models import AreaOwnedModel, AreaQuerySet
from openkp.core.tokens import hash_token


class NewsItemQuerySet(AreaQuerySet):
    def published(self):
        return self.filter(is_published=True, published_at__isnull=False)


SENDING_FIELDS = {"sending_started_at", "sent_at", "recipients_count"}


class NewsItem(AreaOwnedModel):
    """A news item (aktualita) of an area: a draft until published; can be e-mailed to subscribers once."""

    title = models.CharField(_("nadpis"), max_length=200)
    slug = models.SlugField(_("adresa"), max_length=100,
                            help_text=_("Část webové adresy, např. „konference-2026“. Jen malá písmena bez diakritiky, číslice a pomlčky."))
    perex = models.TextField(_("perex"), max_length=600, help_text=_("Krátké shrnutí do 600 znaků; ukáže se v přehledu, v kanálu Atom i v e-mailu."))
    body = models.TextField(_("text"), blank=True, help_text=_("Prostý text; odstavce oddělte prázdným řádkem."))
    is_published = models.BooleanField(_("zveřejněno"), default=False)
    published_at = models.DateTimeField(_("zveřejněno dne"), null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("autor"))
    group = models.ForeignKey("structures.Group", on_delete=models.SET_NULL, null=True, blank=True, related_name="news",
                              verbose_name=_("skupina"))
    period = models.ForeignKey("structures.PlanningPeriod", on_delete=models.SET_NULL, null=True, blank=True, related_name="news",
                               verbose_name=_("plánovací období"))
    send_to_subscribers = models.BooleanField(
        _("rozeslat odběratelům e-mailem"), default=False,
        help_text=_("Při zveřejnění se aktualita jednou rozešle všem, kdo odběr potvrdili."),
    )
    sending_started_at = models.DateTimeField(_("rozesílání zahájeno"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("rozesláno"), null=True, blank=True, editable=False)
    recipients_count = models.PositiveIntegerField(_("počet adresátů"), default=0, editable=False)
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)
    updated_at = models.DateTimeField(_("upraveno"), auto_now=True)

    objects = NewsItemQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", *sorted(SENDING_FIELDS)])

    class Meta:
        verbose_name = _("aktualita")
        verbose_name_plural = _("aktuality")
        ordering = ["-published_at", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["area", "slug"], name="unique_news_slug_per_area")]
        indexes = [models.Index(fields=["area", "is_published", "-published_at"], name="news_public_list")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        # The title is the subject of the e-mail to subscribers: a header of one line without control characters.
        if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in self.title or ""):
            raise ValidationError({"title": _(
                "Nadpis musí být na jednom řádku, bez zalomení řádku a jiných řídicích znaků: "
                "je zároveň předmětem e-mailu odběratelům."
            )})

    @property
    def email_reference(self):
        """What the outbox records for the e-mails of this item (see openkp.core.mail.delivery_counts)."""
        return f"communication.news:{self.pk}"

    def save(self, *args, **kwargs):
        # The sending marks are written only by services.news_send (a conditional UPDATE); a form saving a copy
        # loaded earlier must not put them back to empty, or the item could be sent again.
        if self.pk and not self._state.adding and "update_fields" not in kwargs:
            kwargs["update_fields"] = [field.name for field in self._meta.concrete_fields
                                       if not field.primary_key and field.name not in SENDING_FIELDS]
        super().save(*args, **kwargs)

    @property
    def is_sent(self):
        return self.sending_started_at is not None

    def get_absolute_url(self):
        return reverse("communication:news_detail", kwargs={"area_slug": self.area.slug, "slug": self.slug})


class SubscriberQuerySet(AreaQuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def by_confirmation_token(self, token):
        return self.filter(confirmation_token_hash=hash_token(token))

    def by_unsubscribe_token(self, token):
        return self.filter(unsubscribe_token_hash=hash_token(token))


class Subscriber(AreaOwnedModel):
    """An e-mail address that asked for the area's news. Confirmed by a link (double opt-in); no IP address is kept."""

    class Status(models.TextChoices):
        PENDING = "pending", _("čeká na potvrzení")
        CONFIRMED = "confirmed", _("potvrzeno")
        UNSUBSCRIBED = "unsubscribed", _("odhlášeno")

    email = models.EmailField(_("e-mail"))
    status = models.CharField(_("stav"), max_length=15, choices=Status.choices, default=Status.PENDING)
    # Only hashes are stored. The confirmation token is random and e-mailed once; the unsubscribe token is
    # derived from ``key`` with the SECRET_KEY, so every news e-mail can carry it and a copy of the database alone cannot.
    confirmation_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    confirmation_sent_at = models.DateTimeField(_("potvrzení odesláno"), null=True, blank=True)
    key = models.CharField(max_length=43, unique=True, editable=False)
    unsubscribe_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    consented_at = models.DateTimeField(_("souhlas udělen"))
    confirmed_at = models.DateTimeField(_("potvrzeno"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("odhlášeno"), null=True, blank=True)
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("odběratel aktualit")
        verbose_name_plural = _("odběratelé aktualit")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(fields=["area", "email"], name="unique_subscriber_per_area")]

    def __str__(self):
        return self.email

    def issue_confirmation_token(self):
        """A new secret for the confirmation link (an earlier one stops working); only its hash is stored."""
        token = secrets.token_urlsafe(32)
        self.confirmation_token_hash = hash_token(token)
        return token

    def set_key(self):
        self.key = secrets.token_urlsafe(32)
        self.unsubscribe_token_hash = hash_token(self.unsubscribe_token())

    def unsubscribe_token(self):
        """The token of the one-click unsubscribe link; the same in every e-mail to this subscriber."""
        return salted_hmac("openkp.communication.unsubscribe", self.key, algorithm="sha256").hexdigest()


class NewsDelivery(models.Model):
    """One news item e-mailed to one subscriber: the guarantee that nobody gets the same item twice."""

    news = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["news", "subscriber"], name="unique_news_delivery")]

    def __str__(self):
        return f"{self.news_id} → {self.subscriber_id}"


class CommunicationChannel(AreaOwnedModel):
    """One row of the communication plan: through which channel, to whom, what, how often and who is responsible."""

    class Channel(models.TextChoices):
        WEB = "web", _("web")
        NEWSLETTER = "newsletter", _("zpravodaj obce")
        SOCIAL = "social", _("sociální sítě")
        EMAIL = "email", _("e-mail")
        MEETING = "meeting", _("veřejná setkání")
        PRESS = "press", _("tisk a média")
        NOTICEBOARD = "noticeboard", _("úřední deska")
        PRINT = "print", _("tištěné materiály")
        CONTACT_POINT = "contact_point", _("kontaktní místa")
        OTHER = "other", _("jiný kanál")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("veřejnost")
        USERS = "users", _("uživatelé služeb a pečující")
        PROVIDERS = "providers", _("poskytovatelé")
        COMMISSIONERS = "commissioners", _("zadavatelé (obce, kraj)")
        PARTICIPANTS = "participants", _("členové pracovních skupin")
        MEDIA = "media", _("média")

    channel = models.CharField(_("kanál"), max_length=20, choices=Channel.choices)
    name = models.CharField(_("konkrétně"), max_length=200, blank=True,
                            help_text=_("Např. „Ostravská radnice“, „facebook města“, „www.kpostrava.cz“."))
    audience = models.CharField(_("komu"), max_length=20, choices=Audience.choices)
    content = models.TextField(_("co sdělujeme"), max_length=1000)
    frequency = models.CharField(_("kdy a jak často"), max_length=200)
    responsible = models.CharField(_("kdo odpovídá"), max_length=200, help_text=_("Osoba nebo role, např. „koordinátor/ka KP“."))
    url = models.URLField(_("odkaz"), blank=True)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("komunikační kanál")
        verbose_name_plural = _("komunikační plán")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.get_channel_display()} – {self.get_audience_display()}"
