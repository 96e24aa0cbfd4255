"""Demo community plans.

Ostrava: the draft of the 7th community plan 2027–2030, prepared by the groups of the current planning period (a
priority area per working group plus a cross-cutting one, about 35 goals, 120 measures of all five kinds, 250
activities with quarters and milestones, costs per year and funding source, indicators of output, quality and social
impact, risks, analytical chapters, comments and a named version changed since), traced to the demo needs analysis;
the closed 6th plan 2023–2026. Hlučínsko: a small plan in force for its two working groups.

Everything is invented; the structure and names follow real Czech plans (priorities per target group and
cross-cutting ones; keep / expand / new service, related activities, systemic measures; OPTIMKO's social-impact
indicators). Deterministic (one seeded ``random.Random``) and idempotent: ``clear()`` removes the plans before the
organisation of planning is rebuilt, ``load()`` creates them again after the needs analysis.
"""

import random
import uuid
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from openkp.accounts.models import User
from openkp.catalog.models import Service
from openkp.core.models import Area, Organisation
from openkp.demo.needs import NEED_TEMPLATES
from openkp.library import services as library
from openkp.library.models import Document
from openkp.needs.models import Need, SwotItem, Theme
from openkp.plans import documents
from openkp.plans.models import (
    Activity,
    Chapter,
    Comment,
    Cost,
    Goal,
    Indicator,
    IndicatorTarget,
    Measure,
    Milestone,
    Plan,
    PlanVersion,
    Priority,
    Risk,
)
from openkp.plans.services import hierarchy, publishing
from openkp.plans.services.budget import funding_sources
from openkp.plans.services.snapshot import snapshot
from openkp.structures.models import Group, PlanningPeriod

SEED = 62026
KEEP, EXPAND, NEW, RELATED, SYSTEMIC = (Measure.Kind.KEEP, Measure.Kind.EXPAND, Measure.Kind.NEW, Measure.Kind.RELATED,
                                        Measure.Kind.SYSTEMIC)
CITY_ICO = "00845451"
CITY_OFFICE = "Magistrát města Ostravy, odbor sociálních věcí a zdravotnictví"
RESIDENTIAL = {"47", "48", "49", "50", "51", "57", "58", "63", "68"}
WITH_FEES = {"39", "40", "41", "43", "44", "45", "46", "47", "48", "49", "50", "51", "57", "58", "63"}
HEALTH_INSURED = {"48", "49", "50", "52"}
# Homes for good: the impact indicators of their priority areas (staying at home, moving out) do not fit them.
LONG_TERM_CARE = {"48", "49", "50", "52"}
VERSION_NAME = "pracovní verze pro řídicí skupinu"

