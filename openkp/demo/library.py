"""Demo data of the document library: invented minutes, analyses, presentations and plans with real small
files (PDF from WeasyPrint, DOCX from python-docx, CSV, TXT), some in several versions, some members-only.
Both functions are idempotent; ``clear()`` deletes the stored files too."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from openkp.accounts.models import User
from openkp.core.documents import DocxDocument, render_pdf
from openkp.core.models import Area
from openkp.library import services
from openkp.library.models import Document, DocumentVersion
from openkp.structures.models import Group, PlanningPeriod

DEMO_AREAS = ("ostrava", "hlucinsko")
_pdf_cache = {}  # a PDF takes WeasyPrint about half a second; the browser tests load the demo many times


def clear():
    """Delete the library's rows in the demo areas and, once that is committed, their files."""
    _delete(Document.objects.filter(area__slug__in=DEMO_AREAS))


def _delete(documents):
    names = [name for name in DocumentVersion.objects.filter(document__in=documents).values_list("file", flat=True) if name]
    documents.delete()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


def load():
    """About fifteen documents for ostrava and three for hlucinsko."""
    coordinator = User.objects.filter(username="koordinator").first()
    member = User.objects.filter(username="clen").first()
    for slug, documents in (("ostrava", _ostrava_documents()), ("hlucinsko", _hlucinsko_documents())):
        area = Area.objects.filter(slug=slug).first()
        if area is None:
            continue
        _delete(Document.objects.for_area(area))
        groups = {group.name: group for group in Group.objects.for_area(area).filter(period__is_current=True)}
        periods = list(PlanningPeriod.objects.for_area(area).order_by("start_year"))
        for spec in documents:
            _create(area, spec, groups=groups, periods=periods, uploader=member if spec.get("by_member") else coordinator)


def _create(area, spec, *, groups, periods, uploader):
    now = timezone.now()
    versions = spec["versions"]
    group = groups.get(spec.get("group"))
    period = periods[spec["period"]] if "period" in spec and periods else (group.period if group else None)
    first_age, first_file, first_note = versions[0]
    document = services.document_create(
        area=area, user=uploader, file=first_file(), change_note=first_note, may_publish=True,
        title=spec["title"], description=spec.get("description", ""), category=spec["category"], group=group, period=period,
        visibility="members" if spec.get("members_only") else "public",
    )
    for _age, make_file, note in versions[1:]:
        services.version_add(document=document, user=uploader, file=make_file(), change_note=note)
    # Spread the upload dates over the past months, as a real library would have them.
    for number, (age, _make, _note) in enumerate(versions, start=1):
        DocumentVersion.objects.filter(document=document, number=number).update(uploaded_at=now - timedelta(days=age))
    Document.objects.filter(pk=document.pk).update(created_at=now - timedelta(days=first_age),
                                                   updated_at=now - timedelta(days=versions[-1][0]))


def _pdf(name, title, subtitle="", sections=(), rows=None):
    def make():
        key = (title, subtitle)
        if key not in _pdf_cache:
            _pdf_cache[key] = render_pdf("library/demo_pdf.html", {
                "title": title, "subtitle": subtitle, "sections": sections, "rows": rows,
            })
        return ContentFile(_pdf_cache[key], name=name)

    return make


def _docx(name, title, paragraphs=(), table=None):
    def make():
        document = DocxDocument(title=title)
        for paragraph in paragraphs:
            document.paragraph(paragraph)
        if table:
            document.table(table[0], table[1:])
        document.footer_note("Ukázkový dokument s vymyšleným obsahem.")
        return ContentFile(document.to_bytes(), name=name)

    return make


def _text(name, content, encoding="utf-8"):
    return lambda: ContentFile(content.encode(encoding), name=name)


