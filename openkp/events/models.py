"""Public events of community planning (conferences, seminars, workshops, hearings) and registrations to them."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.core.models import AreaOwnedModel, AreaQuerySet
from openkp.core.tokens import hash_token

DEFAULT_CONSENT_TEXT = _(
    "Vaše jméno, e-mail, organizaci, případně telefon a poznámku zpracovává pořadatel akce (úřad uvedený "
    "v kontaktech území) jen za účelem organizace této akce: potvrzení registrace, čekací listina, "
    "připomenutí den před akcí, prezenční listina a vyhodnocení počtu účastníků pro monitoring komunitního "
    "plánu. Údaje nikomu nepředáváme. Uchováváme je nejdéle jeden rok po skončení akce, potom je smažeme "
    "a zůstane jen počet účastníků. Registraci a tím i souhlas můžete kdykoli zrušit odkazem z potvrzovacího "
    "e-mailu; máte právo na přístup k údajům, jejich opravu a výmaz."
)


def default_consent_text():
    return str(DEFAULT_CONSENT_TEXT)


class Event(AreaOwnedModel):
    """A public event of the planning period; its planned and actual participants feed the plan's indicators."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("konference")
        SEMINAR = "seminar", _("seminář")
        WORKSHOP = "workshop", _("workshop")
        ROUND_TABLE = "round_table", _("kulatý stůl")
        PUBLIC_HEARING = "public_hearing", _("veřejné projednání")
        OTHER = "other", _("jiná akce")

    period = models.ForeignKey("structures.PlanningPeriod", on_delete=models.PROTECT, related_name="events",
                               verbose_name=_("plánovací období"))
    group = models.ForeignKey("structures.Group", on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
                              verbose_name=_("pořádající skupina"), help_text=_("Nechte prázdné u akcí celého území."))
    kind = models.CharField(_("druh akce"), max_length=20, choices=Kind.choices, default=Kind.WORKSHOP)
    title = models.CharField(_("název"), max_length=200)
    description = models.TextField(_("popis a program"), blank=True)
    starts_at = models.DateTimeField(_("začátek"))
    ends_at = models.DateTimeField(_("konec"))
    place = models.CharField(_("místo"), max_length=200, blank=True, help_text=_("Např. „Nová radnice, velký sál“."))
    address = models.CharField(_("adresa"), max_length=300, blank=True)
    online_link = models.URLField(_("odkaz na online připojení"), blank=True)
    has_registration = models.BooleanField(
        _("registrace přes web"), default=True,
        help_text=_("Bez registrace se na stránce akce nezobrazí přihláška; skutečný počet účastníků pak zadejte ručně."))
    capacity = models.PositiveIntegerField(_("kapacita"), null=True, blank=True,
                                           help_text=_("Počet míst; prázdné = bez omezení. Další zájemci jdou na čekací listinu."))
    registration_opens_at = models.DateTimeField(_("registrace od"), null=True, blank=True,
                                                 help_text=_("Prázdné = ihned po zveřejnění."))
    registration_closes_at = models.DateTimeField(_("uzávěrka registrace"), null=True, blank=True,
                                                  help_text=_("Prázdné = do začátku akce."))
    consent_text = models.TextField(_("informace o zpracování osobních údajů"), default=default_consent_text,
                                    help_text=_("Jaké údaje, proč a jak dlouho – zobrazí se u přihlášky."))
    feedback_url = models.URLField(_("odkaz na dotazník zpětné vazby"), blank=True,
                                   help_text=_("Účastníkům se zobrazí po skončení akce."))
    is_published = models.BooleanField(_("zveřejněno"), default=False)
    is_cancelled = models.BooleanField(_("zrušeno"), default=False)
    planned_participants = models.PositiveIntegerField(_("plánovaný počet účastníků"), null=True, blank=True,
                                                       help_text=_("Hodnota ukazatele plánu."))
    counts_toward_indicators = models.BooleanField(_("započítat do ukazatelů plánu"), default=True)
    actual_participants_override = models.PositiveIntegerField(
        _("skutečný počet účastníků (ručně)"), null=True, blank=True,
        help_text=_("Jen u akcí bez prezenční listiny v systému; jinak se počítají přítomní z registrací."))
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)
    updated_at = models.DateTimeField(_("změněno"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("akce")
        verbose_name_plural = _("akce")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"area_slug": self.area.slug, "pk": self.pk})

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Akce musí skončit později, než začne.")
        if not self.place and not self.online_link:
            errors["place"] = _("Uveďte místo konání, nebo odkaz na online připojení.")
        if self.registration_opens_at and self.registration_closes_at and self.registration_closes_at <= self.registration_opens_at:
            errors["registration_closes_at"] = _("Uzávěrka registrace musí být po jejím otevření.")
        if self.registration_closes_at and self.ends_at and self.registration_closes_at > self.ends_at:
            errors["registration_closes_at"] = _("Uzávěrka registrace nemůže být po skončení akce.")
        if self.period_id and self.area_id and self.period.area_id != self.area_id:
            errors["period"] = _("Období je z jiného území.")
        if self.group_id and self.area_id and self.group.area_id != self.area_id:
            errors["group"] = _("Skupina je z jiného území.")
        if errors:
            raise ValidationError(errors)

    @property
    def location(self):
        """Place and address on one line (or the online link), as shown in e-mails and calendars."""
        return ", ".join(part for part in (self.place, self.address) if part) or self.online_link

    def is_past(self, now=None):
        return self.ends_at <= (now or timezone.now())

    def registration_state(self, now=None):
        """Why a visitor can or cannot register now: "open", "cancelled", "past", "not_open", "closed" or "none"."""
        now = now or timezone.now()
        if self.is_cancelled:
            return "cancelled"
        if self.starts_at <= now:
            return "past"
        if not self.has_registration:
            return "none"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_open"
        if self.registration_closes_at and now >= self.registration_closes_at:
            return "closed"
        return "open"


class RegistrationQuerySet(AreaQuerySet):
    def by_token(self, token):
        return self.filter(token_hash=hash_token(token))

    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)


class Registration(AreaOwnedModel):
    """A person registered for an event, on its waiting list, or added as a walk-in on the day.

    No history is kept: it would copy personal data that must be deleted after the retention period.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("potvrzeno")
        WAITING = "waiting", _("čekací listina")
        CANCELLED = "cancelled", _("zrušeno")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("akce"))
    name = models.CharField(_("jméno a příjmení"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("U účastníků zapsaných na místě může chybět."))
    organisation = models.CharField(_("organizace"), max_length=200, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    note = models.TextField(_("poznámka"), blank=True)
    status = models.CharField(_("stav"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    is_walk_in = models.BooleanField(_("zapsán/a na místě"), default=False)
    consent_given_at = models.DateTimeField(_("souhlas udělen"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    attended = models.BooleanField(_("přítomen/a"), default=False)
    # The time of (the latest) registration: it orders the waiting list.
    created_at = models.DateTimeField(_("registrováno"), default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(_("zrušeno"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("přesunuto z čekací listiny"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("připomenutí odesláno"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registrace")
        verbose_name_plural = _("registrace")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            # One registration per e-mail and event; a double-submitted form cannot create two.
            models.UniqueConstraint(fields=["event", "email"], condition=~models.Q(email=""), name="one_registration_per_email"),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} – {self.event}"

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        if not self.token_hash:
            self.issue_token()
        super().save(*args, **kwargs)

    def issue_token(self):
        """A new secret for the cancellation link; only its hash is stored."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        return token

    def cancel_url(self, token):
        return reverse("events:cancel", kwargs={"area_slug": self.area.slug, "pk": self.event_id, "token": token})