# Priority areas of the Ostrava draft: (working group, title, description, impact indicator, goals);
# impact: (name, unit, polarity, baseline range, yearly change); goals: (title, [(kind, measure title, § of related services)]).
OSTRAVA_PLAN = [
    ("Senioři", "Senioři a pečující", "Podpora seniorů, lidí žijících s demencí a těch, kdo o ně doma pečují.",
     ("Počet seniorů, kteří díky terénním službám mohli zůstat v domácím prostředí", "osoby", "higher", (300, 900), 0.06), [
         ("Podpora života seniorů v domácím prostředí", [
             (KEEP, "Zachování pečovatelské služby ve všech městských obvodech", "40"),
             (EXPAND, "Rozšíření pečovatelské služby o večery a víkendy", "40"),
             (KEEP, "Zachování osobní asistence pro seniory", "39"),
             (KEEP, "Zachování tísňové péče", "41"),
             (RELATED, "Půjčovny kompenzačních pomůcek", None)]),
         ("Dostupné pobytové služby pro seniory a lidi s demencí", [
             (KEEP, "Zachování kapacity domovů pro seniory", "49"),
             (EXPAND, "Navýšení kapacity domovů se zvláštním režimem pro lidi s demencí", "50"),
             (NEW, "Nový domov se zvláštním režimem v obvodu Ostrava-Jih", "50")]),
         ("Podpora pečujících osob", [
             (EXPAND, "Rozšíření odlehčovacích služeb v terénní a pobytové formě", "44"),
             (RELATED, "Svépomocné skupiny a poradenství pro pečující", None),
             (SYSTEMIC, "Kontaktní místo pro pečující na magistrátu", None)]),
         ("Aktivní stárnutí a prevence osamělosti", [
             (KEEP, "Zachování sociálně aktivizačních služeb pro seniory", "66"),
             (RELATED, "Kluby seniorů v městských obvodech", None),
             (RELATED, "Senior taxi do okrajových obvodů", None),
             (RELATED, "Dobrovolnické návštěvy u osamělých seniorů", None)])]),
    ("Osoby se zdravotním postižením", "Osoby se zdravotním postižením", "Samostatný život lidí s tělesným, mentálním, "
     "smyslovým a kombinovaným postižením a podpora jejich rodin.",
     ("Počet lidí se zdravotním postižením, kteří žijí v běžném bytě s podporou služby", "osoby", "higher", (60, 160), 0.08), [
         ("Podpora samostatného života lidí se zdravotním postižením", [
             (KEEP, "Zachování osobní asistence", "39"),
             (EXPAND, "Rozšíření podpory samostatného bydlení", "43"),
             (KEEP, "Zachování průvodcovských a předčitatelských služeb", "42")]),
         ("Transformace pobytových služeb a chráněné bydlení", [
             (NEW, "Nové chráněné bydlení pro lidi s mentálním postižením", "51"),
             (KEEP, "Zachování domovů pro osoby se zdravotním postižením", "48"),
             (SYSTEMIC, "Plán transformace pobytových služeb na komunitní", None)]),
         ("Denní služby a pracovní uplatnění", [
             (KEEP, "Zachování denních a týdenních stacionářů", "46"),
             (EXPAND, "Rozšíření sociálně terapeutických dílen", "67"),
             (RELATED, "Podpora chráněného zaměstnávání", None),
             (EXPAND, "Rozšíření odlehčovacích služeb pro rodiny dětí s postižením", "44")]),
         ("Bezbariérové město a raná péče", [
             (SYSTEMIC, "Mapa bezbariérových míst a tras", None),
             (RELATED, "Bezbariérová doprava k lékaři a na úřady", None),
             (KEEP, "Zachování rané péče pro rodiny dětí s postižením", "54")])]),
    ("Duševní zdraví", "Duševní zdraví", "Komunitní péče o lidi s duševním onemocněním a prevence opakovaných hospitalizací.",
     ("Počet lidí s duševním onemocněním, kteří se po podpoře služby vyhnuli opakované hospitalizaci", "osoby", "higher", (40, 120), 0.1), [
         ("Dostupná komunitní péče o duševní zdraví", [
             (KEEP, "Zachování sociální rehabilitace pro lidi s duševním onemocněním", "70"),
             (EXPAND, "Rozšíření terénní sociální rehabilitace ve spolupráci s centry duševního zdraví", "70"),
             (SYSTEMIC, "Spolupráce sociálních služeb s centry duševního zdraví", None),
             (KEEP, "Zachování sociálně terapeutických dílen pro lidi s duševním onemocněním", "67")]),
         ("Bydlení a návrat z psychiatrické nemocnice", [
             (EXPAND, "Navýšení kapacity chráněného bydlení pro lidi s duševním onemocněním", "51"),
             (NEW, "Tréninkové byty pro lidi po propuštění z psychiatrické nemocnice", "43"),
             (KEEP, "Zachování podpory samostatného bydlení", "43")]),
         ("Krizová pomoc a destigmatizace", [
             (KEEP, "Zachování krizové pomoci a telefonické krizové pomoci", "60"),
             (RELATED, "Kampaň k destigmatizaci duševního onemocnění", None),
             (RELATED, "Peer konzultanti v sociálních službách", None),
             (RELATED, "Svépomocné skupiny pro lidi s duševním onemocněním a jejich blízké", None)])]),
    ("Děti, mládež a rodina", "Děti, mládež a rodina", "Podpora rodin s dětmi v obtížných situacích, prevence rizikového chování "
     "a podpora mladých dospělých.",
     ("Počet rodin, v nichž se podařilo zabránit umístění dítěte mimo rodinu", "rodiny", "higher", (50, 140), 0.07), [
         ("Podpora rodin s dětmi v obtížných situacích", [
             (KEEP, "Zachování sociálně aktivizačních služeb pro rodiny s dětmi", "65"),
             (EXPAND, "Rozšíření terénní práce s rodinami ohroženými odebráním dětí", "65"),
             (RELATED, "Rodinná centra a poradenství pro rodiče", None),
             (KEEP, "Zachování odborného sociálního poradenství pro rodiny", "37")]),
         ("Prevence rizikového chování dětí a mládeže", [
             (KEEP, "Zachování nízkoprahových zařízení pro děti a mládež", "62"),
             (NEW, "Nový nízkoprahový klub v Porubě", "62"),
             (RELATED, "Volnočasové aktivity pro děti z rodin s nízkými příjmy", None)]),
         ("Náhradní rodinná péče a mladí dospělí", [
             (RELATED, "Podpora pěstounských rodin", None),
             (KEEP, "Zachování domů na půl cesty", "58"),
             (SYSTEMIC, "Program osamostatnění mladých dospělých po odchodu z ústavní výchovy", None),
             (RELATED, "Mentoringový program pro mladé lidi z dětských domovů", None)])]),
    ("Osoby bez přístřeší", "Osoby bez přístřeší", "Pomoc lidem bez domova na ulici, v noclehárnách a azylových domech "
     "a cesta do vlastního bydlení.",
     ("Počet lidí, kteří se z azylového domu nebo z ulice přestěhovali do standardního bydlení", "osoby", "higher", (40, 90), 0.12), [
         ("Pomoc lidem bez domova na ulici", [
             (KEEP, "Zachování terénních programů pro lidi bez domova", "69"),
             (KEEP, "Zachování nízkoprahových denních center", "61"),
             (EXPAND, "Navýšení kapacity nocleháren v zimním období", "63"),
             (RELATED, "Potravinová a hygienická pomoc lidem bez domova", None)]),
         ("Cesta z azylového domu do vlastního bydlení", [
             (KEEP, "Zachování azylových domů pro muže, ženy a rodiny", "57"),
             (SYSTEMIC, "Prostupné bydlení: sociální byty s podporou", None),
             (NEW, "Pilotní program Housing First pro dlouhodobě bezdomovce", "43"),
             (RELATED, "Dluhové poradenství v azylových domech", None)]),
         ("Zdravotní péče pro lidi bez domova", [
             (RELATED, "Ambulance praktického lékaře pro lidi bez domova", None),
             (NEW, "Zdravotně-sociální lůžka pro lidi bez domova", "52"),
             (SYSTEMIC, "Spolupráce nemocnic a azylových domů při propouštění", None)])]),
    ("Závislosti", "Závislosti", "Dostupné adiktologické služby, léčba, doléčování a prevence.",
     ("Počet klientů, kteří dokončili léčbu a rok po ní abstinují", "osoby", "higher", (30, 80), 0.08), [
         ("Dostupné adiktologické služby", [
             (KEEP, "Zachování kontaktních center", "59"),
             (KEEP, "Zachování terénních programů pro uživatele drog", "69"),
             (EXPAND, "Rozšíření adiktologického poradenství", "37")]),
         ("Léčba a doléčování", [
             (KEEP, "Zachování terapeutických komunit", "68"),
             (KEEP, "Zachování služeb následné péče", "64"),
             (NEW, "Tréninkové bydlení pro lidi po léčbě závislosti", "43"),
             (RELATED, "Podpora rodin lidí se závislostí", None)]),
         ("Prevence a snižování škod", [
             (RELATED, "Primární prevence závislostí na školách", None),
             (RELATED, "Prevence hazardního hraní", None),
             (SYSTEMIC, "Koordinace protidrogové politiky města", None)])]),
    ("Sociálně vyloučení", "Sociálně vyloučení", "Sociální práce v sociálně vyloučených lokalitách, dluhy, bydlení, vzdělávání "
     "a zaměstnanost.",
     ("Počet domácností, které snížily své dluhy nebo vstoupily do oddlužení", "domácnosti", "higher", (120, 300), 0.1), [
         ("Sociální práce v sociálně vyloučených lokalitách", [
             (KEEP, "Zachování terénních programů v sociálně vyloučených lokalitách", "69"),
             (EXPAND, "Rozšíření sociálně aktivizačních služeb pro rodiny v lokalitách", "65"),
             (RELATED, "Komunitní centra v lokalitách", None),
             (SYSTEMIC, "Koordinace sociální práce obce a poskytovatelů v lokalitách", None)]),
         ("Dluhy a finanční gramotnost", [
             (KEEP, "Zachování odborného dluhového poradenství", "37"),
             (RELATED, "Kurzy finanční gramotnosti pro dospělé a mládež", None),
             (SYSTEMIC, "Informační kampaň k oddlužení a milostivému létu", None)]),
         ("Zaměstnanost a vzdělávání", [
             (RELATED, "Podpora zaměstnávání lidí ze sociálně vyloučených lokalit", None),
             (RELATED, "Doučování a předškolní příprava dětí", None),
             (KEEP, "Zachování sociální rehabilitace zaměřené na práci", "70")])]),
    ("Národnostní a etnické menšiny", "Národnostní a etnické menšiny", "Integrace romské komunity a předcházení diskriminaci.",
     ("Počet dětí z romské komunity, které dokončily střední vzdělání", "osoby", "higher", (20, 50), 0.1), [
         ("Podpora integrace romské komunity", [
             (KEEP, "Zachování terénní práce s romskými rodinami", "69"),
             (RELATED, "Romští mediátoři a asistenti pedagoga ve školách", None),
             (RELATED, "Komunitní práce a romské kulturní akce", None)]),
         ("Předcházení diskriminaci", [
             (SYSTEMIC, "Vzdělávání pracovníků úřadů v interkulturní práci", None),
             (RELATED, "Právní poradenství obětem diskriminace", None),
             (KEEP, "Zachování odborného sociálního poradenství pro menšiny", "37")]),
         ("Vzdělávání dětí z menšin", [
             (RELATED, "Předškolní kluby pro děti z menšin", None),
             (RELATED, "Podpora dokončení středního vzdělání", None),
             (EXPAND, "Rozšíření sociálně aktivizačních služeb o doučování", "65")])]),
    ("Cizinci", "Cizinci", "Orientace cizinců ve městě, pomoc uprchlíkům a interkulturní soužití.",
     ("Počet cizinců, kteří po kurzu zvládnou jednat na úřadě bez tlumočníka", "osoby", "higher", (40, 110), 0.1), [
         ("Orientace cizinců ve městě", [
             (RELATED, "Integrační centrum a kurzy češtiny", None),
             (KEEP, "Zachování odborného poradenství pro cizince", "37"),
             (KEEP, "Zachování tlumočnických služeb", "56")]),
         ("Pomoc uprchlíkům z Ukrajiny", [
             (RELATED, "Kontaktní místo pro uprchlíky", None),
             (EXPAND, "Rozšíření terénní práce s uprchlíky", "69"),
             (SYSTEMIC, "Koordinace pomoci uprchlíkům mezi městem, krajem a neziskovými organizacemi", None),
             (KEEP, "Zachování krizové pomoci pro uprchlíky", "60")]),
         ("Interkulturní soužití", [
             (RELATED, "Komunitní tlumočníci ve zdravotnictví a na úřadech", None),
             (RELATED, "Sousedské akce a multikulturní festival", None),
             (SYSTEMIC, "Interkulturní pracovníci v sociálních službách", None)])]),
    ("Oběti trestné činnosti a domácího násilí", "Oběti trestné činnosti a domácího násilí",
     "Bezpečí a pomoc pro oběti domácího násilí a trestných činů, prevence násilí.",
     ("Počet ohrožených osob, které rok po ukončení spolupráce žijí bez násilí", "osoby", "higher", (60, 140), 0.08), [
         ("Pomoc obětem domácího násilí", [
             (KEEP, "Zachování intervenčního centra", "60a"),
             (EXPAND, "Rozšíření azylového bydlení pro ženy a matky s dětmi ohrožené násilím", "57"),
             (NEW, "Utajované azylové byty pro oběti domácího násilí", "57")]),
         ("Pomoc obětem trestné činnosti", [
             (KEEP, "Zachování odborného poradenství pro oběti trestných činů", "37"),
             (RELATED, "Program pro osoby páchající násilí", None),
             (RELATED, "Doprovod obětí k soudu a na policii", None)]),
         ("Prevence násilí", [
             (SYSTEMIC, "Spolupráce policie, OSPOD a intervenčního centra", None),
             (RELATED, "Preventivní programy proti násilí ve vztazích na školách", None),
             (RELATED, "Kampaň „Násilí není soukromá věc“", None)])]),
    (None, "Průřezová opatření", "Opatření společná všem cílovým skupinám: informovanost, kvalita a udržitelnost sítě služeb, "
     "propojení zdravotní a sociální péče a dostupné bydlení.",
     ("Podíl obyvatel, kteří vědí, kam se obrátit, když potřebují pomoc", "%", "higher", (55, 62), 0.04), [
         ("Informovanost o sociálních službách", [
             (RELATED, "Katalog sociálních služeb v elektronické a tištěné podobě", None),
             (RELATED, "Informační kampaň o sociálních službách v městských obvodech", None),
             (SYSTEMIC, "Kontaktní místa sociální pomoci na úřadech městských obvodů", None)]),
         ("Kvalita a udržitelnost sítě služeb", [
             (SYSTEMIC, "Dotační program města pro sociální služby", None),
             (SYSTEMIC, "Vykazování ukazatelů poskytovatelů a monitoring komunitního plánu", None),
             (RELATED, "Vzdělávání a supervize pracovníků v přímé péči", None),
             (SYSTEMIC, "Ukazatele sociálního dopadu v hodnocení služeb", None)]),
         ("Propojení zdravotní a sociální péče", [
             (SYSTEMIC, "Sociální pracovníci v nemocnicích a návaznost péče po propuštění", None),
             (RELATED, "Doprava do služeb pro lidi s omezenou pohyblivostí", None)]),
         ("Dostupné bydlení", [
             (SYSTEMIC, "Koncepce sociálního bydlení města", None),
             (RELATED, "Kontaktní místo pro bydlení", None)])]),
]
# Working groups that take care of the cross-cutting measures, by the measure's position in the area.
CROSS_CUTTING_GROUPS = ["Senioři", "Osoby se zdravotním postižením", "Senioři", "Duševní zdraví", "Sociálně vyloučení",
                        "Osoby bez přístřeší", "Senioři", "Duševní zdraví", "Osoby se zdravotním postižením", "Osoby bez přístřeší",
                        "Sociálně vyloučení"]