def _minutes(group, day, items):
    return [
        f"Jednání pracovní skupiny {group} dne {day}.",
        "Přítomno: 14 členů dle prezenční listiny, hosté: 2. Jednání řídil/a manažer/ka skupiny.",
        *[f"{index}. {item}" for index, item in enumerate(items, start=1)],
        "Příští jednání: za dva měsíce, místo a čas upřesní manažer/ka skupiny e-mailem.",
    ]


def _ostrava_documents():
    plan_sections = [
        ("Úvod", "Komunitní plán popisuje síť sociálních služeb a souvisejících aktivit ve městě a stanoví priority na čtyři roky."),
        ("Priority", "Dostupné terénní služby pro seniory, podpora pečujících, bydlení pro osoby bez přístřeší, duševní zdraví."),
        ("Financování", "Opatření se financují z rozpočtu města, kraje a z dotačních programů MPSV."),
    ]
    return [
        {"title": "6. komunitní plán sociálních služeb a souvisejících aktivit města Ostravy na léta 2023–2026",
         "category": "plan", "period": -1, "description": "Schválený komunitní plán včetně priorit, cílů a opatření pracovních skupin.",
         "versions": [
             (420, _pdf("6-KP-navrh.pdf", "Návrh 6. komunitního plánu 2023–2026", "Verze k připomínkování", plan_sections),
              "návrh k veřejnému připomínkování"),
             (360, _pdf("6-KP-schvaleny.pdf", "6. komunitní plán 2023–2026", "Schváleno zastupitelstvem města", plan_sections),
              "schválená verze"),
         ]},
        {"title": "Metodika komunitního plánování sociálních služeb v Ostravě", "category": "methodology",
         "description": "Jak pracují pracovní skupiny, jak se sbírají potřeby a jak vzniká plán.",
         "versions": [(300, _pdf("metodika-kpss.pdf", "Metodika komunitního plánování", "Organizační struktura a postupy", [
             ("Organizační struktura", "Manažerský tým a deset pracovních skupin podle cílových skupin."),
             ("Triáda", "Každá skupina má zástupce zadavatelů, poskytovatelů a uživatelů služeb."),
         ]), "")]},
        {"title": "Jednací řád pracovních skupin", "category": "methodology",
         "versions": [
             (280, _docx("jednaci-rad.docx", "Jednací řád pracovních skupin", [
                 "Pracovní skupina se schází zpravidla jednou za dva měsíce.",
                 "Skupina je usnášeníschopná za přítomnosti nadpoloviční většiny členů."]), ""),
             (90, _docx("jednaci-rad-2026.docx", "Jednací řád pracovních skupin (2026)", [
                 "Pracovní skupina se schází zpravidla jednou za dva měsíce, i online.",
                 "Skupina je usnášeníschopná za přítomnosti nadpoloviční většiny členů.",
                 "Hlasovat lze i e-mailem ve lhůtě pěti pracovních dnů."]), "doplněno hlasování e-mailem"),
         ]},
        {"title": "Zápis z jednání PS Senioři – leden 2026", "category": "minutes", "group": "Senioři",
         "versions": [(75, _docx("zapis-ps-seniori-leden.docx", "Zápis z jednání PS Senioři", _minutes("Senioři", "14. 1. 2026", [
             "Informace o čerpání dotací na rok 2026.", "Návrh nového opatření: odlehčovací služba v Porubě."])), "")]},
        {"title": "Zápis z jednání PS Senioři – březen 2026", "category": "minutes", "group": "Senioři", "members_only": True,
         "description": "Pracovní verze zápisu k připomínkám členů skupiny.",
         "versions": [
             (20, _docx("zapis-ps-seniori-brezen.docx", "Zápis z jednání PS Senioři", _minutes("Senioři", "11. 3. 2026", [
                 "Vyhodnocení dotazníku mezi pečujícími.", "Příprava podkladů pro akční plán 2027."])), "návrh zápisu"),
             (12, _docx("zapis-ps-seniori-brezen-opraveny.docx", "Zápis z jednání PS Senioři", _minutes("Senioři", "11. 3. 2026", [
                 "Vyhodnocení dotazníku mezi pečujícími (doplněny výsledky za Poruba a Jih).",
                 "Příprava podkladů pro akční plán 2027."])), "zapracovány připomínky členů"),
         ]},
        {"title": "Prezenční listina – PS Senioři, 11. 3. 2026", "category": "attendance", "group": "Senioři", "members_only": True,
         "versions": [(20, _text("prezencni-listina-seniori.csv",
                                 "jméno;organizace;role v triádě;podpis\nJana Horáková;Domov Slunovrat;poskytovatel;ano\n"
                                 "Petr Holub;;uživatel;ano\nEva Malá;Statutární město Ostrava;zadavatel;ano\n"), "")]},
        {"title": "Analýza potřeb seniorů v Ostravě 2025", "category": "analysis", "group": "Senioři",
         "description": "Výsledky dotazníkového šetření mezi seniory a pečujícími osobami.",
         "versions": [(150, _pdf("analyza-potreb-senioru.pdf", "Analýza potřeb seniorů v Ostravě 2025", "Dotazníkové šetření, 612 respondentů",
                                 [("Hlavní zjištění", "Nejvíce chybí odlehčovací služby a doprava k lékaři.")],
                                 [["Potřeba", "Podíl respondentů"], ["Odlehčovací služba", "41 %"], ["Doprava k lékaři", "37 %"],
                                  ["Pečovatelská služba o víkendu", "29 %"]]), "")]},
        {"title": "Prezentace: Dostupnost odlehčovacích služeb", "category": "presentation", "group": "Senioři",
         "versions": [(60, _pdf("prezentace-odlehcovaci-sluzby.pdf", "Dostupnost odlehčovacích služeb", "Prezentace pro jednání PS Senioři",
                                 [("Kapacity", "Ve městě je 46 lůžek odlehčovací služby, čekací doba je 3–6 týdnů.")]), "")]},
        {"title": "Zápis z jednání PS Osoby bez přístřeší – únor 2026", "category": "minutes", "group": "Osoby bez přístřeší",
         "members_only": True,
         "versions": [(40, _docx("zapis-ps-bez-pristresi.docx", "Zápis z jednání PS Osoby bez přístřeší", _minutes(
             "Osoby bez přístřeší", "18. 2. 2026", ["Zimní opatření – kapacity nocleháren.", "Housing First: průběžná zpráva."])), "")]},
        {"title": "Mapování kapacit nízkoprahových denních center", "category": "analysis", "group": "Osoby bez přístřeší",
         "versions": [
             (200, _text("kapacity-ndc.csv", "zařízení;kapacita;obsazenost\nDenní centrum Hornická;60;95 %\n"), "první sběr dat"),
             (110, _text("kapacity-ndc.csv", "zařízení;kapacita;obsazenost\nDenní centrum Hornická;60;95 %\n"
                                             "Denní centrum Kostelní;40;88 %\n"), "doplněno druhé centrum"),
             (30, _text("kapacity-ndc.csv", "zařízení;kapacita;obsazenost\nDenní centrum Hornická;60;97 %\n"
                                            "Denní centrum Kostelní;40;91 %\n", encoding="cp1250"), "data za zimu 2026"),
         ]},
        {"title": "Zápis ze setkání manažerského týmu – leden 2026", "category": "minutes", "group": "Manažerský tým",
         "members_only": True,
         "versions": [(70, _docx("zapis-manazersky-tym.docx", "Zápis ze setkání manažerského týmu", [
             "Schválen harmonogram přípravy akčního plánu 2027.", "Koordinátorka představila výsledky monitoringu za rok 2025."]), "")]},
        {"title": "Prezentace výsledků dotazníkového šetření rodin s dětmi", "category": "presentation",
         "group": "Děti, mládež a rodina",
         "versions": [(95, _pdf("prezentace-rodiny.pdf", "Dotazníkové šetření rodin s dětmi", "Prezentace pro PS Děti, mládež a rodina",
                                 [("Hlavní zjištění", "Rodiny oceňují sociálně aktivizační služby, chybí dostupné poradenství.")]), "")]},
        {"title": "Prezenční listina – PS Duševní zdraví, únor 2026", "category": "attendance", "group": "Duševní zdraví",
         "members_only": True,
         "versions": [(35, _text("prezencni-listina-dusevni-zdravi.csv",
                                 "jméno;organizace;podpis\nLucie Kolářová;Podané ruce Ostrava;ano\nMichal Říha;;ano\n"), "")]},
        {"title": "Vyhodnocení 5. komunitního plánu 2019–2022", "category": "analysis", "period": 0,
         "versions": [(480, _pdf("vyhodnoceni-5-KP.pdf", "Vyhodnocení 5. komunitního plánu 2019–2022", "Souhrnná zpráva o plnění",
                                 [("Plnění opatření", "Splněno 71 % opatření, 18 % částečně, 11 % se nepodařilo realizovat.")]), "")]},
        {"title": "Pravidla zapojení uživatelů služeb do pracovních skupin", "category": "other",
         "versions": [(240, _text("pravidla-zapojeni-uzivatelu.txt",
                                  "Uživatelé služeb jsou plnohodnotnými členy pracovních skupin.\n"
                                  "Na jednání mohou přijít s doprovodem a dostanou podklady předem v srozumitelné podobě.\n"), "")]},
        {"title": "Podklady k akčnímu plánu 2027 – pracovní verze", "category": "plan", "members_only": True, "by_member": True,
         "group": "Senioři", "description": "Návrhy opatření z pracovních skupin, průběžně doplňované.",
         "versions": [
             (45, _docx("podklady-ap-2027.docx", "Podklady k akčnímu plánu 2027", ["Návrhy opatření PS Senioři."]), ""),
             (25, _docx("podklady-ap-2027-v2.docx", "Podklady k akčnímu plánu 2027", [
                 "Návrhy opatření PS Senioři.", "Návrhy opatření PS Duševní zdraví."]), "doplněna PS Duševní zdraví"),
             (5, _docx("podklady-ap-2027-v3.docx", "Podklady k akčnímu plánu 2027", [
                 "Návrhy opatření PS Senioři.", "Návrhy opatření PS Duševní zdraví.", "Odhad nákladů opatření."],
                 table=[["Opatření", "Odhad nákladů"], ["Odlehčovací služba Poruba", "2 400 000 Kč"]]), "doplněn odhad nákladů"),
         ]},
    ]


