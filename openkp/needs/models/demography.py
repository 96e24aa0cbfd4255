"""Demographic context: figures per municipality or city district and year (e.g. from the Czech Statistical Office)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openkp.core.models import AreaOwnedModel, Municipality, MunicipalityPart


class DemographicFigure(AreaOwnedModel):
    """One figure, e.g. "obyvatelé ve věku 65+" in Ostrava-Jih in 2024 = 21 350."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("obec"))
    part = models.ForeignKey(MunicipalityPart, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("městský obvod"))
    year = models.PositiveSmallIntegerField(_("rok"))
    indicator = models.CharField(_("ukazatel"), max_length=200)
    value = models.DecimalField(_("hodnota"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("jednotka"), max_length=40, blank=True, default="osob")
    source = models.CharField(_("zdroj"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("demografický údaj")
        verbose_name_plural = _("demografické údaje")
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["area", "municipality", "part", "year", "indicator"], name="unique_demographic_figure")]

    def __str__(self):
        place = self.part or self.municipality or ""
        return f"{self.indicator}, {place} {self.year}: {self.value}"