# Themes of the needs analysis a cross-cutting goal answers.
CROSS_CUTTING_THEMES = {
    "Informovanost o sociálních službách": ["Informovanost o službách"],
    "Kvalita a udržitelnost sítě služeb": ["Personál a kvalita služeb"],
    "Propojení zdravotní a sociální péče": ["Propojení zdravotní a sociální péče", "Doprava a dostupnost služeb"],
    "Dostupné bydlení": ["Dostupné bydlení"],
}

CLOSED_PLAN = [
    ("Senioři", [
        ("Péče o seniory v domácnosti", [(KEEP, "Zachování pečovatelské služby", "40"), (EXPAND, "Rozšíření osobní asistence pro seniory", "39"),
                                         (RELATED, "Kluby seniorů", None)]),
        ("Pobytové služby pro seniory", [(KEEP, "Zachování domovů pro seniory", "49"), (NEW, "Domov se zvláštním režimem v Porubě", "50")])]),
    ("Osoby se zdravotním postižením", [
        ("Samostatný život", [(KEEP, "Zachování osobní asistence", "39"), (NEW, "Chráněné bydlení pro lidi s mentálním postižením", "51")]),
        ("Denní služby", [(KEEP, "Zachování denních stacionářů", "46")])]),
    ("Děti, mládež a rodina", [
        ("Podpora rodin s dětmi", [(KEEP, "Zachování sociálně aktivizačních služeb pro rodiny s dětmi", "65"),
                                   (KEEP, "Zachování nízkoprahových zařízení pro děti a mládež", "62"), (RELATED, "Rodinná centra", None)])]),
    ("Osoby v nepříznivé sociální situaci", [
        ("Bydlení a pomoc na ulici", [(KEEP, "Zachování azylových domů", "57"), (KEEP, "Zachování terénních programů", "69"),
                                      (SYSTEMIC, "Koncepce prostupného bydlení", None), (KEEP, "Zachování dluhového poradenství", "37")])]),
    ("Závislosti", [
        ("Adiktologické služby", [(KEEP, "Zachování kontaktních center", "59"), (RELATED, "Primární prevence na školách", None)])]),
    ("Průřezová opatření", [
        ("Informovanost a kvalita služeb", [(RELATED, "Katalog sociálních služeb", None), (SYSTEMIC, "Dotační program města pro sociální služby", None),
                                            (RELATED, "Vzdělávání pracovníků v sociálních službách", None)])]),
]

HLUCINSKO_PLAN = [
    ("Senioři", "Senioři a pečující", ("Počet seniorů, kteří díky službám mohli zůstat doma ve své obci", "osoby", "higher", (60, 90), 0.06), [
        ("Péče v domácím prostředí", [(KEEP, "Zachování pečovatelské služby v obcích svazku", "40"),
                                      (EXPAND, "Odlehčovací služba pro pečující", "44"), (RELATED, "Senior taxi v obcích svazku", None)])]),
    ("Děti, mládež a rodina", "Rodiny s dětmi", ("Počet rodin, které díky podpoře zvládly obtížnou situaci bez zásahu OSPOD", "rodiny", "higher",
                                                 (15, 30), 0.08), [
        ("Podpora rodin a volný čas dětí", [(KEEP, "Zachování sociálně aktivizačních služeb pro rodiny s dětmi", "65"),
                                            (RELATED, "Prorodinné aktivity a kroužky v obcích", None),
                                            (KEEP, "Zachování nízkoprahového klubu pro děti a mládež", "62")])]),
    (None, "Spolupráce obcí a informovanost", ("Podíl obyvatel, kteří vědí, kam se obrátit, když potřebují pomoc", "%", "higher", (45, 50), 0.05), [
        ("Společná síť služeb svazku", [(RELATED, "Katalog sociálních služeb svazku", None),
                                        (SYSTEMIC, "Společné financování služeb obcemi svazku", None)])]),
]

