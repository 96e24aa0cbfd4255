"""Themes (codes) into which open answers are coded, per survey or shared by the area's surveys."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.core.models import AreaOwnedModel

from .surveys import Answer, Survey


class Theme(AreaOwnedModel):
    """Téma: a theme of open answers (e.g. "dostupnost bydlení"). Without a survey it is shared by all surveys
    of the area, so that themes can be compared across surveys and target groups."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, null=True, blank=True, related_name="themes",
                               verbose_name=_("dotazník"), help_text=_("Prázdné = téma společné všem dotazníkům území."))
    name = models.CharField(_("téma"), max_length=200)
    description = models.TextField(_("popis"), blank=True)
    keywords = models.TextField(_("klíčová slova"), blank=True,
                                help_text=_("Slova oddělená čárkou; odpovědi se stejnými slovy (v jakémkoli tvaru) budou navrženy."))
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)
    answers = models.ManyToManyField(Answer, blank=True, related_name="themes", verbose_name=_("odpovědi"))

    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        verbose_name = _("téma")
        verbose_name_plural = _("témata")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name
