"""The needs register: needs with their evidence, the services that answer them, gaps and proposed solutions;
and per working group the needs-and-services map ("analýza současného stavu cílové skupiny")."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.catalog.models import Service, ServiceType, TargetGroup
from openkp.core.models import AreaOwnedModel, Municipality, MunicipalityPart

from .coding import Theme
from .demography import DemographicFigure
from .surveys import Question
from .swot import SwotItem


class Urgency(models.TextChoices):
    HIGH = "high", _("vysoká")
    MEDIUM = "medium", _("střední")
    LOW = "low", _("nízká")


class Need(AreaOwnedModel):
    """Potřeba: what people lack, with evidence; later the plan's measures answer it."""

    class Status(models.TextChoices):
        NEW = "new", _("nová")
        ACCEPTED = "accepted", _("přijatá")
        COVERED = "covered", _("řešena opatřením")
        REJECTED = "rejected", _("zamítnutá")

    title = models.CharField(_("potřeba"), max_length=300)
    description = models.TextField(_("popis"), blank=True)
    group = models.ForeignKey("structures.Group", on_delete=models.SET_NULL, null=True, blank=True, related_name="needs",
                              verbose_name=_("pracovní skupina"))
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="needs", verbose_name=_("cílové skupiny"))
    municipalities = models.ManyToManyField(Municipality, blank=True, related_name="+", verbose_name=_("obce"))
    parts = models.ManyToManyField(MunicipalityPart, blank=True, related_name="+", verbose_name=_("městské obvody"))
    raised_by = models.CharField(_("kdo potřebu vznesl"), max_length=300, blank=True,
                                 help_text=_("Např. pracovní skupina, dotazník uživatelů, setkání s veřejností."))
    urgency = models.CharField(_("naléhavost"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM)
    status = models.CharField(_("stav"), max_length=10, choices=Status.choices, default=Status.NEW)
    status_reason = models.TextField(_("zdůvodnění stavu"), blank=True, help_text=_("U zamítnuté potřeby povinné."))
    # Evidence
    questions = models.ManyToManyField(Question, blank=True, related_name="needs", verbose_name=_("výsledky dotazníků"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="needs", verbose_name=_("témata otevřených odpovědí"))
    swot_items = models.ManyToManyField(SwotItem, blank=True, related_name="needs", verbose_name=_("položky SWOT / PEST"))
    minutes = models.ManyToManyField("structures.Minutes", blank=True, related_name="needs", verbose_name=_("zápisy z jednání"))
    figures = models.ManyToManyField(DemographicFigure, blank=True, related_name="needs", verbose_name=_("demografické údaje"))
    evidence_note = models.TextField(_("další podklady"), blank=True)
    # What answers it today
    services = models.ManyToManyField(Service, blank=True, related_name="needs", verbose_name=_("služby, které potřebu naplňují"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("potřeba")
        verbose_name_plural = _("potřeby")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("needs:need_detail", kwargs={"area_slug": self.area.slug, "pk": self.pk})


class Gap(AreaOwnedModel):
    """A missing service or capacity (chybějící služba) for a need, with the proposed solution."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="gaps", verbose_name=_("potřeba"))
    title = models.CharField(_("co chybí"), max_length=300)
    service_type = models.ForeignKey(ServiceType, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("druh služby"))
    missing_capacity = models.CharField(_("chybějící kapacita"), max_length=200, blank=True, help_text=_("Např. 20 lůžek, 2 úvazky."))
    place = models.CharField(_("kde"), max_length=300, blank=True)
    proposed_solution = models.TextField(_("navrhované řešení"), blank=True)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chybějící služba")
        verbose_name_plural = _("chybějící služby")
        ordering = ["need", "order", "pk"]

    def __str__(self):
        return self.title


class NeedsMap(AreaOwnedModel):
    """The needs-and-services map of one working group in one period: its texts; the rows are the group's needs."""

    group = models.ForeignKey("structures.Group", on_delete=models.CASCADE, related_name="needs_maps", verbose_name=_("skupina"))
    period = models.ForeignKey("structures.PlanningPeriod", on_delete=models.PROTECT, related_name="needs_maps",
                               verbose_name=_("období plánování"))
    current_state = models.TextField(_("současný stav"), blank=True, help_text=_("Úvod kapitoly: cílová skupina, její situace, síť služeb."))
    conclusions = models.TextField(_("závěry"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("mapa potřeb a služeb")
        verbose_name_plural = _("mapy potřeb a služeb")
        constraints = [models.UniqueConstraint(fields=["group", "period"], name="unique_needs_map")]

    def __str__(self):
        return str(self.group)
