"""Money: expected costs of measures and activities per year of the plan and funding source, in CZK."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.core.models import AreaOwnedModel

from .hierarchy import Activity, Measure
from .plans import Plan

# Funding sources every area starts with; the coordinator renames, reorders, adds or hides them.
DEFAULT_SOURCES = [
    ("obec", _("obec / město")),
    ("kraj", _("kraj")),
    ("mpsv", _("státní dotace (MPSV)")),
    ("eu", _("fondy EU")),
    ("zp", _("zdravotní pojišťovny")),
    ("uhrady", _("úhrady uživatelů")),
    ("jine", _("jiné zdroje")),
]


class FundingSource(AreaOwnedModel):
    """Zdroj financování: an editable list per area."""

    code = models.SlugField(_("kód"), max_length=30)
    name = models.CharField(_("název"), max_length=200)
    position = models.PositiveIntegerField(_("pořadí"), default=1)
    is_active = models.BooleanField(_("používá se"), default=True, help_text=_("Skrytý zdroj nejde nově zadat; staré částky zůstávají."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("zdroj financování")
        verbose_name_plural = _("zdroje financování")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["area", "code"], name="unique_funding_source_code")]

    def __str__(self):
        return self.name


class Cost(AreaOwnedModel):
    """Expected cost of a measure (activity empty) or of one of its activities in one year from one source."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="costs")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="costs", verbose_name=_("opatření"))
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="costs",
                                 verbose_name=_("aktivita"))
    year = models.PositiveSmallIntegerField(_("rok"))
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="costs", verbose_name=_("zdroj"))
    amount = models.DecimalField(_("částka (Kč)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("náklad")
        verbose_name_plural = _("náklady")
        ordering = ["year", "source__position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="cost_amount_not_negative"),
            models.UniqueConstraint(fields=["measure", "year", "source"], condition=models.Q(activity__isnull=True),
                                    name="unique_measure_cost"),
            models.UniqueConstraint(fields=["activity", "year", "source"], condition=models.Q(activity__isnull=False),
                                    name="unique_activity_cost"),
        ]

    def __str__(self):
        return f"{self.year} {self.source}: {self.amount}"

    def clean(self):
        if self.year and self.plan_id and not self.plan.start_year <= self.year <= self.plan.end_year:
            raise ValidationError({"year": _("Náklady lze plánovat jen na roky plánu (%(start)s–%(end)s).") % {
                "start": self.plan.start_year, "end": self.plan.end_year}})
