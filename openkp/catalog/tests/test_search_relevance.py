"""Relevance of the catalogue search: people's words, most words matching, stop words, whole short words,
life situations ranked by the coordinator's weights, and a provider's identifiers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openkp.catalog import text, text_index
from openkp.catalog.models import LifeSituation, SearchSynonym, ServiceType
from openkp.catalog.selectors import SearchFilters, service_search
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.tests.factories import OrganisationFactory


def kind(section):
    return ServiceType.objects.get(section=section)


@pytest.fixture
def everyday(area):
    """Services described in the registry's words, none of them in the words people type."""
    return {
        "care": ServiceFactory(area=area, name="Pečovatelská služba Lipka", service_type=kind("40"), forms=["ter"],
                               description="Pomáháme seniorům, aby mohli zůstat v domácnosti.", target_groups=["senioři"]),
        "home": ServiceFactory(area=area, name="Domov Harmonie", service_type=kind("49"), forms=["pob"],
                               description="Celoroční pobyt se zajištěním péče.", target_groups=["senioři"]),
        "shelter": ServiceFactory(area=area, name="Azylový dům Přístav", service_type=kind("57"), forms=["pob"],
                                  description="Ubytování na přechodnou dobu.", target_groups=["osoby bez přístřeší"]),
        "night": ServiceFactory(area=area, name="Noclehárna Maják", service_type=kind("63"), forms=["amb"],
                                description="Přespání a hygiena.", target_groups=["osoby bez přístřeší"]),
        "contact": ServiceFactory(area=area, name="Kontaktní centrum Brána", service_type=kind("59"), forms=["amb"],
                                  description="Výměna injekčního materiálu a poradenství.",
                                  target_groups=["osoby ohrožené závislostí nebo závislé na návykových látkách"]),
        "children": ServiceFactory(area=area, name="Osobní asistence pro děti Klíček", service_type=kind("39"), forms=["ter"],
                                   description="Asistence dětem s postižením doma i ve škole.", target_groups=["rodiny s dítětem/dětmi"]),
        "assistance": ServiceFactory(area=area, name="Osobní asistence Lipka", service_type=kind("39"), forms=["ter"],
                                     description="Asistence seniorům doma.", target_groups=["senioři"]),
        "emergency": ServiceFactory(area=area, name="Tísňová péče Anděl", service_type=kind("41"), forms=["ter"],
                                    description="Tlačítko pro přivolání pomoci.", target_groups=["senioři"]),
    }


def names(area, **filters):
    return [service.name for service in service_search(area=area, filters=SearchFilters(**filters)).page]


@pytest.mark.parametrize(("query", "expected"), [
    ("bezdomovec", {"Azylový dům Přístav", "Noclehárna Maják"}),
    ("bezdomovci", {"Azylový dům Přístav", "Noclehárna Maják"}),
    ("fet", {"Kontaktní centrum Brána"}),
    ("drogy", {"Kontaktní centrum Brána"}),
    ("pečovatelka", {"Pečovatelská služba Lipka"}),
])
def test_peoples_words_find_the_services_named_otherwise(area, everyday, query, expected):
    assert set(names(area, query=query)) == expected


def test_a_colloquial_query_puts_home_care_first(area, everyday):
    found = names(area, query="maminka nezvládá doma")
    assert found[0] in {"Pečovatelská služba Lipka", "Osobní asistence Lipka"}
    assert "Domov Harmonie" not in found[:3]


def test_stop_words_do_not_count_and_short_words_match_whole(area, everyday):
    # "o" is a stop word; "doma" does not find "Domov Harmonie" by the stem of "domov".
    assert names(area, query="péče o mámu")[0] != "Domov Harmonie"
    parsed = text.parse_query("péče o mámu")
    assert [word.text for word in parsed.words] == ["péče", "mámu"] and parsed.stop_words == ("o",)
    assert "Domov Harmonie" not in names(area, query="doma")


def test_most_words_must_match_and_more_words_rank_higher(area, everyday):
    # three words: two of them are enough, the service matching all three comes first
    assert text.parse_query("tísňová péče senioři").needed == 2
    found = names(area, query="tísňová péče senioři")
    assert found[0] == "Tísňová péče Anděl"
    assert "Domov Harmonie" in found  # "péče" and "senioři"
    assert "Pečovatelská služba Lipka" not in found  # "senioři" only
    # two words: both must match
    assert names(area, query="noclehárna xyzzy") == []


def test_relevance_differs_from_the_alphabetical_order(area, everyday):
    relevance = names(area, query="péče")
    alphabetical = names(area, query="péče", sort="name")
    assert set(relevance) == set(alphabetical) == {"Tísňová péče Anděl", "Domov Harmonie"}
    assert relevance == ["Tísňová péče Anděl", "Domov Harmonie"]  # in the name and the service type


@pytest.mark.parametrize("typed", ["{ico}", "{spaced}", "IČO {ico}", "{identifier}"])
def test_ico_and_registry_identifier_find_the_providers_services(area, everyday, typed):
    provider = OrganisationFactory(name="Slezská diakonie", ico="63504260")
    first = ServiceFactory(area=area, name="Poradna Diakonie", provider=provider, registry_identifier="1234567")
    ServiceFactory(area=area, name="Šatník Diakonie", provider=provider)
    query = typed.format(ico="63504260", spaced="635 04 260", identifier="1234567")
    expected = {"Poradna Diakonie"} if "{identifier}" in typed else {"Poradna Diakonie", "Šatník Diakonie"}
    assert set(names(area, query=query)) == expected
    assert first.name in names(area, query=query)