# Activities by kind of measure: (title, milestone or None); how many and whether they run side by side or one after another.
ACTIVITIES = {
    KEEP: ([("Zajištění financování služby z rozpočtu města, dotace kraje a MPSV", None),
            ("Sledování kapacity, počtu čekatelů a odmítnutých zájemců", None),
            ("Aktualizace údajů o službě v katalogu sociálních služeb", None)], (2, 2), False),
    EXPAND: ([("Žádost o navýšení kapacity v krajské síti sociálních služeb", "Změna registrace kapacity"),
              ("Nábor a zaškolení nových pracovníků v přímé péči", "Přijetí nových pracovníků"),
              ("Zajištění prostor, vybavení a automobilů pro terénní práci", None)], (2, 2), True),
    NEW: ([("Zpracování projektového záměru a žádosti o dotaci", "Podání žádosti o dotaci"),
           ("Výběr a úprava objektu, vybavení služby", "Kolaudace objektu"),
           ("Registrace služby a zařazení do krajské sítě", "Registrace služby"),
           ("Zahájení provozu a vyhodnocení prvního roku", "Zahájení provozu")], (3, 4), True),
    RELATED: ([("Realizace aktivity v městských obvodech", None), ("Propagace aktivity mezi cílovou skupinou", None),
               ("Vyhodnocení účasti a zpětné vazby účastníků", None)], (2, 2), False),
    SYSTEMIC: ([("Ustavení pracovního týmu a harmonogramu", "Ustavení pracovního týmu"),
                ("Zpracování postupu a jeho projednání v manažerském týmu", "Schválení postupu manažerským týmem"),
                ("Pilotní ověření v praxi", None), ("Vyhodnocení a úprava postupu", None)], (2, 3), True),
}
OUTPUTS = {
    KEEP: ("Počet uživatelů služby za rok", "osoby", (40, 900), 0.02),
    EXPAND: ("Navýšená kapacita služby", "úvazky", (0, 0), None),
    NEW: ("Kapacita nové služby", "klienti", (0, 0), None),
    RELATED: ("Počet účastníků aktivity za rok", "osoby", (30, 400), 0.05),
    SYSTEMIC: ("Počet zapojených organizací", "organizace", (2, 6), None),
}
QUALITY = [
    ("Podíl uživatelů spokojených se službou (dotazník spokojenosti)", "%", "higher", (76, 86), 1),
    ("Průměrná čekací doba na zahájení služby", "dny", "lower", (25, 90), -5),
    ("Počet zájemců odmítnutých pro nedostatek kapacity", "osoby", "lower", (10, 80), -4),
]
RATIONALE = {
    KEEP: "Služba je součástí základní sítě sociálních služeb města; bez stabilního financování by ji nebylo možné poskytovat "
          "v dosavadním rozsahu.",
    EXPAND: "Současná kapacita nestačí: poskytovatelé v dotazníku uvádějí odmítnuté zájemce a čekací lhůty delší než měsíc.",
    NEW: "Služba v této podobě ve městě chybí; záměr bude předložen ke zařazení do krajské sítě sociálních služeb.",
    RELATED: "Aktivita doplňuje registrované služby a pomáhá lidem dříve, než potřebují odbornou sociální službu.",
    SYSTEMIC: "Opatření mění způsob spolupráce a rozhodování; samo službu neposkytuje, ale zlepšuje dostupnost a návaznost pomoci.",
}
EXPECTED_OUTPUTS = {
    KEEP: "Služba poskytovaná v rozsahu registrované kapacity po celé období plánu.",
    EXPAND: "Navýšená kapacita služby zapsaná v registru a v krajské síti sociálních služeb.",
    NEW: "Nová registrovaná služba v provozu, zařazená do sítě sociálních služeb.",
    RELATED: "Pravidelně realizovaná aktivita s vyhodnocenou účastí.",
    SYSTEMIC: "Schválený a v praxi ověřený postup spolupráce.",
}
PLAN_RISKS = [
    ("Nejisté financování sociálních služeb ze státního rozpočtu", 4, 5,
     "Vícezdrojové financování, včasné projednání sítě s krajem, rezerva v rozpočtu města.", Risk.Status.OPEN),
    ("Nedostatek kvalifikovaných pracovníků v přímé péči", 4, 4,
     "Podpora vzdělávání a supervize, spolupráce se školami, mzdové ohodnocení v dotačním programu.", Risk.Status.OPEN),
    ("Růst cen energií a mzdových nákladů", 3, 4, "Každoroční aktualizace nákladů opatření v akčním plánu.", Risk.Status.MITIGATED),
    ("Nízká účast uživatelů služeb v pracovních skupinách", 3, 2, "Setkání s veřejností v obvodech, proplácení cesty, online účast.",
     Risk.Status.OPEN),
    ("Nedostatečná spolupráce zdravotnických zařízení", 3, 3, "Memorandum o spolupráci s nemocnicemi, společná pracovní skupina.",
     Risk.Status.OPEN),
    ("Změna legislativy o sociálních službách a o dostupném bydlení", 2, 4, "Sledování legislativy, průběžná aktualizace plánu.",
     Risk.Status.OPEN),
]
# What a measure answers among the four needs every demo working group has (demo/needs.py, NEED_TEMPLATES, in this
# order): words of its title first, then the § of its services, else by its kind.
FIELD_CARE, HOUSING, HEALTH, INFORMATION = range(4)
TOPIC_WORDS = [
    (HOUSING, ("bydlen", "byt", "azyl", "nocleh", "housing", "půl cesty", "bez domova", "bezdomov")),
    (HEALTH, ("nemocn", "zdravot", "propuštění", "duševní", "léčb", "hospitaliz", "ambulance", "demenc", "krizov", "domovů", "domov se",
              "domov pro")),
    (INFORMATION, ("informa", "katalog", "kampaň", "kontaktní místo", "poraden", "mapa", "kurz", "vzdělávání", "prevenc", "koordinac",
                   "ukazatel", "dotační", "tlumoč", "mediátoř", "monitoring")),
    (FIELD_CARE, ("terénní", "asistenc", "pečovatel", "odlehčovac", "doprav", "taxi", "návštěv", "klub", "stacionář", "aktivizační",
                  "rehabilitac", "dílen")),
]
TOPIC_SECTIONS = {HOUSING: {"43", "51", "57", "58", "63"}, HEALTH: {"44", "48", "49", "50", "52", "60", "60a", "64", "68"},
                  INFORMATION: {"37", "56"}}
SWOT_WORDS = {FIELD_CARE: ("terénních", "pracovník"), HOUSING: ("financování", "nákladů"), HEALTH: ("zdravotní", "nemocnic"),
              INFORMATION: ("informovanost", "katalog", "spolupráce")}
SWOT_PHRASES = {SwotItem.Category.STRENGTH: "mezi silnými stránkami", SwotItem.Category.WEAKNESS: "mezi slabými stránkami",
                SwotItem.Category.OPPORTUNITY: "mezi příležitostmi", SwotItem.Category.THREAT: "mezi hrozbami"}

MEASURE_RISKS = [
    ("Nepodaří se získat dotaci z fondů EU", 3, 4, "Příprava záměru s předstihem, náhradní financování z rozpočtu města."),
    ("Nedostatek vhodných prostor nebo pozemku", 3, 3, "Spolupráce s odborem majetku a městskými obvody."),
    ("Služba nebude zařazena do krajské sítě", 2, 5, "Projednání záměru s krajem před podáním žádosti."),
    ("Nepodaří se obsadit pracovní místa", 3, 3, "Nábor s předstihem, spolupráce se středními a vyššími odbornými školami."),
    ("Nesouhlas obyvatel okolí se záměrem", 2, 3, "Setkání s obyvateli, informování v obvodním zpravodaji."),
]


