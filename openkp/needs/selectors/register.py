"""Reads of the needs register, the needs-and-services maps and the demographic figures.

Every read starts from the area; list pages load related rows in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.utils.translation import gettext as _

from openkp.catalog.models import Service
from openkp.catalog.services import czech_sort_key
from openkp.core.models import Municipality, MunicipalityPart
from openkp.core.typography import format_number
from openkp.structures.models import Group
from openkp.structures.selectors import chosen_period

from ..models import DemographicFigure, Gap, Need, NeedsMap, Urgency

URGENCY_RANK = Case(When(urgency=Urgency.HIGH, then=Value(0)), When(urgency=Urgency.MEDIUM, then=Value(1)),
                    default=Value(2), output_field=IntegerField())
ORDERINGS = {
    "nalehavost": ("urgency_rank", "-created_at", "-pk"),
    "nejnovejsi": ("-created_at", "-pk"),
    "nejstarsi": ("created_at", "pk"),
}
NOT_REJECTED = ~Q(status=Need.Status.REJECTED)


# Places ----------------------------------------------------------------------------------------------------------

def area_municipalities(*, area):
    return Municipality.objects.filter(areas=area).order_by("name")


def area_districts(*, area):
    """City districts of the area's municipalities (where the area has them), Czech-alphabetically."""
    parts = MunicipalityPart.objects.filter(municipality__areas=area, kind=MunicipalityPart.Kind.CITY_DISTRICT).select_related("municipality")
    return sorted(parts, key=lambda part: czech_sort_key(part.name))


# The register ----------------------------------------------------------------------------------------------------

def need_list(*, area, group=None, target_group=None, municipality=None, part=None, status="", urgency="", query="",
              order="nalehavost"):
    """The area's needs filtered and ordered for the register page, with counts of services and gaps."""
    needs = (Need.objects.for_area(area).select_related("group")
             .prefetch_related("target_groups", "municipalities", "parts")
             .annotate(urgency_rank=URGENCY_RANK, service_count=Count("services", distinct=True), gap_count=Count("gaps", distinct=True)))
    if group is not None:
        needs = needs.filter(group=group)
    if target_group is not None:
        needs = needs.filter(pk__in=Need.objects.filter(target_groups=target_group).values("pk"))
    if municipality is not None:
        # A need in a city district is also a need of its city.
        needs = needs.filter(pk__in=Need.objects.filter(Q(municipalities=municipality) | Q(parts__municipality=municipality)).values("pk"))
    if part is not None:
        needs = needs.filter(pk__in=Need.objects.filter(parts=part).values("pk"))
    if status:
        needs = needs.filter(status=status)
    if urgency:
        needs = needs.filter(urgency=urgency)
    if query:
        needs = needs.filter(Q(title__icontains=query) | Q(description__icontains=query) | Q(raised_by__icontains=query))
    return needs.order_by(*ORDERINGS.get(order, ORDERINGS["nalehavost"]))


def status_counts(needs):
    """``[(status, label, count)]`` of a (filtered) list of needs, every status listed."""
    counts = dict(needs.order_by().values_list("status").annotate(total=Count("pk", distinct=True)))
    return [(value, label, counts.get(value, 0)) for value, label in Need.Status.choices]


def need_detail(*, area, pk):
    """One need of the area with everything its page shows (evidence, services, gaps), or None."""
    return (Need.objects.for_area(area).select_related("group", "area")
            .prefetch_related(
                "target_groups", "municipalities", "parts__municipality",
                "questions__version__survey", "themes__survey", "swot_items__analysis__group",
                "minutes__meeting__group", figures_prefetch(),
                services_prefetch(), Prefetch("gaps", queryset=Gap.objects.select_related("service_type")))
            .filter(pk=pk).first())


def figures_prefetch(lookup="figures"):
    return Prefetch(lookup, queryset=DemographicFigure.objects.select_related("municipality", "part").order_by("indicator", "year"))


def services_prefetch(lookup="services"):
    """The services of needs with what the map shows of them: provider, capacities and places."""
    return Prefetch(lookup, queryset=Service.objects.select_related("provider", "service_type").prefetch_related(
        "forms__capacities__capacity_type", "facilities__municipality", "facilities__part"))


@dataclass
class ServiceSummary:
    """A catalogue service as the register and the map show it."""

    service: object
    capacity: str = ""
    places: str = ""


def service_summary(service):
    """Capacity per form (never summed across forms) and the places of its facilities, from prefetched rows."""
    capacities = []
    for service_form in service.forms.all():
        for capacity in service_form.capacities.all():
            capacities.append(f"{service_form.get_form_display()} – {str(capacity.capacity_type.name).lower()}: {format_number(capacity.count)}")
    places = []
    for facility in service.facilities.all():
        place = facility.part.name if facility.part else (facility.municipality.name if facility.municipality else "")
        if place and place not in places:
            places.append(place)
    return ServiceSummary(service=service, capacity="; ".join(capacities), places=", ".join(places))


def evidence_count(need):
    return sum(len(getattr(need, name).all()) for name in ("questions", "themes", "swot_items", "minutes", "figures"))


