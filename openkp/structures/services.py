"""Writes of the organisation of planning: periods and groups, invitations and replies, attendance, minutes, tasks, reminders."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openkp.core.mail import queue_email
from openkp.core.periodic import periodic
from openkp.core.typography import format_date

from . import calendar, selectors
from .models import Group, GroupMember, Meeting, Minutes, Participant, PlanningPeriod, Task

ICS_MIME = "text/calendar; method=PUBLISH; charset=utf-8"


def meeting_when(meeting, separator=" "):
    """``4. 8. 2026 10:00–12:00`` (the separator after the date: a space in subjects, a comma in documents)."""
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    return f"{format_date(start.date())}{separator}{start:%-H:%M}–{end:%-H:%M}"


def participant_for(meeting, member):
    """An unsaved Participant with the member's name, e-mail, organisation and role copied (kept if they leave)."""
    return Participant(
        area=meeting.area, meeting=meeting, member=member, name=member.name, email=member.email,
        organisation_name=member.organisation.name if member.organisation else "", triad_role=member.triad_role,
    )


def ensure_participants(meeting):
    """Add the group's current members who are not yet on the meeting's list (those who left are not added,
    but stay on lists where they already are). Returns the number added."""
    day = timezone.localtime(meeting.starts_at).date()
    listed = set(meeting.participants.exclude(member=None).values_list("member_id", flat=True))
    listed_people = {email.lower() for email in meeting.participants.exclude(email="").values_list("email", flat=True)}
    groups = [meeting.group_id, *meeting.invited_groups.values_list("pk", flat=True)]
    members = GroupMember.objects.filter(group__in=groups).active(day).exclude(pk__in=listed).select_related("organisation").order_by("pk")
    new = []
    for member in sorted(members, key=lambda member: member.group_id != meeting.group_id):  # the group's own members first
        key = member.email.lower()
        if key and key in listed_people:
            continue  # a person in two invited groups is invited once
        listed_people.add(key)
        new.append(participant_for(meeting, member))
    Participant.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def send_invitations(meeting, *, base_url):
    """Invite every current member with an e-mail who has not been invited yet: an e-mail with the
    programme, an iCal attachment and reply links. Returns the number of invitations sent; when nobody new
    was invited, the date of the last sending stays as it was."""
    if meeting.is_cancelled:
        raise ValidationError(_("Setkání je zrušené, pozvánky nelze poslat."))
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("Setkání už začalo nebo proběhlo – na setkání v minulosti nelze zvát."))
    ensure_participants(meeting)
    now = timezone.now()
    entry = selectors.meeting_entry(meeting)
    ics = calendar.to_ical(name=meeting.group.name, entries=[entry], base_url=base_url).decode()
    invited = 0
    for participant in meeting.participants.filter(invited_at=None).exclude(email=""):
        token = participant.issue_reply_token()
        participant.invited_at = now
        participant.save(update_fields=["reply_token_hash", "invited_at"])
        reply_url = base_url + reverse("structures:meeting_reply", kwargs={"area_slug": meeting.area.slug, "token": token})
        body = render_to_string("structures/email/invitation.txt", {
            "meeting": meeting, "participant": participant, "when": meeting_when(meeting), "reply_url": reply_url,
            "meeting_url": base_url + meeting.get_absolute_url(),
        })
        queue_email(
            area=meeting.area, to=participant.email, kind=_("pozvánka na setkání"), body=body,
            subject=_("Pozvánka: %(title)s, %(when)s") % {"title": meeting.title, "when": meeting_when(meeting)},
            attachments=[{"name": "pozvanka.ics", "mimetype": ICS_MIME, "content": ics}],
        )
        invited += 1
    if invited:
        meeting.invitations_sent_at = now
        meeting.save(update_fields=["invitations_sent_at"])
    return invited


