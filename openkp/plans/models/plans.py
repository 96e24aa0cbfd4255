"""The plan of one planning period, its analytical chapters, its named versions and internal comments."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.core.models import AreaOwnedModel

# A plan covers one to ten years (Czech plans run three to five).
MAX_PLAN_YEARS = 10


class Plan(AreaOwnedModel):
    """Komunitní plán / střednědobý plán rozvoje sociálních služeb of one area and period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("návrh")
        CONSULTATION = "consultation", _("v připomínkování")
        APPROVED = "approved", _("schválen")
        IN_FORCE = "in_force", _("platný")
        CLOSED = "closed", _("ukončen")

    period = models.ForeignKey("structures.PlanningPeriod", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="plans", verbose_name=_("období plánování"))
    title = models.CharField(_("název"), max_length=300, help_text=_("Např. „6. komunitní plán sociálních služeb města Ostravy“."))
    start_year = models.PositiveSmallIntegerField(_("od roku"))
    end_year = models.PositiveSmallIntegerField(_("do roku"))
    status = models.CharField(_("stav"), max_length=15, choices=Status.choices, default=Status.DRAFT)
    is_public = models.BooleanField(_("návrh zveřejněn"), default=False,
                                    help_text=_("Návrh je vidět na veřejné stránce plánu, dokud žádný plán neplatí."))
    summary = models.TextField(_("shrnutí"), blank=True, help_text=_("Krátký úvod na veřejné stránce a v dokumentu."))
    resolution_number = models.CharField(_("číslo usnesení"), max_length=100, blank=True,
                                         help_text=_("Usnesení zastupitelstva nebo rady, které plán schválilo."))
    resolution_date = models.DateField(_("datum schválení"), null=True, blank=True)
    approved_file = models.FileField(_("schválený dokument"), upload_to="plans/approved/", blank=True,
                                     validators=[FileExtensionValidator(["pdf", "docx", "doc", "odt"])])
    based_on = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="drafts",
                                 verbose_name=_("vychází z plánu"))
    # The generated document offered on the public page; a library document, so earlier published files stay as versions.
    published_pdf = models.ForeignKey("library.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                      verbose_name=_("zveřejněný dokument PDF"))
    published_docx = models.ForeignKey("library.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                       verbose_name=_("zveřejněný dokument DOCX"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("komunitní plán")
        verbose_name_plural = _("komunitní plány")
        ordering = ["-start_year", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["area"], condition=models.Q(status="in_force"), name="one_plan_in_force_per_area"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:detail", kwargs={"area_slug": self.area.slug, "pk": self.pk})

    def clean(self):
        if self.start_year and self.end_year:
            if self.end_year < self.start_year:
                raise ValidationError({"end_year": _("Plán nemůže končit dříve, než začne.")})
            if self.end_year - self.start_year + 1 > MAX_PLAN_YEARS:
                raise ValidationError({"end_year": _("Plán může trvat nejvýše %(years)s let.") % {"years": MAX_PLAN_YEARS}})
        if self.status in (self.Status.APPROVED, self.Status.IN_FORCE) and not (self.resolution_number and self.resolution_date):
            message = _("Schválený plán potřebuje číslo a datum usnesení.")
            raise ValidationError({name: message for name, value in (("resolution_number", self.resolution_number),
                                                                      ("resolution_date", self.resolution_date)) if not value})

    @property
    def years(self):
        return list(range(self.start_year, self.end_year + 1))

    @property
    def is_editable(self):
        """Only a draft or a plan in consultation changes; an approved plan changes through a new draft."""
        return self.status in (self.Status.DRAFT, self.Status.CONSULTATION)


class Chapter(AreaOwnedModel):
    """A chapter of the analytical part: rich text (Markdown), or text followed by a part generated from live data."""

    class Kind(models.TextChoices):
        TEXT = "text", _("vlastní text")
        SERVICES = "services", _("přehled služeb z katalogu")
        NEEDS = "needs", _("shrnutí potřeb a průřezových témat")
        DEMOGRAPHY = "demography", _("demografické údaje")
        ORGANISATION = "organisation", _("jak plán vznikal: skupiny a organizace")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="chapters", verbose_name=_("plán"))
    uid = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    position = models.PositiveIntegerField(_("pořadí"), default=1)
    kind = models.CharField(_("druh"), max_length=15, choices=Kind.choices, default=Kind.TEXT)
    title = models.CharField(_("nadpis"), max_length=300)
    body = models.TextField(_("text"), blank=True, help_text=_(
        "Formát Markdown: ## nadpis, - odrážka, 1. číslovaný seznam, **tučně**, tabulka | a | b |."))
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("kapitola plánu")
        verbose_name_plural = _("kapitoly plánu")
        ordering = ["plan", "position", "pk"]

    def __str__(self):
        return self.title


class PlanVersion(AreaOwnedModel):
    """A named, frozen snapshot of the whole plan (e.g. “návrh pro připomínkování”, “schválená verze”)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("plán"))
    name = models.CharField(_("název verze"), max_length=200)
    note = models.TextField(_("poznámka"), blank=True)
    # The plan as services.versions.snapshot() returns it: items keyed by uid, money and indicators included.
    snapshot = models.JSONField(default=dict, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("vytvořil/a"))
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)

    class Meta:
        verbose_name = _("verze plánu")
        verbose_name_plural = _("verze plánu")
        ordering = ["plan", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="unique_plan_version_name")]

    def __str__(self):
        return self.name


class Comment(AreaOwnedModel):
    """An internal comment on the plan or on one of its items (addressed by the item's uid)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments", verbose_name=_("plán"))
    target_uid = models.UUIDField(null=True, blank=True, db_index=True)  # None: the plan as a whole
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                               verbose_name=_("autor"))
    body = models.TextField(_("komentář"))
    is_resolved = models.BooleanField(_("vyřešeno"), default=False)
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)

    class Meta:
        verbose_name = _("komentář k plánu")
        verbose_name_plural = _("komentáře k plánu")
        ordering = ["created_at"]

    def __str__(self):
        return self.body[:60]