def _hlucinsko_documents():
    return [
        {"title": "1. střednědobý plán rozvoje sociálních služeb 2025–2028", "category": "plan", "period": -1,
         "versions": [(300, _pdf("strednedoby-plan-hlucinsko.pdf", "Střednědobý plán rozvoje sociálních služeb 2025–2028",
                                 "Svazek obcí mikroregionu Hlučínsko-západ",
                                 [("Priority", "Dostupná pečovatelská služba ve všech 13 obcích, podpora rodin s dětmi.")]), "")]},
        {"title": "Zápis z jednání řídicí skupiny – březen 2026", "category": "minutes", "group": "Řídicí skupina", "members_only": True,
         "versions": [(15, _docx("zapis-ridici-skupina.docx", "Zápis z jednání řídicí skupiny", [
             "Starostové projednali spolufinancování pečovatelské služby.", "Schválen postup monitoringu plánu."]), "")]},
        {"title": "SWOT analýza – pracovní skupina Senioři", "category": "analysis", "group": "Senioři",
         "versions": [(120, _docx("swot-seniori.docx", "SWOT analýza – senioři", ["Silné stránky: síť pečovatelských služeb."],
                                  table=[["Silné stránky", "Slabé stránky"], ["Spolupráce obcí", "Chybí odlehčovací služba"]]), "")]},
    ]