def record_reply(participant, reply):
    """The invited person's answer from the link in the invitation (can be changed until the meeting starts)."""
    if participant.meeting.starts_at <= timezone.now():
        raise ValidationError(_("Setkání už začalo, odpověď už nelze změnit."))
    if reply not in (Participant.Reply.ATTEND, Participant.Reply.EXCUSE):
        raise ValidationError(_("Neznámá odpověď."))
    participant.reply = reply
    participant.replied_at = timezone.now()
    if reply == Participant.Reply.EXCUSE and not participant.attendance:
        participant.attendance = Participant.Attendance.EXCUSED
    elif reply == Participant.Reply.ATTEND and participant.attendance == Participant.Attendance.EXCUSED:
        participant.attendance = Participant.Attendance.UNKNOWN
    participant.save(update_fields=["reply", "replied_at", "attendance"])
    return participant


def set_attendance(participant, attendance):
    if attendance not in Participant.Attendance.values:
        raise ValidationError(_("Neznámý údaj o účasti."))
    participant.attendance = attendance
    participant.save(update_fields=["attendance"])
    return participant


def add_invitee(meeting, *, name, email, organisation_name=""):
    """Someone outside the invited groups; the invitation goes out with the next sending."""
    if meeting.participants.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Tento e-mail už na seznamu pozvaných je.")})
    return Participant.objects.create(area=meeting.area, meeting=meeting, name=name.strip(), email=email,
                                      organisation_name=organisation_name.strip())


def add_guest(meeting, *, name, organisation_name=""):
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Vyplňte jméno hosta.")})
    return Participant.objects.create(area=meeting.area, meeting=meeting, name=name, organisation_name=organisation_name.strip(),
                                      attendance=Participant.Attendance.GUEST)


def minutes_for(meeting):
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting, defaults={"area": meeting.area})
    return minutes


def approve_minutes(minutes, *, user):
    if minutes.status != Minutes.Status.DRAFT:
        raise ValidationError(_("Zápis už je schválený."))
    if not (minutes.discussion.strip() or minutes.decisions.strip()):
        raise ValidationError(_("Prázdný zápis nelze schválit: doplňte průběh jednání nebo usnesení."))
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_by = user
    minutes.approved_at = timezone.now()
    minutes.save(update_fields=["status", "approved_by", "approved_at"])


def publish_minutes(minutes):
    if minutes.status == Minutes.Status.DRAFT:
        raise ValidationError(_("Zveřejnit lze jen schválený zápis."))
    minutes.status = Minutes.Status.PUBLISHED
    minutes.published_at = minutes.published_at or timezone.now()
    minutes.save(update_fields=["status", "published_at"])


def return_minutes(minutes):
    """Back to a draft (e.g. a correction after approval); a published zápis is withdrawn from the public."""
    minutes.status = Minutes.Status.DRAFT
    minutes.approved_by = None
    minutes.approved_at = None
    minutes.published_at = None
    minutes.save(update_fields=["status", "approved_by", "approved_at", "published_at"])


@periodic("structures.meeting_reminders")
def send_meeting_reminders(*, now=None):
    """A day before: remind the invited who have not excused themselves. Each meeting once."""
    now = now or timezone.now()
    due = Meeting.objects.filter(
        is_cancelled=False, invitations_sent_at__isnull=False, reminders_sent_at=None,
        starts_at__gt=now, starts_at__lte=now + timedelta(hours=24),
    ).select_related("group", "area")
    count = 0
    for meeting in due:
        with transaction.atomic():
            recipients = meeting.participants.exclude(email="").exclude(reply=Participant.Reply.EXCUSE).exclude(invited_at=None)
            for participant in recipients:
                body = render_to_string("structures/email/reminder.txt", {
                    "meeting": meeting, "participant": participant, "when": meeting_when(meeting),
                    "meeting_url": settings.SITE_URL + meeting.get_absolute_url(),
                })
                queue_email(area=meeting.area, to=participant.email, kind=_("připomínka setkání"), body=body,
                            subject=_("Zítra: %(title)s, %(when)s") % {"title": meeting.title, "when": meeting_when(meeting)})
                count += 1
            meeting.reminders_sent_at = now
            meeting.save(update_fields=["reminders_sent_at"])
    return count


TASK_REMINDER_DAYS = 2


