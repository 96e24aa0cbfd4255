"""The risk register of a plan (analýza rizik): risks of the whole plan or of one measure."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.core.models import AreaOwnedModel

from .hierarchy import Measure
from .plans import Plan

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Risk(AreaOwnedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("sledované")
        MITIGATED = "mitigated", _("zmírněné")
        OCCURRED = "occurred", _("nastalo")
        CLOSED = "closed", _("uzavřené")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="risks", verbose_name=_("plán"))
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="risks",
                                verbose_name=_("opatření"), help_text=_("Prázdné: riziko celého plánu."))
    uid = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    title = models.CharField(_("riziko"), max_length=300)
    description = models.TextField(_("popis"), blank=True)
    probability = models.PositiveSmallIntegerField(_("pravděpodobnost (1–5)"), validators=SCALE)
    impact = models.PositiveSmallIntegerField(_("dopad (1–5)"), validators=SCALE)
    mitigation = models.TextField(_("opatření ke snížení rizika"), blank=True)
    owner = models.CharField(_("vlastník rizika"), max_length=300, blank=True)
    status = models.CharField(_("stav"), max_length=10, choices=Status.choices, default=Status.OPEN)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("riziko")
        verbose_name_plural = _("rizika")
        ordering = ["plan", "-probability", "-impact", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(probability__gte=1, probability__lte=5, impact__gte=1, impact__lte=5),
                                   name="risk_scale_1_to_5"),
        ]

    def __str__(self):
        return self.title

    @property
    def score(self):
        return self.probability * self.impact

    @property
    def level(self):
        """Low (1–6), medium (8–12), high (15–25): the colours of the matrix."""
        return "high" if self.score >= 15 else "medium" if self.score >= 8 else "low"
