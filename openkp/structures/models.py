"""Organisation of planning: planning periods, the steering and working groups, their members."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.catalog.models import TargetGroup
from openkp.core.models import AreaOwnedModel, Organisation


class PlanningPeriod(AreaOwnedModel):
    """One cycle of planning, e.g. the 6th community plan 2023–2026; groups, plans and monitoring belong to it."""

    name = models.CharField(_("název"), max_length=200, help_text=_("Např. „6. komunitní plán 2023–2026“."))
    start_year = models.PositiveSmallIntegerField(_("od roku"))
    end_year = models.PositiveSmallIntegerField(_("do roku"))
    is_current = models.BooleanField(_("aktuální období"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plánovací období")
        verbose_name_plural = _("plánovací období")
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["area"], condition=models.Q(is_current=True), name="one_current_period_per_area"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("Konec období nemůže být před jeho začátkem.")})


class Group(AreaOwnedModel):
    """A steering group (řídicí skupina, manažerský tým), a working group or its subgroup."""

    class Kind(models.TextChoices):
        STEERING = "steering", _("řídicí skupina")
        WORKING = "working", _("pracovní skupina")
        SUBGROUP = "subgroup", _("podskupina")

    period = models.ForeignKey(PlanningPeriod, on_delete=models.PROTECT, related_name="groups", verbose_name=_("období"))
    kind = models.CharField(_("druh"), max_length=10, choices=Kind.choices, default=Kind.WORKING)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="subgroups",
                               verbose_name=_("nadřazená skupina"))
    name = models.CharField(_("název"), max_length=200)
    slug = models.SlugField(_("adresa"), max_length=80)
    purpose = models.TextField(_("poslání"), blank=True)
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="planning_groups", verbose_name=_("cílové skupiny"))
    is_public = models.BooleanField(_("zveřejněna"), default=True)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skupina")
        verbose_name_plural = _("skupiny")
        ordering = ["kind", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["area", "period", "slug"], name="unique_group_slug_per_period")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("structures:group", kwargs={"area_slug": self.area.slug, "slug": self.slug})

    def clean(self):
        if self.kind == self.Kind.SUBGROUP and self.parent is None:
            raise ValidationError({"parent": _("Podskupina musí patřit pod pracovní skupinu.")})
        if self.parent is not None and self.parent.area_id != self.area_id:
            raise ValidationError({"parent": _("Nadřazená skupina musí být ze stejného území.")})


class TriadRole(models.TextChoices):
    COMMISSIONER = "commissioner", _("zadavatel")
    PROVIDER = "provider", _("poskytovatel")
    USER = "user", _("uživatel / veřejnost")


class GroupMemberQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def active(self, on=None):
        """Members on a day (today): joined by then and not yet left."""
        day = on or timezone.localdate()
        return self.filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day)).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        )


class GroupMember(AreaOwnedModel):
    """A person in a group: with an account or only as a contact; the history of membership is kept."""

    class Function(models.TextChoices):
        MANAGER = "manager", _("manažer/ka")
        DEPUTY = "deputy", _("zástupce/kyně manažera")
        MEMBER = "member", _("člen/ka")
        GUEST = "guest", _("host")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members", verbose_name=_("skupina"))
    user = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="group_memberships",
                             verbose_name=_("účet"))
    name = models.CharField(_("jméno a příjmení"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="group_members",
                                     verbose_name=_("organizace"))
    triad_role = models.CharField(_("role v triádě"), max_length=15, choices=TriadRole.choices)
    function = models.CharField(_("funkce"), max_length=10, choices=Function.choices, default=Function.MEMBER)
    valid_from = models.DateField(_("členem od"), null=True, blank=True)
    valid_to = models.DateField(_("členem do"), null=True, blank=True)

    objects = GroupMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("člen skupiny")
        verbose_name_plural = _("členové skupin")
        ordering = ["group", "function", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Konec členství nemůže být před jeho začátkem.")})
        if self.group_id and self.area_id and self.group.area_id != self.area_id:
            raise ValidationError({"group": _("Skupina je z jiného území.")})


class Meeting(AreaOwnedModel):
    """A meeting of a group: when, where (or online), its agenda; public meetings appear in the calendar."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("skupina"))
    title = models.CharField(_("název"), max_length=200)
    starts_at = models.DateTimeField(_("začátek"))
    ends_at = models.DateTimeField(_("konec"))
    place = models.CharField(_("místo"), max_length=300, blank=True)
    online_link = models.URLField(_("odkaz na online jednání"), blank=True)
    agenda = models.TextField(_("program"), blank=True)
    is_public = models.BooleanField(_("veřejné jednání"), default=False)
    is_cancelled = models.BooleanField(_("zrušeno"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("setkání")
        verbose_name_plural = _("setkání")
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.title} ({self.group})"

    def get_absolute_url(self):
        return reverse("structures:meeting", kwargs={"area_slug": self.area.slug, "slug": self.group.slug, "pk": self.pk})

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Setkání musí skončit později, než začne.")
        if not self.place and not self.online_link:
            errors["place"] = _("Uveďte místo setkání, nebo odkaz na online jednání.")
        if errors:
            raise ValidationError(errors)