@periodic("structures.task_reminders")
def send_task_reminders(*, now=None):
    """Two days before the due date (or when already overdue): one reminder to the task's owner."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = (Task.objects.open().filter(reminded_at=None, due_date__lte=today + timedelta(days=TASK_REMINDER_DAYS))
           .exclude(owner=None).exclude(owner__email="").select_related("owner", "group", "area"))
    count = 0
    for task in due:
        body = render_to_string("structures/email/task_reminder.txt", {
            "task": task, "due": format_date(task.due_date), "overdue": task.due_date < today,
            "tasks_url": settings.SITE_URL + reverse("structures:my_tasks", kwargs={"area_slug": task.area.slug}),
        })
        with transaction.atomic():
            queue_email(area=task.area, to=task.owner.email, kind=_("připomínka úkolu"), body=body,
                        subject=_("Úkol do %(due)s: %(title)s") % {"due": format_date(task.due_date), "title": task.title})
            Task.objects.filter(pk=task.pk).update(reminded_at=now)
        count += 1
    return count


# Planning periods and groups (the coordinator's set-up of the organisation)


def _make_only_current(period):
    """Unset the area's other current period (kept in its history) so that ``period`` can become the current one."""
    for other in PlanningPeriod.objects.for_area(period.area).filter(is_current=True).exclude(pk=period.pk).select_for_update():
        other.is_current = False
        other._change_reason = _("Aktuálním se stalo období %(name)s") % {"name": period.name}
        other.save(update_fields=["is_current"])


@transaction.atomic
def period_create(*, area, name: str, start_year: int, end_year: int, is_current: bool = False) -> PlanningPeriod:
    """A new planning period; made current, it takes the place of the area's current period."""
    period = PlanningPeriod(area=area, name=name.strip(), start_year=start_year, end_year=end_year, is_current=is_current)
    if is_current:
        _make_only_current(period)
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def period_update(*, period: PlanningPeriod, name: str, start_year: int, end_year: int, is_current: bool) -> PlanningPeriod:
    period.name, period.start_year, period.end_year, period.is_current = name.strip(), start_year, end_year, is_current
    if is_current:
        _make_only_current(period)
    period.full_clean()
    period.save()
    return period


