"""The generated parts of the analytical chapters, checked against small hand-made data."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from openkp.core.models import MunicipalityPart
from openkp.core.tests.factories import AreaFactory, OrganisationFactory
from openkp.needs.models import Theme
from openkp.needs.tests.factories import districts, respond, sample_survey
from openkp.structures.models import Group, Meeting, PlanningPeriod

from ..models import Chapter
from ..services.chapters import generated_part
from ..services.snapshot import snapshot
from . import factories

NBSP = "\u00a0"


def plain(part):
    """The part with ordinary spaces, as a reader sees it."""
    return json.loads(json.dumps(part).replace("\\u00a0", " "))


def table(part, caption_start):
    return next(table for table in part["tables"] if table["caption"].startswith(caption_start))


@pytest.fixture
def plan(area):
    return factories.plan_factory(area)


def generated(plan, kind):
    return plain(generated_part(factories.chapter(plan, kind)))


def test_a_text_chapter_has_no_generated_part(plan):
    assert generated_part(factories.chapter(plan, Chapter.Kind.TEXT, body="## Úvod")) == {"paragraphs": [], "tables": []}


# Services ------------------------------------------------------------------------------------------------------------

@pytest.fixture
def catalogue(area):
    first, second = OrganisationFactory(name="Pečovatelé, z. s."), OrganisationFactory(name="Domov Lípa, p. o.")
    factories.catalog_service(area, "Pečovatelská služba Pečovatelé", section="40", provider=first, target_groups=["senioři"],
                              capacities=[("ter", "klient", 1100)])
    factories.catalog_service(area, "Pečovatelská služba Lípa", section="40", provider=second, target_groups=["senioři", "pečující osoby"],
                              capacities=[("ter", "klient", 50), ("amb", "klient", 20)])
    factories.catalog_service(area, "Domov pro seniory Lípa", section="49", provider=first, target_groups=["senioři"],
                              capacities=[("pob", "luzka", 80)])
    factories.catalog_service(area, "Klub seniorů", provider=second, target_groups=["senioři"])
    # Not public, ended, or of another area: not counted.
    factories.catalog_service(area, "Nezveřejněný domov", section="49", provider=second, is_published=False, capacities=[("pob", "luzka", 999)])
    factories.catalog_service(area, "Ukončená služba", section="40", provider=second, status="ended", capacities=[("ter", "klient", 999)])
    factories.catalog_service(AreaFactory(slug="jinde"), "Jinde", section="40", provider=second, capacities=[("ter", "klient", 999)])


def test_services_chapter_counts_services_providers_and_capacities_by_type(plan, catalogue):
    part = generated(plan, Chapter.Kind.SERVICES)
    by_type = table(part, "Registrované sociální služby podle druhu")
    assert by_type["headers"] == ["§", "Druh služby", "Služeb", "Poskytovatelů", "klienti", "lůžka"]
    assert by_type["rows"] == [
        ["40", "pečovatelská služba", "2", "2", "1 170", "–"],
        ["49", "domovy pro seniory", "1", "1", "–", "80"],
        ["", "Celkem", "3", "2", "1 170", "80"],
    ]
    assert by_type["numeric"] == [2, 3, 4, 5]
    assert "Registrované sociální služby: 3 od 2 poskytovatelů. Související aktivity: 1." in part["paragraphs"][0]
    with translation.override("en"):
        assert "from 2 providers" in generated(plan, Chapter.Kind.SERVICES)["paragraphs"][0]
    assert "Nejvíce služeb má druh § 40 pečovatelská služba (2)." in part["paragraphs"]
    assert part["paragraphs"][2].startswith("Registrovaná kapacita služeb celkem: klienti 1 170, lůžka 80.")


def test_services_chapter_counts_services_by_target_group(plan, catalogue):
    by_target = table(generated(plan, Chapter.Kind.SERVICES), "Služby a související aktivity podle cílových skupin")
    assert by_target["headers"] == ["Cílová skupina", "Registrované služby", "Související aktivity"]
    assert by_target["rows"] == [["senioři", "3", "1"], ["pečující osoby", "1", "0"]]


def test_numbers_are_formatted_the_czech_way(plan, catalogue):
    part = generated_part(factories.chapter(plan, Chapter.Kind.SERVICES))
    assert part["tables"][0]["rows"][0][4] == f"1{NBSP}170"


def test_services_chapter_of_an_empty_catalogue(plan):
    part = generated(plan, Chapter.Kind.SERVICES)
    assert part == {"paragraphs": ["Katalog území zatím neobsahuje žádné zveřejněné služby ani související aktivity."], "tables": []}


# Needs ---------------------------------------------------------------------------------------------------------------

@pytest.fixture
def needs(area):
    group = factories.working_group(area)
    factories.need(area, "Odlehčovací služba", urgency="high", target_groups=["senioři"], gaps=2, group=group)
    factories.need(area, "Večerní pečovatelská služba", urgency="high", status="new", target_groups=["senioři", "pečující osoby"])
    factories.need(area, "Poradenství pro pečující", urgency="medium", status="covered", target_groups=["pečující osoby"])
    factories.need(area, "Informace o službách", urgency="low")
    factories.need(area, "Zamítnutý požadavek", urgency="high", status="rejected", target_groups=["senioři"], gaps=1)


def test_needs_chapter_counts_needs_by_target_group_and_urgency(plan, needs):
    part = generated(plan, Chapter.Kind.NEEDS)
    counts = table(part, "Potřeby podle cílových skupin a naléhavosti")
    assert counts["headers"] == ["Cílová skupina", "naléhavost vysoká", "naléhavost střední", "naléhavost nízká", "Celkem"]
    assert counts["rows"] == [
        ["pečující osoby", "1", "1", "0", "2"],
        ["senioři", "2", "0", "0", "2"],
        ["bez určené cílové skupiny", "0", "0", "1", "1"],
        ["Potřeb celkem", "2", "1", "1", "4"],
    ]
    assert part["paragraphs"][0] == (
        "Registr potřeb obsahuje 4 potřeby (zamítnuté nejsou započteny: 1). Podle naléhavosti: vysoká 2, střední 1, nízká 1. "
        "Podle stavu: nová 1, přijatá 2, řešena opatřením 1. Chybějící služby a kapacity zapsané k potřebám: 2.")


def test_needs_chapter_lists_the_most_urgent_needs_first(plan, needs):
    urgent = table(generated(plan, Chapter.Kind.NEEDS), "Nejnaléhavější potřeby")
    assert urgent["caption"] == "Nejnaléhavější potřeby"
    assert urgent["rows"] == [
        ["Odlehčovací služba", "senioři", "Senioři", "vysoká", "přijatá", "2"],
        ["Večerní pečovatelská služba", "pečující osoby, senioři", "–", "vysoká", "nová", "0"],
        ["Poradenství pro pečující", "pečující osoby", "–", "střední", "řešena opatřením", "0"],
        ["Informace o službách", "–", "–", "nízká", "přijatá", "0"],
    ]


def test_needs_chapter_shows_at_most_ten_urgent_needs(plan, needs):
    for number in range(8):
        factories.need(plan.area, f"Další potřeba {number}", urgency="low")
    urgent = table(generated(plan, Chapter.Kind.NEEDS), "Nejnaléhavější potřeby")
    assert urgent["caption"] == "Nejnaléhavější potřeby (10 z 12)"
    assert len(urgent["rows"]) == 10 and urgent["rows"][0][0] == "Odlehčovací služba"


def coded_answers(area):
    """Housing is mentioned by seniors and by people with disabilities, debts only by seniors."""
    survey = sample_survey(area)
    choices = {choice.label: choice.value for choice in survey.current_version.questions.get(code="skupina").choices.all()}
    seniors = next(value for label, value in choices.items() if label == "senioři")
    disabled = next(value for label, value in choices.items() if label == "osoby se zdravotním postižením")
    housing = Theme.objects.create(area=area, name="Bydlení", order=1)
    debts = Theme.objects.create(area=area, name="Dluhy", order=2)
    for group, text, theme in ((seniors, "Drahé bydlení", housing), (disabled, "Bez bytu", housing), (disabled, "Bezbariérový byt", housing),
                               (seniors, "Dluhy", debts)):
        response = respond(survey, {"skupina": group, "pomoc": "ano", "vzkaz": text})
        theme.answers.add(*response.answers.filter(question__code="vzkaz"))


def test_needs_chapter_ranks_cross_cutting_themes(plan, needs):
    coded_answers(plan.area)
    part = generated(plan, Chapter.Kind.NEEDS)
    themes = table(part, "Průřezová témata")
    assert themes["headers"] == ["Téma", "Cílové skupiny", "Počet skupin", "Kódovaných odpovědí"]
    assert themes["rows"] == [["Bydlení", "osoby se zdravotním postižením, senioři", "2", "3"]]  # debts: one group only
    assert "patří celkem do 2 cílových skupin" in part["paragraphs"][1]


def test_needs_chapter_without_needs_or_themes(plan):
    assert generated(plan, Chapter.Kind.NEEDS) == {"paragraphs": ["Registr potřeb zatím neobsahuje žádné potřeby."], "tables": []}


# Demography ----------------------------------------------------------------------------------------------------------

def test_demography_chapter_shows_the_latest_year_per_indicator_and_place(plan):
    area = plan.area
    districts(area)
    south, poruba = MunicipalityPart.objects.get(name="Ostrava-Jih"), MunicipalityPart.objects.get(name="Poruba")
    factories.figure(area, "Obyvatelé celkem", 2023, 100000, part=south)
    factories.figure(area, "Obyvatelé celkem", 2024, 101500, part=south)
    factories.figure(area, "Obyvatelé celkem", 2023, 60000, part=poruba)  # no 2024 figure yet
    factories.figure(area, "Obyvatelé 65+ let", 2024, 21000, part=south)
    factories.figure(area, "Obyvatelé 65+ let", 2024, 15500, part=poruba)
    factories.figure(area, "Podíl seniorů", 2024, "20.69", part=south, unit="%")
    factories.figure(area, "Podíl seniorů", 2024, "25", part=poruba, unit="%", source="výpočet odboru")
    factories.figure(AreaFactory(slug="jinde"), "Obyvatelé celkem", 2025, 5, part=south)

    part = generated(plan, Chapter.Kind.DEMOGRAPHY)
    figures = part["tables"][0]
    assert figures["headers"] == ["Městský obvod", "Obyvatelé celkem (2024, osob)", "Obyvatelé 65+ let (2024, osob)", "Podíl seniorů (2024, %)"]
    assert figures["rows"] == [
        ["Ostrava-Jih", "101 500", "21 000", "20,69"],
        ["Poruba", "60 000 (2023)", "15 500", "25"],
        ["Celkem", "", "36 500", ""],  # people add up; a share, or figures of different years, do not
    ]
    assert figures["numeric"] == [1, 2, 3]
    assert part["paragraphs"][1] == "Zdroj: ČSÚ; výpočet odboru."


def test_demography_chapter_without_figures(plan):
    assert generated(plan, Chapter.Kind.DEMOGRAPHY)["paragraphs"] == ["Demografické údaje zatím nejsou zadány."]


# Organisation --------------------------------------------------------------------------------------------------------

@pytest.fixture
def groups(area):
    period = PlanningPeriod.objects.create(area=area, name="2. komunitní plán 2025–2027", start_year=2025, end_year=2027)
    city, provider = OrganisationFactory(name="Město Testov"), OrganisationFactory(name="Charita Testov")
    steering = factories.planning_group(period, "Řídicí skupina", kind=Group.Kind.STEERING)
    seniors = factories.planning_group(period, "Senioři", order=1)
    hidden = factories.planning_group(period, "Neveřejná skupina", order=2, is_public=False)
    factories.group_member(steering, "Alena Testová", triad="commissioner", organisation=city, email="alena@example.cz")
    factories.group_member(steering, "Boris Testový", triad="commissioner", organisation=city)
    factories.group_member(seniors, "Alena Testová", triad="commissioner", organisation=city, email="ALENA@example.cz")  # the same person
    factories.group_member(seniors, "Cyril Testový", organisation=provider)
    factories.group_member(seniors, "Dana Testová", organisation=provider, valid_from=date(2026, 1, 1))
    factories.group_member(seniors, "Emil Testový", triad="user")
    factories.group_member(seniors, "Filip Odešlý", organisation=OrganisationFactory(name="Dřívější spolek"), valid_to=date(2024, 12, 31))
    factories.group_member(hidden, "Gustav Skrytý", organisation=provider)
    now = timezone.now()
    for days, cancelled in ((-60, False), (-30, False), (-10, True), (20, False)):
        Meeting.objects.create(area=area, group=seniors, title="Setkání", starts_at=now + timedelta(days=days),
                               ends_at=now + timedelta(days=days, hours=2), place="Radnice", is_cancelled=cancelled)
    return period


def test_organisation_chapter_counts_members_organisations_and_meetings_of_the_plans_period(area, groups):
    plan = factories.plan_factory(area, period=groups)
    part = generated(plan, Chapter.Kind.ORGANISATION)
    counts, organisations = part["tables"]
    assert counts["headers"] == ["Skupina", "Druh", "Setkání", "Členů", "Organizací", "Zadavatelé", "Poskytovatelé", "Uživatelé a veřejnost"]
    assert counts["rows"] == [
        ["Řídicí skupina", "řídicí skupina", "0", "2", "1", "2", "0", "0"],
        ["Senioři", "pracovní skupina", "2", "4", "2", "1", "2", "1"],
    ]
    assert organisations["rows"] == [["Řídicí skupina", "Město Testov"], ["Senioři", "Charita Testov; Město Testov"]]
    assert part["paragraphs"][0].endswith("Skupiny: řídicí 1, pracovní 1, podskupiny 0; uskutečněná setkání skupin: 2.")
    assert part["paragraphs"][1] == "Zapojení lidé: 5 z 2 organizací; z toho zadavatelé 2, poskytovatelé 2, uživatelé a veřejnost 1."
    with translation.override("en"):
        english = generated(plan, Chapter.Kind.ORGANISATION)["paragraphs"][1]
    assert english.startswith("People involved: 5 from 2 organisations;")  # the plural form of the language


def test_organisation_chapter_names_no_individuals(area, groups):
    text = json.dumps(generated(factories.plan_factory(area, period=groups), Chapter.Kind.ORGANISATION), ensure_ascii=False)
    assert "Testov" in text
    assert not any(name in text for name in ("Alena", "Boris", "Cyril", "Dana", "Emil", "Filip", "Gustav"))


def test_organisation_chapter_finds_the_period_by_the_plans_years(area, groups):
    plan = factories.plan_factory(area, start_year=2025, end_year=2027)  # no period set
    assert generated(plan, Chapter.Kind.ORGANISATION)["tables"][0]["rows"][1][0] == "Senioři"
    other = factories.plan_factory(area, title="Jiný plán", start_year=2030, end_year=2032)
    assert generated(other, Chapter.Kind.ORGANISATION) == {
        "paragraphs": ["Plán zatím není přiřazen k období plánování, a tak nelze uvést jeho skupiny."], "tables": []}


# Everything together -------------------------------------------------------------------------------------------------

def test_a_named_version_freezes_the_generated_part(plan, catalogue):
    factories.chapter(plan, Chapter.Kind.SERVICES, title="Síť služeb")
    chapter = snapshot(plan)["chapters"][0]
    assert chapter["title"] == "Síť služeb"
    assert plain(chapter["generated"])["tables"][0]["rows"][-1] == ["", "Celkem", "3", "2", "1 170", "80"]


def more_data(area, period, round_):
    """Another batch of every kind of data the chapters read, so that the query counts can be compared."""
    provider = OrganisationFactory()
    for number in range(3):
        factories.catalog_service(area, f"Služba {round_}.{number}", section=["40", "49", "69"][number], provider=provider,
                                  target_groups=["senioři", "osoby bez přístřeší"], capacities=[("ter", "klient", 10), ("pob", "luzka", 5)])
        factories.need(area, f"Potřeba {round_}.{number}", urgency="high", target_groups=["senioři", "pečující osoby"], gaps=2,
                       group=factories.working_group(area))
        factories.figure(area, f"Ukazatel {round_}.{number}", 2024, 10, part=MunicipalityPart.objects.get(name="Poruba"))
        group = factories.planning_group(period, f"Skupina {round_}.{number}", order=number)
        factories.group_member(group, "Člen", organisation=provider)
        Meeting.objects.create(area=area, group=group, title="Setkání", starts_at=timezone.now() - timedelta(days=3),
                               ends_at=timezone.now() - timedelta(days=3, hours=-2), place="Radnice")
    coded_answers(area)


@pytest.mark.parametrize("kind", [Chapter.Kind.SERVICES, Chapter.Kind.NEEDS, Chapter.Kind.DEMOGRAPHY, Chapter.Kind.ORGANISATION])
def test_generated_parts_take_a_few_queries_whatever_the_data(area, kind, django_assert_max_num_queries):
    districts(area)
    period = PlanningPeriod.objects.create(area=area, name="Období", start_year=2025, end_year=2027)
    plan = factories.plan_factory(area, period=period)
    more_data(area, period, 1)
    chapter_id = factories.chapter(plan, kind).pk
    with django_assert_max_num_queries(10) as first:
        small = generated_part(Chapter.objects.get(pk=chapter_id))
    more_data(area, period, 2)
    more_data(area, period, 3)
    with django_assert_max_num_queries(len(first.captured_queries)):
        large = generated_part(Chapter.objects.get(pk=chapter_id))
    assert len(json.dumps(large)) > len(json.dumps(small))  # more rows or columns, the same queries
