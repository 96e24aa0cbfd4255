"""The parts of the analytical chapters generated from live data: the catalogue, the needs analysis,
demographic figures and the planning structures.

``generated_part(chapter)`` returns ``{"paragraphs": [str], "tables": [{"caption", "headers", "rows", "numeric"}]}``,
plain data that the public page, the DOCX and the PDF render alike and that a named version freezes. Cells are
strings (numbers already formatted the Czech way); ``numeric`` lists the indexes of columns to align right.
Each kind reads its area in a fixed number of queries, whatever the amount of data.
"""

from datetime import date

from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from openkp.catalog.models import Capacity, Service
from openkp.catalog.services import czech_sort_key
from openkp.core.typography import czech_typography, format_number
from openkp.needs.models import DemographicFigure, Gap, Need, Urgency
from openkp.needs.selectors.coding import cross_cutting_themes
from openkp.needs.selectors.register import URGENCY_RANK, format_figure
from openkp.structures.models import Group, GroupMember, Meeting, PlanningPeriod, TriadRole

from ..models import Chapter

DASH = "–"
URGENT_NEEDS_LIMIT = 10
# Capacity types by their MPSV code number, in the order of the columns, with a short column label.
CAPACITY_COLUMNS = {"klient": "klienti", "luzka": "lůžka", "kontakt": "kontakty", "interv": "intervence", "hovor": "hovory"}
# Units of figures that are counts of people, so that the figures of the places add up.
COUNTED_UNITS = {"osob", "osoby", "obyvatel", "obyvatelé"}


def readable(chapters):
    """The chapters ready to be read on a page: ``html`` (the sanitised Markdown) and ``part`` (the generated part
    from live data) on each; returns them."""
    from .register import render_markdown

    for chapter in chapters:
        chapter.html = render_markdown(chapter.body)
        chapter.part = generated_part(chapter)
    return chapters


def generated_part(chapter):
    """The generated part of a chapter; empty for a chapter of its own text."""
    builder = BUILDERS.get(chapter.kind)
    part = builder(chapter) if builder else {"paragraphs": [], "tables": []}
    part["paragraphs"] = [czech_typography(paragraph) for paragraph in part["paragraphs"]]
    for table in part["tables"]:
        table["caption"] = czech_typography(table["caption"])
    return part


def _table(caption, headers, rows, numeric, totals=0):
    """``totals``: how many last rows are sums."""
    return {"caption": caption, "headers": list(headers), "rows": [list(row) for row in rows], "numeric": list(numeric),
            "totals": totals}


def _number(value):
    return format_number(value) if value else DASH


def _counted(message, number):
    """``ngettext("%(count)s služba", "%(count)s služeb", n)`` passed as ``message``, with the number formatted the
    Czech way; the catalogues hold the plural forms (three in Czech)."""
    return message % {"count": format_number(number)}


def _codebook_name(name, code):
    """The name of a codebook entry read with ``values()``, or its number when an import left it unnamed."""
    return name or _("položka č. %(number)s") % {"number": (code or "?").rpartition("/")[2]}


# Services ------------------------------------------------------------------------------------------------------------

def _services(chapter):
    public = Service.objects.filter(area_id=chapter.area_id).public()
    registered = public.services()
    totals = public.aggregate(
        services=Count("pk", filter=Q(kind=Service.Kind.SERVICE)),
        providers=Count("provider", distinct=True, filter=Q(kind=Service.Kind.SERVICE)),
        activities=Count("pk", filter=Q(kind=Service.Kind.RELATED_ACTIVITY)),
    )
    by_type = list(registered.order_by().values("service_type_id", "service_type__section", "service_type__name", "service_type__code",
                                                "service_type__order")
                   .annotate(services=Count("pk", distinct=True), providers=Count("provider", distinct=True)))
    capacities = list(Capacity.objects.filter(service_form__service__in=registered).order_by()
                      .values_list("service_form__service__service_type_id", "capacity_type__code", "capacity_type__name")
                      .annotate(total=Sum("count")))
    through = Service.target_groups.through
    by_target = list(through.objects.filter(service__in=public).order_by()
                     .values_list("targetgroup__name", "targetgroup__code", "service__kind").annotate(count=Count("service_id", distinct=True)))

    if not totals["services"] and not totals["activities"]:
        return {"paragraphs": [_("Katalog území zatím neobsahuje žádné zveřejněné služby ani související aktivity.")], "tables": []}
    paragraphs = [_("Přehled vychází z veřejného katalogu sociálních služeb a souvisejících aktivit území. "
                    "Registrované sociální služby: %(services)s od %(providers)s. Související aktivity: %(activities)s.") % {
        "services": format_number(totals["services"]), "activities": format_number(totals["activities"]),
        "providers": _counted(ngettext("%(count)s poskytovatele", "%(count)s poskytovatelů", totals["providers"]), totals["providers"]),
    }]
    tables = []
    if by_type:
        tables.append(_services_by_type(by_type, capacities, totals, paragraphs))
    if by_target:
        tables.append(_services_by_target_group(by_target))
    return {"paragraphs": paragraphs, "tables": tables}