def test_life_situation_ranks_by_the_coordinators_weights_and_keeps_to_its_groups(area, everyday):
    situation = LifeSituation.objects.create(area=area, title="Jsem senior a potřebuji pomoc doma", slug="doma",
                                             type_order="40, 39, 41", preferred_form="ter")
    situation.service_types.set([kind(section) for section in ("40", "39", "41", "49")])
    situation.target_groups.set([everyday["care"].target_groups.get()])
    result = service_search(area=area, filters=SearchFilters(situations=["doma"]))
    found = [service.name for service in result.page]
    assert found == ["Pečovatelská služba Lipka", "Osobní asistence Lipka", "Tísňová péče Anděl", "Domov Harmonie"]
    assert "Osobní asistence pro děti Klíček" not in found  # not for seniors
    assert result.facets["situations"] == [("doma", "Jsem senior a potřebuji pomoc doma", 4, True)]
    assert names(area, situations=["doma"], sort="name") == [
        "Domov Harmonie", "Osobní asistence Lipka", "Pečovatelská služba Lipka", "Tísňová péče Anděl"]
    situation.type_order = "41, 40"
    situation.save()
    assert names(area, situations=["doma"])[:2] == ["Tísňová péče Anděl", "Pečovatelská služba Lipka"]


def test_coordinators_words_apply_at_once_in_their_area_only(client, area, other_area, everyday):
    ServiceFactory(area=other_area, name="Noclehárna Jinde", service_type=kind("63"), target_groups=["osoby bez přístřeší"])
    assert "Noclehárna Maják" not in client.get("/mesto/sluzby/?q=šlofík").content.decode()
    SearchSynonym.objects.create(area=area, terms="šlofík, šlofíky", meaning="noclehárny; přespání")
    page = client.get("/mesto/sluzby/?q=šlofík").content.decode()  # the cached page is not served
    assert "Noclehárna Maják" in page
    assert "Noclehárna Jinde" not in client.get("/jinde/sluzby/?q=šlofík").content.decode()


def test_synonyms_add_no_queries(area, everyday):
    def count(query):
        service_search(area=area, filters=SearchFilters(query=query))
        with CaptureQueriesContext(connection) as captured:
            service_search(area=area, filters=SearchFilters(query=query))
        return len(captured)

    assert count("bezdomovec nocleh drogy") == count("azyl")


def test_the_index_and_like_find_and_rank_alike(area, everyday, monkeypatch):
    queries = ["bezdomovec", "maminka nezvládá doma", "péče o mámu", "pomoc doma senior", "tísňová péče xyzzy", "63504260"]
    indexed = {query: names(area, query=query) for query in queries}
    monkeypatch.setattr(text_index, "available", lambda vendor=None: False)
    assert {query: names(area, query=query) for query in queries} == indexed


def form_with(page, field):
    return next(form for form in page.forms.values() if field in form.fields)


def test_coordinator_adds_words_in_the_staff_pages_and_the_search_uses_them(django_app, area, coordinator, everyday):
    listing = django_app.get("/mesto/sprava/slova-pro-hledani/", user=coordinator)
    assert "Zatím žádná vlastní slova" in listing.text
    form = form_with(listing.click("Přidat slova"), "terms")
    form["terms"] = "šlofík"
    form["meaning"] = "noclehárny"
    saved = form.submit().follow()
    assert "šlofík" in saved.text
    assert names(area, query="šlofík") == ["Noclehárna Maják"]
    edit = saved.click("šlofík")
    delete = next(form for form in edit.forms.values() if "action" in form.fields)
    delete.submit().follow()
    assert names(area, query="šlofík") == []


def test_words_of_another_area_are_404_and_others_may_not_edit(django_app, area, other_area, coordinator, outsider):
    foreign = SearchSynonym.objects.create(area=other_area, terms="jinde", meaning="noclehárny")
    django_app.get(f"/mesto/sprava/slova-pro-hledani/{foreign.pk}/", user=coordinator, status=404)
    django_app.get("/mesto/sprava/slova-pro-hledani/", user=outsider, status=404)  # outsiders do not learn the page exists


def test_coordinator_orders_the_service_types_of_a_life_situation(django_app, area, coordinator):
    form = form_with(django_app.get("/mesto/sprava/situace/nova/", user=coordinator), "type_order")
    form["title"] = "Pomoc doma"
    form["slug"] = "pomoc-doma"
    form["order"] = "1"
    form["type_order"] = "40, § 41, 999"
    assert "Neznámé paragrafy: 999." in form.submit().text
    form = form_with(django_app.get("/mesto/sprava/situace/nova/", user=coordinator), "type_order")
    form["title"], form["slug"], form["order"], form["type_order"] = "Pomoc doma", "pomoc-doma", "1", "40, § 41"
    form.submit().follow()
    assert LifeSituation.objects.get(slug="pomoc-doma").type_weights() == {"40": 2, "41": 1}