def clear():
    """Remove the demo plans of both areas (they refer to the periods and groups the structures demo rebuilds).

    Without history records: a reload of the demo is no edit of the plans, and thousands of deletion records would
    make it several times slower."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for area in Area.objects.filter(slug__in=("ostrava", "hlucinsko")):
            plans = Plan.objects.for_area(area)
            published = set(plans.values_list("published_pdf", flat=True)) | set(plans.values_list("published_docx", flat=True))
            for document in Document.objects.filter(pk__in=published - {None}):
                library.document_delete(document=document)
            plans.update(based_on=None)
            plans.delete()


@transaction.atomic
def load():
    rng = random.Random(SEED)
    ostrava = Area.objects.get(slug="ostrava")
    closed = _ostrava_closed(ostrava, rng)
    draft = _ostrava_draft(ostrava, rng, based_on=closed)
    _version_and_changes(draft)
    hlucinsko = _hlucinsko(Area.objects.get(slug="hlucinsko"), rng)
    _publish_documents(hlucinsko)


# The builder ---------------------------------------------------------------------------------------------------------

class PlanBuilder:
    """Collects a plan's items in memory and saves each level with one bulk insert; positions 1..n per level."""

    def __init__(self, plan, rng, *, sources, city=None):
        self.plan, self.area, self.rng = plan, plan.area, rng
        self.sources = {source.code: source for source in sources}
        self.city = city
        self.priorities, self.goals, self.measures, self.activities, self.milestones = [], [], [], [], []
        self.costs, self.indicators, self.targets, self.risks = [], [], [], []
        self.links = []  # (measure, field name, [related objects])
        self.priority_targets = []  # (priority, [target groups])

    def uid(self):
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _common(self, siblings, title, **fields):
        return {"area": self.area, "plan": self.plan, "uid": self.uid(), "position": len(siblings) + 1, "title": title, **fields}

    def priority(self, title, *, target_groups=(), **fields):
        item = Priority(**self._common(self.priorities, title, **fields))
        item.goal_items = []
        self.priorities.append(item)
        self.priority_targets.append((item, list(target_groups)))
        return item

    def goal(self, priority, title, **fields):
        item = Goal(priority=priority, **self._common(priority.goal_items, title, **fields))
        item.measure_items = []
        priority.goal_items.append(item)
        self.goals.append(item)
        return item

    def measure(self, goal, title, *, links=None, **fields):
        fields.setdefault("start_year", self.plan.start_year)
        fields.setdefault("end_year", self.plan.end_year)
        item = Measure(goal=goal, **self._common(goal.measure_items, title, **fields))
        item.activity_items = []
        goal.measure_items.append(item)
        self.measures.append(item)
        for name, objects in (links or {}).items():
            if objects:
                self.links.append((item, name, list(objects)))
        return item

    def activity(self, measure, title, **fields):
        item = Activity(measure=measure, **self._common(measure.activity_items, title, **fields))
        measure.activity_items.append(item)
        self.activities.append(item)
        return item

    def milestone(self, activity, title, due):
        self.milestones.append(Milestone(area=self.area, plan=self.plan, activity=activity, title=title, due=due,
                                         is_done=due < timezone.localdate()))

    def cost(self, measure, year, code, amount, *, activity=None):
        if amount > 0:
            self.costs.append(Cost(area=self.area, plan=self.plan, measure=measure, activity=activity, year=year,
                                   source=self.sources[code], amount=Decimal(amount)))

    def indicator(self, measure, kind, name, unit, *, baseline, targets, polarity="higher", **fields):
        position = sum(1 for item in self.indicators if item.measure is measure) + 1
        item = Indicator(area=self.area, plan=self.plan, measure=measure, uid=self.uid(), position=position, kind=kind, name=name,
                         unit=unit, baseline_value=_value(baseline), baseline_year=self.plan.start_year - 1, polarity=polarity, **fields)
        self.indicators.append(item)
        self.targets += [IndicatorTarget(area=self.area, indicator=item, year=year, value=_value(value)) for year, value in targets.items()]
        return item

    def risk(self, title, probability, impact, *, measure=None, **fields):
        self.risks.append(Risk(area=self.area, plan=self.plan, measure=measure, uid=self.uid(), title=title, probability=probability,
                               impact=impact, **fields))

    def save(self):
        # Parents were unsaved when assigned; bulk_create takes their ids once they are saved, level by level.
        for model, items in ((Priority, self.priorities), (Goal, self.goals), (Measure, self.measures), (Activity, self.activities),
                             (Milestone, self.milestones), (Cost, self.costs), (Indicator, self.indicators),
                             (IndicatorTarget, self.targets), (Risk, self.risks)):
            model.objects.bulk_create(items, batch_size=500)
        through = Priority.target_groups.through
        through.objects.bulk_create([through(priority_id=item.pk, targetgroup_id=target.pk)
                                     for item, targets in self.priority_targets for target in targets])
        by_field = {}
        for measure, name, objects in self.links:
            field = Measure._meta.get_field(name)
            rows = by_field.setdefault(name, (field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name(), set()))
            rows[3].update((measure.pk, related.pk) for related in objects)
        for through, source, target, pairs in by_field.values():
            through.objects.bulk_create([through(**{f"{source}_id": left, f"{target}_id": right}) for left, right in sorted(pairs)],
                                        batch_size=1000)
        return self.plan


def _value(number):
    return Decimal(str(round(number, 2)))


def _thousands(amount):
    return int(round(amount / 1000.0)) * 1000


def _topic(kind, title, section):
    lowered = title.lower()
    for topic, words in TOPIC_WORDS:
        if any(word in lowered for word in words):
            return topic
    for topic, sections in TOPIC_SECTIONS.items():
        if section in sections:
            return topic
    return INFORMATION if kind in (RELATED, SYSTEMIC) else FIELD_CARE


def _opening_year(measure):
    """The year a new service opens: when its registration ends (the last activity without one)."""
    registration = next((item for item in measure.activity_items if item.title.startswith("Registrace")), None)
    return (registration or measure.activity_items[-1]).end_year


def _quarter_end(year, quarter):
    return date(year, quarter * 3, 30 if quarter in (2, 3) else 31)


# Content of one measure ----------------------------------------------------------------------------------------------