def _capacity_order(code):
    number = (code or "").rpartition("/")[2]
    columns = list(CAPACITY_COLUMNS)
    return (columns.index(number) if number in columns else len(columns), number)


def _services_by_type(by_type, capacities, totals, paragraphs):
    kinds = sorted({(code, name) for _type, code, name, _total in capacities}, key=lambda kind: _capacity_order(kind[0]))
    labels = [CAPACITY_COLUMNS.get((code or "").rpartition("/")[2]) or _codebook_name(name, code) for code, name in kinds]
    column = {code: index for index, (code, _name) in enumerate(kinds)}
    capacity = {}
    for type_id, code, _name, total in capacities:
        capacity.setdefault(type_id, [0] * len(kinds))[column[code]] += total
    sums = [sum(values[index] for values in capacity.values()) for index in range(len(kinds))]

    by_type.sort(key=lambda row: (row["service_type_id"] is None, row["service_type__order"] or 0, row["service_type__section"] or ""))
    rows = []
    for row in by_type:
        if row["service_type_id"] is None:
            section, name = "", _("druh služby neuveden")
        else:
            section, name = row["service_type__section"] or "", _codebook_name(row["service_type__name"], row["service_type__code"])
        values = capacity.get(row["service_type_id"], [0] * len(kinds))
        rows.append([section, name, format_number(row["services"]), format_number(row["providers"]), *map(_number, values)])
    rows.append(["", _("Celkem"), format_number(totals["services"]), format_number(totals["providers"]), *map(_number, sums)])

    largest = max(by_type, key=lambda row: row["services"])
    if largest["service_type_id"] is not None:
        paragraphs.append(_("Nejvíce služeb má druh § %(section)s %(name)s (%(count)s).") % {
            "section": largest["service_type__section"], "count": format_number(largest["services"]),
            "name": _codebook_name(largest["service_type__name"], largest["service_type__code"])})
    if kinds:
        paragraphs.append(_("Registrovaná kapacita služeb celkem: %(capacities)s. Kapacita je součtem kapacit všech forem služeb "
                            "(ambulantní, pobytové, terénní); člověk, který využívá více forem, může být započten vícekrát.") % {
            "capacities": ", ".join(f"{label} {format_number(total)}" for label, total in zip(labels, sums))})
    headers = [_("§"), _("Druh služby"), _("Služeb"), _("Poskytovatelů"), *labels]
    return _table(_("Registrované sociální služby podle druhu a jejich kapacita"), headers, rows, range(2, len(headers)),
                  totals=1 if rows else 0)


def _services_by_target_group(by_target):
    counts = {}
    for name, code, kind, count in by_target:
        entry = counts.setdefault(_codebook_name(name, code), {Service.Kind.SERVICE: 0, Service.Kind.RELATED_ACTIVITY: 0})
        entry[kind] += count
    ordered = sorted(counts.items(), key=lambda item: (-item[1][Service.Kind.SERVICE], -item[1][Service.Kind.RELATED_ACTIVITY],
                                                       czech_sort_key(item[0])))
    rows = [[name, format_number(entry[Service.Kind.SERVICE]), format_number(entry[Service.Kind.RELATED_ACTIVITY])] for name, entry in ordered]
    return _table(_("Služby a související aktivity podle cílových skupin (jedna služba může sloužit více skupinám)"),
                  [_("Cílová skupina"), _("Registrované služby"), _("Související aktivity")], rows, [1, 2])


# Needs ---------------------------------------------------------------------------------------------------------------

