"""Test data of the plan: a small plan whose sums are easy to check by hand.

``small_plan(area)`` makes a plan for 2025–2027 with two priorities, three goals, four measures and three
activities, and costs (CZK):

- measure 1.1.1: 2025 obec 100 000, 2025 kraj 50 000, 2026 obec 120 000;
  its activity 1.1.1.1: 2026 mpsv 30 000
- measure 1.1.2: 2027 eu 1 000 000
- measure 1.2.1: no costs
- measure 2.1.1: 2025 obec 10 000.50, activity 2.1.1.1: 2025 obec 0.25

Totals: plan 1 310 000.75; 2025: 160 000.75; 2026: 150 000; 2027: 1 000 000; obec 230 000.75;
priority 1: 1 300 000, priority 2: 10 000.75.
"""

from decimal import Decimal

from openkp.structures.models import Group, PlanningPeriod

from ..models import Activity, Cost, Goal, Indicator, IndicatorTarget, Measure, Plan, Priority
from ..services.budget import funding_sources
from ..services.hierarchy import add


def plan_factory(area, *, title="Komunitní plán 2025–2027", start_year=2025, end_year=2027, **fields):
    return Plan.objects.create(area=area, title=title, start_year=start_year, end_year=end_year, **fields)


def working_group(area, *, name="Senioři", slug="seniori"):
    period = PlanningPeriod.objects.get_or_create(area=area, name="Období 2025–2027", defaults={"start_year": 2025, "end_year": 2027})[0]
    return Group.objects.get_or_create(area=area, period=period, slug=slug, defaults={"name": name})[0]


def priority(plan, title, **fields):
    return add(Priority(area=plan.area, plan=plan, title=title, **fields))


def goal(priority_, title, **fields):
    return add(Goal(area=priority_.area, plan=priority_.plan, priority=priority_, title=title, **fields))


def measure(goal_, title, **fields):
    fields.setdefault("responsible_party", "Odbor sociálních věcí")
    fields.setdefault("start_year", goal_.plan.start_year)
    fields.setdefault("end_year", goal_.plan.end_year)
    return add(Measure(area=goal_.area, plan=goal_.plan, goal=goal_, title=title, **fields))


def activity(measure_, title, **fields):
    fields.setdefault("start_year", measure_.start_year)
    fields.setdefault("end_year", measure_.end_year)
    return add(Activity(area=measure_.area, plan=measure_.plan, measure=measure_, title=title, **fields))


def cost(measure_, year, source_code, amount, *, activity_=None):
    source = next(s for s in funding_sources(measure_.area) if s.code == source_code)
    return Cost.objects.create(area=measure_.area, plan=measure_.plan, measure=measure_, activity=activity_, year=year,
                               source=source, amount=Decimal(amount))


def indicator(measure_, name, *, kind=Indicator.Kind.OUTPUT, unit="osoby", targets=None, **fields):
    created = Indicator.objects.create(area=measure_.area, plan=measure_.plan, measure=measure_, name=name, kind=kind, unit=unit,
                                       **fields)
    for year, value in (targets or {}).items():
        IndicatorTarget.objects.create(area=measure_.area, indicator=created, year=year, value=Decimal(value))
    return created


def small_plan(area, *, group=None):
    plan = plan_factory(area)
    p1 = priority(plan, "Senioři", group=group)
    p2 = priority(plan, "Průřezová témata", is_cross_cutting=True)
    g11 = goal(p1, "Podpora života seniorů v domácím prostředí")
    g12 = goal(p1, "Dostupné pobytové služby")
    g21 = goal(p2, "Informovanost o službách")
    m111 = measure(g11, "Zachování pečovatelské služby", kind=Measure.Kind.KEEP)
    m112 = measure(g11, "Rozšíření odlehčovacích služeb", kind=Measure.Kind.EXPAND)
    measure(g12, "Nový domov se zvláštním režimem", kind=Measure.Kind.NEW)
    m211 = measure(g21, "Katalog sociálních služeb", kind=Measure.Kind.RELATED)
    a1 = activity(m111, "Financování terénní péče")
    activity(m111, "Kampaň pro pečující")
    a2 = activity(m211, "Tisk katalogu")
    cost(m111, 2025, "obec", "100000")
    cost(m111, 2025, "kraj", "50000")
    cost(m111, 2026, "obec", "120000")
    cost(m111, 2026, "mpsv", "30000", activity_=a1)
    cost(m112, 2027, "eu", "1000000")
    cost(m211, 2025, "obec", "10000.50")
    cost(m211, 2025, "obec", "0.25", activity_=a2)
    indicator(m111, "Počet klientů pečovatelské služby", targets={2025: 300, 2026: 320, 2027: 340})
    indicator(m111, "Podíl klientů, kteří zůstali doma", kind=Indicator.Kind.IMPACT, unit="%", targets={2027: 80})
    return plan


# Data of the analytical chapters: catalogue services, needs, demographic figures, groups and their members -----------

def catalog_service(area, name, *, section=None, provider, target_groups=(), capacities=(), **fields):
    """A public service of the area's catalogue; ``capacities``: ``[(form, capacity type number, count)]``,
    e.g. ``[("ter", "klient", 100)]``. Without ``section`` a related activity."""
    from openkp.catalog.models import Capacity, CapacityType, Service, ServiceForm, ServiceType, TargetGroup

    if section is None:
        fields.setdefault("kind", Service.Kind.RELATED_ACTIVITY)
    service = Service.objects.create(area=area, name=name, provider=provider,
                                     service_type=ServiceType.objects.get(section=section) if section else None, **fields)
    service.target_groups.set(TargetGroup.objects.filter(name__in=target_groups))
    for form, capacity_type, count in capacities:
        service_form = ServiceForm.objects.get_or_create(service=service, form=form)[0]
        Capacity.objects.create(service_form=service_form, count=count,
                                capacity_type=CapacityType.objects.get(code=f"TypKapacitySocialniSluzby/{capacity_type}"))
    return service


def need(area, title, *, urgency="medium", status="accepted", target_groups=(), gaps=0, group=None):
    from openkp.catalog.models import TargetGroup
    from openkp.needs.models import Gap, Need

    created = Need.objects.create(area=area, title=title, urgency=urgency, status=status, group=group)
    created.target_groups.set(TargetGroup.objects.filter(name__in=target_groups))
    for number in range(gaps):
        Gap.objects.create(area=area, need=created, title=f"Chybějící služba {number + 1}")
    return created


def figure(area, indicator, year, value, *, part=None, municipality=None, unit="osob", source="ČSÚ"):
    from openkp.needs.models import DemographicFigure

    return DemographicFigure.objects.create(area=area, indicator=indicator, year=year, value=Decimal(value), part=part,
                                            municipality=municipality, unit=unit, source=source)


def planning_group(period, name, *, kind=Group.Kind.WORKING, order=0, **fields):
    from django.utils.text import slugify

    return Group.objects.create(area=period.area, period=period, kind=kind, name=name, slug=slugify(name), order=order, **fields)


def group_member(group, name, *, triad="provider", organisation=None, email="", **fields):
    from openkp.structures.models import GroupMember

    return GroupMember.objects.create(area=group.area, group=group, name=name, triad_role=triad, organisation=organisation,
                                      email=email, **fields)


def chapter(plan, kind, *, title=None, body=""):
    from ..models import Chapter

    position = Chapter.objects.filter(plan=plan).count() + 1
    return Chapter.objects.create(area=plan.area, plan=plan, kind=kind, title=title or str(Chapter.Kind(kind).label), body=body,
                                  position=position)
