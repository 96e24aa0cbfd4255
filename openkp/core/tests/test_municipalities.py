import pytest
from django.core.management import CommandError, call_command

from openkp.core.models import Municipality, MunicipalityPart
from openkp.core.municipalities import MunicipalityImportError, import_municipalities, load_codebook


def test_codebook_has_true_codes_of_the_demo_areas(db):
    load_codebook()
    assert Municipality.objects.get(code="554821").name == "Ostrava"
    ostrava_districts = MunicipalityPart.objects.filter(municipality__code="554821", kind=MunicipalityPart.Kind.CITY_DISTRICT)
    assert ostrava_districts.count() == 23
    assert ostrava_districts.get(code="546224").name == "Poruba"
    assert Municipality.objects.get(code="507580").name == "Kravaře"


def test_import_is_idempotent_and_updates_names(db):
    first = import_municipalities("code,name\n507580,Kravare\n")
    again = import_municipalities("code,name\n507580,Kravare\n")
    fixed = import_municipalities("code,name\n507580,Kravaře\n")
    assert (first.created, again.unchanged, fixed.updated) == (1, 1, 1)
    assert Municipality.objects.get().name == "Kravaře"


def test_csu_code_list_columns_are_understood(db):
    text = "KODJAZ;AKRCIS;KODCIS;CHODNOTA;ZKRTEXT;TEXT\nCS;OBEC;43;506214;Bolatice;Bolatice\n"
    import_municipalities(text.encode("cp1250"))
    assert Municipality.objects.get(code="506214").name == "Bolatice"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Soubor je prázdný"),
        ("code,name\n12345,Krátký\n", "Řádek 2: kód „12345“ není platný kód obce"),
        ("code,name\n507580,\n", "Řádek 2: chybí název"),
        ("nazev;okres\nKravaře;Opava\n", "V záhlaví chybí sloupec „code“"),
        ("code,name,kind\n507580,X,vesnice\n", "Řádek 2: neznámý typ „vesnice“"),
    ],
)
def test_bad_rows_are_reported_by_line_and_nothing_is_saved(db, text, message):
    with pytest.raises(MunicipalityImportError) as error:
        import_municipalities(text)
    assert any(message in line for line in error.value.errors)
    assert not Municipality.objects.exists()


def test_command_fails_with_czech_message_and_writes_nothing(db, tmp_path):
    path = tmp_path / "obce.csv"
    path.write_text("code,name\n507580,Kravaře\n12,Špatně\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_municipalities", str(path))
    assert "nic nebylo uloženo" in str(error.value)
    assert "Řádek 3" in str(error.value)
    assert not Municipality.objects.exists()


def test_command_imports_a_good_file(db, tmp_path, capsys):
    path = tmp_path / "obce.csv"
    path.write_text("code,name,kind,parent_code\n554821,Ostrava,obec,\n546224,Poruba,mestsky_obvod,554821\n", encoding="utf-8")
    call_command("import_municipalities", str(path))
    assert "2 nových" in capsys.readouterr().out
    assert MunicipalityPart.objects.get(code="546224").municipality.name == "Ostrava"


def test_more_rows_than_the_limit_are_refused_at_the_upload(django_app, area, coordinator, settings):
    from webtest import Upload

    settings.IMPORT_MAX_ROWS_MUNICIPALITIES = 2
    page = django_app.get("/mesto/sprava/obce/import/", user=coordinator)
    form = next(form for form in page.forms.values() if "file" in form.fields)
    form["file"] = Upload("obce.csv", "code;name\n500011;Jedna\n500012;Dvě\n500013;Tři\n".encode())
    refused = form.submit()
    assert "Soubor má více než 2 řádků s údaji (čtení jsme zastavili na 4. řádku)" in refused.text
    assert not Municipality.objects.filter(code="500011").exists()


def test_the_row_limit_is_in_czech_number_format(db, settings):
    settings.IMPORT_MAX_ROWS_MUNICIPALITIES = 1000
    text = "code;name\n" + "".join(f"{500000 + index};Obec {index}\n" for index in range(1001))
    with pytest.raises(MunicipalityImportError, match="více než 1\u00a0000 řádků s údaji \\(čtení jsme zastavili na 1\u00a0002. řádku\\)"):
        import_municipalities(text)
    assert not Municipality.objects.exists()