URGENCIES = [Urgency.HIGH, Urgency.MEDIUM, Urgency.LOW]


def _needs(chapter):
    everything = Need.objects.filter(area_id=chapter.area_id)
    needs = everything.exclude(status=Need.Status.REJECTED)
    by_state = list(everything.order_by().values_list("urgency", "status").annotate(count=Count("pk")))
    by_target = list(needs.order_by().values_list("target_groups__name", "target_groups__code", "urgency")
                     .annotate(count=Count("pk", distinct=True)))
    gaps = Gap.objects.filter(need__in=needs).count()
    urgent = list(needs.select_related("group").prefetch_related("target_groups")
                  .annotate(urgency_rank=URGENCY_RANK, gap_count=Count("gaps"))
                  .order_by("urgency_rank", F("group__order").asc(nulls_last=True), "title", "pk")[:URGENT_NEEDS_LIMIT])
    themes, groups_total = cross_cutting_themes(area=chapter.area_id)

    rejected = sum(count for _urgency, status, count in by_state if status == Need.Status.REJECTED)
    by_urgency = {urgency: 0 for urgency in URGENCIES}
    by_status = {status: 0 for status in Need.Status.values}
    for urgency, status, count in by_state:
        by_status[status] += count
        if status != Need.Status.REJECTED:
            by_urgency[urgency] += count
    total = sum(by_urgency.values())

    if not total:
        paragraphs = [_("Registr potřeb zatím neobsahuje žádné potřeby.")]
    else:
        paragraphs = [_("Registr potřeb obsahuje %(needs)s (zamítnuté nejsou započteny: %(rejected)s). Podle naléhavosti: %(urgency)s. "
                        "Podle stavu: %(status)s. Chybějící služby a kapacity zapsané k potřebám: %(gaps)s.") % {
            "needs": _counted(ngettext("%(count)s potřebu", "%(count)s potřeb", total), total), "rejected": format_number(rejected), "gaps": format_number(gaps),
            "urgency": ", ".join(f"{Urgency(urgency).label} {format_number(count)}" for urgency, count in by_urgency.items()),
            "status": ", ".join(f"{Need.Status(status).label} {format_number(by_status[status])}"
                                for status in Need.Status.values if status != Need.Status.REJECTED),
        }]
    tables = []
    if total:
        tables.append(_needs_by_target_group(by_target, by_urgency))
        tables.append(_urgent_needs(urgent, total))
    if themes:
        paragraphs.append(_("Průřezová témata jsou témata otevřených odpovědí v dotaznících, která se objevila u více cílových skupin "
                            "respondentů (respondenti s kódovanými odpověďmi patří celkem do %(groups)s). Témata jsou seřazena podle počtu skupin, "
                            "u nichž se objevila.") % {"groups": _counted(ngettext("%(count)s cílové skupiny", "%(count)s cílových skupin", groups_total), groups_total)})
        tables.append(_themes(themes))
    return {"paragraphs": paragraphs, "tables": tables}


def _needs_by_target_group(by_target, by_urgency):
    rows_by_group = {}
    for name, code, urgency, count in by_target:
        label = _codebook_name(name, code) if (name or code) else None
        rows_by_group.setdefault(label, {value: 0 for value in URGENCIES})[urgency] += count
    ordered = sorted(rows_by_group.items(), key=lambda item: (item[0] is None, -sum(item[1].values()), czech_sort_key(item[0] or "")))
    rows = [[name or _("bez určené cílové skupiny"), *(format_number(counts[value]) for value in URGENCIES),
             format_number(sum(counts.values()))] for name, counts in ordered]
    rows.append([_("Potřeb celkem"), *(format_number(by_urgency[value]) for value in URGENCIES), format_number(sum(by_urgency.values()))])
    headers = [_("Cílová skupina"), *(_("naléhavost %(level)s") % {"level": Urgency(value).label} for value in URGENCIES), _("Celkem")]
    return _table(_("Potřeby podle cílových skupin a naléhavosti (potřeba více skupin je u každé z nich)"), headers, rows, [1, 2, 3, 4])