class MeasureMaker:
    """Fills a measure of the builder: services and organisations from the catalogue, traceability to the needs
    analysis, rationale, activities, costs, indicators and risks, all drawn from one seeded random generator."""

    def __init__(self, builder, *, catalogue, needs_by_group=None, swot_by_group=None, themes=None, impact_share=0.65,
                 office=CITY_OFFICE, cost_scale=1.0):
        self.builder, self.rng = builder, builder.rng
        self.catalogue = catalogue  # section -> [services]
        self.needs_by_group, self.swot_by_group, self.themes = needs_by_group or {}, swot_by_group or {}, themes or {}
        self.impact_share, self.office, self.cost_scale = impact_share, office, cost_scale

    def add(self, goal, kind, title, section, *, group, impact, theme_names=(), measure_group=None):
        rng, plan = self.rng, self.builder.plan
        services = self._services(section)
        provider = services[0].provider if services else None
        organisation = provider if kind in (KEEP, EXPAND) and provider else self.builder.city
        if kind in (KEEP, EXPAND) and provider:
            responsible = provider.name
        elif kind == NEW and provider and rng.random() < 0.5:
            responsible, organisation = provider.name, provider
        else:
            responsible = self.office
        partners = {service.provider for service in services[1:]}
        pool = self.catalogue.get("*", [])
        partners |= {service.provider for service in rng.sample(pool, k=min(len(pool), rng.randint(0, 2)))}
        if self.builder.city and organisation != self.builder.city and rng.random() < 0.6:
            partners.add(self.builder.city)
        partners.discard(organisation)

        topic = _topic(kind, title, section)
        needs = self._needs(group, topic)
        gaps = [gap for need in needs[:1] for gap in need.gaps.all()] if kind in (EXPAND, NEW, SYSTEMIC) else []
        themes = {theme for need in needs for theme in need.themes.all()} | {self.themes[name] for name in theme_names if name in self.themes}
        swot = self._swot(group, topic) if needs else []

        start, end = plan.start_year, plan.end_year
        if kind == NEW:
            start = min(end - 1, start + rng.randint(0, 1))
        elif kind == SYSTEMIC and rng.random() < 0.4:
            end = min(end, start + rng.randint(1, 2))
        measure = self.builder.measure(
            goal, title, kind=kind, group=measure_group, responsible_party=responsible, responsible_organisation=organisation,
            start_year=start, end_year=end, rationale=self._rationale(kind, group, needs, gaps, swot),
            expected_outputs=EXPECTED_OUTPUTS[kind], description=self._description(kind, services),
            links={"partners": sorted(partners, key=lambda item: item.name), "services": services, "needs": needs, "gaps": gaps,
                   "themes": sorted(themes, key=lambda item: item.name), "swot_items": swot},
        )
        activities = self._activities(measure, kind, partners)
        self._costs(measure, kind, section, activities)
        self._indicators(measure, kind, section, impact, provider)
        if kind in (NEW, EXPAND) and rng.random() < 0.5:
            title_, probability, impact_, mitigation = rng.choice(MEASURE_RISKS)
            self.builder.risk(title_, probability, impact_, measure=measure, mitigation=mitigation, owner=responsible)
        return measure

    def _services(self, section):
        if not section:
            return []
        candidates = self.catalogue.get(section, [])
        return self.rng.sample(candidates, k=min(len(candidates), self.rng.randint(1, 3)))

    def _needs(self, group, topic):
        """The group's need on the measure's topic."""
        needs = self.needs_by_group.get(group.pk if group else None, [])
        return [need for need in needs if need.title.startswith(NEED_TEMPLATES[topic][0])][:1]

    def _swot(self, group, topic):
        items = [item for item in self.swot_by_group.get(group.pk if group else None, []) if item.category in SWOT_PHRASES]
        fitting = [item for item in items if any(word in item.text.lower() for word in SWOT_WORDS[topic])]
        weaknesses = [item for item in items if item.category == SwotItem.Category.WEAKNESS]
        pool = fitting or weaknesses
        return self.rng.sample(pool, k=min(len(pool), self.rng.randint(1, 2)))

    def _rationale(self, kind, group, needs, gaps, swot):
        parts = []
        for need in needs:
            parts.append(f"Analýza potřeb pracovní skupiny {group.name} uvádí potřebu „{need.title}“ "
                         f"(naléhavost {need.get_urgency_display()}).")
        for gap in gaps[:1]:
            capacity = f" ({gap.missing_capacity})" if gap.missing_capacity else ""
            parts.append(f"Chybí: {gap.title.lower()}{capacity}.")
        for item in swot[:1]:
            parts.append(f"SWOT analýza skupiny uvádí {SWOT_PHRASES[item.category]} „{item.text}“.")
        parts.append(RATIONALE[kind])
        return " ".join(parts)

    def _description(self, kind, services):
        if services:
            names = ", ".join(service.name for service in services)
            return f"Opatření se týká služeb: {names}."
        return "Opatření realizuje odpovědný subjekt s partnery v pracovní skupině."

    def _activities(self, measure, kind, partners):
        rng = self.rng
        templates, (fewest, most), sequential = ACTIVITIES[kind]
        chosen = templates[:rng.randint(fewest, most)]
        span = [(year, quarter) for year in range(measure.start_year, measure.end_year + 1) for quarter in range(1, 5)]
        created = []
        for index, (title, milestone) in enumerate(chosen):
            if sequential:
                share = len(span) / len(chosen)
                first, last = span[int(index * share)], span[max(int(index * share), int((index + 1) * share) - 1)]
                if index == len(chosen) - 1:
                    last = span[-1]
            else:
                first, last = span[0], span[-1]
            helper = rng.choice(sorted(partners, key=lambda item: item.name)).name if partners and rng.random() < 0.25 else ""
            activity = self.builder.activity(measure, title, responsible_party=helper, start_year=first[0], start_quarter=first[1],
                                             end_year=last[0], end_quarter=last[1])
            if milestone:
                self.builder.milestone(activity, milestone, _quarter_end(*last))
            created.append(activity)
        return created

    def _costs(self, measure, kind, section, activities):
        rng = self.rng

        def add(measure, year, code, amount, *, activity=None):
            self.builder.cost(measure, year, code, _thousands(amount * self.cost_scale), activity=activity)

        years = list(range(measure.start_year, measure.end_year + 1))
        if kind == KEEP:
            residential = section in RESIDENTIAL
            base = {"obec": rng.uniform(2.0, 6.0) if residential else rng.uniform(0.8, 3.5),
                    "kraj": rng.uniform(1.0, 3.0) if residential else rng.uniform(0.3, 1.2),
                    "mpsv": rng.uniform(8, 22) if residential else rng.uniform(2, 9),
                    "uhrady": (rng.uniform(6, 18) if residential else rng.uniform(0.3, 1.5)) if section in WITH_FEES else 0,
                    "zp": rng.uniform(1, 4) if section in HEALTH_INSURED else 0}
            for index, year in enumerate(years):
                growth = (1 + rng.uniform(0.03, 0.06)) ** index
                for code, millions in base.items():
                    add(measure, year, code, _thousands(millions * 1_000_000 * growth))
        elif kind == EXPAND:  # the added capacity from the second year, half of it in the first year it runs
            base = {"mpsv": rng.uniform(0.6, 3.0), "obec": rng.uniform(0.2, 1.0), "kraj": rng.uniform(0.1, 0.4)}
            for index, year in enumerate(years[1:] if len(years) > 1 else years):
                ramp = 0.5 if index == 0 else 1.04 ** index
                for code, millions in base.items():
                    add(measure, year, code, _thousands(millions * 1_000_000 * ramp))
        elif kind == NEW:  # building (EU funds with the city's share) first, running costs from the year it opens
            building = next((activity for activity in activities if activity.title.startswith("Výběr a úprava")), None)
            investment, opening = rng.uniform(3, 12) * 1_000_000, _opening_year(measure)
            built = building.start_year if building else years[0]
            add(measure, built, "eu", _thousands(investment * 0.85), activity=building)
            add(measure, built, "obec", _thousands(investment * 0.15), activity=building)
            running = {"mpsv": rng.uniform(2, 6), "obec": rng.uniform(0.8, 2), "uhrady": rng.uniform(0.5, 3) if section in WITH_FEES else 0}
            for year in years:
                if year >= opening:
                    share = 0.5 if year == opening else 1.03 ** (year - opening)
                    for code, millions in running.items():
                        add(measure, year, code, _thousands(millions * 1_000_000 * share))
        elif kind == RELATED:
            base = {"obec": rng.uniform(60, 600), "kraj": rng.uniform(20, 200) if rng.random() < 0.5 else 0,
                    "jine": rng.uniform(10, 100) if rng.random() < 0.3 else 0}
            for index, year in enumerate(years):
                for code, thousands in base.items():
                    add(measure, year, code, _thousands(thousands * 1000 * 1.03 ** index))
            promotion = next((activity for activity in activities if activity.title.startswith("Propagace")), None)
            if promotion:
                add(measure, years[0], "obec", _thousands(rng.uniform(20, 80) * 1000), activity=promotion)
        else:
            base = rng.uniform(20, 250) * 1000
            for index, year in enumerate(years):
                add(measure, year, "obec", _thousands(base * (0.5 if index == 0 else 1)))
            if "kampaň" in measure.title.lower() and activities:
                add(measure, years[0], "obec", _thousands(rng.uniform(30, 90) * 1000), activity=activities[-1])

    def _indicators(self, measure, kind, section, impact, provider):
        rng, add = self.rng, self.builder.indicator
        years = list(range(measure.start_year, measure.end_year + 1))
        reported_by = provider.name if provider else self.office
        name, unit, (low, high), growth = OUTPUTS[kind]
        if kind == NEW and section in RESIDENTIAL:
            unit = "lůžka"
        if growth is None:  # capacity added or organisations involved: grows to a goal
            goal_value = rng.randint(8, 20) if kind == SYSTEMIC else rng.randint(2, 8) if kind == EXPAND else rng.randint(8, 24)
            baseline = rng.randint(low, high)
            targets = {year: round(baseline + (goal_value - baseline) * (index + 1) / len(years)) for index, year in enumerate(years)}
            if kind == NEW:
                targets = {year: (goal_value if year >= _opening_year(measure) else 0) for year in years}
        else:
            baseline = rng.randint(low, high)
            targets = {year: round(baseline * (1 + growth) ** (index + 1)) for index, year in enumerate(years)}
        add(measure, Indicator.Kind.OUTPUT, name, unit, baseline=baseline, targets=targets, reported_by=reported_by,
            data_source="výkazy poskytovatelů podle Manuálu pro vykazování ukazatelů")
        if kind in (KEEP, EXPAND, NEW) and rng.random() < 0.6 or rng.random() < 0.15:
            name, unit, polarity, (low, high), step = rng.choice(QUALITY)
            baseline = rng.randint(low, high)
            targets = {year: max(0, min(100 if unit == "%" else 10 ** 6, baseline + step * (index + 1))) for index, year in enumerate(years)}
            add(measure, Indicator.Kind.QUALITY, name, unit, baseline=baseline, targets=targets, polarity=polarity,
                reported_by=reported_by, data_source="dotazník spokojenosti uživatelů a evidence poskytovatele")
        if impact and section not in LONG_TERM_CARE and rng.random() < self.impact_share:
            name, unit, polarity, (low, high), growth = impact
            baseline = rng.randint(low, high)
            targets = {year: min(100 if unit == "%" else 10 ** 6, round(baseline * (1 + growth) ** (index + 1))) for index, year in enumerate(years)}
            add(measure, Indicator.Kind.IMPACT, name, unit, baseline=baseline, targets=targets, polarity=polarity, reported_by=reported_by,
                data_source="evidence poskytovatelů a odboru sociálních věcí, ověřeno rok po ukončení podpory")


