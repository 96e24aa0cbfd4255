"""Demo catalogue: invented providers, social services and related activities in `ostrava` and `hlucinsko`.

Everything here is made up (names, IČO, addresses, phone numbers); only the places are real.
Deterministic (one ``random.Random`` with a fixed seed) and idempotent: organisations are keyed by
IČO, registered services by ``(area, registry_id)``, related activities by ``(area, provider, name)``
and life situations by ``(area, slug)``; existing rows are updated in place (their ids stay), their
facilities, forms and links are rebuilt, and rows the generator no longer produces are removed.
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from openkp.catalog.codebooks import load_seed_codebooks
from openkp.catalog.models import (
    ActivityCategory,
    Capacity,
    CapacityType,
    Facility,
    LifeSituation,
    Service,
    ServiceForm,
    ServiceType,
    TargetGroup,
)
from openkp.catalog.services import service_index
from openkp.core.models import Area, Municipality, MunicipalityPart, Organisation
from openkp.core.validators import ico_check_digit

SEED = 20230101
OSTRAVA_CODE = "554821"
OSTRAVA_REGISTRY_BASE = 900001
HLUCINSKO_REGISTRY_BASE = 960001
DEMO_REGISTRY_RANGE = (900000, 1000000)

# Legal-form keys of the generator (NEMOCNICE: a hospital, legally a company).
PO, SPOLEK, USTAV, OPS, CIRKEV, SRO, NEMOCNICE = "po", "spolek", "ustav", "ops", "cirkev", "sro", "nemocnice"

# Organisations created by data.py that run services in the demo catalogue.
PODANE_RUCE = "Podané ruce Ostrava, z. s."
EXISTING_OSTRAVA = {
    # name: (stem used in service names, legal form key, capacity)
    "Domov Slunovrat, příspěvková organizace": ("Slunovrat", PO, 4),
    "Charitní středisko sv. Anežky": ("sv. Anežky", CIRKEV, 6),
}
EXISTING_HLUCINSKO = {"Centrum pro rodinu Hlučínsko, z. ú.": ("Hlučínsko", USTAV, 3)}

LEGAL_FORMS = {
    PO: Organisation.LegalForm.ALLOWANCE,
    SPOLEK: Organisation.LegalForm.ASSOCIATION,
    USTAV: Organisation.LegalForm.INSTITUTE,
    OPS: Organisation.LegalForm.BENEFIT,
    CIRKEV: Organisation.LegalForm.CHURCH,
    SRO: Organisation.LegalForm.COMPANY,
    NEMOCNICE: Organisation.LegalForm.COMPANY,
}
# First two digits of invented IČO by legal form (looks like the real distribution, nothing more).
ICO_PREFIXES = {PO: ["70", "00", "75"], SPOLEK: ["22", "26", "04", "05", "06", "09"], USTAV: ["05", "06", "08", "17"],
                OPS: ["25", "26", "27", "28"], CIRKEV: ["73", "44", "48"], SRO: ["26", "27", "28", "29", "06"], NEMOCNICE: ["25", "27", "47"]}

# --- Ostrava: the 23 city districts --------------------------------------------------------------
# name: (latitude, longitude, jitter in degrees of latitude, postcode, weight, streets)
DISTRICTS = {
    "Moravská Ostrava a Přívoz": (49.8385, 18.2870, 0.010, "70200", 24, [
        "Nádražní", "Českobratrská", "Sokolská třída", "Jurečkova", "Husova", "Poštovní", "Zámecká",
        "Přívozská", "Palackého", "Hornopolní", "Milíčova", "Macharova", "Nemocniční", "Na Hradbách"]),
    "Ostrava-Jih": (49.7890, 18.2470, 0.011, "70030", 22, [
        "Horní", "Dr. Martínka", "U Hrůbků", "Výškovická", "Zlepšovatelů", "Závodní", "Mjr. Nováka",
        "Jubilejní", "Provaznická", "Svazácká", "Čujkovova", "Škrobálkova", "Volgogradská", "Patrice Lumumby"]),
    "Poruba": (49.8255, 18.1690, 0.009, "70800", 18, [
        "Hlavní třída", "Opavská", "Porubská", "Dělnická", "Bulharská", "Francouzská", "Průběžná",
        "Čs. exilu", "Skautská", "Španielova", "Ukrajinská", "Gen. Sochora", "Sokolovská"]),
    "Slezská Ostrava": (49.8340, 18.3180, 0.008, "71000", 12, [
        "Těšínská", "Slezská", "Bohumínská", "Michálkovická", "Na Baranovci", "Hladnovská", "Keltičkova",
        "Heřmanická", "Zelená", "Antošovická"]),
    "Vítkovice": (49.8120, 18.2690, 0.005, "70300", 9, [
        "Mírové náměstí", "Výstavní", "Ruská", "Sirotčí", "Jeremenkova", "Erbenova", "Halasova", "Tavičská"]),
    "Mariánské Hory a Hulváky": (49.8270, 18.2560, 0.006, "70900", 9, [
        "28. října", "Přemyslovců", "Novoveská", "Hulvácká", "Mariánskohorská", "Daliborova", "Zengrova", "Korunní"]),
    "Svinov": (49.8180, 18.2120, 0.004, "72100", 3, ["Bílovecká", "Polanecká", "Stanční", "Bušova"]),
    "Hrabová": (49.7700, 18.2720, 0.005, "72000", 2, ["Paskovská", "Bažanova", "Šenovská"]),
    "Radvanice a Bartovice": (49.8160, 18.3380, 0.006, "71600", 3, ["Těrlická", "Vrchlického", "Bartovická", "Pikartská"]),
    "Michálkovice": (49.8410, 18.3440, 0.004, "71500", 2, ["Československé armády", "Petřvaldská", "Sládečkova"]),
    "Třebovice": (49.8420, 18.2050, 0.004, "72200", 2, ["Třebovická", "Na Nábřeží", "Martinovská"]),
    "Stará Bělá": (49.7630, 18.2120, 0.004, "72400", 2, ["Junácká", "Mitrovická", "Blanická"]),
    "Nová Ves": (49.8240, 18.2240, 0.003, "70900", 1, ["Rudná", "Dlouhá"]),
    "Pustkovec": (49.8230, 18.1930, 0.003, "70800", 1, ["Pustkovecká", "Oty Synka"]),
    "Nová Bělá": (49.7570, 18.2390, 0.003, "72400", 1, ["Mitrovická", "Krmelínská"]),
    "Petřkovice": (49.8680, 18.2650, 0.004, "72529", 1, ["Hlučínská", "Balcarova", "Pod Landekem"]),
    "Lhotka": (49.8700, 18.2280, 0.003, "72529", 1, ["Petřkovická", "Ke Koupališti"]),
    "Hošťálkovice": (49.8620, 18.2150, 0.003, "72528", 1, ["Hlavní", "Pod Kaplí"]),
    "Krásné Pole": (49.8380, 18.1180, 0.004, "72526", 1, ["Družstevní", "Sobkova"]),
    "Martinov": (49.8450, 18.1900, 0.003, "72300", 1, ["Martinovská", "Bořivojova"]),
    "Polanka nad Odrou": (49.7860, 18.1700, 0.004, "72525", 1, ["1. května", "Janovská"]),
    "Plesná": (49.8650, 18.1530, 0.003, "72527", 1, ["Dvorská", "Krásnopolská"]),
    "Proskovice": (49.7470, 18.2040, 0.003, "72400", 1, ["Staroveská", "Krmelínská"]),
}

BIG_DISTRICTS = ["Moravská Ostrava a Přívoz", "Ostrava-Jih", "Poruba", "Slezská Ostrava", "Vítkovice", "Mariánské Hory a Hulváky"]

# --- Hlučínsko-západ: the 13 municipalities (approximate centres) ---------------------------------
VILLAGES = {
    "Bolatice": (49.9520, 18.0840, "74723"),
    "Kravaře": (49.9320, 18.0040, "74721"),
    "Štěpánkovice": (49.9580, 18.0370, "74728"),
    "Kobeřice": (49.9860, 18.0520, "74727"),
    "Chuchelná": (49.9890, 18.1170, "74724"),
    "Hněvošice": (49.9920, 18.0080, "74735"),
    "Oldřišov": (49.9930, 17.9630, "74733"),
    "Služovice": (49.9720, 17.9870, "74728"),
    "Sudice": (50.0260, 18.0740, "74725"),
    "Třebom": (50.0430, 18.0220, "74725"),
    "Rohov": (50.0040, 18.0590, "74725"),
    "Strahovice": (50.0080, 18.1070, "74724"),
    "Chlebičov": (49.9580, 17.9670, "74731"),
}
VILLAGE_STREETS = ["Hlavní", "Opavská", "Školní", "Zahradní", "Nádražní", "Ratibořská", "Hlučínská", "Dlouhá",
                   "Obecní", "Polní", "Kostelní", "Na Kopci", "Pod Lipami", "Mírová"]

# --- Target groups (names as in the codebook) -----------------------------------------------------
SEN = "senioři"
CAR = "pečující osoby"
PAL = "osoby s potřebou paliativní péče"
DEM = "osoby žijící s demencí"
YOU = "děti a mládež ve věku od 6 do 26 let ohrožené společensky nežádoucími jevy"
ETH = "etnické menšiny"
IMM = "imigranti a azylanti"
DVV = "oběti domácího násilí"
TRF = "oběti obchodu s lidmi"
CRV = "oběti trestné činnosti"
HOM = "osoby bez přístřeší"
LEA = "osoby do 26 let věku opouštějící školská zařízení pro výkon ústavní péče"
EXP = "osoby komerčně zneužívané"
MEN = "osoby s chronickým duševním onemocněním"
CHR = "osoby s chronickým onemocněním"
OTH = "osoby s jiným zdravotním postižením"
CMB = "osoby s kombinovaným postižením"
INT = "osoby s mentálním postižením"
PHY = "osoby s tělesným postižením"
HEA = "osoby se sluchovým postižením"
DIS = "osoby se zdravotním postižením"
VIS = "osoby se zrakovým postižením"
CRI = "osoby v krizi"
EXC = "osoby žijící v sociálně vyloučených komunitách"
RSK = "osoby, které vedou rizikový způsob života nebo jsou tímto způsobem života ohroženy"
OFF = "pachatelé trestné činnosti"
FAM = "rodiny s dítětem/dětmi"
ADD = "osoby ohrožené závislostí nebo závislé na návykových látkách"

# --- Texts shared by several types ----------------------------------------------------------------
FREE = [
    "Služba se poskytuje bez úhrady.",
    "Služba je bezplatná.",
    "Služba je bezplatná, drobné materiální pomoci (hygienické potřeby, potraviny) jsou zdarma.",
]
CARE_FEES = [
    "Úhrada za úkony péče podle ceníku poskytovatele, nejvýše {hour} Kč za hodinu; dovoz oběda {meal} Kč.",
    "Úkony péče se hradí podle platného ceníku (nejvýše {hour} Kč za hodinu, účtuje se skutečně spotřebovaný čas).",
    "Úhrada podle ceníku v souladu s vyhláškou č. 505/2006 Sb., nejvýše {hour} Kč za hodinu péče.",
]
RESIDENTIAL_FEES = [
    "Úhrada za ubytování a stravu podle ceníku, nejvýše {month} Kč měsíčně; péče je hrazena z příspěvku na péči. "
    "Uživateli musí po zaplacení úhrady zůstat alespoň 15 % jeho příjmu.",
    "Ubytování {room} Kč a strava {food} Kč za den; péče se hradí ve výši přiznaného příspěvku na péči. "
    "Po zaplacení úhrady zůstane uživateli nejméně 15 % příjmu.",
]
SHELTER_FEES = [
    "Úhrada za ubytování {night} Kč za noc, v rodinném pokoji podle ceníku; strava si uživatelé připravují sami.",
    "Ubytování {night} Kč za den včetně energií; při nedostatku příjmů lze úhradu po dohodě rozložit.",
]
WEEKDAY_HOURS = [
    "Po–Pá 8:00–16:00",
    "Po–Čt 8:00–16:30, Pá 8:00–14:00",
    "Po, St 8:00–17:00; Út, Čt 8:00–14:00; Pá 8:00–12:00 (ve zbylém čase po objednání)",
    "Po–Pá 7:30–15:30",
    "Po, St 9:00–17:00; Út, Čt, Pá 9:00–13:00",
]
FIELD_HOURS = [
    "Po–Ne 7:00–20:00, včetně svátků",
    "Po–Pá 7:00–19:00, So–Ne 7:00–15:00",
    "Po–Pá 7:00–15:30",
    "Po–Ne 6:30–21:00",
]
NONSTOP_HOURS = [
    "Nepřetržitý provoz; návštěvy denně 9:00–19:00",
    "Nepřetržitý provoz, návštěvy kdykoli po dohodě s personálem",
    "Nepřetržitý provoz; kancelář sociální pracovnice Po–Pá 8:00–14:00",
]
LOW_THRESHOLD_HOURS = [
    "Po–Čt 13:00–18:00, Pá 13:00–16:00",
    "Po–Pá 14:00–19:00",
    "Po, Út, Čt 12:30–18:00; St 14:00–19:00",
]
RESIDENTIAL_HOW = [
    "Zájemce nebo jeho blízcí podají žádost o přijetí; sociální pracovnice s nimi domluví sociální šetření a prohlídku domova.",
    "Před podáním žádosti doporučujeme domluvit si prohlídku a konzultaci se sociální pracovnicí, která pomůže s vyplněním formulářů.",
    "Žádost o přijetí je ke stažení na webu nebo k vyzvednutí na recepci; pořadí žadatelů se řídí naléhavostí jejich situace.",
]
OUTPATIENT_HOW = [
    "Přijít můžete bez objednání v provozní době, nebo si termín domluvte telefonicky či e-mailem.",
    "Na první schůzku se objednejte telefonicky nebo e-mailem; v naléhavých případech vás přijmeme ihned.",
    "Stačí zavolat, napsat nebo přijít osobně – první konzultace je nezávazná.",
]
FIELD_HOW = [
    "Sociální pracovnice vás po telefonické domluvě navštíví doma, zjistí vaše potřeby a společně sestavíte plán péče.",
    "Zájemce nebo jeho blízcí nás mohou kontaktovat telefonicky; do několika dnů přijdeme na úvodní schůzku k vám domů.",
    "O službu můžete požádat telefonicky, e-mailem nebo osobně; smlouvu uzavíráme po společném jednání u vás doma.",
]
ANONYMOUS_HOW = [
    "Služba je bezplatná a můžete ji využít i anonymně.",
    "Stačí přijít v provozní době; objednávat se nemusíte a nemusíte uvádět své jméno.",
]
OUTPATIENT_CONDITIONS = [
    "Služba je poskytována na základě ústní dohody, u dlouhodobé spolupráce na základě písemné smlouvy.",
    "Podmínkou je zájem o spolupráci a dodržování pravidel služby.",
    "Služba je určena obyvatelům obcí, pro které je poskytována; o výjimkách rozhoduje vedoucí služby.",
]
CARE_CONDITIONS = [
    "Službu poskytujeme lidem se sníženou soběstačností z důvodu věku nebo zdravotního stavu, kteří potřebují pomoc jiné osoby.",
    "Podmínkou je uzavření smlouvy a sjednání individuálního plánu péče; kapacita služby je omezená.",
]
RESIDENTIAL_CONDITIONS = [
    "Přijímáme osoby, jejichž potřebu pomoci nelze zajistit v domácím prostředí ani terénními službami; zdravotní stav nevyžaduje hospitalizaci.",
    "Podmínkou přijetí je příspěvek na péči, vyjádření lékaře o zdravotním stavu a soulad s cílovou skupinou služby.",
]

# Which sentence about getting the service a form implies.
HOW_BY_ACCESS = {"residential": RESIDENTIAL_HOW, "outpatient": OUTPATIENT_HOW, "field": FIELD_HOW, "anonymous": ANONYMOUS_HOW}


def _type(n, legal, forms, variants, offer, access, conditions, fees, hours, field=False, age_note=""):
    return dict(n=n, legal=legal, forms=forms, variants=variants, offer=offer, access=access,
                conditions=conditions, fees=fees, hours=hours, field=field, age_note=age_note)


# Per service type (section): how many in Ostrava, who runs it, forms with capacity (form, capacity
# type, min, max; one option drawn), name variants with target groups and a sentence about whom it
# serves, sentences about what it offers, and how to get it.
TYPES = {
    "37": _type(36, [SPOLEK, USTAV, OPS, CIRKEV], [[("amb", "kontakt", 2, 8)], [("amb", "interv", 2, 6), ("ter", "interv", 1, 3)], [("amb", "kontakt", 3, 10), ("ter", "kontakt", 1, 4)]], [
        ("Občanská poradna {district}", [CRI, FAM, SEN], "Poradna je otevřena všem, kdo se ocitli v obtížné životní situaci – jednotlivcům, rodinám i seniorům."),
        ("Poradna pro seniory a pečující {stem}", [SEN, CAR], "Obracet se na nás mohou senioři i lidé, kteří doma pečují o blízkého člověka."),
        ("Poradna pro osoby se zdravotním postižením {stem}", [DIS, PHY, CHR], "Služba je určena lidem se zdravotním postižením nebo dlouhodobým onemocněním a jejich blízkým."),
        ("Poradna pro nevidomé a slabozraké {stem}", [VIS], "Služba je určena lidem se zrakovým postižením a jejich rodinám."),
        ("Poradna pro neslyšící a nedoslýchavé {stem}", [HEA], "Služba je určena lidem se sluchovým postižením; jednat s námi můžete i v českém znakovém jazyce."),
        ("Manželská a rodinná poradna {stem}", [FAM, CRI], "Na poradnu se mohou obrátit páry, rodiče i celé rodiny, které procházejí náročným obdobím."),
        ("Poradna pro oběti trestných činů {stem}", [CRV, DVV], "Služba je určena lidem, kteří se stali obětí trestného činu, a jejich blízkým."),
        ("Dluhová poradna {stem}", [CRI, FAM, EXC], "Poradna pomáhá lidem, kteří se dostali do dluhů nebo jim hrozí exekuce."),
        ("Poradna pro cizince {stem}", [IMM, ETH], "Služba je určena cizincům, kteří v Ostravě žijí nebo pracují, a jejich rodinám."),
        ("Adiktologická poradna {stem}", [ADD, FAM], "Obrátit se na nás mohou lidé ohrožení závislostí i jejich blízcí."),
        ("Sociální poradna pro lidi bez domova {stem}", [HOM, CRI], "Služba je určena lidem, kteří přišli o bydlení nebo jim ztráta bydlení hrozí."),
    ], [
        "Poskytujeme bezplatné, důvěrné a nestranné poradenství a hledáme s vámi řešení, které vám bude vyhovovat.",
        "Pomůžeme vám zorientovat se v situaci, vyplnit žádosti a formuláře a najít další návaznou pomoc.",
        "Vysvětlíme vaše práva a povinnosti a v případě potřeby vás doprovodíme na úřad nebo k soudu.",
        "Poradenství se týká sociálních dávek, bydlení, zaměstnání, rodinných vztahů i hospodaření s penězi.",
    ], "outpatient", OUTPATIENT_CONDITIONS, FREE, WEEKDAY_HOURS),
    "39": _type(12, [SPOLEK, USTAV, OPS, CIRKEV, SRO], [[("ter", "klient", 15, 80)], [("ter", "klient", 20, 120)]], [
        ("Osobní asistence {stem}", [DIS, PHY, CMB], "Služba je určena dětem i dospělým se zdravotním postižením, kteří chtějí žít doma a zapojovat se do běžného života."),
        ("Osobní asistence pro seniory {stem}", [SEN, DEM, CHR], "Služba je určena seniorům, kteří potřebují pravidelnou pomoc, aby mohli zůstat ve svém domově."),
        ("Osobní asistence pro děti {stem}", [CMB, INT, FAM], "Služba je určena dětem a mladým lidem s postižením a jejich rodinám."),
    ], [
        "Asistent pomáhá s hygienou, oblékáním, jídlem, domácností i doprovodem do školy, do práce nebo k lékaři.",
        "Péči poskytujeme v domácnosti i mimo ni, podle potřeby i v noci, o víkendech a svátcích.",
        "Rozsah a čas podpory si určujete sami; asistent přichází tehdy, kdy ho potřebujete.",
    ], "field", CARE_CONDITIONS, CARE_FEES, FIELD_HOURS, field=True),
    "40": _type(24, [PO, CIRKEV, SRO, SPOLEK, OPS], [[("ter", "klient", 60, 350)], [("ter", "klient", 80, 300), ("amb", "klient", 10, 30)]], [
        ("Pečovatelská služba {district}", [SEN, DIS, CHR], "Služba je určena seniorům a lidem se zdravotním postižením, kteří kvůli věku nebo nemoci potřebují pomoc."),
        ("Pečovatelská služba {stem}", [SEN, CHR, DEM], "Pomáháme seniorům a lidem s chronickým onemocněním, kteří chtějí zůstat doma."),
        ("Domácí péče {stem}", [SEN, PAL, CAR], "Služba je určena seniorům a jejich rodinám, které o ně pečují."),
    ], [
        "Pomáháme s osobní hygienou, nákupy, úklidem domácnosti, praním prádla a dovozem obědů.",
        "Pečovatelky dochází do domácností každý den včetně víkendů a podle potřeby i několikrát denně.",
        "Zajišťujeme také doprovod k lékaři nebo na úřady a dovoz teplého oběda.",
    ], "field", CARE_CONDITIONS, CARE_FEES, FIELD_HOURS, field=True),
    "41": _type(3, [OPS, SRO, SPOLEK], [[("ter", "klient", 100, 450)]], [
        ("Tísňová péče {stem}", [SEN, DIS, CHR], "Služba je určena seniorům a lidem se zdravotním postižením, kteří žijí sami a mohou se dostat do ohrožení zdraví nebo života."),
    ], [
        "Klient nosí u sebe tísňové tlačítko, kterým kdykoli přivolá pomoc; dispečink je v provozu nepřetržitě.",
        "Dispečer po stisknutí tlačítka ověří situaci, zavolá blízké nebo záchrannou službu a v případě potřeby vyšle pracovníka.",
    ], "field", CARE_CONDITIONS, ["Úhrada podle ceníku, nejvýše {month_small} Kč měsíčně; zapůjčení zařízení je v ceně."],
        ["Dispečink nepřetržitě; kancelář Po–Pá 8:00–15:00"], field=True),
    "42": _type(4, [SPOLEK, USTAV], [[("ter", "klient", 10, 40)], [("ter", "klient", 8, 25), ("amb", "klient", 5, 15)]], [
        ("Průvodcovská a předčitatelská služba {stem}", [VIS, SEN], "Služba je určena lidem se zrakovým postižením a seniorům, kteří se bez doprovodu neobejdou."),
        ("Průvodcovská služba {stem}", [VIS, HEA, CMB], "Služba je určena lidem se smyslovým nebo kombinovaným postižením."),
    ], [
        "Pracovník vás doprovodí k lékaři, na úřad, do banky nebo na kulturní akci a předčítá úřední dopisy i noviny.",
        "Pomůžeme vám vyřídit osobní záležitosti, na které je potřeba vidět, a naučíme vás samostatnému pohybu po městě.",
    ], "field", OUTPATIENT_CONDITIONS, CARE_FEES, WEEKDAY_HOURS, field=True),
    "43": _type(9, [SPOLEK, USTAV, OPS, CIRKEV], [[("ter", "klient", 10, 40)]], [
        ("Podpora samostatného bydlení {stem}", [INT, MEN, CMB], "Služba je určena dospělým s mentálním postižením nebo duševním onemocněním, kteří bydlí ve vlastním nebo nájemním bytě."),
        ("Podpora samostatného bydlení {district}", [DIS, MEN], "Služba je určena lidem se zdravotním postižením, kteří chtějí bydlet samostatně."),
    ], [
        "Pomáháme s vedením domácnosti, hospodařením s penězi, vařením a jednáním s úřady.",
        "Podpora probíhá přímo v bytě klienta a jejím cílem je co největší samostatnost.",
        "Společně plánujeme, jak zvládnout nájem, nákupy i volný čas a jak navazovat vztahy s okolím.",
    ], "field", OUTPATIENT_CONDITIONS, CARE_FEES, WEEKDAY_HOURS, field=True),
    "44": _type(10, [PO, CIRKEV, USTAV, SRO], [[("pob", "luzka", 4, 20)], [("ter", "klient", 10, 40)], [("amb", "klient", 6, 15), ("pob", "luzka", 4, 10)]], [
        ("Odlehčovací služba {stem}", [SEN, DEM, CAR], "Služba je určena seniorům a lidem žijícím s demencí, o které se jinak starají blízcí."),
        ("Odlehčovací služba pro rodiny {stem}", [CMB, INT, CAR], "Služba je určena lidem s postižením, o které jinak pečuje rodina."),
    ], [
        "Převezmeme péči o vašeho blízkého na několik dní až tři měsíce, abyste si mohli odpočinout nebo vyřídit své záležitosti.",
        "Zajišťujeme ubytování, stravu, pomoc s hygienou, aktivizační činnosti a dohled nad užíváním léků.",
        "Pečující tak získá čas na odpočinek, léčení nebo dovolenou a péče doma může pokračovat i dál.",
    ], "residential", RESIDENTIAL_CONDITIONS, RESIDENTIAL_FEES, NONSTOP_HOURS),
    "45": _type(5, [SPOLEK, USTAV, CIRKEV], [[("amb", "klient", 10, 40)]], [
        ("Centrum denních služeb {stem}", [SEN, DIS, DEM], "Služba je určena seniorům a lidem se zdravotním postižením, kteří přes den nemohou být sami."),
    ], [
        "V centru mohou klienti strávit část dne, najíst se, využít hygienické zázemí a zapojit se do společných činností.",
        "Nabízíme pomoc s osobní hygienou, trénování paměti, cvičení a společenské aktivity.",
    ], "outpatient", CARE_CONDITIONS, CARE_FEES, ["Po–Pá 7:00–15:30", "Po–Pá 7:30–16:00"]),
    "46": _type(9, [PO, SPOLEK, USTAV, CIRKEV], [[("amb", "klient", 10, 40)]], [
        ("Denní stacionář {stem}", [SEN, DEM], "Služba je určena seniorům a lidem žijícím s demencí, o které rodina pečuje doma."),
        ("Denní stacionář pro dospělé {stem}", [INT, CMB], "Služba je určena dospělým s mentálním a kombinovaným postižením."),
        ("Denní stacionář pro děti {stem}", [CMB, PHY], "Služba je určena dětem a mladým lidem s těžkým kombinovaným postižením."),
    ], [
        "Během dne zajišťujeme péči, stravu, pomoc s hygienou a program podle individuálních potřeb.",
        "Klienti se věnují rukodělným činnostem, cvičení, trénování paměti a výletům; rodina má zatím čas na práci.",
        "Zajistíme také dopravu do stacionáře a zpět vlastním vozem.",
    ], "outpatient", CARE_CONDITIONS, CARE_FEES, ["Po–Pá 7:00–16:00", "Po–Pá 6:30–15:30"]),
    "47": _type(3, [PO, USTAV], [[("pob", "luzka", 8, 24)]], [
        ("Týdenní stacionář {stem}", [INT, CMB], "Služba je určena dospělým s mentálním a kombinovaným postižením, kteří o víkendech žijí se svou rodinou."),
    ], [
        "Od pondělí do pátku zajišťujeme ubytování, stravu, péči a smysluplný program, na víkend se klienti vracejí domů.",
        "Klienti se učí samostatnosti v běžných činnostech a jezdí do zaměstnání nebo do školy.",
    ], "residential", RESIDENTIAL_CONDITIONS, RESIDENTIAL_FEES, ["Po 7:00 – Pá 16:00 nepřetržitě"]),
    "48": _type(8, [PO, CIRKEV, USTAV], [[("pob", "luzka", 20, 110)]], [
        ("Domov pro osoby se zdravotním postižením {stem}", [INT, CMB, PHY], "Domov je určen lidem s mentálním, tělesným nebo kombinovaným postižením, kteří potřebují pravidelnou pomoc."),
        ("Domov {stem}", [INT, CMB], "Domov je určen dospělým s mentálním a kombinovaným postižením."),
    ], [
        "Poskytujeme celoroční ubytování v malých domácnostech, stravu, péči a podporu v běžném životě.",
        "Obyvatelé domova chodí do práce, do denních aktivit i do kina a sami rozhodují o svém volném čase.",
        "Pomáháme s osobní hygienou, léky, nákupy i s udržováním vztahů s rodinou a přáteli.",
    ], "residential", RESIDENTIAL_CONDITIONS, RESIDENTIAL_FEES, NONSTOP_HOURS),
    "49": _type(20, [PO, CIRKEV, SRO], [[("pob", "luzka", 40, 180)], [("pob", "luzka", 60, 220)]], [
        ("Domov pro seniory {stem}", [SEN], "Domov je určen seniorům, kteří kvůli věku a zdravotnímu stavu potřebují pravidelnou pomoc jiné osoby."),
        ("Domov pro seniory {stem}", [SEN, CHR], "Domov je určen seniorům se sníženou soběstačností, včetně lidí s chronickým onemocněním."),
        ("Seniorcentrum {stem}", [SEN, PAL], "Služba je určena seniorům, kteří už nemohou žít doma, a to i v závěru života."),
    ], [
        "Nabízíme celoroční ubytování v jednolůžkových a dvoulůžkových pokojích, stravu pětkrát denně a ošetřovatelskou péči.",
        "Obyvatelé se mohou zapojit do cvičení, trénování paměti, výletů a kulturních akcí; domov má zahradu a kapli.",
        "Pomáháme s osobní hygienou, podáváním léků, pohybem i udržováním kontaktů s rodinou.",
        "Pokoje mají vlastní sociální zařízení a lze si je vybavit drobným vlastním nábytkem.",
    ], "residential", RESIDENTIAL_CONDITIONS, RESIDENTIAL_FEES, NONSTOP_HOURS, age_note="od 65 let"),
    "50": _type(14, [PO, CIRKEV, SRO], [[("pob", "luzka", 20, 120)]], [
        ("Domov se zvláštním režimem {stem}", [DEM, SEN], "Domov je určen lidem žijícím s Alzheimerovou nebo jinou demencí, kteří potřebují stálou podporu."),
        ("Domov se zvláštním režimem {stem}", [MEN, ADD], "Domov je určen lidem s chronickým duševním onemocněním nebo závislostí, kteří nemohou žít samostatně."),
    ], [
        "Režim domova je přizpůsoben lidem, kteří potřebují bezpečné prostředí, klid a stálou přítomnost personálu.",
        "Poskytujeme ubytování, stravu, péči a aktivizační činnosti ve speciálně upravených domácnostech.",
        "Personál je vyškolen v přístupech k lidem s demencí a klade důraz na důstojnost a soukromí.",
    ], "residential", RESIDENTIAL_CONDITIONS, RESIDENTIAL_FEES, NONSTOP_HOURS),
    "51": _type(9, [PO, USTAV, SPOLEK, CIRKEV], [[("pob", "luzka", 6, 30)], [("pob", "luzka", 6, 16), ("ter", "klient", 5, 15)]], [
        ("Chráněné bydlení {stem}", [INT, CMB], "Služba je určena dospělým s mentálním postižením, kteří chtějí bydlet co nejsamostatněji."),
        ("Chráněné bydlení {stem}", [MEN], "Služba je určena lidem s chronickým duševním onemocněním po hospitalizaci nebo při odchodu z ústavní péče."),
    ], [
        "Klienti bydlí v bytech v běžné zástavbě a s podporou asistentů si sami vaří, nakupují a hospodaří s penězi.",
        "Podpora je individuální a jejím cílem je přechod do samostatného bydlení.",
    ], "residential", RESIDENTIAL_CONDITIONS, RESIDENTIAL_FEES, ["Podpora asistentů denně 7:00–21:00, v noci na telefonu"]),
    "52": _type(5, [NEMOCNICE], [[("pob", "luzka", 10, 40)]], [
        ("Sociální lůžka {stem}", [SEN, CHR, PAL], "Služba je určena pacientům, kteří už nepotřebují nemocniční léčbu, ale nemohou být propuštěni domů bez zajištěné péče."),
    ], [
        "Pacient zůstává na lůžku v nemocnici, dokud se mu nenajde vhodná služba nebo dokud rodina nezajistí péči doma.",
        "Sociální pracovnice nemocnice pomáhá rodině vyřídit příspěvek na péči a najít navazující službu.",
    ], "residential", ["Podmínkou je hospitalizace v nemocnici a doporučení ošetřujícího lékaře."], RESIDENTIAL_FEES, NONSTOP_HOURS),
    "54": _type(5, [SPOLEK, USTAV, OPS], [[("ter", "klient", 30, 120)], [("ter", "klient", 40, 100), ("amb", "klient", 5, 15)]], [
        ("Raná péče {stem}", [FAM, CMB, DIS], "Služba je určena rodinám s dětmi do sedmi let, jejichž vývoj je ohrožen nebo které mají zdravotní postižení."),
        ("Raná péče pro rodiny dětí se zrakovým postižením {stem}", [FAM, VIS], "Služba je určena rodinám dětí se zrakovým a kombinovaným postižením."),
    ], [
        "Poradkyně rané péče jezdí za rodinou domů, pomáhá rodičům podporovat vývoj dítěte a půjčuje hračky a pomůcky.",
        "Rodičům poskytujeme informace, provázíme je při jednání s lékaři a školami a podporujeme je v náročné situaci.",
    ], "field", OUTPATIENT_CONDITIONS, FREE, WEEKDAY_HOURS, field=True, age_note="děti od narození do 7 let"),
    "55": _type(3, [SPOLEK, USTAV, OPS], [[("ter", "hovor", 1, 3)]], [
        ("Linka důvěry {stem}", [CRI], "Linka je určena všem, kdo prožívají krizi, samotu nebo strach a potřebují si promluvit."),
        ("Linka pro děti a mládež {stem}", [YOU, CRI], "Linka je určena dětem a dospívajícím, kteří řeší problémy doma, ve škole nebo s kamarády."),
    ], [
        "Na lince vás vyslechnou vyškolení konzultanti; hovor je důvěrný a můžete zůstat v anonymitě.",
        "Můžete zavolat i napsat do chatu; pomůžeme vám zorientovat se v situaci a najít další pomoc.",
    ], "anonymous", ["Služba je anonymní a bezplatná, volat může kdokoli."], FREE, ["Nonstop, 24 hodin denně", "Denně 8:00–22:00, chat Po–Pá 16:00–20:00"]),
    "56": _type(2, [SPOLEK, USTAV], [[("ter", "klient", 20, 80), ("amb", "kontakt", 1, 3)]], [
        ("Tlumočnická služba pro neslyšící {stem}", [HEA], "Služba je určena neslyšícím a nedoslýchavým lidem."),
    ], [
        "Zajišťujeme tlumočení do českého znakového jazyka u lékaře, na úřadě, u soudu i při dalších jednáních.",
        "Tlumočit můžeme osobně i na dálku přes videohovor.",
    ], "outpatient", ["Tlumočení je potřeba objednat alespoň dva pracovní dny předem."], FREE, WEEKDAY_HOURS),
    "57": _type(9, [CIRKEV, SPOLEK, OPS], [[("pob", "luzka", 20, 60)]], [
        ("Azylový dům pro muže {stem}", [HOM, CRI], "Azylový dům je určen mužům bez přístřeší, kteří chtějí řešit svou situaci."),
        ("Azylový dům pro ženy a matky s dětmi {stem}", [HOM, FAM, DVV], "Azylový dům je určen ženám a matkám s dětmi, které přišly o bydlení nebo utíkají před násilím."),
        ("Azylový dům pro rodiny {stem}", [FAM, HOM], "Azylový dům je určen rodinám s dětmi, které se ocitly bez bydlení."),
    ], [
        "Poskytujeme přechodné ubytování na dobu nejvýše jednoho roku, zázemí pro přípravu stravy a pomoc sociálního pracovníka.",
        "Pomůžeme vám najít práci, vyřídit doklady a dávky a připravit se na návrat do vlastního bydlení.",
    ], "residential", ["Podmínkou je ztráta bydlení, zájem svou situaci řešit a dodržování pravidel azylového domu."], SHELTER_FEES, NONSTOP_HOURS),
    "58": _type(2, [SPOLEK, CIRKEV, OPS], [[("pob", "luzka", 8, 20)]], [
        ("Dům na půl cesty {stem}", [LEA, YOU], "Služba je určena mladým lidem do 26 let, kteří odcházejí z dětského domova nebo výchovného ústavu."),
    ], [
        "Nabízíme bydlení a podporu při hledání práce, hospodaření s penězi a zvládání běžného života.",
        "Klienti se postupně učí samostatnosti a připravují se na vlastní bydlení.",
    ], "residential", ["Podmínkou je věk do 26 let a ukončení ústavní nebo ochranné výchovy."], SHELTER_FEES, NONSTOP_HOURS),
    "59": _type(3, [SPOLEK, OPS, USTAV], [[("amb", "kontakt", 10, 30)], [("amb", "klient", 20, 60)]], [
        ("Kontaktní centrum {stem}", [ADD, RSK], "Služba je určena lidem, kteří užívají drogy, a jejich blízkým."),
    ], [
        "Nabízíme výměnu injekčního materiálu, testy na infekční nemoci, hygienický servis a poradenství.",
        "Pomůžeme vám snížit rizika spojená s užíváním drog a zprostředkujeme léčbu, pokud o ni budete stát.",
    ], "anonymous", ["Služba je anonymní, podmínkou je věk od 15 let."], FREE, LOW_THRESHOLD_HOURS),
    "60": _type(5, [SPOLEK, USTAV, OPS, CIRKEV], [[("amb", "interv", 2, 6), ("pob", "luzka", 3, 8)], [("amb", "interv", 2, 4), ("ter", "interv", 1, 3)]], [
        ("Krizové centrum {stem}", [CRI], "Služba je určena lidem, kteří se ocitli v akutní krizi a nezvládají ji vlastními silami."),
        ("Krizová pomoc pro děti a rodiny {stem}", [FAM, YOU, CRI], "Služba je určena dětem, dospívajícím a rodinám v náhlé tíživé situaci."),
    ], [
        "Krizoví interventi jsou připraveni s vámi mluvit ihned, osobně i po telefonu.",
        "V nejtěžších chvílích můžete využít krátkodobé ubytování v krizovém lůžku.",
        "Pomůžeme vám zvládnout první dny po ztrátě blízkého, rozpadu vztahu, úrazu nebo jiné těžké události.",
    ], "outpatient", ["Služba je poskytována bez objednání, ubytování nejvýše na sedm dní."], FREE, ["Nonstop", "Po–Pá 8:00–20:00, mimo tuto dobu telefonicky"]),
    "60a": _type(1, [OPS, USTAV, SPOLEK], [[("amb", "klient", 2, 5), ("ter", "klient", 1, 3)]], [
        ("Intervenční centrum {stem}", [DVV, CRV], "Služba je určena lidem ohroženým domácím násilím, zejména po vykázání násilné osoby policií."),
    ], [
        "Po policejním vykázání vás do 48 hodin kontaktujeme a nabídneme pomoc, bezpečnostní plán a právní poradenství.",
        "Spolupracujeme s policií, soudy a orgánem sociálně-právní ochrany dětí, aby ochrana byla co nejrychlejší.",
    ], "outpatient", ["Obrátit se na nás můžete i bez policejního vykázání."], FREE, WEEKDAY_HOURS),
    "61": _type(6, [CIRKEV, SPOLEK], [[("amb", "klient", 30, 80)]], [
        ("Nízkoprahové denní centrum {stem}", [HOM, RSK], "Centrum je určeno lidem bez domova a lidem v nejistém bydlení."),
    ], [
        "Nabízíme teplý nápoj, polévku, sprchu, praní prádla a možnost se ohřát.",
        "Sociální pracovníci pomáhají s doklady, dávkami, hledáním práce a ubytování.",
    ], "anonymous", ["Podmínkou je dodržování pravidel centra; pod vlivem alkoholu nebo drog nelze službu využít."],
        ["Služba je bezplatná, za jídlo a hygienický servis se platí symbolický poplatek podle ceníku."], ["Denně 8:00–16:00", "Po–Pá 7:30–15:30, So–Ne 9:00–13:00"]),
    "62": _type(14, [SPOLEK, OPS, CIRKEV, USTAV], [[("amb", "klient", 15, 40)], [("amb", "klient", 15, 35), ("ter", "klient", 10, 30)]], [
        ("Nízkoprahové zařízení pro děti a mládež Klub {club}", [YOU, EXC], "Klub je určen dětem a dospívajícím ve věku od 6 do 26 let, kteří tráví volný čas venku a nemají kam jít."),
        ("Nízkoprahový klub {club}", [YOU], "Klub je určen mladým lidem ve věku od 11 do 20 let."),
        ("Klub pro děti a mládež {club}", [YOU, ETH, EXC], "Klub je určen dětem a mladým lidem ze sociálně vyloučených lokalit."),
    ], [
        "V klubu si můžete zahrát, popovídat si, dostat radu nebo jen v klidu posedět; nic není povinné.",
        "Pracovníci pomáhají s problémy ve škole, doma i s kamarády a organizují výlety a turnaje.",
        "Nabízíme doučování, pomoc s hledáním brigády a besedy o tématech, která mladé lidi zajímají.",
    ], "anonymous", ["Podmínkou je věk odpovídající cílové skupině a respektování pravidel klubu."], FREE, LOW_THRESHOLD_HOURS),
    "63": _type(4, [CIRKEV, SPOLEK], [[("amb", "luzka", 20, 60)]], [
        ("Noclehárna pro muže {stem}", [HOM], "Noclehárna je určena mužům bez přístřeší."),
        ("Noclehárna pro ženy {stem}", [HOM], "Noclehárna je určena ženám bez přístřeší."),
    ], [
        "Nabízíme přenocování, možnost osprchovat se a vyprat si prádlo.",
        "V zimních měsících rozšiřujeme kapacitu o přistýlky, aby nikdo nemusel zůstat venku.",
    ], "anonymous", ["Podmínkou je střízlivost a dodržování pravidel noclehárny."],
        ["Úhrada {night_small} Kč za noc; v mrazivých nocích lze přespat i bez úhrady."], ["Denně 19:00–7:00"]),
    "64": _type(3, [SPOLEK, USTAV, OPS], [[("amb", "klient", 10, 30), ("ter", "klient", 10, 30)], [("pob", "luzka", 8, 16), ("amb", "klient", 10, 20)]], [
        ("Doléčovací centrum {stem}", [ADD], "Služba je určena lidem, kteří absolvovali léčbu závislosti a chtějí abstinovat."),
        ("Následná péče pro lidi s duševním onemocněním {stem}", [MEN], "Služba je určena lidem s duševním onemocněním po ukončení léčby."),
    ], [
        "Nabízíme skupinovou i individuální terapii, chráněné bydlení a pomoc s návratem do práce.",
        "Pomáháme upevnit změny dosažené v léčbě a předcházet relapsu.",
    ], "outpatient", OUTPATIENT_CONDITIONS, ["Ambulantní část je bezplatná, za bydlení se platí podle ceníku."], WEEKDAY_HOURS),
    "65": _type(28, [SPOLEK, OPS, USTAV, CIRKEV], [[("ter", "klient", 20, 60)], [("ter", "klient", 20, 50), ("amb", "klient", 5, 15)]], [
        ("Sociálně aktivizační služba pro rodiny s dětmi {stem}", [FAM], "Služba je určena rodinám s dětmi, které se dostaly do obtížné situace."),
        ("Podpora rodin {district}", [FAM, EXC], "Služba je určena rodinám s dětmi, které žijí v nejistých podmínkách nebo v sociálně vyloučené lokalitě."),
        ("Rodinný průvodce {stem}", [FAM, CRI], "Služba je určena rodičům, kteří potřebují podporu při výchově dětí a chodu domácnosti."),
    ], [
        "Pracovnice dochází do rodin a pomáhá rodičům s výchovou, hospodařením, školní přípravou dětí a jednáním s úřady.",
        "Cílem je, aby děti mohly vyrůstat ve své rodině a rodina zvládla svou situaci vlastními silami.",
        "Spolupracujeme se školami a s orgánem sociálně-právní ochrany dětí, vždy se souhlasem rodiny.",
    ], "field", ["Podmínkou je alespoň jedno nezletilé dítě v rodině a zájem rodičů o spolupráci."], FREE, WEEKDAY_HOURS, field=True),
    "66": _type(18, [SPOLEK, USTAV, CIRKEV, PO, OPS], [[("amb", "klient", 15, 60)], [("amb", "klient", 15, 40), ("ter", "klient", 10, 30)]], [
        ("Klub seniorů {stem}", [SEN], "Služba je určena seniorům, kteří chtějí zůstat aktivní a mezi lidmi."),
        ("Aktivizační centrum pro seniory {stem}", [SEN, DEM], "Služba je určena seniorům, včetně lidí v počátečním stadiu demence."),
        ("Sociálně aktivizační služby pro osoby se zdravotním postižením {stem}", [DIS, VIS, PHY, HEA], "Služba je určena lidem se zdravotním postižením, kteří chtějí rozvíjet své dovednosti a kontakty."),
    ], [
        "Nabízíme trénování paměti, cvičení, tvořivé dílny, počítačové kurzy a společné výlety.",
        "Pomáháme předcházet osamělosti a udržet si co nejdéle samostatnost.",
        "Součástí služby je sociální poradenství a pomoc s vyřizováním běžných záležitostí.",
    ], "outpatient", OUTPATIENT_CONDITIONS, FREE, WEEKDAY_HOURS),
    "67": _type(8, [SPOLEK, USTAV, CIRKEV], [[("amb", "klient", 10, 30)]], [
        ("Sociálně terapeutická dílna {stem}", [INT, MEN, CMB], "Služba je určena lidem s postižením nebo duševním onemocněním, kteří se připravují na práci."),
        ("Tréninková dílna {stem}", [INT, DIS], "Služba je určena dospělým se zdravotním postižením, kteří zatím nenajdou uplatnění na trhu práce."),
    ], [
        "V keramické, textilní, zahradnické nebo kuchařské dílně si klienti osvojují pracovní návyky a dovednosti.",
        "Dílna je krokem k chráněnému nebo běžnému zaměstnání; výrobky prodáváme v naší kavárně.",
    ], "outpatient", OUTPATIENT_CONDITIONS, ["Služba je bezplatná, hradí se pouze strava, pokud ji klient využije."], ["Po–Pá 8:00–14:30"]),
    "68": _type(2, [SPOLEK, USTAV, OPS], [[("pob", "luzka", 12, 20)]], [
        ("Terapeutická komunita {stem}", [ADD], "Komunita je určena lidem závislým na alkoholu nebo drogách, kteří chtějí dlouhodobě abstinovat."),
    ], [
        "Program trvá šest až dvanáct měsíců a zahrnuje skupinovou terapii, pracovní terapii a společný život v komunitě.",
        "Klienti se učí žít bez drog, převzít odpovědnost a připravit se na návrat do běžného života.",
    ], "residential", ["Podmínkou je absolvování detoxifikace a motivace ke změně."], SHELTER_FEES, NONSTOP_HOURS),
    "69": _type(26, [SPOLEK, OPS, CIRKEV, USTAV], [[("ter", "klient", 20, 150)], [("ter", "kontakt", 10, 40)]], [
        ("Terénní program {district}", [EXC, RSK, ETH], "Program je určen lidem žijícím v sociálně vyloučených lokalitách a lidem ohroženým vyloučením."),
        ("Terénní program pro lidi bez domova {stem}", [HOM, RSK], "Program je určen lidem bez domova, kteří přespávají venku nebo v neobývaných objektech."),
        ("Streetwork {stem}", [ADD, RSK, YOU], "Program je určen lidem, kteří užívají drogy nebo vedou rizikový způsob života."),
        ("Terénní sociální práce {stem}", [EXC, FAM, CRI], "Služba je určena lidem a rodinám, které se ocitly v nepříznivé situaci a samy o pomoc nepožádají."),
    ], [
        "Terénní pracovníci vyhledávají lidi přímo na ulici, v ubytovnách a v jejich domácnostech.",
        "Pomáháme s doklady, dávkami, dluhy a hledáním bydlení a práce; doprovázíme na úřady.",
        "Nabízíme také zdravotní materiál, informace o rizicích a zprostředkování další pomoci.",
    ], "anonymous", ["Služba je bezplatná a anonymní, přicházíme za lidmi tam, kde žijí."], FREE, FIELD_HOURS, field=True),
    "70": _type(18, [SPOLEK, USTAV, OPS, CIRKEV], [[("amb", "klient", 10, 40)], [("amb", "klient", 10, 30), ("ter", "klient", 10, 40)]], [
        ("Sociální rehabilitace {stem}", [MEN, DIS], "Služba je určena lidem s duševním onemocněním nebo zdravotním postižením."),
        ("Centrum sociální rehabilitace {stem}", [INT, CMB], "Služba je určena lidem s mentálním postižením, kteří se chtějí osamostatnit."),
        ("Podpora zaměstnávání {stem}", [DIS, MEN, EXC], "Služba je určena lidem, kteří kvůli zdravotnímu nebo sociálnímu znevýhodnění hledají práci."),
        ("Sociální rehabilitace pro nevidomé {stem}", [VIS], "Služba je určena lidem se zrakovým postižením, kteří chtějí být samostatnější."),
    ], [
        "Učíme dovednosti potřebné pro samostatný život: hospodaření s penězi, vaření, cestování městskou dopravou.",
        "Pomáháme s hledáním a udržením zaměstnání a s přípravou na pohovor.",
        "Podpora probíhá individuálně i ve skupinách, v našem centru i v přirozeném prostředí klienta.",
    ], "outpatient", OUTPATIENT_CONDITIONS, FREE, WEEKDAY_HOURS, field=True),
}

# Podané ruce Ostrava, z. s. (the demo provider account) runs exactly these.
PODANE_RUCE_SERVICES = [
    ("69", "Terénní program Podané ruce", [EXC, RSK, HOM], "Moravská Ostrava a Přívoz"),
    ("37", "Poradna Podané ruce", [CRI, EXC, FAM], "Moravská Ostrava a Přívoz"),
    ("62", "Nízkoprahový klub Podaná ruka", [YOU, EXC], "Vítkovice"),
    ("70", "Sociální rehabilitace Podané ruce", [MEN, DIS], "Moravská Ostrava a Přívoz"),
]

# --- Related activities ---------------------------------------------------------------------------
CATEGORIES = [
    "Dluhové poradenství", "Volnočasové kluby", "Svépomocné skupiny", "Bydlení a sociální bydlení",
    "Dobrovolnictví", "Vzdělávání a zaměstnávání", "Podpora rodiny", "Zdravotně-sociální pomoc",
]
# category: (legal forms, share in Ostrava, [(name template, target groups, description sentences)])
ACTIVITIES = {
    "Dluhové poradenství": ([SPOLEK, OPS, USTAV, CIRKEV], 10, [
        ("Dluhové poradenství {stem}", [CRI, FAM], ["Pomůžeme vám zmapovat dluhy, sestavit rozpočet domácnosti a jednat s věřiteli.",
                                                     "Připravíme s vámi návrh na oddlužení a provedeme vás celým řízením."]),
        ("Finanční gramotnost pro každého {stem}", [EXC, YOU], ["Kurzy a individuální konzultace o hospodaření s penězi, půjčkách a smlouvách.",
                                                                  "Naučíme vás rozpoznat nevýhodné nabídky a plánovat výdaje."]),
    ]),
    "Volnočasové kluby": ([SPOLEK, OPS, USTAV, CIRKEV, PO], 14, [
        ("Klub aktivního stáří {stem}", [SEN], ["Setkávání seniorů při přednáškách, cvičení, výletech a tvoření.",
                                                 "Klub je otevřen každému, kdo chce trávit čas ve společnosti."]),
        ("Kroužky pro děti {stem}", [FAM, YOU], ["Odpolední kroužky sportu, tance a výtvarné výchovy pro děti ze sídliště.",
                                                  "Kroužky vedou dobrovolníci a jsou zdarma nebo za symbolický poplatek."]),
        ("Klub pro lidi s postižením {stem}", [DIS, INT], ["Pravidelná setkání, výlety a kulturní akce pro dospělé s postižením a jejich přátele."]),
    ]),
    "Svépomocné skupiny": ([SPOLEK, USTAV], 10, [
        ("Svépomocná skupina pro pečující {stem}", [CAR], ["Setkání lidí, kteří doma pečují o blízkého, jednou za měsíc.",
                                                          "Sdílení zkušeností, praktické rady a odborníci jako hosté."]),
        ("Svépomocná skupina Anonymní alkoholici {stem}", [ADD], ["Pravidelná setkání lidí, kteří chtějí přestat pít.",
                                                                  "Účast je anonymní a bezplatná."]),
        ("Skupina pro rodiče dětí s postižením {stem}", [FAM, CMB], ["Setkávání rodičů dětí s postižením, sdílení zkušeností a vzájemná podpora."]),
        ("Svépomocná skupina pro lidi s duševním onemocněním {stem}", [MEN], ["Skupina vedená lidmi s vlastní zkušeností s duševní nemocí; setkání každý týden."]),
    ]),
    "Bydlení a sociální bydlení": ([CIRKEV, OPS, SPOLEK, PO], 9, [
        ("Kontaktní místo pro bydlení {district}", [HOM, FAM, CRI], ["Pomoc při hledání nájemního bydlení, jednání s pronajímateli a žádostech o městský byt.",
                                                                     "Spolupracujeme s městským obvodem a s realitními kancelářemi."]),
        ("Sociální byty {stem}", [FAM, HOM], ["Provozujeme byty pro rodiny, které se nemohou dostat k běžnému nájmu.",
                                               "Nájemníci mají k dispozici podporu sociální pracovnice."]),
        ("Housing First {stem}", [HOM, MEN], ["Program nabízí lidem bez domova vlastní byt hned na začátku a podporu, aby bydlení udrželi."]),
    ]),
    "Dobrovolnictví": ([CIRKEV, SPOLEK, USTAV, OPS], 9, [
        ("Dobrovolnické centrum {stem}", [SEN, FAM, DIS], ["Zprostředkováváme dobrovolníky do domovů pro seniory, nemocnic a klubů pro děti.",
                                                           "Dobrovolníky vybíráme, školíme a provázíme supervizí."]),
        ("Návštěvy u osamělých seniorů {stem}", [SEN], ["Dobrovolníci pravidelně navštěvují osamělé seniory doma i v domovech.",
                                                         "Stačí zavolat a domluvit první návštěvu."]),
    ]),
    "Vzdělávání a zaměstnávání": ([SPOLEK, OPS, USTAV, SRO], 10, [
        ("Tréninková kavárna {stem}", [INT, MEN], ["Kavárna, ve které získávají pracovní zkušenosti lidé s postižením.",
                                                    "Po zaškolení pomáháme najít práci na otevřeném trhu."]),
        ("Doučování dětí {stem}", [YOU, EXC], ["Individuální doučování dětí ze sociálně znevýhodněných rodin.",
                                               "Doučují vyškolení dobrovolníci, zpravidla studenti vysokých škol."]),
        ("Pracovní poradenství {stem}", [DIS, EXC, CRI], ["Pomoc se životopisem, přípravou na pohovor a hledáním vhodné práce."]),
        ("Kurzy češtiny pro cizince {stem}", [IMM], ["Kurzy českého jazyka pro začátečníky i pokročilé, večer a o víkendech."]),
    ]),
    "Podpora rodiny": ([SPOLEK, USTAV, CIRKEV, OPS], 10, [
        ("Rodinné centrum {stem}", [FAM], ["Herna pro nejmenší, přednášky pro rodiče a setkávání maminek na rodičovské dovolené.",
                                           "Nabízíme také poradenství v oblasti výchovy a vztahů."]),
        ("Mateřské centrum {stem}", [FAM], ["Místo pro setkávání rodičů s malými dětmi, cvičení a kurzy.",
                                            "Program je otevřen každý všední den dopoledne."]),
        ("Centrum pro náhradní rodiny {stem}", [FAM, LEA], ["Podpora pěstounských rodin: vzdělávání, odlehčení a poradenství.",
                                                            "Doprovázíme pěstouny podle zákona o sociálně-právní ochraně dětí."]),
    ]),
    "Zdravotně-sociální pomoc": ([NEMOCNICE, CIRKEV, SPOLEK, PO, SRO], 8, [
        ("Půjčovna kompenzačních pomůcek {stem}", [SEN, DIS, CAR], ["Půjčujeme polohovací postele, vozíky, chodítka a další pomůcky.",
                                                                     "Poradíme s výběrem pomůcky a s žádostí o příspěvek."]),
        ("Domácí hospicová péče {stem}", [PAL, CAR], ["Tým lékařů, sester a sociálních pracovníků pomáhá doprovázet umírající doma.",
                                                      "Rodině poskytujeme podporu i po úmrtí blízkého."]),
        ("Poradna pro pečující o lidi s demencí {stem}", [DEM, CAR], ["Konzultace pro rodiny lidí s demencí, trénování paměti a nácvik péče."]),
    ]),
}

LIFE_SITUATIONS = [
    # slug, title, description, sections, target groups, activity categories, in hlucinsko
    ("pecuji-o-blizkeho", "Pečuji o blízkého člověka",
     "Pomoc pro ty, kdo doma pečují o nemocného, stárnoucího nebo postiženého člena rodiny, a možnost si od péče odpočinout.",
     ["40", "39", "44", "46", "37"], [CAR, SEN, DEM], ["Svépomocné skupiny", "Zdravotně-sociální pomoc"], True),
    ("senior-pomoc-doma", "Jsem senior a potřebuji pomoc doma",
     "Služby, díky kterým můžete zůstat ve svém domově, i když už všechno nezvládnete sami.",
     ["40", "39", "44", "41", "45", "66"], [SEN], ["Volnočasové kluby", "Dobrovolnictví", "Zdravotně-sociální pomoc"], True),
    ("domov-pro-seniora", "Hledám domov pro seniora",
     "Domovy pro seniory a domovy se zvláštním režimem, když péče doma už nestačí.",
     ["49", "50", "44", "52"], [SEN, DEM], [], True),
    ("mam-dluhy", "Mám dluhy",
     "Poradny, které vám pomohou zorientovat se v dluzích, jednat s věřiteli a požádat o oddlužení.",
     ["37", "69"], [CRI], ["Dluhové poradenství"], True),
    ("ztrata-bydleni", "Přišel/přišla jsem o bydlení",
     "Kde přespat, kde se najíst a kdo pomůže najít nové bydlení.",
     ["57", "63", "61", "69", "58"], [HOM], ["Bydlení a sociální bydlení"], False),
    ("domaci-nasili", "Zažívám domácí násilí",
     "Bezpečná a důvěrná pomoc pro ty, kdo zažívají násilí v rodině, a pro jejich děti.",
     ["60a", "60", "37", "57", "55"], [DVV, CRV], [], False),
    ("zavislost", "Mám potíže se závislostí",
     "Pomoc pro lidi, kteří mají potíže s alkoholem, drogami nebo hazardem, i pro jejich blízké.",
     ["59", "68", "64", "69", "37"], [ADD], ["Svépomocné skupiny"], False),
    ("dite-v-tezke-situaci", "Dítě nebo dospívající v těžké situaci",
     "Podpora pro děti, dospívající a jejich rodiče, když doma nebo ve škole něco nefunguje.",
     ["62", "65", "55", "60", "54"], [YOU, FAM], ["Podpora rodiny", "Volnočasové kluby"], True),
    ("zdravotni-postizeni", "Žiji se zdravotním postižením",
     "Služby a aktivity, které pomáhají žít samostatně, pracovat a zapojit se do života ve městě.",
     ["39", "43", "51", "70", "67", "42", "56", "48"], [DIS, PHY, VIS, HEA, INT], ["Vzdělávání a zaměstnávání", "Zdravotně-sociální pomoc"], True),
    ("krize", "Jsem v krizi a potřebuji si promluvit",
     "Linky důvěry a krizová centra, kam se můžete obrátit hned, i anonymně.",
     ["55", "60", "37"], [CRI], [], False),
]

# How each situation ranks its service types (LifeSituation.type_order: the first helps most) and the form it
# prefers; sections of the situation missing here rank after the listed ones.
SITUATION_RANKING = {
    "pecuji-o-blizkeho": ("44, 40, 39, 46, 37", "ter"),
    "senior-pomoc-doma": ("40, 39, 44, 41, 45, 66", "ter"),
    "domov-pro-seniora": ("49, 50, 44, 52", "pob"),
    "mam-dluhy": ("37, 69", ""),
    "ztrata-bydleni": ("63, 57, 61, 69, 58", ""),
    "domaci-nasili": ("60a, 60, 57, 37, 55", ""),
    "zavislost": ("59, 68, 64, 69, 37", ""),
    "dite-v-tezke-situaci": ("62, 65, 55, 60, 54", ""),
    "zdravotni-postizeni": ("39, 43, 70, 67, 42, 56, 51, 48", ""),
    "krize": ("55, 60, 37", ""),
}

# --- Names ----------------------------------------------------------------------------------------
STEMS = [
    "Lipina", "Archa", "Krok za krokem", "Maják", "Kotva", "Přístav", "Lávka", "Brána", "Studánka", "Slunečnice",
    "Jitřenka", "Pohoda", "Kruh", "Rozcestí", "Horizont", "Oáza", "Domeček", "Ametyst", "Jasmín", "Modrý kámen",
    "Zelený ostrov", "Pramen", "Benjamín", "Svítání", "Rovnováha", "Kompas", "Klíček", "Vřesovec", "Jeřabina", "Lipka",
    "Javor", "Kaštan", "Hvězdička", "Vlaštovka", "Skřivánek", "Sedmikráska", "Kopretina", "Zvonek", "Dotek", "Úsměv",
    "Společná cesta", "Otevřené dveře", "Druhý domov", "Nový start", "Šance", "Paprsek", "Duha", "Mozaika", "Korálek", "Tulipán",
    "Vrba", "Bílý dům", "Stříbrná vlna", "Pod střechou", "Lidé lidem", "Ruka v ruce", "Most", "Sousedé", "Cestou necestou", "Nadhled",
    "Klid", "Dokořán", "Podkova", "Slunce", "Kamarád", "Pelikán", "Koníček", "Zahrada", "Jablůňka", "Meruňka",
    "Perla", "Opora", "Vesna", "Sluníčko", "Radost", "Bludiště", "Start", "Spektrum", "Barevný svět", "Ozvěna",
    "Srdce", "Světlo", "Křižovatka", "Dětský úsměv", "Zátiší", "Podzim", "Stříbrný věk", "Na Vyhlídce", "Pod Hradem", "U Lesa",
    "Beruška", "Modrá louka", "Vlnka", "Kapka", "Semínko", "Strom života", "Labyrint", "Tandem", "Kolibřík", "Sova",
    "Šípek", "Bez bariér", "Rytmus", "Prostor", "Souhvězdí", "Cesta domů", "Kormidlo", "Mosty", "Polárka", "Ostrůvek",
    "Oblázek", "Pastelka", "Jiskra", "Vítr", "Hvězda", "Rosa", "Borůvka", "Javorový list", "Lesní cesta", "Na Hrázi",
    "Podané dlaně", "Tichá voda", "Kalich", "Světluše", "Ráj", "Klas", "Motýl", "Pohádka", "Mateřídouška", "Vlčí mák",
    "Dubový háj", "Modrý pták", "Zlatý klas", "Jaro", "Fénix", "Pegas", "Hnízdo", "Krokus", "Šalvěj",
    "Tymián", "Levandule", "Rozmarýn", "Vřes", "Trnka", "Pomněnka", "Bříza", "Kopec", "Lípa", "Habr",
    "Vodník", "Vlna", "Útulek", "Bárka", "Loďka", "Koráb", "Plachta", "Orloj", "Kahan", "Lampa",
]
SAINTS = ["sv. Anny", "sv. Josefa", "sv. Hedviky", "sv. Zdislavy", "sv. Vincence", "sv. Ludmily", "sv. Václava",
          "sv. Františka", "sv. Pavla", "sv. Kláry", "sv. Alžběty", "sv. Martina", "sv. Michaela", "sv. Barbory",
          "sv. Cyrila a Metoděje", "sv. Lukáše", "sv. Jana Křtitele", "sv. Terezie", "sv. Antonína", "sv. Benedikta"]
CLUBS = ["Bedna", "Kanál", "Garáž", "Sklep", "Bunkr", "Rampa", "Plac", "Bouda", "Dílna", "Kostka", "Spot", "Kokos",
         "Base", "Vagon", "Šuplík", "Kontejner", "Krabice", "Bazén"]
HOSPITALS = [
    ("Nemocnice následné péče Na Hradbách, a. s.", "Na Hradbách", "Moravská Ostrava a Přívoz"),
    ("Léčebna dlouhodobě nemocných Pod Hájem, s. r. o.", "Pod Hájem", "Ostrava-Jih"),
    ("Geriatrické centrum Hulváky, s. r. o.", "Hulváky", "Mariánské Hory a Hulváky"),
    ("Rehabilitační nemocnice Landek, a. s.", "Landek", "Petřkovice"),
]
PROVIDER_PATTERNS = {
    PO: ["Domov {x}, příspěvková organizace", "Centrum sociálních služeb {x}, příspěvková organizace", "Seniorcentrum {x}, příspěvková organizace"],
    SPOLEK: ["Spolek {x}, z. s.", "{x}, z. s.", "Sdružení {x}, z. s.", "Klub {x}, z. s.", "Iniciativa {x}, z. s."],
    USTAV: ["Centrum {x}, z. ú.", "{x}, z. ú.", "Institut {x}, z. ú.", "Domov {x}, z. ú."],
    OPS: ["{x}, o. p. s.", "Společnost {x}, o. p. s.", "Centrum {x}, o. p. s."],
    SRO: ["{x} s. r. o.", "Senior {x} s. r. o.", "Pečovatelství {x} s. r. o."],
}
CHURCH_PATTERNS = ["Charitní dům {x}", "Farní charita {x}", "Sociální dílo {x}", "Charitní středisko {x}"]
# legal form: (number of providers, capacity range)
OSTRAVA_MIX = {PO: (15, (2, 4)), SPOLEK: (53, (1, 3)), USTAV: (24, (1, 3)), OPS: (18, (1, 4)), CIRKEV: (15, (4, 12)), SRO: (20, (1, 3))}

HLUCINSKO_PROVIDERS = [
    # name, stem, legal form key, home village
    ("Pečovatelská služba Hlučínsko-západ, příspěvková organizace", "Hlučínsko-západ", PO, "Kravaře"),
    ("Domov U Zámku Kravaře, příspěvková organizace", "U Zámku", PO, "Kravaře"),
    ("Domov Pod Věží Bolatice, příspěvková organizace", "Pod Věží", PO, "Bolatice"),
    ("Charitní středisko sv. Mikuláše", "sv. Mikuláše", CIRKEV, "Bolatice"),
    ("Charitní dům sv. Floriána", "sv. Floriána", CIRKEV, "Štěpánkovice"),
    ("Spolek Slezská lípa, z. s.", "Slezská lípa", SPOLEK, "Štěpánkovice"),
    ("Senioři Kobeřic, z. s.", "Kobeřice", SPOLEK, "Kobeřice"),
    ("Rodinné centrum Kapička, z. s.", "Kapička", SPOLEK, "Kravaře"),
    ("Mateřské centrum Sluníčko Bolatice, z. s.", "Sluníčko", SPOLEK, "Bolatice"),
    ("Spolek Ratolest Hlučínska, z. s.", "Ratolest", SPOLEK, "Chuchelná"),
    ("Osobní asistence Opavsko, o. p. s.", "Opavsko", OPS, "Štěpánkovice"),
    ("Poradna Hlučínsko, o. p. s.", "Hlučínsko", OPS, "Kravaře"),
    ("Tísňová linka Slezsko, o. p. s.", "Slezsko", OPS, "Kravaře"),
    ("Klub seniorů Sudice, z. s.", "Sudice", SPOLEK, "Sudice"),
    ("Senior Pohoda Hněvošice s. r. o.", "Pohoda", SRO, "Hněvošice"),
    ("Domácí péče Oldřišov s. r. o.", "Oldřišov", SRO, "Oldřišov"),
    ("Spolek Třebomská jablůňka, z. s.", "Jablůňka", SPOLEK, "Třebom"),
    ("Sdružení rodičů Rohov, z. s.", "Rohov", SPOLEK, "Rohov"),
    ("Dobrovolníci Strahovice, z. s.", "Strahovice", SPOLEK, "Strahovice"),
]
HLUCINSKO_SERVICES = [
    # section, provider index, name, target groups
    ("40", 0, "Pečovatelská služba Hlučínsko-západ", [SEN, DIS, CHR]),
    ("40", 0, "Pečovatelská služba Štěpánkovice", [SEN, CHR]),
    ("40", 3, "Charitní pečovatelská služba Bolatice", [SEN, DIS]),
    ("40", 15, "Domácí péče Oldřišov", [SEN, PAL]),
    ("49", 1, "Domov pro seniory U Zámku", [SEN]),
    ("49", 2, "Domov pro seniory Pod Věží", [SEN, CHR]),
    ("50", 1, "Domov se zvláštním režimem U Zámku", [DEM, SEN]),
    ("44", 4, "Odlehčovací služba sv. Floriána", [SEN, DEM, CAR]),
    ("44", 14, "Odlehčovací pobyty Pohoda", [SEN, CAR]),
    ("66", 5, "Klub seniorů Slezská lípa", [SEN]),
    ("66", 6, "Aktivizační centrum pro seniory Kobeřice", [SEN, DEM]),
    ("66", 3, "Sociálně aktivizační služby pro seniory sv. Mikuláše", [SEN, DIS]),
    ("65", 19, "Sociálně aktivizační služba pro rodiny s dětmi Hlučínsko", [FAM]),
    ("65", 9, "Podpora rodin Ratolest", [FAM, EXC]),
    ("65", 3, "Rodinný průvodce sv. Mikuláše", [FAM, CRI]),
    ("37", 11, "Občanská poradna Kravaře", [CRI, FAM, SEN]),
    ("37", 11, "Poradna pro seniory a pečující Hlučínsko", [SEN, CAR]),
    ("39", 10, "Osobní asistence Opavsko", [DIS, PHY, SEN]),
    ("41", 12, "Tísňová péče Slezsko", [SEN, DIS]),
    ("69", 9, "Terénní program Hlučínsko-západ", [EXC, YOU]),
    ("62", 9, "Nízkoprahový klub Ratolest", [YOU]),
]
HLUCINSKO_ACTIVITIES = [
    ("Volnočasové kluby", 13, "Klub seniorů Sudice", [SEN]),
    ("Volnočasové kluby", 16, "Klub aktivního stáří Třebom", [SEN]),
    ("Podpora rodiny", 7, "Rodinné centrum Kapička", [FAM]),
    ("Podpora rodiny", 8, "Mateřské centrum Sluníčko", [FAM]),
    ("Podpora rodiny", 17, "Rodičovské setkávání Rohov", [FAM]),
    ("Svépomocné skupiny", 5, "Svépomocná skupina pro pečující Štěpánkovice", [CAR]),
    ("Dobrovolnictví", 18, "Návštěvy u osamělých seniorů Strahovice", [SEN]),
    ("Zdravotně-sociální pomoc", 4, "Půjčovna kompenzačních pomůcek sv. Floriána", [SEN, DIS, CAR]),
    ("Dluhové poradenství", 11, "Dluhové poradenství Hlučínsko", [CRI, FAM]),
    ("Volnočasové kluby", 17, "Kroužky pro děti Rohov", [FAM, YOU]),
]

MOBILE_PREFIXES = ["603", "604", "605", "608", "702", "731", "732", "733", "734", "736", "737", "739", "774", "775", "776", "777"]
LANDLINE_PREFIXES = ["595", "596", "597", "599"]


@transaction.atomic
def load_demo_catalog():
    """Create or refresh the demo catalogue of `ostrava` and `hlucinsko` (idempotent)."""
    load_seed_codebooks()
    builder = _Builder()
    builder.build_ostrava()
    builder.build_hlucinsko()
    builder.save()


class _Builder:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.types = {t.section: t for t in ServiceType.objects.all()}
        self.groups = {g.name: g for g in TargetGroup.objects.all()}
        self.capacity_types = {c.code.rpartition("/")[2]: c for c in CapacityType.objects.all()}
        self.categories = {}
        for order, name in enumerate(CATEGORIES, start=1):
            category, _ = ActivityCategory.objects.update_or_create(name=name, defaults={"order": order})
            self.categories[name] = category
        self.ostrava = Area.objects.get(slug="ostrava")
        self.hlucinsko = Area.objects.get(slug="hlucinsko")
        self.ostrava_municipality = Municipality.objects.get(code=OSTRAVA_CODE)
        self.districts = {
            part.name: part for part in MunicipalityPart.objects.filter(
                municipality=self.ostrava_municipality, kind=MunicipalityPart.Kind.CITY_DISTRICT)
        }
        missing = set(DISTRICTS) - set(self.districts)
        assert not missing, f"chybí městské obvody Ostravy: {missing}"
        self.villages = {m.name: m for m in self.hlucinsko.municipalities.all()}
        self.used_icos = set(Organisation.objects.filter(name__in=[
            "Statutární město Ostrava", PODANE_RUCE, *EXISTING_OSTRAVA, *EXISTING_HLUCINSKO,
        ]).values_list("ico", flat=True)) | {"00845451"}
        self.used_identifiers = set()
        self.used_domains = set()
        self.providers = []  # dicts: name, stem, legal, ico, address..., capacity, items, area
        self.items = []  # dicts describing services and activities

    # --- providers ----------------------------------------------------------------------------
    def _ico(self, legal, name):
        # Drawn from the name, so that an organisation keeps its IČO when the generator changes elsewhere.
        rng = random.Random(f"{SEED}:{name}")
        while True:
            first_seven = rng.choice(ICO_PREFIXES[legal]) + f"{rng.randint(0, 99999):05d}"
            ico = first_seven + str(ico_check_digit(first_seven))
            # 7124xxx is the range of the organisations in data.py.
            if ico not in self.used_icos and not first_seven.startswith("7124"):
                self.used_icos.add(ico)
                return ico

    def _phone(self, mobile=None):
        if mobile if mobile is not None else self.rng.random() < 0.4:
            return f"+420 {self.rng.choice(MOBILE_PREFIXES)} {self.rng.randint(100, 999)} {self.rng.randint(100, 999)}"
        return f"+420 {self.rng.choice(LANDLINE_PREFIXES)} {self.rng.randint(100, 999)} {self.rng.randint(100, 999)}"

    def _district(self):
        names = list(DISTRICTS)
        return self.rng.choices(names, weights=[DISTRICTS[n][4] for n in names])[0]

    def _ostrava_place(self, district=None):
        district = district or self._district()
        lat, lon, jitter, postcode, _weight, streets = DISTRICTS[district]
        return dict(
            district=district,
            street=self.rng.choice(streets),
            house_number=str(self.rng.randint(120, 3200)),
            orientation_number=str(self.rng.randint(1, 86)) if self.rng.random() < 0.8 else "",
            postcode=postcode,
            latitude=lat + self.rng.uniform(-jitter, jitter),
            longitude=lon + self.rng.uniform(-jitter, jitter) * 1.5,
        )

    def _village_place(self, village):
        lat, lon, postcode = VILLAGES[village]
        return dict(
            village=village,
            street=self.rng.choice(VILLAGE_STREETS),
            house_number=str(self.rng.randint(1, 780)),
            orientation_number="",
            postcode=postcode,
            latitude=lat + self.rng.uniform(-0.003, 0.003),
            longitude=lon + self.rng.uniform(-0.0045, 0.0045),
        )

    @staticmethod
    def _address(place, town):
        number = "/".join(p for p in (place["house_number"], place["orientation_number"]) if p)
        return f"{place['street']} {number}, {place['postcode'][:3]} {place['postcode'][3:]} {town}"

    def _provider(self, area, name, stem, legal, place, *, capacity, existing=False):
        base = name.split(",")[0].removesuffix(" s. r. o.")
        slug = slugify(base)[:40].strip("-")
        while slug in self.used_domains:
            slug = f"{slug}-ostrava" if area is self.ostrava else f"{slug}-hlucinsko"
        self.used_domains.add(slug)
        provider = dict(
            area=area, name=name, stem=stem, legal=legal, place=place, capacity=capacity, items=0,
            existing=existing, domain=f"{slug}.example.cz",
        )
        if not existing:
            provider.update(
                ico=self._ico(legal, name),
                address=self._address(place, "Ostrava" if area is self.ostrava else place["village"]),
                web=f"https://www.{slug}.example.cz",
                email=f"{self.rng.choice(['info', 'kontakt'])}@{slug}.example.cz",
                phone=self._phone(),
            )
        self.providers.append(provider)
        return provider

    def build_ostrava(self):
        rng = self.rng
        stems = STEMS[:]
        rng.shuffle(stems)
        saints = SAINTS[:]
        rng.shuffle(saints)
        used_names = set(EXISTING_OSTRAVA) | {PODANE_RUCE}
        providers = []
        for legal, (count, (low, high)) in OSTRAVA_MIX.items():
            for _ in range(count):
                while True:
                    if legal == CIRKEV:
                        stem = saints.pop() if saints else stems.pop()
                        name = rng.choice(CHURCH_PATTERNS).format(x=stem)
                    else:
                        stem = stems.pop()
                        name = rng.choice(PROVIDER_PATTERNS[legal]).format(x=stem)
                    if name not in used_names:
                        break
                used_names.add(name)
                capacity = rng.randint(low, high)
                if legal in (SPOLEK, USTAV, OPS) and rng.random() < 0.12:
                    capacity += rng.randint(2, 5)  # a few larger NGOs
                # Larger providers have their seat in one of the big districts.
                seat = self._ostrava_place(rng.choice(BIG_DISTRICTS) if capacity >= 4 else None)
                providers.append(self._provider(self.ostrava, name, stem, legal, seat, capacity=capacity))
        for name, stem, district in HOSPITALS:
            providers.append(self._provider(self.ostrava, name, stem, NEMOCNICE, self._ostrava_place(district), capacity=1))
        for name, (stem, legal, capacity) in EXISTING_OSTRAVA.items():
            providers.append(self._provider(self.ostrava, name, stem, legal, self._ostrava_place(), capacity=capacity, existing=True))
        podane_ruce = self._provider(self.ostrava, PODANE_RUCE, "Podané ruce", SPOLEK, self._ostrava_place("Moravská Ostrava a Přívoz"),
                                     capacity=0, existing=True)

        # Services of Podané ruce first (fixed), then the rest by type, the rarest candidates first.
        for section, name, groups, district in PODANE_RUCE_SERVICES:
            self._service(podane_ruce, section, name=name, groups=groups, district=district)
        used_service_names = {item["name"] for item in self.items}
        order = sorted(TYPES, key=lambda s: len(TYPES[s]["legal"]))
        for section in order:
            spec = TYPES[section]
            candidates = [p for p in providers if p["legal"] in spec["legal"]]
            for _ in range(spec["n"]):
                provider = self._pick(candidates)
                self._service(provider, section, used_names=used_service_names)

        # Related activities: providers that have nothing yet come first.
        categories = list(ACTIVITIES)
        quota = {c: ACTIVITIES[c][1] for c in categories}
        idle = [p for p in providers if p["items"] == 0]
        for provider in idle:
            fitting = [c for c in categories if provider["legal"] in ACTIVITIES[c][0]] or categories
            category = max(fitting, key=lambda c: (quota[c], -categories.index(c)))
            quota[category] -= 1
            self._activity(provider, category, used_names=used_service_names)
        for category in categories:
            candidates = [p for p in providers if p["legal"] in ACTIVITIES[category][0]]
            for _ in range(max(quota[category], 0)):
                self._activity(self._pick(candidates), category, used_names=used_service_names)

        # A few ended and unpublished records, to exercise the filters (never those of Podané ruce).
        others = [item for item in self.items if item["provider"] is not podane_ruce and item["kind"] == Service.Kind.SERVICE]
        for item in rng.sample(others, 5):
            item["status"] = Service.Status.ENDED
            item["valid_to"] = date(rng.choice([2022, 2023, 2024]), 12, 31)
        for item in rng.sample([i for i in others if i["status"] == Service.Status.ACTIVE], 4):
            item["is_published"] = False

    def _pick(self, candidates):
        """A provider for one more item: the unused ones first, then by remaining capacity."""
        idle = [p for p in candidates if p["items"] == 0]
        if idle and self.rng.random() < 0.75:
            return self.rng.choice(idle)
        weights = [max(p["capacity"] - p["items"], 0) + 0.05 for p in candidates]
        return self.rng.choices(candidates, weights=weights)[0]

    # --- items --------------------------------------------------------------------------------
    def _unique_name(self, template, provider, district, used_names, **extra):
        rng = self.rng
        stems = [provider["stem"]] + rng.sample(STEMS, 3)
        for stem in stems:
            name = template.format(stem=stem, district=district, club=extra.get("club") or rng.choice(CLUBS))
            if name not in used_names:
                break
        else:
            # "Terénní program {district}" taken: "Terénní program Lipka – Ostrava-Jih".
            fallback = template.replace("{district}", "{stem} – {district}") if "{district}" in template else template + " – {district}"
            name = fallback.format(stem=provider["stem"], district=district, club=rng.choice(CLUBS))
            suffix = 2
            while name in used_names:
                name = f"{fallback.format(stem=provider['stem'], district=district, club=rng.choice(CLUBS))} {suffix}"
                suffix += 1
        used_names.add(name)
        return name

    def _service(self, provider, section, *, name=None, groups=None, district=None, used_names=None):
        rng = self.rng
        spec = TYPES[section]
        area = provider["area"]
        in_ostrava = area is self.ostrava
        district = district or (provider["place"]["district"] if in_ostrava and rng.random() < 0.5 else None)
        if in_ostrava:
            district = district or self._district()
        variant = rng.choice(spec["variants"])
        if name is None:
            name = self._unique_name(variant[0], provider, district, used_names)
            groups = variant[1]
            who = variant[2]
        else:
            who = next((v[2] for v in spec["variants"] if set(v[1]) & set(groups)), spec["variants"][0][2])
        groups = groups[:]
        extra_groups = sorted({g for v in spec["variants"] for g in v[1]} - set(groups))
        if len(groups) < 4 and extra_groups and rng.random() < 0.25:
            groups.append(rng.choice(extra_groups))
        groups = groups[: rng.randint(max(1, min(2, len(groups))), min(4, len(groups)))]
        offers = sorted(rng.sample(range(len(spec["offer"])), min(len(spec["offer"]), rng.choice([1, 2, 2]))))
        offers = [spec["offer"][index] for index in offers]
        how = rng.choice(HOW_BY_ACCESS[spec["access"]])
        if " také " in offers[0] or rng.random() < 0.5:
            description = " ".join([who, *offers, how])
        else:
            description = " ".join([offers[0], who, *offers[1:], how])
        forms = rng.choice(spec["forms"])
        provider["items"] += 1
        item = dict(
            kind=Service.Kind.SERVICE, area=area, provider=provider, section=section, name=name, groups=groups,
            description=description, conditions=rng.choice(spec["conditions"]),
            fees=self._fees(rng.choice(spec["fees"])), opening_hours=rng.choice(spec["hours"]),
            forms=[(form, cap, rng.randint(low, high)) for form, cap, low, high in forms],
            nonstop=spec["access"] == "residential" or section in ("55", "41"),
            field=spec["field"] or any(form == "ter" for form, *_ in forms),
            age_note=spec["age_note"], district=district,
            identifier=self._identifier(),
            valid_from=date(rng.randint(2007, 2023), rng.choice([1, 1, 1, 4, 7, 9]), 1),
            valid_to=None, status=Service.Status.ACTIVE, is_published=True,
        )
        item.update(self._contacts(provider, section))
        self.items.append(item)
        return item

    def _activity(self, provider, category, *, used_names=None, name=None, groups=None, village=None):
        rng = self.rng
        legal, _share, variants = ACTIVITIES[category]
        area = provider["area"]
        template, variant_groups, sentences = rng.choice(variants)
        district = provider["place"].get("district") if area is self.ostrava else None
        if name is None:
            name = self._unique_name(template, provider, district or self._district(), used_names)
            groups = variant_groups
        else:
            sentences = next((s for t, g, s in variants if set(g) & set(groups)), variants[0][2])
        hows = ["Přijít můžete bez objednání, informace o programu najdete na webu.",
                "Kontaktujte nás telefonicky nebo e-mailem, rádi vám řekneme víc.",
                "Aktivita je otevřena všem zájemcům, účast je zdarma nebo za symbolický příspěvek."]
        provider["items"] += 1
        item = dict(
            kind=Service.Kind.RELATED_ACTIVITY, area=area, provider=provider, category=category, name=name,
            groups=list(groups), description=" ".join([*sentences, rng.choice(hows)]),
            conditions="", fees=rng.choice(["Zdarma.", "Zdarma, dobrovolný příspěvek vítán.", "Podle ceníku na webu."]),
            opening_hours=rng.choice(WEEKDAY_HOURS + LOW_THRESHOLD_HOURS),
            forms=[("amb", None, None)] if rng.random() < 0.7 else [("ter", None, None)],
            nonstop=False, field=False, age_note="", district=district, village=village,
            identifier="", valid_from=None, valid_to=None, status=Service.Status.ACTIVE, is_published=True,
        )
        item.update(self._contacts(provider, None))
        self.items.append(item)
        return item

    def _identifier(self):
        while True:
            identifier = str(self.rng.randint(1000000, 9999999))
            if identifier not in self.used_identifiers:
                self.used_identifiers.add(identifier)
                return identifier

    def _contacts(self, provider, section):
        rng = self.rng
        mailbox = {"37": "poradna", "49": "domov", "50": "domov", "40": "pecovatelska", "62": "klub", "69": "teren"}.get(
            section, rng.choice(["info", "kontakt"]))
        return dict(
            email=f"{mailbox}@{provider['domain']}",
            phone=self._phone(mobile=section in ("69", "62", "39", "40")),
            web=f"https://www.{provider['domain']}" + rng.choice(["", "/sluzby", "/nase-sluzby"]),
        )

    def _fees(self, template):
        rng = self.rng
        return template.format(
            hour=rng.choice([135, 145, 155, 165, 175]), meal=rng.choice([85, 95, 105, 115]),
            month=f"{rng.randrange(15800, 19900, 100):,}".replace(",", " "),
            room=rng.choice([230, 250, 270, 290, 310]), food=rng.choice([220, 240, 255, 270]),
            night=rng.choice([120, 140, 160, 180, 200]), night_small=rng.choice([30, 40, 50, 60]),
            month_small=rng.choice([450, 500, 550, 600]),
        )

    def build_hlucinsko(self):
        providers = []
        for name, stem, legal, village in HLUCINSKO_PROVIDERS:
            providers.append(self._provider(self.hlucinsko, name, stem, legal, self._village_place(village), capacity=2))
        for name, (stem, legal, capacity) in EXISTING_HLUCINSKO.items():
            providers.append(self._provider(self.hlucinsko, name, stem, legal, self._village_place("Bolatice"),
                                            capacity=capacity, existing=True))
        for section, index, name, groups in HLUCINSKO_SERVICES:
            provider = providers[index]
            item = self._service(provider, section, name=name, groups=groups)
            # "Pečovatelská služba Štěpánkovice" is located in Štěpánkovice, whatever its provider's seat.
            item["village"] = next((v for v in VILLAGES if v in name), provider["place"]["village"])
            if section in ("40", "41", "39", "69", "65"):
                item["field"] = True
        for category, index, name, groups in HLUCINSKO_ACTIVITIES:
            provider = providers[index]
            self._activity(provider, category, name=name, groups=groups, village=provider["place"]["village"])

    # --- saving -------------------------------------------------------------------------------
    def save(self):
        organisations = self._save_organisations()
        areas = [self.ostrava, self.hlucinsko]
        demo_orgs = [organisations[p["name"]].pk for p in self.providers]
        existing = {}
        # The demo catalogue: services of the demo providers, the demo registry range, all related activities
        # (the registry import brings none), so that rows of an older version of this generator go too.
        demo_rows = (Q(provider_id__in=demo_orgs) | Q(registry_id__gte=DEMO_REGISTRY_RANGE[0], registry_id__lt=DEMO_REGISTRY_RANGE[1])
                     | Q(kind=Service.Kind.RELATED_ACTIVITY))
        for service in Service.objects.filter(demo_rows, area__in=areas):
            existing[self._key(service.area_id, service.kind, service.registry_id, service.provider_id, service.name)] = service

        registry_counters = {self.ostrava.pk: OSTRAVA_REGISTRY_BASE, self.hlucinsko.pk: HLUCINSKO_REGISTRY_BASE}
        services, created, updated = [], [], []
        facilities_by_item = []
        for item in self.items:
            area = item["area"]
            provider = organisations[item["provider"]["name"]]
            registry_id = None
            if item["kind"] == Service.Kind.SERVICE:
                registry_id = registry_counters[area.pk]
                registry_counters[area.pk] += 1
            service = Service(
                area=area, kind=item["kind"], registry_id=registry_id,
                registry_identifier=item["identifier"], name=item["name"], provider=provider,
                service_type=self.types[item["section"]] if item["kind"] == Service.Kind.SERVICE else None,
                activity_category=self.categories[item["category"]] if item["kind"] == Service.Kind.RELATED_ACTIVITY else None,
                age_note=item["age_note"], description=item["description"], conditions=item["conditions"],
                fees=item["fees"], opening_hours=item["opening_hours"], email=item["email"], phone=item["phone"],
                web=item["web"], valid_from=item["valid_from"], valid_to=item["valid_to"], status=item["status"],
                is_published=item["is_published"],
            )
            key = self._key(area.pk, service.kind, registry_id, provider.pk, service.name)
            old = existing.pop(key, None)
            if old is not None:
                service.pk = old.pk
                updated.append(service)
            else:
                created.append(service)
            facilities = self._facilities(item, service)
            groups = [self.groups[name] for name in item["groups"]]
            service_index(service, facilities=facilities, target_groups=groups, forms=[form for form, _code, _count in item["forms"]])
            services.append(service)
            facilities_by_item.append(facilities)

        # Rows the generator no longer produces (older versions of this file).
        if existing:
            Service.objects.filter(pk__in=[s.pk for s in existing.values()]).delete()
        Service.objects.bulk_create(created, batch_size=500)
        fields = [f.name for f in Service._meta.concrete_fields if f.name not in ("id", "updated_at")]
        Service.objects.bulk_update(updated, fields, batch_size=200)

        ids = [s.pk for s in services]
        Facility.objects.filter(service_id__in=ids).delete()
        ServiceForm.objects.filter(service_id__in=ids).delete()
        through = {name: getattr(Service, name).through for name in ("target_groups", "served_municipalities", "served_parts")}
        for model in through.values():
            model.objects.filter(service_id__in=ids).delete()

        all_facilities, forms, capacities, links = [], [], [], {name: [] for name in through}
        for item, service, facilities in zip(self.items, services, facilities_by_item):
            for facility in facilities:
                facility.service = service
                all_facilities.append(facility)
            for form, capacity_code, count in item["forms"]:
                service_form = ServiceForm(service=service, form=form, nonstop=item["nonstop"] and form == "pob")
                forms.append(service_form)
                if capacity_code:
                    capacities.append(Capacity(service_form=service_form, capacity_type=self.capacity_types[capacity_code], count=count))
            for name in item["groups"]:
                links["target_groups"].append(through["target_groups"](service_id=service.pk, targetgroup_id=self.groups[name].pk))
            for municipality in self._served_municipalities(item, facilities):
                links["served_municipalities"].append(
                    through["served_municipalities"](service_id=service.pk, municipality_id=municipality.pk))
            for part in self._served_parts(item, facilities):
                links["served_parts"].append(through["served_parts"](service_id=service.pk, municipalitypart_id=part.pk))
        Facility.objects.bulk_create(all_facilities, batch_size=500)
        ServiceForm.objects.bulk_create(forms, batch_size=500)
        for capacity in capacities:
            capacity.service_form_id = capacity.service_form.pk
        Capacity.objects.bulk_create(capacities, batch_size=500)
        for name, rows in links.items():
            through[name].objects.bulk_create(rows, batch_size=500)

        self._save_life_situations()

    @staticmethod
    def _key(area_id, kind, registry_id, provider_id, name):
        if kind == Service.Kind.SERVICE:
            return (area_id, kind, registry_id)
        return (area_id, kind, provider_id, name)

    def _save_organisations(self):
        organisations = {o.name: o for o in Organisation.objects.filter(
            name__in=[p["name"] for p in self.providers if p["existing"]])}
        new = [p for p in self.providers if not p["existing"]]
        by_ico = {o.ico: o for o in Organisation.objects.filter(ico__in=[p["ico"] for p in new])}
        # An organisation of an older version of this generator: same name, another IČO.
        by_name = {o.name: o for o in Organisation.objects.filter(name__in=[p["name"] for p in new]).exclude(ico__in=list(by_ico))}
        to_create, to_update = [], []
        for provider in new:
            values = dict(name=provider["name"], legal_form=LEGAL_FORMS[provider["legal"]], address=provider["address"],
                          web=provider["web"], email=provider["email"], phone=provider["phone"], ico=provider["ico"])
            organisation = by_ico.get(provider["ico"]) or by_name.pop(provider["name"], None)
            if organisation is None:
                organisation = Organisation(**values)
                to_create.append(organisation)
            else:
                for field, value in values.items():
                    setattr(organisation, field, value)
                to_update.append(organisation)
            organisations[provider["name"]] = organisation
        Organisation.objects.bulk_create(to_create)
        Organisation.objects.bulk_update(to_update, ["name", "legal_form", "address", "web", "email", "phone", "ico"])
        missing = [p["name"] for p in self.providers if p["name"] not in organisations]
        assert not missing, f"chybí organizace z demo dat: {missing}"
        return organisations

    def _facilities(self, item, service):
        rng = self.rng
        provider = item["provider"]
        if item["area"] is self.hlucinsko:
            village = item.get("village") or provider["place"]["village"]
            at_seat = village == provider["place"]["village"] and rng.random() < 0.6
            places = [provider["place"] if at_seat else self._village_place(village)]
            if rng.random() < 0.15:
                places.append(self._village_place(rng.choice([v for v in VILLAGES if v != village])))
            return [self._facility(place, service, index, municipality=self.villages[place["village"]], part=None)
                    for index, place in enumerate(places)]
        count = 1 if item["kind"] == Service.Kind.RELATED_ACTIVITY else rng.choices([1, 2, 3], weights=[75, 20, 5])[0]
        district = item["district"] or provider["place"]["district"]
        first = provider["place"] if district == provider["place"]["district"] and rng.random() < 0.5 else self._ostrava_place(district)
        places = [first] + [self._ostrava_place() for _ in range(count - 1)]
        return [self._facility(place, service, index, municipality=self.ostrava_municipality, part=self.districts[place["district"]])
                for index, place in enumerate(places)]

    def _facility(self, place, service, index, *, municipality, part):
        place_name = place.get("district") or place.get("village")
        if index == 0:
            name = service.name
        else:
            name = f"{self.rng.choice(['Pobočka', 'Kontaktní místo', 'Středisko'])} {place_name}"
        return Facility(
            name=name, street=place["street"], house_number=place["house_number"],
            orientation_number=place["orientation_number"], postcode=place["postcode"],
            municipality=municipality, municipality_code=municipality.code, part=part,
            latitude=Decimal(f"{place['latitude']:.6f}"), longitude=Decimal(f"{place['longitude']:.6f}"),
        )

    def _served_municipalities(self, item, facilities):
        if item["area"] is self.ostrava:
            return [self.ostrava_municipality]
        served = {f.municipality.code: f.municipality for f in facilities}
        if item["field"]:
            villages = sorted(self.villages)
            for name in villages if self.rng.random() < 0.5 else self.rng.sample(villages, 5):
                served[self.villages[name].code] = self.villages[name]
        return sorted(served.values(), key=lambda m: m.code)

    def _served_parts(self, item, facilities):
        if item["area"] is not self.ostrava or not item["field"]:
            return []
        parts = {f.part.name for f in facilities if f.part}
        if self.rng.random() < 0.3:
            parts = set(DISTRICTS)
        else:
            parts |= set(self.rng.sample(sorted(DISTRICTS), self.rng.randint(0, 4)))
        return [self.districts[name] for name in sorted(parts)]

    def _save_life_situations(self):
        for area in (self.ostrava, self.hlucinsko):
            rows = [row for row in LIFE_SITUATIONS if area is self.ostrava or row[6]]
            for order, (slug, title, description, sections, groups, categories, _in_hlucinsko) in enumerate(rows, start=1):
                type_order, preferred_form = SITUATION_RANKING.get(slug, ("", ""))
                values = {"title": title, "description": description, "order": order, "type_order": type_order,
                          "preferred_form": preferred_form}
                situation, created = LifeSituation.objects.get_or_create(area=area, slug=slug, defaults=values)
                if not created and any(getattr(situation, field) != value for field, value in values.items()):
                    for field, value in values.items():
                        setattr(situation, field, value)
                    situation.save()  # only when changed, so that reruns add no history
                situation.service_types.set([self.types[s] for s in sections])
                situation.target_groups.set([self.groups[g] for g in groups])
                situation.activity_categories.set([self.categories[c] for c in categories])
            LifeSituation.objects.filter(area=area).exclude(slug__in=[row[0] for row in rows]).delete()
