"""Organisation of planning: periods, steering and working groups, members, meetings with attendance and minutes, tasks."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.catalog.models import TargetGroup
from openkp.core.models import AreaOwnedModel, AreaQuerySet, Organisation
from openkp.core.tokens import hash_token


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
        if self.start_year and self.end_year and self.area_id:
            # A year belongs to one period: plans, documents and events find their period by the year.
            overlapping = (PlanningPeriod.objects.filter(area_id=self.area_id, start_year__lte=self.end_year, end_year__gte=self.start_year)
                           .exclude(pk=self.pk).order_by("start_year").first())
            if overlapping is not None:
                raise ValidationError({"start_year": _(
                    "Období se překrývá s obdobím „%(name)s“ (%(start)s–%(end)s). Každý rok patří jen do jednoho plánovacího "
                    "období: upravte roky tohoto, nebo toho druhého období."
                ) % {"name": overlapping.name, "start": overlapping.start_year, "end": overlapping.end_year}})

    @property
    def years(self):
        return f"{self.start_year}–{self.end_year}"


class GroupQuerySet(AreaQuerySet):
    def active(self):
        """Groups in use: not archived."""
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


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
    # An archived group is gone from the lists and public pages; its meetings, minutes and history stay.
    archived_at = models.DateTimeField(_("archivována"), null=True, blank=True, editable=False)

    objects = GroupQuerySet.as_manager()
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

    @property
    def is_archived(self):
        return self.archived_at is not None

    def clean(self):
        errors = {}
        parent = self.parent
        if self.kind == self.Kind.SUBGROUP and parent is None:
            errors["parent"] = _("Podskupina musí patřit pod pracovní skupinu: vyberte nadřazenou skupinu.")
        elif self.kind != self.Kind.SUBGROUP and parent is not None:
            errors["parent"] = _("Nadřazenou skupinu má jen podskupina. Změňte druh na podskupinu, nebo nadřazenou skupinu odeberte.")
        elif parent is not None and parent.area_id != self.area_id:
            errors["parent"] = _("Nadřazená skupina musí být ze stejného území.")
        elif parent is not None and (parent.pk == self.pk or parent.kind != self.Kind.WORKING):
            errors["parent"] = _("Nadřazená skupina musí být pracovní skupina.")
        elif parent is not None and parent.period_id != self.period_id:
            errors["parent"] = _("Nadřazená skupina musí být ze stejného plánovacího období.")
        if self.pk and self.kind != self.Kind.WORKING and self.subgroups.exists():
            errors["kind"] = _("Skupina má podskupiny, musí proto zůstat pracovní skupinou.")
        if self.slug and self.period_id and self.area_id:
            taken = Group.objects.filter(area_id=self.area_id, period_id=self.period_id, slug=self.slug).exclude(pk=self.pk).first()
            if taken is not None:
                errors["slug"] = _("Adresu „%(slug)s“ už v tomto období má skupina „%(name)s“. Zvolte jinou.") % {
                    "slug": self.slug, "name": taken.name}
        if errors:
            raise ValidationError(errors)


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
    invited_groups = models.ManyToManyField(Group, blank=True, related_name="guest_meetings", verbose_name=_("pozvat také skupiny"))
    is_public = models.BooleanField(_("veřejné jednání"), default=False)
    is_cancelled = models.BooleanField(_("zrušeno"), default=False)
    invitations_sent_at = models.DateTimeField(_("pozvánky odeslány"), null=True, blank=True, editable=False)
    reminders_sent_at = models.DateTimeField(_("připomínky odeslány"), null=True, blank=True, editable=False)

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

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    def staff_url(self):
        return reverse("structures:meeting_manage", kwargs={"area_slug": self.area.slug, "slug": self.group.slug, "pk": self.pk})


class Participant(AreaOwnedModel):
    """A person invited to a meeting or present at it: the invitation, the reply and the attendance.

    Name and organisation are copied when the person is invited, so a member who later leaves the
    group stays in old attendance lists as they were.
    """

    class Reply(models.TextChoices):
        NONE = "", _("bez odpovědi")
        ATTEND = "attend", _("zúčastní se")
        EXCUSE = "excuse", _("omluven/a předem")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("nezaznamenáno")
        PRESENT = "present", _("přítomen/a")
        EXCUSED = "excused", _("omluven/a")
        ABSENT = "absent", _("nepřítomen/a")
        GUEST = "guest", _("host")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants", verbose_name=_("setkání"))
    member = models.ForeignKey(GroupMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="participations",
                               verbose_name=_("člen skupiny"))
    name = models.CharField(_("jméno a příjmení"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation_name = models.CharField(_("organizace"), max_length=255, blank=True)
    triad_role = models.CharField(_("role v triádě"), max_length=15, choices=TriadRole.choices, blank=True)
    invited_at = models.DateTimeField(_("pozván/a"), null=True, blank=True)
    reply = models.CharField(_("odpověď"), max_length=10, choices=Reply.choices, blank=True, default=Reply.NONE)
    replied_at = models.DateTimeField(_("odpověděl/a"), null=True, blank=True)
    reply_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    attendance = models.CharField(_("účast"), max_length=10, choices=Attendance.choices, blank=True, default=Attendance.UNKNOWN)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("účastník setkání")
        verbose_name_plural = _("účastníci setkání")
        ordering = ["meeting", "name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], condition=models.Q(member__isnull=False), name="one_participant_per_member"),
        ]

    def __str__(self):
        return self.name

    def issue_reply_token(self):
        token = secrets.token_urlsafe(24)
        self.reply_token_hash = hash_token(token)
        return token

    @classmethod
    def by_reply_token(cls, token):
        return cls.objects.filter(reply_token_hash=hash_token(token)).select_related("meeting", "meeting__group", "meeting__area").first()

    @property
    def attended(self):
        return self.attendance in (self.Attendance.PRESENT, self.Attendance.GUEST)


class Minutes(AreaOwnedModel):
    """Minutes of a meeting, written in the app: drafted, approved by the group's manager, then published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("rozpracovaný")
        APPROVED = "approved", _("schválený")
        PUBLISHED = "published", _("zveřejněný")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("setkání"))
    discussion = models.TextField(_("průběh jednání"), blank=True, help_text=_("Projednané body programu; odstavce oddělte prázdným řádkem."))
    decisions = models.TextField(_("usnesení a závěry"), blank=True, help_text=_("Každé usnesení na samostatný řádek."))
    recorded_by = models.CharField(_("zapsal/a"), max_length=200, blank=True)
    status = models.CharField(_("stav"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name=_("schválil/a"))
    approved_at = models.DateTimeField(_("schváleno"), null=True, blank=True)
    published_at = models.DateTimeField(_("zveřejněno"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("zápis")
        verbose_name_plural = _("zápisy")

    def __str__(self):
        return str(self.meeting)

    @property
    def decision_list(self):
        return [line.strip(" -–•\t") for line in self.decisions.splitlines() if line.strip(" -–•\t")]


class TaskQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def open(self):
        return self.filter(status__in=(Task.Status.OPEN, Task.Status.IN_PROGRESS))

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Task(AreaOwnedModel):
    """A task arising from a meeting (or set for a group): who does what by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("otevřený")
        IN_PROGRESS = "in_progress", _("rozpracovaný")
        DONE = "done", _("splněný")
        CANCELLED = "cancelled", _("zrušený")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("skupina"))
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks",
                                verbose_name=_("ze setkání"))
    title = models.CharField(_("úkol"), max_length=300)
    description = models.TextField(_("popis"), blank=True)
    owner = models.ForeignKey(GroupMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks",
                              verbose_name=_("odpovídá"))
    due_date = models.DateField(_("termín"), null=True, blank=True)
    status = models.CharField(_("stav"), max_length=12, choices=Status.choices, default=Status.OPEN)
    reminded_at = models.DateTimeField(_("připomenuto"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)

    objects = TaskQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("úkol")
        verbose_name_plural = _("úkoly")
        ordering = ["status", "due_date", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.owner_id and self.group_id and self.owner.group_id != self.group_id:
            raise ValidationError({"owner": _("Úkol může dostat jen člen této skupiny.")})
        if self.meeting_id and self.group_id and self.meeting.group_id != self.group_id:
            raise ValidationError({"meeting": _("Setkání je z jiné skupiny.")})

    @property
    def is_open(self):
        return self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)

    @property
    def is_overdue(self):
        return self.is_open and self.due_date is not None and self.due_date < timezone.localdate()


class CalendarToken(AreaOwnedModel):
    """The secret of a person's private calendar feed (public and members-only entries of the area)."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="calendar_tokens")
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("soukromý kalendář")
        verbose_name_plural = _("soukromé kalendáře")
        constraints = [models.UniqueConstraint(fields=["area", "user"], name="one_calendar_token_per_user_and_area")]

    @classmethod
    def for_user(cls, *, area, user, renew=False):
        token = cls.objects.filter(area=area, user=user).first()
        if token and renew:
            token.delete()
            token = None
        return token or cls.objects.create(area=area, user=user, token=secrets.token_urlsafe(32))