# Ostrava -------------------------------------------------------------------------------------------------------------

def _catalogue(area):
    """Public registered services of the area by § of the Act (``*``: all of them), in a fixed order."""
    services = list(Service.objects.for_area(area).public().services().select_related("provider", "service_type").order_by("name", "pk"))
    catalogue = {"*": services}
    for service in services:
        if service.service_type:
            catalogue.setdefault(service.service_type.section, []).append(service)
    return catalogue


def _ostrava_closed(area, rng):
    period = PlanningPeriod.objects.for_area(area).filter(is_current=True).first()
    groups = {group.name: group for group in Group.objects.for_area(area).filter(period=period)}
    plan = Plan.objects.create(
        area=area, period=period, title="6. komunitní plán sociálních služeb a souvisejících aktivit ve městě Ostravě na období 2023–2026",
        start_year=2023, end_year=2026, status=Plan.Status.CLOSED, resolution_number="2135/ZM1822/28", resolution_date=date(2022, 9, 14),
        summary="Plán navazoval na pět předchozích komunitních plánů města. Jeho plnění bylo každoročně vyhodnoceno a závěry "
                "se promítly do přípravy 7. komunitního plánu.",
    )
    city = Organisation.objects.filter(ico=CITY_ICO).first()
    builder = PlanBuilder(plan, rng, sources=funding_sources(area), city=city)
    maker = MeasureMaker(builder, catalogue=_catalogue(area), impact_share=0.4)
    for title, goals in CLOSED_PLAN:
        priority = builder.priority(title, group=groups.get(title), is_cross_cutting=title == "Průřezová opatření")
        for goal_title, measures in goals:
            goal = builder.goal(priority, goal_title)
            for kind, measure_title, section in measures:
                maker.add(goal, kind, measure_title, section, group=None, impact=None)
    builder.risk(*PLAN_RISKS[0][:3], mitigation=PLAN_RISKS[0][3], status=Risk.Status.CLOSED, owner=CITY_OFFICE)
    builder.save()
    _chapters(plan, [
        (Chapter.Kind.TEXT, "Úvod", "6. komunitní plán schválilo Zastupitelstvo města Ostravy usnesením č. 2135/ZM1822/28 "
         "ze dne 14. 9. 2022. Plán platil od 1. 1. 2023 do 31. 12. 2026."),
        (Chapter.Kind.TEXT, "Vyhodnocení plánu", "Podle monitorovacích zpráv za roky 2023–2025 bylo z 20 opatření 15 naplněno, "
         "4 rozpracována a 1 nenaplněno: domov se zvláštním režimem v Porubě čeká na stavební povolení; potřebu přebírá "
         "7. komunitní plán."),
    ])
    return plan


def _ostrava_draft(area, rng, *, based_on):
    period = PlanningPeriod.objects.for_area(area).filter(is_current=True).first()
    groups = {group.name: group for group in Group.objects.for_area(area).filter(period=period).prefetch_related("target_groups")}
    needs_by_group = {}
    for need in Need.objects.for_area(area).exclude(status=Need.Status.REJECTED).prefetch_related("gaps", "themes").order_by("title", "pk"):
        needs_by_group.setdefault(need.group_id, []).append(need)
    swot_by_group = {}
    for item in SwotItem.objects.filter(analysis__area=area, merged_into=None).select_related("analysis").order_by("pk"):
        swot_by_group.setdefault(item.analysis.group_id, []).append(item)
    themes = {theme.name: theme for theme in Theme.objects.for_area(area)}
    plan = Plan.objects.create(
        area=area, period=period, based_on=based_on, is_public=True, start_year=2027, end_year=2030,
        title="7. komunitní plán sociálních služeb a souvisejících aktivit ve městě Ostravě na období 2027–2030",
        summary="Komunitní plán popisuje, jaké sociální služby a související aktivity bude město Ostrava v letech 2027–2030 "
                "zachovávat, rozvíjet a nově podporovat. Vznikl v deseti pracovních skupinách ve spolupráci zadavatelů, "
                "poskytovatelů a uživatelů služeb a vychází z analýzy potřeb obyvatel.",
    )
    city = Organisation.objects.filter(ico=CITY_ICO).first()
    builder = PlanBuilder(plan, rng, sources=funding_sources(area), city=city)
    maker = MeasureMaker(builder, catalogue=_catalogue(area), needs_by_group=needs_by_group, swot_by_group=swot_by_group,
                         themes=themes, impact_share=0.7)
    cross_cutting = 0
    for group_name, title, description, impact, goals in OSTRAVA_PLAN:
        group = groups.get(group_name) if group_name else None
        priority = builder.priority(title, description=description, group=group, is_cross_cutting=group_name is None,
                                    target_groups=group.target_groups.all() if group else ())
        for goal_title, measures in goals:
            goal = builder.goal(priority, goal_title)
            for kind, measure_title, section in measures:
                measure_group = None
                if group is None:  # a cross-cutting measure: a working group takes care of it
                    measure_group = groups.get(CROSS_CUTTING_GROUPS[cross_cutting % len(CROSS_CUTTING_GROUPS)])
                    cross_cutting += 1
                maker.add(goal, kind, measure_title, section, group=group or measure_group, impact=impact, measure_group=measure_group,
                          theme_names=CROSS_CUTTING_THEMES.get(goal_title, ()))
    for title, probability, impact, mitigation, status in PLAN_RISKS:
        builder.risk(title, probability, impact, mitigation=mitigation, status=status, owner=CITY_OFFICE)
    builder.save()
    _chapters(plan, [
        (Chapter.Kind.TEXT, "Úvod", OSTRAVA_INTRO),
        (Chapter.Kind.TEXT, "Proces komunitního plánování", OSTRAVA_PROCESS),
        (Chapter.Kind.ORGANISATION, "Jak plán vznikal", "Plán připravovaly manažerský tým a pracovní skupiny období plánování. "
         "Přehled uvádí skupiny, počty jejich setkání a členů a organizace, které se do práce zapojily."),
        (Chapter.Kind.DEMOGRAPHY, "Obyvatelé města", "Počet obyvatel města dlouhodobě klesá a podíl seniorů roste; nejvíce seniorů "
         "žije v obvodech Ostrava-Jih a Poruba."),
        (Chapter.Kind.SERVICES, "Síť sociálních služeb", "Síť sociálních služeb a souvisejících aktivit podle katalogu města."),
        (Chapter.Kind.NEEDS, "Potřeby obyvatel a průřezová témata", "Potřeby vycházejí z dotazníku pro občany a uživatele služeb "
         "(2025), z dotazníku pro poskytovatele, ze SWOT analýz pracovních skupin a z jejich jednání."),
        (Chapter.Kind.TEXT, "Financování a monitoring plánu", OSTRAVA_MONITORING),
    ])
    _comments(plan, rng)
    return plan


OSTRAVA_INTRO = """## Slovo úvodem

Komunitní plán je společným dílem města, poskytovatelů sociálních služeb a lidí, kteří služby využívají. Navazuje na
šest předchozích plánů a na analýzu potřeb obyvatel z roku 2025.

## Usnesení

Rada města Ostravy usnesením č. 05678/RM2226/98 ze dne 11. 3. 2025 vzala na vědomí harmonogram přípravy
7. komunitního plánu a uložila odboru sociálních věcí a zdravotnictví předložit návrh plánu Zastupitelstvu města
Ostravy ke schválení.

## Struktura plánu

1. analytická část: obyvatelé, síť služeb, potřeby a průřezová témata,
2. strategická část: prioritní oblasti, cíle a opatření,
3. implementační část: aktivity, harmonogram, rozpočet, ukazatele a rizika.
"""

