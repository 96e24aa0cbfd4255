"""Work of group managers and the coordinator: meetings, invitations, attendance, minutes, tasks."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openkp.core import jobs
from openkp.core.access import area_permission_required
from openkp.core.breadcrumbs import staff_breadcrumbs
from openkp.core.documents import DOCX_MIME, PDF_MIME
from openkp.core.ids import id_or_404, parse_id
from openkp.core.redirects import safe_next
from openkp.library.selectors import documents_for_meeting

from . import minutes as minutes_documents
from . import selectors, services
from .forms import GroupMemberForm, GuestForm, InviteeForm, MeetingForm, MinutesForm, TaskForm
from .models import GroupMember, Meeting, Minutes, Participant, Task
from .views import group_for_request


def _group(request, slug, perm="structures.manage_group"):
    group = group_for_request(request, slug)
    if not request.user.has_perm(perm, group):
        raise PermissionDenied
    return group


def _meeting(request, slug, pk, perm="structures.manage_group"):
    group = _group(request, slug, perm)
    return group, get_object_or_404(Meeting.objects.select_related("group", "area"), group=group, pk=pk)


def _form_page(request, group, form, title, back_url=None):
    back_url = back_url or reverse("structures:group_members", kwargs={"area_slug": group.area.slug, "slug": group.slug})
    return render(request, "structures/form.html", {
        "form": form, "title": title, "group": group, "back_url": back_url, "breadcrumbs": _crumbs(group, (title, None)),
    })


def _crumbs(group, *items):
    return staff_breadcrumbs(
        group.area, (group.name, reverse("structures:group_members", kwargs={"area_slug": group.area.slug, "slug": group.slug})), *items)


@area_permission_required("core.enter_area")
def meeting_edit(request, slug, pk=None):
    group = _group(request, slug)
    meeting = get_object_or_404(Meeting, group=group, pk=pk) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting, group=group)
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        messages.success(request, _("Setkání je uloženo."))
        return redirect(meeting.staff_url())
    return _form_page(request, group, form, _("Upravit setkání") if meeting else _("Nové setkání"), meeting.staff_url() if meeting else None)


@area_permission_required("core.enter_area")
def meeting_manage(request, slug, pk):
    group, meeting = _meeting(request, slug, pk, perm="structures.view_group_internals")
    participants = list(meeting.participants.order_by("name"))
    return render(request, "structures/meeting_manage.html", {
        "group": group, "meeting": meeting, "participants": participants,
        "summary": selectors.attendance_summary(participants),
        "minutes": Minutes.objects.filter(meeting=meeting).first(),
        "tasks": meeting.tasks.select_related("owner"),
        "documents": documents_for_meeting(meeting, request.user),
        "invitee_form": InviteeForm(),
        "can_manage": request.user.has_perm("structures.manage_group", group),
        "breadcrumbs": _crumbs(group, (meeting.title, None)),
    })


@require_POST
@area_permission_required("core.enter_area")
def meeting_invite(request, slug, pk):
    _group_, meeting = _meeting(request, slug, pk)
    if meeting.is_cancelled or meeting.starts_at <= timezone.now():
        messages.error(request, _("Setkání je zrušené nebo už začalo – na setkání v minulosti nelze zvát."))
        return redirect(meeting.staff_url())
    job = jobs.enqueue("structures.send_invitations", area=request.area, user=request.user,
                       title=_("Pozvánky na setkání %(title)s") % {"title": meeting.title},
                       meeting_id=meeting.pk, base_url=request.build_absolute_uri("/").rstrip("/"))
    if job.status == job.Status.SUCCESS and not job.result.get("sent"):
        messages.info(request, job.message)
    elif job.status == job.Status.SUCCESS:
        messages.success(request, job.message)
    elif job.status == job.Status.FAILED:
        messages.error(request, job.message)
    else:
        messages.info(request, _("Pozvánky se odesílají na pozadí; stav uvidíte v přehledu úloh."))
    return redirect(meeting.staff_url())


@area_permission_required("core.enter_area")
def attendance(request, slug, pk):
    """The tablet page used during the meeting: one row per person, one tap per state."""
    group, meeting = _meeting(request, slug, pk)
    guest_form = GuestForm()
    if request.method == "POST" and "attendance" in request.POST:
        participant = get_object_or_404(Participant, meeting=meeting, pk=id_or_404(request.POST.get("participant")))
        try:
            services.set_attendance(participant, request.POST["attendance"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        if request.htmx:
            return render(request, "structures/includes/attendance_update.html", {
                "participant": participant, "meeting": meeting,
                "summary": selectors.attendance_summary(list(meeting.participants.all())),
            })
        return redirect(reverse("structures:attendance", kwargs={"area_slug": group.area.slug, "slug": group.slug, "pk": meeting.pk})
                        + f"#participant-{participant.pk}")
    if request.method == "POST":
        guest_form = GuestForm(request.POST)
        if guest_form.is_valid():
            services.add_guest(meeting, **guest_form.cleaned_data)
            messages.success(request, _("Host %(name)s je zapsán.") % {"name": guest_form.cleaned_data["name"]})
            return redirect("structures:attendance", area_slug=group.area.slug, slug=group.slug, pk=meeting.pk)
    else:
        services.ensure_participants(meeting)
    participants = list(meeting.participants.order_by("name"))
    return render(request, "structures/attendance.html", {
        "group": group, "meeting": meeting, "participants": participants, "guest_form": guest_form,
        "summary": selectors.attendance_summary(participants),
        "choices": [choice for choice in Participant.Attendance.choices if choice[0]],
        "breadcrumbs": _crumbs(group, (meeting.title, meeting.staff_url()), (_("Prezence"), None)),
    })


@area_permission_required("core.enter_area")
def attendance_sheet(request, slug, pk):
    """The printable attendance list (prezenční listina) with a signature column."""
    _group_, meeting = _meeting(request, slug, pk)
    services.ensure_participants(meeting)
    content = minutes_documents.attendance_sheet_pdf(meeting)
    response = HttpResponse(content, content_type=PDF_MIME)
    response["Content-Disposition"] = f'inline; filename="prezencni-listina-{meeting.pk}.pdf"'
    return response


@area_permission_required("core.enter_area")
def minutes_edit(request, slug, pk):
    group, meeting = _meeting(request, slug, pk)
    minutes = services.minutes_for(meeting)
    form = MinutesForm(request.POST or None, instance=minutes)
    action = request.POST.get("action", "save")
    if request.method == "POST":
        locked = minutes.status != Minutes.Status.DRAFT
        if action == "save" and locked:
            messages.error(request, _("Schválený zápis nelze měnit. Nejdřív ho vraťte k úpravám."))
        elif action == "save" and form.is_valid():
            form.save()
            messages.success(request, _("Zápis je uložen."))
            return redirect("structures:minutes", area_slug=group.area.slug, slug=group.slug, pk=meeting.pk)
        elif action != "save":
            try:
                if action == "approve":
                    if form.is_valid():
                        minutes = form.save()
                    services.approve_minutes(minutes, user=request.user)
                    messages.success(request, _("Zápis je schválen."))
                elif action == "publish":
                    services.publish_minutes(minutes)
                    messages.success(request, _("Zápis je zveřejněn na stránce skupiny."))
                elif action == "return":
                    services.return_minutes(minutes)
                    messages.success(request, _("Zápis je vrácen k úpravám."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect("structures:minutes", area_slug=group.area.slug, slug=group.slug, pk=meeting.pk)
    participants = list(meeting.participants.order_by("name"))
    return render(request, "structures/minutes_edit.html", {
        "group": group, "meeting": meeting, "minutes": minutes, "form": form,
        "summary": selectors.attendance_summary(participants),
        "tasks": meeting.tasks.select_related("owner"),
        "breadcrumbs": _crumbs(group, (meeting.title, meeting.staff_url()), (_("Zápis"), None)),
    })


def minutes_document(request, slug, pk, fmt):
    """Minutes as DOCX or PDF: published ones for everyone, drafts for the group's insiders."""
    group = group_for_request(request, slug)
    meeting = get_object_or_404(Meeting.objects.select_related("group", "area"), group=group, pk=pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    published = minutes is not None and minutes.status == Minutes.Status.PUBLISHED and (meeting.is_public or group.is_public)
    if minutes is None or not (published or request.user.has_perm("structures.view_group_internals", group)):
        raise Http404(_("Zápis není k dispozici."))
    if fmt == "pdf":
        response = HttpResponse(minutes_documents.minutes_pdf(minutes), content_type=PDF_MIME)
    else:
        response = HttpResponse(minutes_documents.minutes_docx(minutes), content_type=DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="zapis-{meeting.starts_at:%Y-%m-%d}-{group.slug}.{fmt}"'
    return response


@area_permission_required("core.enter_area")
def task_edit(request, slug, pk=None):
    group = _group(request, slug)
    task = get_object_or_404(Task, group=group, pk=pk) if pk else None
    initial = {}
    if task is None and parse_id(request.GET.get("setkani")):
        initial["meeting"] = parse_id(request.GET.get("setkani"))
    form = TaskForm(request.POST or None, instance=task, group=group, initial=initial)
    if request.method == "POST" and form.is_valid():
        task = form.save()
        messages.success(request, _("Úkol je uložen."))
        if task.meeting_id and "setkani" in request.GET:
            return redirect(task.meeting.staff_url())
        return redirect("structures:group_members", area_slug=group.area.slug, slug=group.slug)
    return _form_page(request, group, form, _("Upravit úkol") if task else _("Nový úkol"))


@require_POST
@area_permission_required("core.enter_area")
def task_status(request, pk):
    """The owner or a manager of the group marks a task done (or reopens it)."""
    task = get_object_or_404(Task.objects.for_area(request.area).select_related("group", "owner", "group__area"), pk=pk)
    is_owner = task.owner is not None and task.owner.user_id == request.user.pk
    if not (is_owner or request.user.has_perm("structures.manage_group", task.group)):
        raise PermissionDenied
    status = request.POST.get("status")
    if status not in Task.Status.values:
        raise Http404
    task.status = status
    task.save(update_fields=["status"])
    messages.success(request, _("Úkol „%(title)s“ je nyní %(status)s.") % {"title": task.title, "status": task.get_status_display()})
    return redirect(safe_next(request, reverse("structures:my_tasks", kwargs={"area_slug": request.area.slug})))


@area_permission_required("core.enter_area")
def my_tasks(request):
    area = request.area
    mine, managed = selectors.tasks_for_user(area=area, user=request.user)
    return render(request, "structures/my_tasks.html", {
        "mine": mine, "managed": managed,
        "breadcrumbs": staff_breadcrumbs(area, (_("Moje úkoly"), None)),
    })



@area_permission_required("core.enter_area")
def member_edit(request, slug, pk=None):
    """Add a person to the group or change their membership (ending it keeps them in the history)."""
    group = _group(request, slug)
    member = get_object_or_404(GroupMember, group=group, pk=pk) if pk else None
    form = GroupMemberForm(request.POST or None, instance=member, group=group)
    if request.method == "POST" and form.is_valid():
        member = form.save()
        messages.success(request, _("Člen %(name)s je uložen.") % {"name": member.name})
        return redirect("structures:group_members", area_slug=group.area.slug, slug=group.slug)
    return _form_page(request, group, form, _("Upravit člena") if member else _("Přidat člena"))


@require_POST
@area_permission_required("core.enter_area")
def meeting_invitee(request, slug, pk):
    """Add someone from outside the invited groups to a future meeting's list."""
    _group_, meeting = _meeting(request, slug, pk)
    form = InviteeForm(request.POST)
    if meeting.is_past:
        messages.error(request, _("Setkání už proběhlo – na setkání v minulosti nelze zvát."))
    elif form.is_valid():
        try:
            services.add_invitee(meeting, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(name)s je na seznamu pozvaných; pozvánku dostane s dalším odesláním.") % {"name": form.cleaned_data["name"]})
    else:
        messages.error(request, " ".join(f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()))
    return redirect(meeting.staff_url())
