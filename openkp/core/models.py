"""Planning areas (tenants), municipalities, organisations and background jobs."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .validators import validate_ico, validate_municipality_code


class AreaQuerySet(models.QuerySet):
    def for_area(self, area):
        """Only rows of this planning area: the one entry point that keeps tenants apart."""
        return self.filter(area=area)


class AreaOwnedModel(models.Model):
    """Base for everything that belongs to one planning area."""

    area = models.ForeignKey("core.Area", on_delete=models.CASCADE, related_name="+", verbose_name=_("území"))

    objects = AreaQuerySet.as_manager()

    class Meta:
        abstract = True


class Municipality(models.Model):
    """A municipality (obec) with its official ČSÚ / RÚIAN code, as in the registry's `Obec/<code>`."""

    code = models.CharField(_("kód obce"), max_length=6, unique=True, validators=[validate_municipality_code])
    name = models.CharField(_("název"), max_length=200)
    district = models.CharField(_("okres"), max_length=100, blank=True)
    region = models.CharField(_("kraj"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("obec")
        verbose_name_plural = _("obce")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MunicipalityPart(models.Model):
    """A city district (městský obvod / část) or a part of a municipality (část obce)."""

    class Kind(models.TextChoices):
        CITY_DISTRICT = "city_district", _("městský obvod / městská část")
        PART = "part", _("část obce")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="parts", verbose_name=_("obec"))
    code = models.CharField(_("kód"), max_length=7)
    name = models.CharField(_("název"), max_length=200)
    kind = models.CharField(_("druh"), max_length=20, choices=Kind.choices, default=Kind.PART)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="unique_part_code_per_kind")]
        verbose_name = _("část obce")
        verbose_name_plural = _("části obcí")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Area(models.Model):
    """A planning area (území): the tenant that owns groups, surveys, plans and monitoring."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("obec")
        STATUTORY_CITY = "statutory_city", _("statutární město")
        CITY_DISTRICT = "city_district", _("městský obvod / městská část")
        MICROREGION = "microregion", _("mikroregion / svazek obcí")
        ORP = "orp", _("obec s rozšířenou působností (ORP)")
        REGION = "region", _("kraj")

    slug = models.SlugField(
        _("adresa"), max_length=60, unique=True, help_text=_("Část webové adresy, např. „ostrava“ v /ostrava/.")
    )
    name = models.CharField(_("název"), max_length=200)
    kind = models.CharField(_("druh území"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("nadřazené území")
    )
    municipalities = models.ManyToManyField(Municipality, blank=True, related_name="areas", verbose_name=_("obce území"))
    description = models.TextField(_("popis"), blank=True)
    contact_email = models.EmailField(_("kontaktní e-mail"), blank=True)
    contact_phone = models.CharField(_("kontaktní telefon"), max_length=40, blank=True)
    office_name = models.CharField(_("úřad"), max_length=200, blank=True, help_text=_("Do hlavičky dokumentů."))
    office_address = models.CharField(_("adresa úřadu"), max_length=300, blank=True)
    is_active = models.BooleanField(_("zveřejněno"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("území")
        verbose_name_plural = _("území")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("core:area_home", kwargs={"area_slug": self.slug})

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Adresa „%(slug)s“ je vyhrazena aplikaci, zvolte jinou.") % {"slug": self.slug}})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("Území nemůže být nadřazené samo sobě.")})
            ancestor = ancestor.parent


# First URL segments that belong to the application, never to an area.
RESERVED_SLUGS = {"admin", "api", "static", "media", "ucet", "healthz", "i18n", "pristupnost", "kontakt", "ulohy"}


class Organisation(models.Model):
    """An organisation: a provider, a municipal office, an NGO. Shared by all areas (one IČO, one record)."""

    class LegalForm(models.TextChoices):
        MUNICIPALITY = "obec", _("obec / město")
        REGION = "kraj", _("kraj")
        ALLOWANCE = "po", _("příspěvková organizace")
        ASSOCIATION = "spolek", _("spolek")
        INSTITUTE = "ustav", _("ústav")
        BENEFIT = "ops", _("obecně prospěšná společnost")
        CHURCH = "cirkev", _("církevní právnická osoba")
        COMPANY = "sro", _("obchodní společnost")
        SELF_EMPLOYED = "osvc", _("fyzická osoba podnikající")
        OTHER = "jina", _("jiná")

    name = models.CharField(_("název"), max_length=300)
    ico = models.CharField(
        _("IČO"), max_length=8, unique=True, null=True, blank=True, validators=[validate_ico],
        help_text=_("8 číslic; neformální skupiny bez IČO nechají pole prázdné."),
    )
    legal_form = models.CharField(_("právní forma"), max_length=10, choices=LegalForm.choices, blank=True)
    address = models.CharField(_("adresa sídla"), max_length=300, blank=True)
    web = models.URLField(_("web"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organizace")
        verbose_name_plural = _("organizace")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.ico == "":
            self.ico = None


class Job(models.Model):
    """A background job (import, document generation) with progress shown to the person who started it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("čeká")
        RUNNING = "running", _("běží")
        SUCCESS = "success", _("dokončeno")
        FAILED = "failed", _("selhalo")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    area = models.ForeignKey(Area, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs")
    name = models.CharField(_("úloha"), max_length=100)
    title = models.CharField(_("popis"), max_length=200, blank=True)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("stav"), max_length=10, choices=Status.choices, default=Status.PENDING)
    percent = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(_("zpráva"), max_length=500, blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("úloha na pozadí")
        verbose_name_plural = _("úlohy na pozadí")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title or self.name

    @property
    def is_finished(self):
        return self.status in (self.Status.SUCCESS, self.Status.FAILED)


class OutgoingEmail(models.Model):
    """An e-mail waiting to be sent or already sent: a failed delivery is retried and shown to the coordinator."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("čeká na odeslání")
        SENT = "sent", _("odesláno")
        FAILED = "failed", _("nepodařilo se odeslat")

    area = models.ForeignKey(Area, on_delete=models.CASCADE, null=True, blank=True, related_name="outgoing_emails")
    to = models.EmailField(_("příjemce"))
    subject = models.CharField(_("předmět"), max_length=300)
    body = models.TextField(_("text"))
    # [{"name": "pozvanka.ics", "mimetype": "text/calendar", "content": "<text>"}] — text attachments only.
    attachments = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)  # e.g. List-Unsubscribe for newsletters
    kind = models.CharField(_("druh"), max_length=60, blank=True, help_text=_("Např. „pozvánka“, „připomínka úkolu“."))
    # What the e-mail was sent for, e.g. "communication.news:42": the page where it was sent reports its failures.
    reference = models.CharField(_("zdroj"), max_length=100, blank=True, db_index=True)
    status = models.CharField(_("stav"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("pokusy"), default=0)
    last_error = models.CharField(_("poslední chyba"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("další pokus"), default=timezone.now)
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)
    sent_at = models.DateTimeField(_("odesláno"), null=True, blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("odchozí e-mail")
        verbose_name_plural = _("odchozí e-maily")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to}"
