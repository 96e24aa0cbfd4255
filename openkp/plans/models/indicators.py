"""Indicators of measures after Results-Based Accountability: how much, how well, is anyone better off."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.core.models import AreaOwnedModel

from .hierarchy import Measure
from .plans import Plan


class Indicator(AreaOwnedModel):
    class Kind(models.TextChoices):
        OUTPUT = "output", _("kolik jsme udělali (výstup)")
        QUALITY = "quality", _("jak dobře jsme to udělali (kvalita)")
        IMPACT = "impact", _("je někomu lépe (sociální dopad)")

    class Polarity(models.TextChoices):
        HIGHER = "higher", _("vyšší je lepší")
        LOWER = "lower", _("nižší je lepší")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("opatření"))
    uid = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    position = models.PositiveIntegerField(_("pořadí"), default=1)
    kind = models.CharField(_("druh"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("indikátor"), max_length=300, help_text=_("Např. „počet lidí, kteří se z azylového domu přestěhovali do běžného bydlení“."))
    unit = models.CharField(_("jednotka"), max_length=50, help_text=_("Např. osoby, lůžka, %, hodiny."))
    baseline_value = models.DecimalField(_("výchozí hodnota"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("rok výchozí hodnoty"), null=True, blank=True)
    polarity = models.CharField(_("směr"), max_length=6, choices=Polarity.choices, default=Polarity.HIGHER)
    data_source = models.CharField(_("zdroj dat"), max_length=300, blank=True)
    reported_by = models.CharField(_("kdo hodnotu vykazuje"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikátor")
        verbose_name_plural = _("indikátory")
        ordering = ["measure", "position", "pk"]

    def __str__(self):
        return self.name


class IndicatorTarget(AreaOwnedModel):
    """The target value of an indicator in one year of the plan."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indikátor"))
    year = models.PositiveSmallIntegerField(_("rok"))
    value = models.DecimalField(_("cílová hodnota"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("cílová hodnota")
        verbose_name_plural = _("cílové hodnoty")
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="unique_indicator_target_year")]

    def __str__(self):
        return f"{self.year}: {self.value}"
