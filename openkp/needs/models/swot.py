"""SWOT and PEST analyses of working groups: items entered by members, merged, prioritised by dot voting."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.core.models import AreaOwnedModel


class SwotAnalysis(AreaOwnedModel):
    class Kind(models.TextChoices):
        SWOT = "swot", _("SWOT")
        PEST = "pest", _("PEST")

    class Status(models.TextChoices):
        COLLECTING = "collecting", _("sběr podnětů")
        VOTING = "voting", _("hlasování")
        CLOSED = "closed", _("uzavřeno")

    group = models.ForeignKey("structures.Group", on_delete=models.CASCADE, related_name="swot_analyses", verbose_name=_("skupina"))
    period = models.ForeignKey("structures.PlanningPeriod", on_delete=models.PROTECT, related_name="swot_analyses",
                               verbose_name=_("období plánování"))
    kind = models.CharField(_("druh"), max_length=5, choices=Kind.choices, default=Kind.SWOT)
    title = models.CharField(_("název"), max_length=200)
    status = models.CharField(_("stav"), max_length=12, choices=Status.choices, default=Status.COLLECTING)
    dots_per_member = models.PositiveSmallIntegerField(_("bodů na člena a kategorii"), default=3)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("analýza SWOT / PEST")
        verbose_name_plural = _("analýzy SWOT / PEST")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class SwotItem(models.Model):
    class Category(models.TextChoices):
        STRENGTH = "S", _("silné stránky")
        WEAKNESS = "W", _("slabé stránky")
        OPPORTUNITY = "O", _("příležitosti")
        THREAT = "T", _("hrozby")
        POLITICAL = "P", _("politické faktory")
        ECONOMIC = "E", _("ekonomické faktory")
        SOCIAL = "SO", _("sociální faktory")
        TECHNOLOGICAL = "TE", _("technologické faktory")

    analysis = models.ForeignKey(SwotAnalysis, on_delete=models.CASCADE, related_name="items", verbose_name=_("analýza"))
    category = models.CharField(_("kategorie"), max_length=2, choices=Category.choices)
    text = models.TextField(_("text"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("autor/ka"))
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_items",
                                    verbose_name=_("sloučeno do"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("položka SWOT / PEST")
        verbose_name_plural = _("položky SWOT / PEST")
        ordering = ["analysis", "category", "created_at", "pk"]

    def __str__(self):
        return self.text


class SwotVote(models.Model):
    """Dots a member gave to one item (dot voting)."""

    item = models.ForeignKey(SwotItem, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    dots = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="unique_swot_vote")]

    def __str__(self):
        return f"{self.item}: {self.dots}"