# The needs-and-services maps -------------------------------------------------------------------------------------

def map_groups(*, area, period):
    """Working groups of the period with counts of their needs (without rejected ones), of needs that some
    service answers, and of gaps; and whether the map's texts were written."""
    active = Q(needs__status__in=[value for value in Need.Status.values if value != Need.Status.REJECTED])
    return list(
        Group.objects.for_area(area).filter(period=period, kind=Group.Kind.WORKING)
        .prefetch_related("target_groups")
        .annotate(
            need_count=Count("needs", filter=active, distinct=True),
            covered_count=Count("needs", filter=active & Q(needs__services__isnull=False), distinct=True),
            gap_count=Count("needs__gaps", filter=active, distinct=True),
            has_map=Exists(NeedsMap.objects.filter(group=OuterRef("pk"), period=OuterRef("period"))),
        )
        .order_by("order", "name")
    )


def map_group(*, area, slug, period=None):
    """A group of the area by its slug: in ``period`` when given, else in the latest period that has it."""
    groups = Group.objects.for_area(area).filter(slug=slug).select_related("period", "area").prefetch_related("target_groups")
    if period is not None:
        chosen = groups.filter(period=period).first()
        if chosen is not None:
            return chosen
    return groups.order_by("-period__start_year").first()


@dataclass
class MapRow:
    need: object
    services: list = field(default_factory=list)
    gaps: list = field(default_factory=list)


def map_rows(*, group):
    """One row per need of the group (rejected ones left out): the services that answer it and its gaps."""
    needs = (Need.objects.for_area(group.area).filter(group=group).filter(NOT_REJECTED)
             .prefetch_related("target_groups", services_prefetch(), Prefetch("gaps", queryset=Gap.objects.select_related("service_type")))
             .annotate(urgency_rank=URGENCY_RANK).order_by("urgency_rank", "created_at", "pk"))
    return [MapRow(need=need, services=[service_summary(service) for service in need.services.all()], gaps=list(need.gaps.all()))
            for need in needs]


def map_figures(*, group):
    """Demographic figures the group's needs cite (the group's target groups' figures), as tables by indicator."""
    figures = DemographicFigure.objects.for_area(group.area).filter(
        pk__in=Need.objects.filter(group=group).filter(NOT_REJECTED).values("figures"))
    return figure_tables(figures)


def map_title(group):
    """The chapter's title: the group's target groups when it has them, else the group's name."""
    names = [str(target) for target in group.target_groups.all()]
    if not names:
        subject = group.name
    elif len(names) == 1:
        subject = names[0]
    else:
        subject = _("%(first)s a %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
    return _("Analýza současného stavu cílové skupiny %(subject)s") % {"subject": subject}


# Demographic figures ---------------------------------------------------------------------------------------------

@dataclass
class FigureTable:
    """One indicator: a row per place, a column per year."""

    indicator: str
    unit: str
    years: list
    rows: list  # [(place name, [formatted value or None per year])]


def format_figure(value):
    """``21350`` → ``21 350``, ``12.50`` → ``12,50``; None stays None (no figure for that year)."""
    if value is None:
        return None
    return format_number(value, 0 if value == value.to_integral_value() else 2)


def place_name(figure):
    return figure.part.name if figure.part else (figure.municipality.name if figure.municipality else "—")


def figure_tables(figures):
    """Figures (a queryset) as one table per indicator; places in Czech alphabetical order, years ascending."""
    figures = list(figures.select_related("municipality", "part").order_by("indicator", "year"))
    tables = []
    for indicator in sorted({figure.indicator for figure in figures}, key=czech_sort_key):
        own = [figure for figure in figures if figure.indicator == indicator]
        years = sorted({figure.year for figure in own})
        by_place = {}
        for figure in own:
            by_place.setdefault(place_name(figure), {})[figure.year] = figure.value
        rows = [(place, [format_figure(values.get(year)) for year in years])
                for place, values in sorted(by_place.items(), key=lambda item: czech_sort_key(item[0]))]
        tables.append(FigureTable(indicator=indicator, unit=own[0].unit, years=years, rows=rows))
    return tables


def demography_figures(*, area, indicator="", municipality=None, part=None):
    """The area's figures, optionally of one indicator and one place (a city includes its districts)."""
    figures = DemographicFigure.objects.for_area(area)
    if indicator:
        figures = figures.filter(indicator=indicator)
    if part is not None:
        figures = figures.filter(part=part)
    elif municipality is not None:
        figures = figures.filter(municipality=municipality)
    return figures


def area_indicators(*, area):
    return sorted(set(DemographicFigure.objects.for_area(area).values_list("indicator", flat=True)), key=czech_sort_key)


def published_maps(*, area):
    """Maps shown to the public (views.maps.is_published_map): of published groups of the current period, with
    their conclusions written; in the groups' order."""
    period = chosen_period(area=area)
    if period is None:
        return []
    return list(NeedsMap.objects.for_area(area).filter(period=period, group__period=period, group__is_public=True)
                .exclude(conclusions="").select_related("group").order_by("group__order", "group__name"))
