"""The coordinator's set-up of the organisation: planning periods, groups and subgroups, archiving them and
carrying groups over to a new period."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from openkp.core.access import area_permission_required
from openkp.core.breadcrumbs import staff_breadcrumbs
from openkp.core.ids import parse_id

from . import selectors, services
from .forms import CarryOverForm, GroupForm, PlanningPeriodForm
from .models import Group, PlanningPeriod

MANAGE = "structures.manage_organisation"


def _period(request, pk):
    return get_object_or_404(PlanningPeriod.objects.for_area(request.area), pk=pk)


def _group(request, period, pk, perm):
    group = get_object_or_404(Group.objects.for_area(request.area).select_related("area", "period", "parent"), period=period, pk=pk)
    if not request.user.has_perm(perm, group):
        raise PermissionDenied
    return group


def _periods_url(area):
    return reverse("structures:periods", kwargs={"area_slug": area.slug})


def _groups_url(period):
    return reverse("structures:period_groups", kwargs={"area_slug": period.area.slug, "pk": period.pk})


def _crumbs(area, *items):
    return staff_breadcrumbs(area, (_("Plánovací období a skupiny"), _periods_url(area)), *items)


def _apply_errors(form, error):
    """A service's ValidationError shown at the form's fields (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@area_permission_required(MANAGE)
def organisation(request):
    """The entry to the set-up: the groups of the current (else the latest) period, or the periods if there are none."""
    period = selectors.chosen_period(area=request.area)
    return redirect(_groups_url(period) if period else _periods_url(request.area))


@area_permission_required(MANAGE)
def period_list(request):
    area = request.area
    return render(request, "structures/organisation/period_list.html", {
        **selectors.periods_overview(area=area),
        "breadcrumbs": staff_breadcrumbs(area, (_("Plánovací období a skupiny"), None)),
    })


@area_permission_required(MANAGE)
def period_edit(request, pk=None):
    area = request.area
    period = _period(request, pk) if pk else None
    form = PlanningPeriodForm(request.POST or None, instance=period, area=area)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in ("name", "start_year", "end_year", "is_current")}
        try:
            if period is None:
                period = services.period_create(area=area, **data)
            else:
                period = services.period_update(period=period, **data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Plánovací období „%(name)s“ je uloženo.") % {"name": period.name})
            return redirect(_groups_url(period) if pk is None else _periods_url(area))
    title = _("Upravit plánovací období") if pk else _("Nové plánovací období")
    return render(request, "structures/organisation/form.html", {
        "form": form, "title": title, "object": period, "history_model": "planning-period",
        "eyebrow": period.name if pk else _("Plánovací období"),
        "intro": None if pk else _("Po uložení můžete do nového období převzít skupiny z dosavadního období, nebo založit nové."),
        "back_url": _periods_url(area),
        "breadcrumbs": _crumbs(area, (title, None)),
    })


@require_POST
@area_permission_required(MANAGE)
def period_make_current(request, pk):
    period = _period(request, pk)
    try:
        services.period_update(period=period, name=period.name, start_year=period.start_year, end_year=period.end_year, is_current=True)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Aktuálním obdobím je nyní „%(name)s“. Veřejné stránky skupin ukazují jeho skupiny.") % {"name": period.name})
    return redirect(_groups_url(period))


@area_permission_required(MANAGE)
def period_groups(request, pk):
    area = request.area
    period = _period(request, pk)
    groups = selectors.period_groups(period=period)
    others = [item for item in selectors.area_periods(area=area) if item.pk != period.pk]
    return render(request, "structures/organisation/period_groups.html", {
        "period": period, "phase": selectors.period_phase(period), "others": others, **groups,
        "breadcrumbs": _crumbs(area, (period.name, None)),
    })


@area_permission_required(MANAGE)
def group_edit(request, period_pk, pk=None):
    """Create or change a group of the period; ``?nadrazena=<id>`` starts a subgroup of that working group."""
    area = request.area
    period = _period(request, period_pk)
    group = _group(request, period, pk, "structures.change_group") if pk else None
    initial = {}
    if group is None and parse_id(request.GET.get("nadrazena")):
        initial = {"kind": Group.Kind.SUBGROUP, "parent": parse_id(request.GET.get("nadrazena"))}
    form = GroupForm(request.POST or None, instance=group, period=period, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in
                ("kind", "name", "slug", "purpose", "parent", "target_groups", "is_public", "order")}
        data["order"] = data["order"] or 0
        try:
            group = services.group_update(group=group, **data) if group else services.group_create(period=period, **data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Skupina „%(name)s“ je uložena.") % {"name": group.name})
            return redirect(_groups_url(period))
    title = _("Upravit skupinu") if group else _("Nová skupina")
    return render(request, "structures/organisation/form.html", {
        "form": form, "title": title, "object": group, "history_model": "group", "group": group,
        "eyebrow": f"{group.name} · {period.name}" if group else period.name,
        "back_url": _groups_url(period),
        "breadcrumbs": _crumbs(area, (period.name, _groups_url(period)), (title, None)),
    })


@require_POST
@area_permission_required(MANAGE)
def group_archive(request, period_pk, pk):
    period = _period(request, period_pk)
    group = _group(request, period, pk, "structures.archive_group")
    archived = services.group_archive(group=group)
    if len(archived) > 1:
        messages.success(request, ngettext(
            "Skupina „%(name)s“ a %(count)d její podskupina jsou archivovány. Zmizely ze seznamů a veřejných stránek; "
            "setkání, zápisy a historie zůstávají.",
            "Skupina „%(name)s“ a %(count)d jejích podskupin jsou archivovány. Zmizely ze seznamů a veřejných stránek; "
            "setkání, zápisy a historie zůstávají.", len(archived) - 1) % {"name": group.name, "count": len(archived) - 1})
    else:
        messages.success(request, _("Skupina „%(name)s“ je archivována. Zmizela ze seznamů a veřejných stránek; "
                                    "setkání, zápisy a historie zůstávají.") % {"name": group.name})
    return redirect(_groups_url(period))


@require_POST
@area_permission_required(MANAGE)
def group_restore(request, period_pk, pk):
    period = _period(request, period_pk)
    group = _group(request, period, pk, "structures.restore_group")
    try:
        services.group_restore(group=group)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Skupina „%(name)s“ je obnovena.") % {"name": group.name})
    return redirect(_groups_url(period))


def _default_source(period, others):
    """The period groups are most likely carried over from: the one just before, else the current one."""
    earlier = [item for item in others if item.start_year < period.start_year]
    return max(earlier, key=lambda item: item.start_year, default=None) or next((item for item in others if item.is_current), None)


@area_permission_required(MANAGE)
def period_carry_over(request, pk):
    """Set up the period's groups from another period's in one step (``?z=<id>`` picks the source period)."""
    area = request.area
    target = _period(request, pk)
    others = [item for item in selectors.area_periods(area=area) if item.pk != target.pk]
    chosen = request.GET.get("z", "")
    source = next((item for item in others if str(item.pk) == chosen), None) or _default_source(target, others)
    candidates, present = [], []
    if source is not None:
        taken = set(Group.objects.filter(period=target).values_list("slug", flat=True))
        for group, depth in selectors.flatten_tree(selectors.period_groups(period=source)["tree"]):
            (present if group.slug in taken else candidates).append((group, depth))
    form = CarryOverForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and source is not None and form.is_valid():
        try:
            created, members = services.groups_carry_over(groups=form.cleaned_data["groups"], target=target,
                                                          members=form.cleaned_data["members"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Období „%(target)s“ převzalo %(groups)s a %(members)s. Období „%(source)s“ zůstalo beze změny.") % {
                "target": target.name, "source": source.name,
                "groups": ngettext("%(count)d skupinu", "%(count)d skupin", len(created)) % {"count": len(created)},
                "members": ngettext("%(count)d člena", "%(count)d členů", members) % {"count": members},
            })
            return redirect(_groups_url(target))
    title = _("Převzít skupiny z jiného období")
    return render(request, "structures/organisation/carry_over.html", {
        "form": form, "target": target, "source": source, "others": others, "present": present, "title": title,
        "breadcrumbs": _crumbs(area, (target.name, _groups_url(target)), (title, None)),
    })
