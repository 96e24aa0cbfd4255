import pytest

from openkp.catalog.models import LifeSituation, Service, ServiceType
from openkp.catalog.selectors import SearchFilters, service_search
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.tests.factories import MunicipalityFactory, OrganisationFactory


@pytest.fixture
def catalog(area):
    """A small catalogue with inflected Czech words in names and descriptions."""
    kravare = MunicipalityFactory(code="507580", name="Kravaře")
    bolatice = MunicipalityFactory(code="506214", name="Bolatice")
    home = ServiceFactory(
        area=area, name="Domov pro seniory Pohoda", service_type=ServiceType.objects.get(section="49"),
        description="Celoroční pobyt pro seniory se sníženou soběstačností.", target_groups=["senioři"], forms=["pob"],
        facilities=[{"name": "Domov Pohoda", "street": "Lipová", "house_number": "12", "postcode": "74721", "municipality": kravare}],
    )
    care = ServiceFactory(
        area=area, name="Pečovatelská služba Bolatice", description="Pomáháme seniorům a rodinám pečujícím o své blízké doma.",
        target_groups=["senioři", "pečující osoby"], forms=["ter"],
        facilities=[{"name": "Středisko Bolatice", "street": "Hlavní", "municipality": bolatice}],
    )
    shelter = ServiceFactory(
        area=area, name="Azylový dům Naděje", service_type=ServiceType.objects.get(section="57"),
        description="Ubytování pro lidi bez domova.", target_groups=["osoby bez přístřeší"], forms=["pob"],
        facilities=[{"name": "Azylový dům", "street": "Nádražní", "municipality": kravare}],
    )
    assistance = ServiceFactory(
        area=area, name="Osobní asistence Krok", service_type=ServiceType.objects.get(section="39"),
        provider=OrganisationFactory(name="Spolek Krok, z. s."), description="Asistence lidem s postižením.",
        target_groups=["osoby s tělesným postižením"], forms=["ter"],
    )
    return {"home": home, "care": care, "shelter": shelter, "assistance": assistance}


def found(area, **filters):
    return {service.name for service in service_search(area=area, filters=SearchFilters(**filters)).page}


@pytest.mark.parametrize("query", ["senioři", "seniorům", "seniory", "senioru", "seniorů", "SENIORUM", "seniori"])
def test_inflected_and_plain_forms_find_the_same_services(area, catalog, query):
    assert found(area, query=query) == {"Domov pro seniory Pohoda", "Pečovatelská služba Bolatice"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("domov pro seniory", {"Domov pro seniory Pohoda"}),
        ("azylovy dum", {"Azylový dům Naděje"}),
        ("azylové domy", {"Azylový dům Naděje"}),
        ("osobni asistence", {"Osobní asistence Krok"}),
        ("pečovatelská", {"Pečovatelská služba Bolatice"}),
        ("kravare", {"Domov pro seniory Pohoda", "Azylový dům Naděje"}),
        ("Spolek Krok", {"Osobní asistence Krok"}),
        ("bez přístřeší", {"Azylový dům Naděje"}),
    ],
)
def test_czech_aware_queries(area, catalog, query, expected):
    assert found(area, query=query) == expected


def test_name_matches_rank_before_description_matches(area, catalog):
    names = [service.name for service in service_search(area=area, filters=SearchFilters(query="seniory")).page]
    assert names[0] == "Domov pro seniory Pohoda"


def test_list_is_in_czech_alphabetical_order(area):
    for name in ["Chráněné bydlení", "Centrum Horizont", "Čajovna Klub", "Hospic", "Zahrada", "Žebřík"]:
        ServiceFactory(area=area, name=name)
    names = [service.name for service in service_search(area=area, filters=SearchFilters()).page]
    assert names == ["Centrum Horizont", "Čajovna Klub", "Hospic", "Chráněné bydlení", "Zahrada", "Žebřík"]


def test_facet_counts_ignore_their_own_selection(area, catalog):
    result = service_search(area=area, filters=SearchFilters(forms=["pob"]))
    assert result.total == 2
    forms = {value: count for value, label, count, selected in result.facets["forms"]}
    assert forms == {"pob": 2, "ter": 2}
    groups = {label: count for value, label, count, selected in result.facets["target_groups"]}
    assert groups == {"senioři": 1, "osoby bez přístřeší": 1}
    places = {name: count for code, name, count, selected in result.facets["municipalities"]}
    assert places == {"Kravaře": 2}


def test_life_situation_finds_services_by_type(area, catalog):
    situation = LifeSituation.objects.create(area=area, title="Přišel jsem o bydlení", slug="bydleni")
    situation.service_types.add(ServiceType.objects.get(section="57"))
    result = service_search(area=area, filters=SearchFilters(situations=["bydleni"]))
    assert {service.name for service in result.page} == {"Azylový dům Naděje"}
    assert result.facets["situations"] == [("bydleni", "Přišel jsem o bydlení", 1, True)]


def test_ended_and_unpublished_services_are_not_public(area, catalog):
    Service.objects.filter(pk=catalog["home"].pk).update(status=Service.Status.ENDED)
    Service.objects.filter(pk=catalog["care"].pk).update(is_published=False)
    assert found(area, query="senior") == set()


def test_other_areas_services_are_never_found(area, other_area, catalog):
    ServiceFactory(area=other_area, name="Domov pro seniory Jinde", target_groups=["senioři"])
    assert "Domov pro seniory Jinde" not in found(area, query="seniory")
    assert found(other_area, query="seniory") == {"Domov pro seniory Jinde"}


def test_place_facet_shows_the_most_frequent_municipalities_and_the_selected_one(area):
    from openkp.catalog import selectors

    towns = [MunicipalityFactory(code=f"{600000 + n}", name=f"Obec {n:02d}") for n in range(35)]
    for n, town in enumerate(towns):
        for _ in range(2 if n < 30 else 1):
            ServiceFactory(area=area, facilities=[{"name": "Místo", "municipality": town}])
    result = service_search(area=area, filters=SearchFilters(municipalities=[towns[34].code]))
    shown = {code for code, name, count, selected in result.facets["municipalities"]}
    assert len(shown) == selectors.PLACE_FACET_LIMIT + 1
    assert towns[34].code in shown and towns[31].code not in shown
    assert result.facets["municipalities_hidden"] == 4


@pytest.mark.parametrize("filters", [
    {}, {"query": "seniory"}, {"forms": ["pob"]}, {"query": "dům", "forms": ["pob"]},
    {"target_groups": ["senioři"]}, {"service_types": ["49", "57"]}, {"service_types": ["999"]}, {"municipalities": ["507580"]},
])
def test_api_path_and_page_path_find_the_same_services_in_the_same_order(area, catalog, filters):
    from openkp.catalog.models import TargetGroup

    if "target_groups" in filters:
        filters = {**filters, "target_groups": [str(TargetGroup.objects.get(name=name).pk) for name in filters["target_groups"]]}
    with_facets = service_search(area=area, filters=SearchFilters(**filters))
    without = service_search(area=area, filters=SearchFilters(**filters), with_facets=False)
    assert [s.pk for s in with_facets.page] == [s.pk for s in without.page]
    assert with_facets.total == without.total
