"""The library as people use it: upload, new versions, downloads, search, the group section."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from openkp.library.models import Document, DocumentVersion
from openkp.library.selectors import documents_for_group

from .conftest import PDF_BYTES, docx_bytes, make_document, pdf_file


def _download(response):
    return b"".join(response.streaming_content)


def test_upload_new_version_and_download_an_old_one(client, area, group, coordinator, media):
    client.force_login(coordinator)
    response = client.post("/mesto/dokumenty/novy/", {
        "title": "Zápis z jednání 12. března", "category": "minutes", "description": "Jednání pracovní skupiny.",
        "group": group.pk, "period": "", "visibility": "public", "change_note": "",
        "file": pdf_file("Zápis – březen.pdf"),
    })
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/mesto/dokumenty/{document.pk}/"
    assert document.period == group.period  # a group's document belongs to its period
    assert document.created_by == coordinator

    second = docx_bytes("Opravený zápis")
    response = client.post(f"/mesto/dokumenty/{document.pk}/nova-verze/", {
        "file": pdf_file("Zápis – opravený.docx", second), "change_note": "doplněny připomínky",
    })
    assert response.status_code == 302
    assert list(document.versions.order_by("number").values_list("number", flat=True)) == [1, 2]

    html = client.get(f"/mesto/dokumenty/{document.pk}/").content.decode()
    assert "Historie verzí" in html and "doplněny připomínky" in html and "Zápis – březen.pdf" in html

    current = client.get(f"/mesto/dokumenty/{document.pk}/stahnout/")
    assert _download(current) == second
    assert current["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    old = client.get(f"/mesto/dokumenty/{document.pk}/verze/1/")
    assert old.status_code == 200 and _download(old) == PDF_BYTES
    assert old["Content-Type"] == "application/pdf"
    assert old["X-Content-Type-Options"] == "nosniff"
    # Files are stored under random names in library/<area>/, never under the uploaded name.
    stored = [path.name for path in (media / "library" / "mesto").iterdir()]
    assert len(stored) == 2 and not any("Zápis" in name or "Zapis" in name for name in stored)
    assert client.get(f"/mesto/dokumenty/{document.pk}/verze/3/").status_code == 404


def test_content_disposition_carries_the_czech_file_name(client, area):
    document = make_document(area, file=pdf_file("Zápis ze schůze řídicí skupiny.pdf"))
    response = client.get(f"/mesto/dokumenty/{document.pk}/stahnout/")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Z%C3%A1pis%20ze%20sch%C5%AFze%20%C5%99%C3%ADdic%C3%AD%20skupiny.pdf" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-cache"


def test_wrong_magic_bytes_are_refused_and_other_fields_kept(client, area, coordinator):
    client.force_login(coordinator)
    response = client.post("/mesto/dokumenty/novy/", {
        "title": "Analýza potřeb seniorů", "category": "analysis", "description": "Výsledky dotazníku.",
        "visibility": "public", "file": pdf_file("analýza.pdf", b"this is not a pdf"),
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert "Soubor „analýza.pdf“ není platný soubor PDF" in html
    assert 'value="Analýza potřeb seniorů"' in html and "Výsledky dotazníku." in html
    assert '<option value="analysis" selected>' in html
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


def test_too_big_and_empty_files_are_refused(client, area, coordinator, settings, media):
    settings.LIBRARY_MAX_UPLOAD_MB = 1
    client.force_login(coordinator)
    big = client.post("/mesto/dokumenty/novy/", {
        "title": "Prezentace", "category": "presentation", "visibility": "public",
        "file": pdf_file("prezentace.pdf", PDF_BYTES + b"0" * (1024 * 1024 + 1)),
    }).content.decode()
    assert "Soubor „prezentace.pdf“ je příliš velký" in big and "Nahrát lze nejvýše 1,0" in big
    empty = client.post("/mesto/dokumenty/novy/", {
        "title": "Prezentace", "category": "presentation", "visibility": "public", "file": pdf_file("prázdná.pdf", b""),
    }).content.decode()
    assert "prázdný" in empty
    assert not Document.objects.exists()
    assert not (media / "library").exists()


def test_new_version_with_wrong_content_is_refused(client, area, coordinator):
    document = make_document(area, coordinator)
    client.force_login(coordinator)
    html = client.post(f"/mesto/dokumenty/{document.pk}/nova-verze/", {
        "file": pdf_file("nová.docx", PDF_BYTES), "change_note": "oprava",
    }).content.decode()
    assert "Soubor „nová.docx“ není platný soubor DOCX" in html and 'value="oprava"' in html
    assert document.versions.count() == 1


def test_search_ignores_case_and_diacritics_and_filters_combine(client, area, group):
    make_document(area, title="Zápis z jednání pracovní skupiny Senioři", group=group)
    make_document(area, title="Analýza potřeb v oblasti bydlení", category="analysis")
    make_document(area, title="Prezenční listina – únor", category="attendance")

    def titles(query):
        html = client.get(f"/mesto/dokumenty/?{query}").content.decode()
        return [title for title in ("Zápis z jednání", "Analýza potřeb", "Prezenční listina") if title in html]

    assert titles("q=zapis") == ["Zápis z jednání"]
    assert titles("q=ZÁPIS+seniori") == ["Zápis z jednání"]
    assert titles("q=analyza+potreb") == ["Analýza potřeb"]
    assert titles("q=bydleni") == ["Analýza potřeb"]
    assert titles("q=prezencni+list") == ["Prezenční listina"]
    assert titles("q=unor") == ["Prezenční listina"]
    assert titles("druh=analysis") == ["Analýza potřeb"]
    assert titles(f"skupina={group.pk}") == ["Zápis z jednání"]
    assert titles(f"skupina={group.pk}&druh=analysis") == []
    assert titles("q=nic+takoveho") == []
    assert titles("skupina=abc&druh=nonsense") == ["Zápis z jednání", "Analýza potřeb", "Prezenční listina"]


def test_list_shows_type_size_date_and_marks_members_only_for_insiders(client, area, person_with_role):
    make_document(area, title="Veřejný plán", category="plan")
    make_document(area, title="Interní podklad", visibility="members")
    html = client.get("/mesto/dokumenty/").content.decode()
    assert "Veřejný plán" in html and "Interní podklad" not in html
    assert "Nalezen 1 dokument" in html and "Stáhnout PDF" in html and "bajt" in html
    client.force_login(person_with_role(area, "member"))
    html = client.get("/mesto/dokumenty/").content.decode()
    assert "Interní podklad" in html and "jen pro členy" in html
    assert "Nalezeny 2 dokumenty" in html


def test_list_and_detail_queries_are_flat(client, area, group, period, person_with_role, django_assert_max_num_queries):
    member = person_with_role(area, "member")
    for number in range(12):
        document = make_document(area, member, title=f"Dokument {number}", group=group if number % 2 else None,
                                 period=period, visibility="members" if number % 3 else "public")
    for _ in range(3):
        from openkp.library.services import version_add
        version_add(document=document, user=member, file=pdf_file())
    client.force_login(member)
    # area, session, user, roles, groups and periods for the filters, count, documents, current versions, the menu
    with django_assert_max_num_queries(10):
        assert client.get("/mesto/dokumenty/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/mesto/dokumenty/?q=dokument&obdobi={period.pk}").status_code == 200
    # area, session, user, roles, the document, its versions, the menu
    with django_assert_max_num_queries(7):
        response = client.get(f"/mesto/dokumenty/{document.pk}/")
    assert response.status_code == 200 and "Dokument 11" in response.content.decode()


def test_group_section_lists_only_what_the_person_may_see(area, group, person_with_role):
    from django.contrib.auth.models import AnonymousUser

    make_document(area, title="Veřejný zápis skupiny", group=group)
    make_document(area, title="Interní podklad skupiny", group=group, visibility="members")
    make_document(area, title="Dokument celého území")
    anonymous_docs = documents_for_group(group, AnonymousUser())
    assert [document.title for document in anonymous_docs] == ["Veřejný zápis skupiny"]
    member_docs = documents_for_group(group, person_with_role(area, "member"))
    request = RequestFactory().get("/mesto/organizace/seniori/")
    html = render_to_string("library/includes/group_documents.html",
                            {"documents": member_docs, "group": group, "can_upload": True}, request=request)
    assert "Interní podklad skupiny" in html and "Veřejný zápis skupiny" in html and "Dokument celého území" not in html
    assert "jen pro členy" in html and f"/mesto/dokumenty/novy/?skupina={group.pk}" in html
    assert "<h2" in html and "Stáhnout".lower() in html.lower()


@pytest.mark.parametrize("fmt", ["docx", "csv"])
def test_detail_shows_the_file_type(client, area, fmt):
    content = docx_bytes() if fmt == "docx" else b"a;b\n1;2\n"
    document = make_document(area, file=pdf_file(f"soubor.{fmt}", content))
    html = client.get(f"/mesto/dokumenty/{document.pk}/").content.decode()
    assert f"Stáhnout aktuální verzi ({fmt.upper()}," in html


def test_a_good_file_with_a_missing_title_asks_to_choose_the_file_again(client, area, coordinator):
    client.force_login(coordinator)
    html = client.post("/mesto/dokumenty/novy/", {
        "title": "", "category": "minutes", "description": "Popis zůstane.", "visibility": "public", "file": pdf_file("zápis.pdf"),
    }).content.decode()
    assert "Soubor „zápis.pdf“ byl v pořádku" in html and "Popis zůstane." in html
    assert not Document.objects.exists()