OSTRAVA_PROCESS = """## Triáda a organizační struktura

Na plánu pracovali **zadavatelé** (město a městské obvody), **poskytovatelé** sociálních služeb a **uživatelé** služeb
a veřejnost. Garantem je odbor sociálních věcí a zdravotnictví magistrátu, proces řídí manažerský tým, návrhy opatření
připravuje deset pracovních skupin.

## Postup

- analýza potřeb: dotazník pro občany a uživatele, dotazník pro poskytovatele, SWOT analýzy skupin,
- návrh cílů a opatření v pracovních skupinách,
- projednání návrhu v manažerském týmu,
- připomínkové řízení s veřejností a vypořádání připomínek,
- schválení plánu Zastupitelstvem města Ostravy.
"""

OSTRAVA_MONITORING = """## Financování

Náklady opatření jsou uvedeny po letech a zdrojích: rozpočet města, dotace kraje, státní dotace (MPSV), fondy EU,
zdravotní pojišťovny, úhrady uživatelů a jiné zdroje. Částky jsou odhady; skutečné financování určují každoroční
rozpočty a dotační řízení.

## Monitoring

Plnění opatření se vyhodnocuje jednou ročně: poskytovatelé vykazují ukazatele výstupů a kvality, pracovní skupiny
hodnotí sociální dopad opatření a manažerský tým předkládá souhrnnou zprávu radě města.
"""


def _chapters(plan, chapters):
    Chapter.objects.bulk_create([Chapter(area=plan.area, plan=plan, position=position, kind=kind, title=title, body=body)
                                 for position, (kind, title, body) in enumerate(chapters, start=1)])


def _comments(plan, rng):
    users = {user.username: user for user in User.objects.filter(username__in=("koordinator", "manazerka", "clen"))}
    measures = list(Measure.objects.filter(plan=plan).order_by("goal__priority__position", "goal__position", "position"))
    priorities = list(Priority.objects.filter(plan=plan).order_by("position"))
    comments = [
        (None, "koordinator", "Prosím manažery skupin o kontrolu rozpočtů opatření do konce měsíce, ať je můžeme předat "
         "manažerskému týmu.", False),
        (measures[1].uid, "manazerka", "Poskytovatelé navrhují rozšířit službu také o svátky; upravím název i náklady.", True),
        (measures[5].uid, "clen", "U domovů pro seniory chybí ukazatel čekací doby, doplníme ho?", False),
        (priorities[-1].uid, "koordinator", "Průřezová opatření projedná manažerský tým na příštím setkání.", False),
        (rng.choice(measures).uid, "manazerka", "Ověřit s krajem, zda je kapacita v souladu se střednědobým plánem kraje.", False),
    ]
    Comment.objects.bulk_create([Comment(area=plan.area, plan=plan, target_uid=uid, author=users.get(username), body=body, is_resolved=resolved)
                                 for uid, username, body, resolved in comments])


def _version_and_changes(plan):
    """A named version for the steering group, then a few edits a diff against it shows."""
    coordinator = User.objects.filter(username="koordinator").first()
    PlanVersion.objects.create(area=plan.area, plan=plan, name=VERSION_NAME, snapshot=snapshot(plan), created_by=coordinator,
                               note="Verze předaná manažerskému týmu k projednání.")
    evenings = Measure.objects.get(plan=plan, title="Rozšíření pečovatelské služby o večery a víkendy")
    evenings.title = "Rozšíření pečovatelské služby o večery, víkendy a svátky"
    hierarchy.save_checked(evenings, revision=evenings.revision)
    cost = Cost.objects.filter(measure=evenings, activity=None, source__code="obec").order_by("year").last()
    if cost:
        cost.amount += Decimal("250000")
        cost.save()
    activity = Activity.objects.filter(plan=plan, measure__kind=KEEP).order_by("pk").last()
    if activity:
        hierarchy.delete(activity)
    goal = Goal.objects.get(plan=plan, title="Kvalita a udržitelnost sítě služeb")
    seniors = Group.objects.filter(area=plan.area, period=plan.period, name="Senioři").first()
    waiting = hierarchy.add(Measure(area=plan.area, plan=plan, goal=goal, kind=SYSTEMIC, start_year=2028, end_year=2030, group=seniors,
                                    title="Sdílená evidence čekatelů na pobytové služby", responsible_party=CITY_OFFICE,
                                    responsible_organisation=Organisation.objects.filter(ico=CITY_ICO).first(),
                                    rationale="Poskytovatelé i uživatelé upozorňují, že tentýž člověk čeká ve více pořadnících; "
                                              "skutečný počet čekatelů není známý."))
    sources = {source.code: source for source in funding_sources(plan.area)}
    Cost.objects.bulk_create([Cost(area=plan.area, plan=plan, measure=waiting, year=year, source=sources["obec"], amount=Decimal(amount))
                              for year, amount in ((2028, 180000), (2029, 60000), (2030, 60000))])
    target = IndicatorTarget.objects.filter(indicator__plan=plan, indicator__kind=Indicator.Kind.IMPACT).order_by("pk").first()
    if target:
        target.value += 5
        target.save()


# Hlučínsko -----------------------------------------------------------------------------------------------------------

def _publish_documents(plan):
    """The plan's PDF and DOCX offered on its public page, as the coordinator publishes them from the document page."""
    for fmt in publishing.FIELDS:
        content, filename = documents.render(plan, fmt)
        publishing.publish_file(plan, fmt=fmt, file=ContentFile(content, name=filename), note="Vytvořeno z aktuálního stavu plánu.")


def _hlucinsko(area, rng):
    period = PlanningPeriod.objects.for_area(area).filter(is_current=True).first()
    groups = {group.name: group for group in Group.objects.for_area(area).filter(period=period).prefetch_related("target_groups")}
    plan = Plan.objects.create(
        area=area, period=period, start_year=period.start_year, end_year=period.end_year, status=Plan.Status.IN_FORCE,
        title="1. střednědobý plán rozvoje sociálních služeb Svazku obcí mikroregionu Hlučínsko-západ 2025–2028",
        resolution_number="VH 4/2024", resolution_date=date(2024, 12, 9),
        summary="První společný plán třinácti obcí svazku: zachovává terénní služby pro seniory a rodiny, rozšiřuje odlehčovací "
                "službu a zavádí společné financování služeb obcemi.",
    )
    office = "Svazek obcí mikroregionu Hlučínsko-západ"
    builder = PlanBuilder(plan, rng, sources=funding_sources(area))
    # Services of small municipalities: a fraction of the city's budgets.
    maker = MeasureMaker(builder, catalogue=_catalogue(area), impact_share=0.7, office=office, cost_scale=0.3)
    for group_name, title, impact, goals in HLUCINSKO_PLAN:
        group = groups.get(group_name) if group_name else None
        priority = builder.priority(title, group=group, is_cross_cutting=group is None, target_groups=group.target_groups.all() if group else ())
        for goal_title, measures in goals:
            goal = builder.goal(priority, goal_title)
            for kind, measure_title, section in measures:
                maker.add(goal, kind, measure_title, section, group=group, impact=impact)
    builder.risk("Obce svazku se nedohodnou na podílu financování", 3, 4, mitigation="Jednání řídicí skupiny, klíč podle počtu obyvatel.",
                 owner=office)
    builder.save()
    _chapters(plan, [
        (Chapter.Kind.TEXT, "Úvod", "Plán schválila valná hromada svazku usnesením č. VH 4/2024 ze dne 9. 12. 2024. Připravila jej řídicí "
         "skupina zástupců třinácti obcí a dvě pracovní skupiny."),
        (Chapter.Kind.ORGANISATION, "Jak plán vznikal", ""),
        (Chapter.Kind.SERVICES, "Služby v obcích svazku", ""),
    ])
    return plan
