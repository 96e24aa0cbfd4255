"""Public pages of events: the list, the detail with the registration form, and the cancellation link."""


from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from openkp.core import ratelimit
from openkp.core.access import get_for_area_or_404
from openkp.core.breadcrumbs import area_breadcrumbs

from . import selectors, services
from .forms import RegistrationForm
from .models import Event, Registration

# At most this many registrations from one network address per window (seconds); no address is stored.
RATE_LIMIT = (10, 600)


def event_list(request):
    area = request.area
    kind = request.GET.get("druh", "")
    kind = kind if kind in Event.Kind.values else ""
    result = selectors.public_events(area=area, kind=kind)
    return render(request, "events/list.html", {
        "result": result,
        "kinds": Event.Kind.choices,
        "kind_label": Event.Kind(kind).label if kind else "",
        "can_manage": request.user.is_authenticated and request.user.has_perm("events.manage_events", area),
        "breadcrumbs": area_breadcrumbs(area, (_("Akce"), None)),
    })


def _rate_limited(request):
    limit, window = getattr(settings, "EVENTS_REGISTRATION_RATE", RATE_LIMIT)
    return ratelimit.exceeded(request, "events:registrations", limit=limit, window=window)


def event_detail(request, pk):
    area = request.area
    can_manage = request.user.is_authenticated and request.user.has_perm("events.manage_events", area)
    try:
        event = selectors.event_for_visitor(area=area, pk=pk, can_manage=can_manage)
    except Event.DoesNotExist:
        raise Http404(_("Akce v tomto území není.")) from None
    now = timezone.now()
    closed = services.closed_message(event, now)
    form = RegistrationForm(request.POST or None, event=event)
    status = 200
    if request.method == "POST":
        if closed:
            messages.error(request, closed)
            return redirect(event.get_absolute_url())
        if form.is_valid():
            if form.is_spam:
                messages.success(request, _("Děkujeme."))
                return redirect(event.get_absolute_url())
            if _rate_limited(request):
                form.add_error(None, _("Z vaší sítě přišlo v krátké době příliš mnoho registrací. Zkuste to prosím "
                                       "za deset minut, nebo se přihlaste e-mailem u pořadatele."))
                status = 429
            else:
                return _register(request, event, form)
    return render(request, "events/detail.html", {
        "event": event,
        "form": form,
        "closed": closed,
        "free_places": selectors.free_places(event),
        "is_past": event.is_past(now),
        "can_manage": can_manage,
        "json_ld": _json_ld(request, event),
        "breadcrumbs": area_breadcrumbs(area, (_("Akce"), reverse("events:list", kwargs={"area_slug": area.slug})),
                                        (event.title, None)),
    }, status=status)


def _register(request, event, form):
    data = form.cleaned_data
    try:
        result = services.register(
            event=event, name=data["name"], email=data["email"], organisation=data["organisation"], phone=data["phone"],
            note=data["note"], base_url=request.build_absolute_uri("/"),
        )
    except services.RegistrationClosed as error:
        messages.error(request, str(error))
        return redirect(event.get_absolute_url())
    email = result.registration.email
    if not result.created:
        if result.position:
            text = _("E-mail %(email)s už je na této akci na čekací listině (%(position)s. místo). Druhá registrace nevznikla.")
        else:
            text = _("E-mail %(email)s už je na tuto akci přihlášen. Druhá registrace nevznikla; odkaz pro zrušení "
                     "najdete v potvrzovacím e-mailu.")
        messages.info(request, text % {"email": email, "position": result.position})
    elif result.position:
        messages.warning(request, _("Kapacita je naplněna, jste na čekací listině na %(position)s. místě. Jakmile se místo "
                                    "uvolní, přesuneme vás mezi účastníky a pošleme e-mail na %(email)s.")
                         % {"position": result.position, "email": email})
    else:
        messages.success(request, _("Jste přihlášen/a. Potvrzení s odkazem pro zrušení registrace jsme poslali na "
                                    "%(email)s.") % {"email": email})
    return redirect(event.get_absolute_url())


def _json_ld(request, event):
    """schema.org Event for search engines and assistive tools."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "description": event.description,
        "startDate": timezone.localtime(event.starts_at).isoformat(),
        "endDate": timezone.localtime(event.ends_at).isoformat(),
        "eventStatus": "https://schema.org/EventCancelled" if event.is_cancelled else "https://schema.org/EventScheduled",
        "isAccessibleForFree": True,
        "inLanguage": "cs",
        "organizer": {"@type": "Organization", "name": event.area.office_name or event.area.name},
    }
    places = []
    if event.place or event.address:
        places.append({"@type": "Place", "name": event.place or event.address,
                       "address": {"@type": "PostalAddress", "streetAddress": event.address or event.place, "addressCountry": "CZ"}})
    if event.online_link:
        places.append({"@type": "VirtualLocation", "url": event.online_link})
    data["location"] = places[0] if len(places) == 1 else places
    data["eventAttendanceMode"] = (
        "https://schema.org/MixedEventAttendanceMode" if len(places) == 2
        else "https://schema.org/OnlineEventAttendanceMode" if event.online_link
        else "https://schema.org/OfflineEventAttendanceMode"
    )
    if event.capacity is not None:
        data["maximumAttendeeCapacity"] = event.capacity
        data["remainingAttendeeCapacity"] = selectors.free_places(event)
    if event.group:
        data["organizer"]["department"] = {"@type": "Organization", "name": event.group.name}
    return data


@never_cache
def cancel_registration(request, pk, token):
    """The secret link from the confirmation e-mail: GET asks, POST cancels; a second POST changes nothing."""
    area = request.area
    event = get_for_area_or_404(Event, area, pk=pk)
    registration = services.registration_by_token(event=event, token=token)
    if registration is None:
        raise Http404(_("Odkaz pro zrušení registrace neplatí. Zkontrolujte, zda jste ho z e-mailu zkopírovali celý."))
    now = timezone.now()
    can_cancel = registration.status != Registration.Status.CANCELLED and event.starts_at > now
    if request.method == "POST":
        if can_cancel and services.cancel(registration=registration, base_url=request.build_absolute_uri("/"), now=now):
            messages.success(request, _("Registrace na akci „%(title)s“ je zrušena. Děkujeme, že jste dali vědět – místo "
                                        "nabídneme dalším zájemcům.") % {"title": event.title})
        return redirect(request.path)
    response = render(request, "events/cancel.html", {
        "event": event,
        "registration": registration,
        "can_cancel": can_cancel,
        "is_started": event.starts_at <= now,
        "when": services.event_when(event),
        "breadcrumbs": area_breadcrumbs(area, (_("Akce"), reverse("events:list", kwargs={"area_slug": area.slug})),
                                        (_("Zrušení registrace"), None)),
    })
    # The token is in the URL: keep the page out of search engines. (Links to other sites get no Referer:
    # SECURE_REFERRER_POLICY is "same-origin". "no-referrer" would make browsers send "Origin: null" and fail CSRF.)
    response["X-Robots-Tag"] = "noindex"
    return response
