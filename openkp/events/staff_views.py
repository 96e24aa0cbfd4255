"""Staff pages of events: the list, create/edit, registrations, attendance on the day, export, e-mail, indicators."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openkp.catalog.services import czech_sort_key
from openkp.core.access import area_permission_required, get_for_area_or_404
from openkp.core.breadcrumbs import staff_breadcrumbs
from openkp.structures.selectors import area_periods, chosen_period

from . import exports, selectors, services
from .forms import EventForm, MessageForm, WalkInForm
from .models import Event, Registration


def _events_crumb(area):
    return (_("Akce"), reverse("events:staff_list", kwargs={"area_slug": area.slug}))


def _event_crumb(event):
    return (event.title, reverse("events:registrations", kwargs={"area_slug": event.area.slug, "pk": event.pk}))


def _event(request, pk):
    """An event of the area that this person may change; 403 for other events of the area."""
    event = get_for_area_or_404(Event, request.area, pk=pk)
    if not request.user.has_perm("events.change_event", event):
        raise PermissionDenied
    return event


def _base_url(request):
    return request.build_absolute_uri("/")


@area_permission_required("events.manage_events")
def staff_list(request):
    area = request.area
    period = chosen_period(area=area, period_id=request.GET.get("obdobi"))
    events = selectors.staff_events(area=area, period=period) if period else []
    now = timezone.now()
    return render(request, "events/staff/list.html", {
        "events": events,
        "rows": [(event, selectors.free_places(event), selectors.actual_participants(event), event.is_past(now)) for event in events],
        "period": period,
        "periods": area_periods(area=area),
        "breadcrumbs": staff_breadcrumbs(area, (_("Akce"), None)),
    })


@area_permission_required("events.manage_events")
def event_edit(request, pk=None):
    area = request.area
    event = _event(request, pk) if pk else Event(area=area)
    was_cancelled, old_capacity = event.is_cancelled, event.capacity
    form = EventForm(request.POST or None, instance=event, area=area, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        base_url = _base_url(request)
        if pk and saved.is_cancelled and not was_cancelled:
            count = services.notify_cancelled_event(event=saved, base_url=base_url)
            messages.warning(request, _("Akce je zrušena; zprávu o zrušení dostane %(count)s registrovaných.") % {"count": count})
        elif pk and not saved.is_cancelled and saved.capacity != old_capacity:
            promoted = services.promote_waiting(event=saved, base_url=base_url)
            if promoted:
                messages.info(request, _("Z čekací listiny přesunuto mezi účastníky: %(count)s.") % {"count": len(promoted)})
        messages.success(request, _("Akce „%(title)s“ je uložena.") % {"title": saved.title})
        return redirect("events:registrations", area_slug=area.slug, pk=saved.pk)
    title = event.title if event.pk else _("Nová akce")
    trail = [_events_crumb(area)] + ([_event_crumb(event)] if event.pk else []) + [(_("Upravit") if event.pk else title, None)]
    return render(request, "events/staff/form.html", {
        "form": form, "event": event, "title": title, "breadcrumbs": staff_breadcrumbs(area, *trail),
    })


@area_permission_required("events.manage_events")
def registrations(request, pk):
    area = request.area
    event = get_object_or_404(selectors.with_figures(Event.objects.for_area(area).select_related("area", "group", "period")), pk=pk)
    if not request.user.has_perm("events.change_event", event):
        raise PermissionDenied
    return render(request, "events/staff/registrations.html", {
        "event": event,
        "lists": selectors.event_registrations(event=event),
        "free_places": selectors.free_places(event),
        "actual": selectors.actual_participants(event),
        "is_past": event.is_past(),
        "when": services.event_when(event),
        "breadcrumbs": staff_breadcrumbs(area, _events_crumb(area), (event.title, None)),
    })


@area_permission_required("events.manage_events")
@require_POST
def registration_cancel(request, pk, registration_pk):
    """The organiser cancels a registration (e.g. the person phoned); the waiting list moves up."""
    area = request.area
    event = _event(request, pk)
    registration = get_object_or_404(Registration.objects.filter(event=event), pk=registration_pk)
    if services.cancel(registration=registration, base_url=_base_url(request)):
        messages.success(request, _("Registrace „%(name)s“ je zrušena.") % {"name": registration.name})
    return redirect("events:registrations", area_slug=area.slug, pk=event.pk)


def _attendance_people(event):
    people = list(Registration.objects.filter(event=event).active().order_by("created_at", "pk"))
    return sorted(people, key=lambda person: czech_sort_key(" ".join(reversed(person.name.split()))))


def _attendance_counts(event, people=None):
    people = people if people is not None else list(Registration.objects.filter(event=event).active())
    return {"present": sum(1 for person in people if person.attended), "total": len(people)}


@area_permission_required("events.manage_events")
def attendance(request, pk):
    """Attendance on the day, for a tablet at the door: one tap per person (htmx), or the whole form without JS."""
    area = request.area
    event = _event(request, pk)
    walk_in_form = WalkInForm(request.POST if request.POST.get("action") == "walk_in" else None, prefix="walkin")
    if request.method == "POST":
        if request.POST.get("action") == "walk_in":
            if walk_in_form.is_valid():
                person = services.add_walk_in(event=event, **walk_in_form.cleaned_data)
                messages.success(request, _("%(name)s je zapsán/a jako přítomný/á.") % {"name": person.name})
                return redirect("events:attendance", area_slug=area.slug, pk=event.pk)
        else:
            services.set_attendance(event=event, present_ids=request.POST.getlist("attended"))
            messages.success(request, _("Docházka je uložena."))
            return redirect("events:attendance", area_slug=area.slug, pk=event.pk)
    people = _attendance_people(event)
    return render(request, "events/staff/attendance.html", {
        "event": event,
        "people": people,
        "counts": _attendance_counts(event, people),
        "walk_in_form": walk_in_form,
        "when": services.event_when(event),
        "breadcrumbs": staff_breadcrumbs(area, _events_crumb(area), _event_crumb(event), (_("Docházka"), None)),
    })


@area_permission_required("events.manage_events")
@require_POST
def attendance_toggle(request, pk, registration_pk):
    """One tap on one person (htmx): saves that person only and returns their row and the new totals."""
    area = request.area
    event = _event(request, pk)
    registration = get_object_or_404(Registration.objects.filter(event=event).active(), pk=registration_pk)
    services.set_one_attendance(registration=registration, attended=str(registration.pk) in request.POST.getlist("attended"))
    if not request.htmx:
        return redirect("events:attendance", area_slug=area.slug, pk=event.pk)
    return render(request, "events/staff/includes/attendance_row.html", {
        "event": event, "person": registration, "counts": _attendance_counts(event), "oob": True,
    })


@area_permission_required("events.export_registrations")
def export_registrations(request, pk):
    event = _event(request, pk)
    content = exports.registrations_xlsx(event)
    response = HttpResponse(content, content_type=exports.XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="registrace-{event.pk}-{slugify(event.title)[:40]}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


@area_permission_required("events.manage_events")
def message(request, pk):
    area = request.area
    event = _event(request, pk)
    form = MessageForm(request.POST or None, initial={"subject": event.title})
    if request.method == "POST" and form.is_valid():
        count = services.email_registered(event=event, **form.cleaned_data)
        messages.success(request, _("Zpráva je zařazena k odeslání (%(count)s příjemců).") % {"count": count})
        return redirect("events:registrations", area_slug=area.slug, pk=event.pk)
    return render(request, "events/staff/message.html", {
        "event": event, "form": form,
        "breadcrumbs": staff_breadcrumbs(area, _events_crumb(area), _event_crumb(event), (_("Zpráva registrovaným"), None)),
    })


@area_permission_required("events.view_indicators")
def indicators(request):
    area = request.area
    period = chosen_period(area=area, period_id=request.GET.get("obdobi"))
    rows, total = selectors.indicators(area=area, period=period) if period else ([], None)
    return render(request, "events/staff/indicators.html", {
        "rows": rows, "total": total, "period": period, "periods": area_periods(area=area),
        "breadcrumbs": staff_breadcrumbs(area, (_("Ukazatele akcí"), None)),
    })