def _urgent_needs(urgent, total):
    rows = [[need.title, ", ".join(sorted((str(target) for target in need.target_groups.all()), key=czech_sort_key)) or DASH,
             need.group.name if need.group else DASH, str(need.get_urgency_display()), str(need.get_status_display()),
             format_number(need.gap_count)] for need in urgent]
    caption = _("Nejnaléhavější potřeby") if len(urgent) == total else _("Nejnaléhavější potřeby (%(shown)s z %(total)s)") % {
        "shown": format_number(len(urgent)), "total": format_number(total)}
    headers = [_("Potřeba"), _("Cílové skupiny"), _("Pracovní skupina"), _("Naléhavost"), _("Stav"), _("Chybějící služby")]
    return _table(caption, headers, rows, [5])


def _themes(themes):
    rows = [[theme.name, ", ".join(group.name or str(group) for group, _count in theme.groups_by_count), format_number(theme.group_count),
             format_number(theme.answers)] for theme in themes]
    return _table(_("Průřezová témata z dotazníků"), [_("Téma"), _("Cílové skupiny"), _("Počet skupin"), _("Kódovaných odpovědí")], rows, [2, 3])


# Demography ----------------------------------------------------------------------------------------------------------

def _demography(chapter):
    figures = list(DemographicFigure.objects.filter(area_id=chapter.area_id).order_by()
                   .values_list("indicator", "unit", "year", "value", "source", "part_id", "part__name", "municipality__name"))
    if not figures:
        return {"paragraphs": [_("Demografické údaje zatím nejsou zadány.")], "tables": []}
    latest = {}  # (indicator, place) -> (year, value)
    units, sources, places, kinds = {}, set(), {}, set()
    for indicator, unit, year, value, source, part_id, part_name, municipality_name in figures:
        place = part_name or municipality_name or DASH
        places[place] = part_id is not None
        kinds.add(part_id is not None)
        units.setdefault(indicator, unit)
        if source:
            sources.add(source)
        if (indicator, place) not in latest or latest[(indicator, place)][0] < year:
            latest[(indicator, place)] = (year, value)
    indicators = sorted(units, key=czech_sort_key)
    ordered_places = sorted(places, key=czech_sort_key)
    years = {indicator: max(year for (name, _place), (year, _value) in latest.items() if name == indicator) for indicator in indicators}

    rows = []
    for place in ordered_places:
        cells = [place]
        for indicator in indicators:
            year, value = latest.get((indicator, place), (None, None))
            if year is None:
                cells.append(DASH)
            else:
                cells.append(format_figure(value) if year == years[indicator] else f"{format_figure(value)} ({year})")
        rows.append(cells)
    totals = 0
    if len(kinds) == 1 and len(ordered_places) > 1:  # only districts, or only municipalities: the places add up
        totals = 1
        total = [_("Celkem")]
        for indicator in indicators:
            values = [latest.get((indicator, place)) for place in ordered_places]
            adds_up = (units[indicator] or "").lower() in COUNTED_UNITS and all(item and item[0] == years[indicator] for item in values)
            total.append(format_figure(sum(item[1] for item in values)) if adds_up else "")
        rows.append(total)
    headers = [_("Městský obvod") if kinds == {True} else _("Obec") if kinds == {False} else _("Obec / městský obvod")]
    headers += [f"{indicator} ({years[indicator]}{', ' + units[indicator] if units[indicator] else ''})" for indicator in indicators]
    paragraphs = [_("Tabulka uvádí nejnovější dostupný údaj každého ukazatele za každé místo; údaj staršího roku je označen rokem "
                    "v závorce.")]
    if sources:
        paragraphs.append(_("Zdroj: %(sources)s.") % {"sources": "; ".join(sorted(sources, key=czech_sort_key))})
    return {"paragraphs": paragraphs,
            "tables": [_table(_("Demografické údaje podle míst"), headers, rows, range(1, len(headers)), totals)]}


# Organisation --------------------------------------------------------------------------------------------------------

KIND_ORDER = [Group.Kind.STEERING, Group.Kind.WORKING, Group.Kind.SUBGROUP]
TRIAD_LABELS = {TriadRole.COMMISSIONER: _lazy("zadavatelé"), TriadRole.PROVIDER: _lazy("poskytovatelé"),
                TriadRole.USER: _lazy("uživatelé a veřejnost")}


def _period(plan):
    if plan.period_id:
        return plan.period
    return (PlanningPeriod.objects.filter(area_id=plan.area_id, start_year__lte=plan.start_year, end_year__gte=plan.start_year)
            .order_by("-start_year").first())


