"""Demographic figures: the table per place and year, and the CSV import in both formats (all or nothing)."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openkp.accounts.tests.factories import UserFactory
from openkp.core.models import Municipality, MunicipalityPart

from ..models import DemographicFigure
from ..services.demography import DemographyImportError, czso_indicator, import_figures
from .factories import districts

IMPORT_URL = "/mesto/sprava/potreby/demografie/import/"
PAGE_URL = "/mesto/sprava/potreby/demografie/"

SIMPLE = """kod_obce;kod_obvodu;rok;ukazatel;hodnota;jednotka;zdroj
554821;;2024;Obyvatelé celkem;284 765;osob;ČSÚ
554821;546003;2024;Obyvatelé 65+ let;21350;;
554821;546054;2024;Obyvatelé 65+ let;15 020;;
554821;546003;2023;Obyvatelé 65+ let;20 990;;
"""

# The ČSÚ open-data long format (population by age and sex); 43 = municipality, 44 = city district.
CZSO = """idhod,hodnota,stapro_kod,pohlavi_cis,pohlavi_kod,vek_cis,vek_kod,vuzemi_cis,vuzemi_kod,casref_do,pohlavi_txt,vek_txt,vuzemi_txt
1,1 067 000,2,,,,,97,3140,2023-12-31,,,Moravskoslezský kraj
2,284765,2,,,,,43,554821,2023-12-31,,,Ostrava
3,21350,2,,,62,400065,44,546003,2023-12-31,,65 a více (více nebo rovno 65),Ostrava-Jih
4,12010,2,102,2,62,400065,44,546003,2023-12-31,žena,65 a více (více nebo rovno 65),Ostrava-Jih
5,9000,2,,,,,43,500011,2023-12-31,,,Jiná obec
6,15020,2,,,62,400065,44,546054,2023-12-31,,65 a více (více nebo rovno 65),Poruba
"""


@pytest.fixture
def places(area):
    """Ostrava (in the area) with two city districts, and a municipality outside the area."""
    city = districts(area)
    Municipality.objects.create(code="500011", name="Jiná obec")
    return city


def upload(text, *, encoding="utf-8-sig", name="data.csv"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def page(response):
    return response.content.decode().replace("\u00a0", " ")


def figure(indicator, year, code=None):
    figures = DemographicFigure.objects.filter(indicator=indicator, year=year)
    figures = figures.filter(part__code=code) if code else figures.filter(part__isnull=True)
    return figures.get()


def test_simple_format_utf8_with_bom_is_imported_and_shown(client, coordinator, places):
    client.force_login(coordinator)
    response = client.post(IMPORT_URL, {"file": upload(SIMPLE), "source": "Statistika města"})
    assert response.status_code == 302
    assert DemographicFigure.objects.count() == 4
    total = figure("Obyvatelé celkem", 2024)
    assert total.value == Decimal("284765") and total.municipality == places and total.source == "ČSÚ"
    jih = figure("Obyvatelé 65+ let", 2024, "546003")
    assert jih.part.name == "Ostrava-Jih" and jih.municipality == places and jih.unit == "osob" and jih.source == "Statistika města"
    html = page(client.get(PAGE_URL, follow=True))
    assert "4 nových, 0 změněných" in html
    # One table per indicator: places × years.
    assert "Obyvatelé 65+ let" in html and "Ostrava-Jih" in html and "21 350" in html and "20 990" in html
    assert '<th scope="col" class="okp-num">2023</th>' in html


def test_reimport_updates_values_without_duplicates(places):
    area = places.areas.get()
    import_figures(SIMPLE, area=area)
    report = import_figures(SIMPLE.replace("21350", "21 400"), area=area)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    assert DemographicFigure.objects.count() == 4
    assert figure("Obyvatelé 65+ let", 2024, "546003").value == Decimal("21400")


def test_windows_1250_with_commas_and_decimal_commas(places):
    area = places.areas.get()
    text = 'kod_obce,kod_obvodu,rok,ukazatel,hodnota\n554821,546054,2024,"Podíl obyvatel 65+ (%)","22,5"\n554821,,2024,Příspěvek na péči – příjemci,8123\n'
    report = import_figures(text.encode("cp1250"), area=area)
    assert report.created == 2
    assert figure("Podíl obyvatel 65+ (%)", 2024, "546054").value == Decimal("22.50")
    assert figure("Příspěvek na péči – příjemci", 2024).value == 8123


def test_czso_open_data_format(client, coordinator, places):
    client.force_login(coordinator)
    response = client.post(IMPORT_URL, {"file": upload(CZSO, encoding="cp1250", name="130142r24.csv")}, follow=True)
    html = page(response)
    assert "otevřená data ČSÚ" in html and "4 nových" in html and "Přeskočeno 2 řádků jiných území." in html
    assert figure("Obyvatelé celkem", 2023).value == 284765
    assert figure("Obyvatelé 65+ let", 2023, "546003").value == 21350
    assert figure("Obyvatelé 65+ let, ženy", 2023, "546003").value == 12010
    assert figure("Obyvatelé 65+ let", 2023, "546054").source == "ČSÚ"
    assert not DemographicFigure.objects.filter(value=9000).exists()  # a municipality outside the area


def test_czso_indicator_names():
    assert czso_indicator("", "") == "Obyvatelé celkem"
    assert czso_indicator("65 a více (více nebo rovno 65)", "") == "Obyvatelé 65+ let"
    assert czso_indicator("0 až 4 (více nebo rovno 0 a méně než 5)", "muž") == "Obyvatelé 0–4 let, muži"
    assert czso_indicator("15 až 64", "žena") == "Obyvatelé 15–64 let, ženy"


def test_bad_rows_write_nothing_and_are_reported_line_by_line(client, coordinator, places):
    client.force_login(coordinator)
    bad = SIMPLE + "999999;;2024;Obyvatelé celkem;100\n554821;;2024;Obyvatelé 0–14 let;hodně\n554821;;1850;Obyvatelé celkem;5\n" \
                   "554821;123456;2024;Obyvatelé celkem;5\n"
    response = client.post(IMPORT_URL, {"file": upload(bad)})
    html = page(response)
    assert response.status_code == 200 and DemographicFigure.objects.count() == 0
    assert "nic se neuložilo" in html
    assert "Řádek 6: obec s kódem „999999“ v území není" in html
    assert "Řádek 7: hodnota „hodně“ není číslo." in html
    assert "Řádek 8: rok „1850“ není rok mezi 1900 a 2100." in html
    assert "Řádek 9: městský obvod s kódem „123456“ v území není." in html


def test_duplicates_in_one_file_and_unknown_header_are_errors(places):
    area = places.areas.get()
    with pytest.raises(DemographyImportError) as error:
        import_figures(SIMPLE + "554821;546003;2024;Obyvatelé 65+ let;1\n", area=area)
    assert "Řádek 6: stejný údaj (místo, rok a ukazatel) je už na řádku 3." in error.value.errors
    with pytest.raises(DemographyImportError) as error:
        import_figures("obec;pocet\n554821;5\n", area=area)
    assert "Záhlaví souboru neodpovídá" in error.value.errors[0] and "obec, pocet" in error.value.errors[0]
    with pytest.raises(DemographyImportError):
        import_figures(b"", area=area)
    assert DemographicFigure.objects.count() == 0


def test_missing_or_wrong_file_keeps_the_form(client, coordinator, places):
    client.force_login(coordinator)
    html = page(client.post(IMPORT_URL, {"source": "ČSÚ"}))
    assert "Vyberte soubor CSV" in html and 'value="ČSÚ"' in html
    html = page(client.post(IMPORT_URL, {"file": upload("x", name="data.xlsx")}))
    assert "Nahrajte soubor CSV" in html


def test_filter_by_indicator_and_place(client, coordinator, places):
    import_figures(SIMPLE, area=places.areas.get())
    client.force_login(coordinator)
    html = page(client.get(PAGE_URL, {"ukazatel": "Obyvatelé celkem"}))
    assert "284 765" in html and "21 350" not in html
    poruba = MunicipalityPart.objects.get(code="546054")
    html = page(client.get(PAGE_URL, {"misto": f"p{poruba.pk}"}))
    assert "15 020" in html and "21 350" not in html and "284 765" not in html
    html = page(client.get(PAGE_URL, {"misto": f"m{places.pk}"}))
    assert "15 020" in html and "284 765" in html  # a city includes its districts


def test_other_areas_figures_are_not_shown(client, coordinator, other_area, places):
    DemographicFigure.objects.create(area=other_area, municipality=places, year=2024, indicator="Cizí ukazatel", value=1)
    client.force_login(coordinator)
    assert "Cizí ukazatel" not in page(client.get(PAGE_URL))


def test_figures_page_query_count_is_flat(client, coordinator, places, django_assert_max_num_queries):
    area = places.areas.get()
    client.force_login(coordinator)
    client.get(PAGE_URL)
    import_figures(SIMPLE, area=area)
    with django_assert_max_num_queries(20) as few:
        client.get(PAGE_URL)
    rows = "".join(f"554821;546003;{year};Ukazatel {number};{number}\n" for year in range(2000, 2010) for number in range(10))
    import_figures("kod_obce;kod_obvodu;rok;ukazatel;hodnota\n" + rows, area=area)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Ukazatel 9" in page(client.get(PAGE_URL))


@pytest.mark.parametrize("address, role, status", [
    (PAGE_URL, None, 302), (PAGE_URL, "outsider", 404), (PAGE_URL, "member", 200), (PAGE_URL, "observer", 200),
    (PAGE_URL, "group_manager", 200), (PAGE_URL, "coordinator", 200),
    (IMPORT_URL, None, 302), (IMPORT_URL, "outsider", 404), (IMPORT_URL, "member", 403), (IMPORT_URL, "group_manager", 403),
    (IMPORT_URL, "provider", 403), (IMPORT_URL, "coordinator", 200),
])
def test_permission_matrix(client, area, person_with_role, address, role, status):
    if role == "outsider":
        client.force_login(UserFactory(username="cizinec"))
    elif role:
        client.force_login(person_with_role(area, role))
    assert client.get(address).status_code == status


def test_member_cannot_import(client, area, person_with_role, places):
    client.force_login(person_with_role(area, "group_manager"))
    assert client.post(IMPORT_URL, {"file": upload(SIMPLE)}).status_code == 403
    assert DemographicFigure.objects.count() == 0


def test_more_rows_than_the_limit_are_refused_with_the_limit(django_app, coordinator, places, settings):
    from webtest import Upload

    settings.IMPORT_MAX_ROWS_DEMOGRAPHY = 3
    page = django_app.get(IMPORT_URL, user=coordinator)
    form = next(form for form in page.forms.values() if "file" in form.fields)
    form["file"] = Upload("data.csv", (SIMPLE + "554821;;2022;Obyvatelé celkem;280 000;osob;ČSÚ\n").encode())
    refused = form.submit()
    assert "Soubor má více než 3 řádků s údaji (čtení jsme zastavili na 5. řádku)" in refused.text
    assert not DemographicFigure.objects.exists()