def _free_slug(*, period, name, exclude_pk=None):
    """A group address made from the name, numbered when the period already has it."""
    base = slugify(name)[:70] or "skupina"
    taken = set(Group.objects.filter(period=period, slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def group_create(*, period: PlanningPeriod, kind: str, name: str, slug: str = "", purpose: str = "", parent: Group | None = None,
                 target_groups=(), is_public: bool = True, order: int = 0) -> Group:
    """A steering group, working group or subgroup of the period; without an address one is made from the name."""
    name = name.strip()
    group = Group(area=period.area, period=period, kind=kind, name=name, slug=slug or _free_slug(period=period, name=name),
                  purpose=purpose.strip(), parent=parent, is_public=is_public, order=order)
    group.full_clean()
    group.save()
    group.target_groups.set(target_groups)
    return group


@transaction.atomic
def group_update(*, group: Group, kind: str, name: str, slug: str = "", purpose: str = "", parent: Group | None = None,
                 target_groups=(), is_public: bool = True, order: int = 0) -> Group:
    name = name.strip()
    group.kind, group.name, group.purpose, group.parent, group.is_public, group.order = kind, name, purpose.strip(), parent, is_public, order
    group.slug = slug or group.slug or _free_slug(period=group.period, name=name, exclude_pk=group.pk)
    group.full_clean()
    group.save()
    group.target_groups.set(target_groups)
    return group


@transaction.atomic
def group_archive(*, group: Group) -> list[Group]:
    """Archive the group and its subgroups in use: they leave the lists and public pages, their meetings,
    minutes, members and history stay. Returns the archived groups."""
    if group.archived_at is not None:
        raise ValidationError(_("Skupina „%(name)s“ už je archivována.") % {"name": group.name})
    now = timezone.now()
    archived = [group, *group.subgroups.filter(archived_at=None).order_by("pk")]
    for item in archived:
        item.archived_at = now
        item._change_reason = _("Archivováno") if item is group else _("Archivováno s nadřazenou skupinou")
        item.save(update_fields=["archived_at"])
    return archived


@transaction.atomic
def group_restore(*, group: Group) -> list[Group]:
    """Bring an archived group back, with the subgroups archived together with it. Returns the restored groups."""
    if group.archived_at is None:
        raise ValidationError(_("Skupina „%(name)s“ není archivována.") % {"name": group.name})
    if group.parent is not None and group.parent.archived_at is not None:
        raise ValidationError(_("Podskupina patří pod archivovanou skupinu „%(parent)s“. Nejdřív obnovte tu.") % {"parent": group.parent.name})
    restored = [group, *group.subgroups.filter(archived_at=group.archived_at).order_by("pk")]
    for item in restored:
        item.archived_at = None
        item._change_reason = _("Obnoveno z archivu")
        item.save(update_fields=["archived_at"])
    return restored


class CarriedMembers(models.TextChoices):
    NONE = "none", gettext_lazy("bez členů – složení skupin sestavíte znovu")
    LEADERS = "leaders", gettext_lazy("jen manažery a jejich zástupce")
    ALL = "all", gettext_lazy("všechny současné členy")


@transaction.atomic
def groups_carry_over(*, groups, target: PlanningPeriod, members: str = CarriedMembers.NONE) -> tuple[list[Group], int]:
    """Create the target period's groups as copies of groups of another period — names, addresses, description,
    target groups, public page, subgroups under their copied parents and, if asked, the current members or
    only the managers and deputies (with their accounts, so they manage the new group at once).

    The source period is left as it was. Returns the new groups and the number of members copied.
    """
    groups = sorted(groups, key=lambda group: (group.kind == Group.Kind.SUBGROUP, group.order, group.pk))  # parents first
    chosen = {group.pk for group in groups}
    # A subgroup may join the copy of its parent made earlier (the same address in the target period).
    earlier = {group.slug: group for group in Group.objects.filter(period=target, kind=Group.Kind.WORKING).active()}
    errors = []
    for group in groups:
        if group.area_id != target.area_id or group.period_id == target.pk:
            errors.append(_("Skupinu „%(name)s“ nelze převzít do tohoto období.") % {"name": group.name})
        elif group.parent_id is not None and group.parent_id not in chosen and group.parent.slug not in earlier:
            errors.append(_("Podskupinu „%(name)s“ nelze převzít bez její nadřazené skupiny „%(parent)s“: vyberte i tu.")
                          % {"name": group.name, "parent": group.parent.name})
    existing = dict(Group.objects.filter(period=target, slug__in=[group.slug for group in groups]).values_list("slug", "name"))
    errors += [_("V období „%(period)s“ už je skupina s adresou „%(slug)s“ (%(name)s).")
               % {"period": target.name, "slug": slug, "name": name} for slug, name in existing.items()]
    if errors:
        raise ValidationError(errors)
    copies, count = {}, 0
    today = timezone.localdate()
    functions = {CarriedMembers.LEADERS: (GroupMember.Function.MANAGER, GroupMember.Function.DEPUTY),
                 CarriedMembers.ALL: GroupMember.Function.values}.get(members, ())
    people = {}
    for member in (GroupMember.objects.filter(group__in=groups, function__in=functions).active(today).order_by("pk")):
        people.setdefault(member.group_id, []).append(member)
    for group in groups:
        copy = Group(area=target.area, period=target, kind=group.kind, name=group.name, slug=group.slug, purpose=group.purpose,
                     parent=copies.get(group.parent_id) or (earlier.get(group.parent.slug) if group.parent_id else None),
                     is_public=group.is_public, order=group.order)
        copy._change_reason = _("Převzato z období %(period)s") % {"period": group.period.name}
        copy.full_clean()
        copy.save()
        copy.target_groups.set(group.target_groups.all())
        copies[group.pk] = copy
        new_members = [
            GroupMember(area=target.area, group=copy, user_id=member.user_id, name=member.name, email=member.email, phone=member.phone,
                        organisation_id=member.organisation_id, triad_role=member.triad_role, function=member.function, valid_from=today)
            for member in people.get(group.pk, [])
        ]
        for member in new_members:
            member._change_reason = _("Převzato z období %(period)s") % {"period": group.period.name}
            member.save()
        count += len(new_members)
    return list(copies.values()), count