def _organisation(chapter):
    period = _period(chapter.plan)
    if period is None:
        return {"paragraphs": [_("Plán zatím není přiřazen k období plánování, a tak nelze uvést jeho skupiny.")], "tables": []}
    groups = sorted(Group.objects.filter(area_id=chapter.area_id, period=period, is_public=True),
                    key=lambda group: (KIND_ORDER.index(group.kind), group.order, czech_sort_key(group.name)))
    if not groups:
        return {"paragraphs": [_("V období „%(period)s“ zatím nejsou zveřejněné skupiny.") % {"period": period.name}], "tables": []}
    start, end = date(period.start_year, 1, 1), date(period.end_year, 12, 31)
    members = list(GroupMember.objects.filter(group__in=groups).filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
                   .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start)).order_by()
                   .values_list("group_id", "triad_role", "organisation__name", "email", "name"))
    meetings = dict(Meeting.objects.filter(group__in=groups, is_cancelled=False, ends_at__lte=timezone.now()).order_by()
                    .values_list("group").annotate(count=Count("pk")))

    per_group = {group.pk: {"members": 0, "organisations": set(), "triad": dict.fromkeys(TriadRole.values, 0)} for group in groups}
    people, organisations = {}, set()
    for group_id, role, organisation, email, name in members:
        entry = per_group[group_id]
        entry["members"] += 1
        entry["triad"][role] = entry["triad"].get(role, 0) + 1
        if organisation:
            entry["organisations"].add(organisation)
            organisations.add(organisation)
        # A person in several groups counts once overall (by e-mail, else by name); names are not shown.
        people.setdefault((email or "").strip().lower() or (name or "").strip().lower(), role)

    counts = []
    for group in groups:
        entry = per_group[group.pk]
        counts.append([group.name, str(group.get_kind_display()), format_number(meetings.get(group.pk, 0)), format_number(entry["members"]),
                       format_number(len(entry["organisations"])), *(format_number(entry["triad"][role]) for role in TriadRole.values)])
    who = [[group.name, "; ".join(sorted(per_group[group.pk]["organisations"], key=czech_sort_key)) or DASH] for group in groups]
    by_kind = {kind: sum(1 for group in groups if group.kind == kind) for kind in KIND_ORDER}
    triad = {role: sum(1 for person_role in people.values() if person_role == role) for role in TriadRole.values}
    paragraphs = [
        _("Plán vznikal v období plánování „%(period)s“ metodou komunitního plánování: na přípravě se podíleli zadavatelé, "
          "poskytovatelé a uživatelé služeb (triáda). Skupiny: řídicí %(steering)s, pracovní %(working)s, podskupiny %(subgroups)s; "
          "uskutečněná setkání skupin: %(meetings)s.") % {
            "period": period.name, "steering": format_number(by_kind[Group.Kind.STEERING]),
            "working": format_number(by_kind[Group.Kind.WORKING]), "subgroups": format_number(by_kind[Group.Kind.SUBGROUP]),
            "meetings": format_number(sum(meetings.values()))},
        _("Zapojení lidé: %(people)s z %(organisations)s; z toho %(triad)s.") % {
            "people": format_number(len(people)),
            "organisations": _counted(ngettext("%(count)s organizace", "%(count)s organizací", len(organisations)), len(organisations)),
            "triad": ", ".join(f"{TRIAD_LABELS[role]} {format_number(count)}" for role, count in triad.items())},
    ]
    headers = [_("Skupina"), _("Druh"), _("Setkání"), _("Členů"), _("Organizací"),
               *(str(TRIAD_LABELS[role]).capitalize() for role in TriadRole.values)]
    return {"paragraphs": paragraphs, "tables": [
        _table(_("Skupiny komunitního plánování, jejich setkání a členové podle rolí v triádě"), headers, counts, range(2, len(headers))),
        _table(_("Organizace zapojené ve skupinách"), [_("Skupina"), _("Organizace")], who, []),
    ]}


BUILDERS = {
    Chapter.Kind.SERVICES: _services,
    Chapter.Kind.NEEDS: _needs,
    Chapter.Kind.DEMOGRAPHY: _demography,
    Chapter.Kind.ORGANISATION: _organisation,
}
