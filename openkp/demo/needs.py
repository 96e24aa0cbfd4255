"""Demo needs analysis of Ostrava: a user survey with about 1,200 invented answers across target groups and
districts, a provider survey, shared themes with coded open answers, a SWOT per working group, about 40 needs
with gaps and a needs-and-services map per working group, demographic figures of the districts.

Everything is invented (answers, figures, texts); the structure follows the seeds' analyses (user and provider
questionnaires, SWOT per working group, "analýza současného stavu" per target group, OPTIMKO's cross-cutting themes).
"""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from openkp.accounts.models import User
from openkp.catalog.models import Service, ServiceType
from openkp.core.models import Area, MunicipalityPart
from openkp.needs.models import (
    Answer,
    Audience,
    DemographicFigure,
    Gap,
    Need,
    NeedsMap,
    QuestionKind,
    Response,
    Survey,
    SwotAnalysis,
    SwotItem,
    SwotVote,
    Theme,
    Urgency,
)
from openkp.needs.services.responses import answer_rows, questionnaire
from openkp.needs.services.surveys import question_add, section_add, survey_create
from openkp.structures.models import Group, Minutes

USER_RESPONSES = 1200
PROVIDER_RESPONSES = 64
# Relative weights of the respondents' districts (the rest 1), roughly after the districts' population.
LARGE_DISTRICTS = {"Ostrava-Jih": 40, "Poruba": 25, "Moravská Ostrava a Přívoz": 12, "Slezská Ostrava": 7, "Mariánské Hory a Hulváky": 5,
                   "Vítkovice": 3, "Hrabová": 3, "Svinov": 2, "Nová Ves": 1}
DEMO_SOURCE = "ilustrativní údaje (demo), struktura podle otevřených dat ČSÚ"

# Themes shared by all surveys of the area (after OPTIMKO's cross-cutting themes), with keywords and answer texts.
THEMES = {
    "bydleni": ("Dostupné bydlení", "bydlení, byt, nájem, ubytovna, startovací",
                ["Chybí dostupné bydlení pro lidi s nízkými příjmy.", "Nájmy jsou moc vysoké, po zaplacení bytu nám nic nezbude.",
                 "Bydlíme na ubytovně, potřebovali bychom normální byt.", "Startovací byty pro mladé rodiny.",
                 "Sociální bydlení, ze kterého se dá přejít do běžného nájmu.", "Pomoc se sháněním bytu po odchodu z azylového domu."]),
    "zdravotni": ("Propojení zdravotní a sociální péče", "lékař, nemocnice, zdravotní, hospitalizace, propuštění",
                  ["Po propuštění z nemocnice jsme nevěděli, kdo se o mámu postará.", "Lékaři a sociální pracovníci spolu nemluví.",
                   "Zdravotní sestra, která by chodila domů.", "Návaznost péče po hospitalizaci, ne jen papíry."]),
    "domov": ("Podpora doma a v komunitě", "doma, domácnost, pečovatelská, asistence, terénní",
              ["Pečovatelská služba i o víkendu a večer.", "Osobní asistence, aby táta mohl zůstat doma.",
               "Terénní služba, která přijde domů, a ne jen do města.", "Pomoc s nákupem a úklidem domácnosti."]),
    "informace": ("Informovanost o službách", "informace, poradna, nevím, orientace, katalog",
                  ["Nevím, kam se obrátit, informace jsou roztroušené.", "Jedno místo, kde se dozvím o všech službách.",
                   "Srozumitelné informace o příspěvku na péči.", "Katalog služeb v tištěné podobě pro seniory bez internetu."]),
    "doprava": ("Doprava a dostupnost služeb", "doprava, autobus, dojíždění, bezbariérový, taxi",
                ["Senior taxi i do okrajových obvodů.", "Bezbariérová doprava k lékaři.", "Z naší části města se nikam nedostanu.",
                 "Autobusy nejezdí večer ani o víkendu."]),
    "pecujici": ("Podpora pečujících", "pečující, odlehčovací, vyhoření, péče o blízkého",
                 ["Odlehčovací služba, abych si mohla aspoň týden odpočinout.", "Podpora pro pečující, svépomocná skupina.",
                  "Pečuji o manžela s demencí a nemám žádnou pomoc.", "Poradenství, jak zvládat péči o blízkého doma."]),
    "dluhy": ("Finanční situace a dluhy", "dluhy, exekuce, peníze, příjem, oddlužení",
              ["Dluhové poradenství zdarma a blízko.", "Pomoc s exekucemi a oddlužením.", "Nízký důchod nestačí na úhradu služby.",
               "Finanční gramotnost pro mladé."]),
    "dusevni": ("Duševní zdraví", "psycholog, psychiatr, deprese, krize, duševní",
                ["Dostupný psycholog bez dlouhého čekání.", "Krizová pomoc v noci.", "Centrum duševního zdraví i pro dospívající.",
                 "Podpora lidí po propuštění z psychiatrické nemocnice."]),
    "volny": ("Volný čas a sociální kontakt", "osamělost, klub, aktivity, setkávání, volný čas",
              ["Klub pro seniory, kde se můžeme setkávat.", "Volnočasové aktivity pro děti z chudších rodin.",
               "Cítím se osamělá, chybí mi kontakt s lidmi.", "Nízkoprahový klub pro dospívající v našem obvodu."]),
    "personal": ("Personál a kvalita služeb", "personál, pracovníci, kvalita, čekací, kapacita",
                 ["Služby mají dlouhé čekací lhůty.", "Málo pracovníků, pořád se střídají.", "Vyšší kapacita domovů pro seniory.",
                  "Lepší přístup pracovníků, více času na klienta."]),
}

# Target groups of the survey's picker with their share of respondents and the themes they mention most.
PROFILES = [
    ("senioři", 0.30, ["domov", "zdravotni", "doprava", "volny", "informace"]),
    ("pečující osoby", 0.12, ["pecujici", "domov", "zdravotni", "informace"]),
    ("osoby se zdravotním postižením", 0.12, ["doprava", "domov", "informace", "personal"]),
    ("rodiny s dítětem/dětmi", 0.14, ["bydleni", "volny", "dluhy", "informace"]),
    ("osoby s chronickým duševním onemocněním", 0.08, ["dusevni", "bydleni", "zdravotni"]),
    ("osoby bez přístřeší", 0.07, ["bydleni", "dluhy", "zdravotni"]),
    ("osoby ohrožené závislostí nebo závislé na návykových látkách", 0.05, ["dusevni", "dluhy", "bydleni"]),
    ("osoby žijící v sociálně vyloučených komunitách", 0.07, ["bydleni", "dluhy", "volny"]),
    ("imigranti a azylanti", 0.05, ["informace", "bydleni", "personal"]),
]
MISSING = [("bydleni", "Dostupné bydlení"), ("odlehcovaci", "Odlehčovací služby pro pečující"), ("doprava", "Doprava k lékaři a na úřady"),
           ("psycholog", "Psychologická pomoc"), ("dluhy", "Dluhové poradenství"), ("volny", "Volnočasové aktivity a setkávání"),
           ("informace", "Informace o službách na jednom místě"), ("domacnost", "Pomoc v domácnosti")]
MISSING_BY_THEME = {"bydleni": "bydleni", "pecujici": "odlehcovaci", "doprava": "doprava", "dusevni": "psycholog", "dluhy": "dluhy",
                    "volny": "volny", "informace": "informace", "domov": "domacnost"}

SWOT_ITEMS = {
    SwotItem.Category.STRENGTH: ["Široká síť registrovaných služeb ve městě", "Dlouholetá spolupráce poskytovatelů v pracovní skupině",
                                 "Finanční podpora města z dotačního programu", "Zkušení a motivovaní pracovníci"],
    SwotItem.Category.WEAKNESS: ["Nedostatečná kapacita terénních služeb ve večerních hodinách", "Nízká informovanost veřejnosti o službách",
                                 "Slabá návaznost zdravotní a sociální péče", "Nedostatek pracovníků v přímé péči"],
    SwotItem.Category.OPPORTUNITY: ["Výzvy z fondů EU na rozvoj komunitních služeb", "Spolupráce s nemocnicemi při propouštění pacientů",
                                    "Zapojení dobrovolníků", "Digitální katalog služeb a sdílení informací"],
    SwotItem.Category.THREAT: ["Nejistota financování služeb v dalších letech", "Růst nákladů na energie a mzdy",
                               "Stárnutí obyvatel a rostoucí poptávka", "Odliv kvalifikovaných pracovníků"],
}


def clear():
    """Remove the demo analysis of both areas (it refers to the groups and periods rebuilt by the structures demo)."""
    for area in Area.objects.filter(slug__in=("ostrava", "hlucinsko")):
        Need.objects.for_area(area).delete()
        NeedsMap.objects.for_area(area).delete()
        SwotAnalysis.objects.for_area(area).delete()
        Theme.objects.for_area(area).delete()
        Response.objects.for_area(area).delete()
        Survey.objects.for_area(area).delete()
        DemographicFigure.objects.for_area(area).delete()


@transaction.atomic
def load():
    rng = random.Random(6)
    area = Area.objects.get(slug="ostrava")
    themes = _themes(area)
    user_survey = _user_survey(area)
    _user_answers(user_survey, themes, rng)
    _provider_survey(area, rng)
    _open_survey(area, rng)
    figures = _demography(area, rng)
    swot_items = _swots(area, rng)
    _needs(area, themes, user_survey, swot_items, figures, rng)


def _themes(area):
    return {key: Theme.objects.create(area=area, name=name, keywords=keywords, order=order)
            for order, (key, (name, keywords, _texts)) in enumerate(THEMES.items())}


def _user_survey(area):
    period = _current_period(area)
    survey = survey_create(
        area=area, title="Dotazník pro občany a uživatele sociálních služeb 2025", period=period, audience=Audience.USERS,
        status=Survey.Status.CLOSED, results_public=True,
        opens_at=timezone.make_aware(datetime(2025, 3, 1)), closes_at=timezone.make_aware(datetime(2025, 5, 31)),
        intro="Dotazník je anonymní a jeho vyplnění trvá asi 10 minut. Odpovědi pomohou připravit 7. komunitní plán "
              "sociálních služeb města Ostravy tak, aby odpovídal tomu, co lidé skutečně potřebují.",
        thanks_text="Děkujeme za váš čas. Výsledky dotazníku zveřejníme na této stránce a projednáme je v pracovních skupinách.",
    )
    version = survey.current_version
    about = section_add(version=version, title="O vás")
    services = section_add(version=version, title="Sociální služby a jejich dostupnost")
    wishes = section_add(version=version, title="Co by vám pomohlo")
    add = lambda section, kind, code, text, **extra: question_add(version=version, kind=kind, code=code, text=text, section=section, **extra)  # noqa: E731
    add(about, QuestionKind.TARGET_GROUP, "skupina", "Kterou z těchto situací nejlépe popisuje vás nebo člověka, za kterého odpovídáte?",
        required=True)
    add(about, QuestionKind.PLACE, "obvod", "Ve kterém městském obvodu bydlíte?", required=True)
    add(about, QuestionKind.SINGLE, "vek", "Kolik je vám let?",
        choices=[("do26", "do 26 let"), ("27-64", "27–64 let"), ("65-79", "65–79 let"), ("80", "80 a více let")])
    know = add(services, QuestionKind.SINGLE, "orientace", "Víte, kam se obrátit, když potřebujete pomoc?", required=True,
               choices=[("ano", "Ano"), ("spise-ano", "Spíše ano"), ("spise-ne", "Spíše ne"), ("ne", "Ne")])
    add(services, QuestionKind.LONG_TEXT, "orientace_proc", "Co by vám pomohlo se lépe zorientovat?",
        show_if_question=know, show_if_values=["spise-ne", "ne"])
    add(services, QuestionKind.MULTIPLE, "vyuziva", "Které služby v současnosti využíváte?",
        choices=[("terenni", "Terénní (pracovník přijde domů)"), ("ambulantni", "Ambulantní (docházím do zařízení)"),
                 ("pobytove", "Pobytové"), ("zadne", "Žádné")])
    add(services, QuestionKind.SCALE, "spokojenost", "Jak jste celkově spokojen/a se sociálními službami ve městě?",
        scale_min_label="velmi nespokojen/a", scale_max_label="velmi spokojen/a")
    add(services, QuestionKind.MATRIX, "dostupnost", "Jak snadno dosáhnete na…",
        rows=[("informace", "informace o službách"), ("doprava", "dopravu do služby"), ("uhrady", "úhradu služby"),
              ("cekani", "volné místo bez dlouhého čekání")],
        choices=[("snadno", "bez problémů"), ("obtizne", "s obtížemi"), ("vubec", "vůbec ne")])
    add(wishes, QuestionKind.MULTIPLE, "chybi", "Co vám ve vašem okolí nejvíce chybí? (nejvýše tři možnosti)",
        choices=MISSING, allow_other=True)
    add(wishes, QuestionKind.LONG_TEXT, "pomoc", "Co by vám nebo vašim blízkým v životě nejvíce pomohlo?")
    return survey


def _current_period(area):
    group = Group.objects.for_area(area).select_related("period").filter(period__is_current=True).first()
    return group.period if group else None


def _pick_profile(rng):
    point, total = rng.random(), 0
    for profile in PROFILES:
        total += profile[1]
        if point <= total:
            return profile
    return PROFILES[0]


def _user_answers(survey, themes, rng):
    version = survey.current_version
    questions = questionnaire(version)
    by_code = {question.code: question for question in questions}
    groups = {choice.target_group.name: choice.value for choice in by_code["skupina"].choices.select_related("target_group")}
    district_choices = list(by_code["obvod"].choices.all())
    districts = [choice.value for choice in district_choices]
    weights = [LARGE_DISTRICTS.get(choice.label, 1) for choice in district_choices]  # larger districts answer more
    start = timezone.make_aware(datetime(2025, 3, 1, 9))
    responses, planned = [], []
    for number in range(USER_RESPONSES):
        name, _share, favourite = _pick_profile(rng)
        mode = rng.choices([Response.Mode.ONLINE, Response.Mode.PAPER, Response.Mode.INTERVIEW], weights=[70, 24, 6])[0]
        when = start + timedelta(minutes=rng.randint(0, 91 * 24 * 60))
        responses.append(Response(area=survey.area, survey=survey, version=version, mode=mode, status=Response.Status.COMPLETE,
                                  submitted_at=when, source=f"papírový dotazník č. {number + 1}" if mode == Response.Mode.PAPER else ""))
        theme_keys = rng.sample(favourite, k=min(len(favourite), rng.choice([1, 1, 2])))
        values = {
            "skupina": groups.get(name, next(iter(groups.values()))),
            "obvod": rng.choices(districts, weights=weights)[0] if districts else "",
            "vek": "65-79" if name == "senioři" and rng.random() < 0.6 else rng.choice(["do26", "27-64", "27-64", "65-79", "80"]),
            "orientace": rng.choices(["ano", "spise-ano", "spise-ne", "ne"], weights=[25, 35, 25, 15])[0],
            "vyuziva": rng.sample(["terenni", "ambulantni", "pobytove"], k=rng.randint(1, 2)) if rng.random() < 0.7 else ["zadne"],
            "spokojenost": str(rng.choices([1, 2, 3, 4, 5], weights=[6, 14, 34, 32, 14])[0]),
            "dostupnost": {row: rng.choices(["snadno", "obtizne", "vubec"], weights=weights_row)[0]
                           for row, weights_row in (("informace", [40, 45, 15]), ("doprava", [45, 40, 15]), ("uhrady", [35, 45, 20]),
                                                    ("cekani", [25, 45, 30]))},
            "chybi": sorted({MISSING_BY_THEME.get(key, "informace") for key in theme_keys} | ({"other"} if rng.random() < 0.05 else set())),
            "chybi__other": rng.choice(["Lavičky na sídlišti", "Bankomat v obvodu", "Veřejné toalety"]),
        }
        if values["orientace"] in ("spise-ne", "ne") and rng.random() < 0.6:
            values["orientace_proc"] = rng.choice(THEMES["informace"][2])
        if rng.random() < 0.55:  # about half write something in the open question
            values["pomoc"] = " ".join(rng.choice(THEMES[key][2]) for key in theme_keys)
        planned.append((values, theme_keys))
    Response.objects.bulk_create(responses, batch_size=500)
    answers = []
    for response, (values, _keys) in zip(responses, planned):
        answers += answer_rows(response, questions, values)
    Answer.objects.bulk_create(answers, batch_size=2000)
    _code_answers(survey, planned, responses, themes, rng)


def _code_answers(survey, planned, responses, themes, rng):
    """Most open answers coded into the themes they were written from; some left for the coding page."""
    theme_links = []
    open_answers = {answer.response_id: answer for answer in Answer.objects.filter(question__version=survey.current_version,
                                                                                   question__code="pomoc")}
    through = Theme.answers.through
    for response, (_values, keys) in zip(responses, planned):
        answer = open_answers.get(response.pk)
        if answer is None or rng.random() < 0.15:
            continue
        theme_links += [through(theme_id=themes[key].pk, answer_id=answer.pk) for key in keys]
    through.objects.bulk_create(theme_links, batch_size=2000)


def _provider_survey(area, rng):
    survey = survey_create(
        area=area, title="Dotazník pro poskytovatele sociálních služeb 2025", period=_current_period(area), audience=Audience.PROVIDERS,
        status=Survey.Status.CLOSED, intro="Dotazník pro poskytovatele registrovaných sociálních služeb a souvisejících aktivit.",
    )
    version = survey.current_version
    section = section_add(version=version, title="Vaše služba")
    types = [("pecovatelska", "pečovatelská služba"), ("asistence", "osobní asistence"), ("domov", "domov pro seniory"),
             ("poradenstvi", "odborné sociální poradenství"), ("azyl", "azylový dům"), ("nizkoprah", "nízkoprahové zařízení"),
             ("jina", "jiná služba")]
    question_add(version=version, section=section, kind=QuestionKind.SINGLE, code="druh", text="Druh služby", required=True, choices=types)
    question_add(version=version, section=section, kind=QuestionKind.SINGLE, code="kapacita", text="Stačí kapacita vaší služby poptávce?",
                 choices=[("ano", "Ano"), ("castecne", "Částečně"), ("ne", "Ne")])
    question_add(version=version, section=section, kind=QuestionKind.NUMBER, code="odmitnuti",
                 text="Kolik zájemců jste v roce 2024 odmítli pro nedostatek kapacity?", min_value=0)
    question_add(version=version, section=section, kind=QuestionKind.MULTIPLE, code="problemy", text="Co vaši službu nejvíce omezuje?",
                 choices=[("personal", "Nedostatek pracovníků"), ("financovani", "Nejisté financování"), ("prostory", "Prostory"),
                          ("spoluprace", "Spolupráce se zdravotnictvím")])
    question_add(version=version, section=section, kind=QuestionKind.LONG_TEXT, code="chybi", text="Jaká služba ve městě podle vás chybí?")
    questions = questionnaire(version)
    responses = [Response(area=area, survey=survey, version=version, mode=Response.Mode.ONLINE, status=Response.Status.COMPLETE,
                          submitted_at=timezone.make_aware(datetime(2025, 4, 1)) + timedelta(hours=index * 7))
                 for index in range(PROVIDER_RESPONSES)]
    Response.objects.bulk_create(responses)
    answers = []
    for response in responses:
        values = {"druh": rng.choice(types)[0], "kapacita": rng.choices(["ano", "castecne", "ne"], weights=[25, 45, 30])[0],
                  "odmitnuti": rng.choice([0, 0, 3, 8, 12, 25, 40]), "problemy": rng.sample(["personal", "financovani", "prostory", "spoluprace"], k=2)}
        if rng.random() < 0.6:
            values["chybi"] = rng.choice(THEMES["personal"][2] + THEMES["pecujici"][2] + THEMES["bydleni"][2])
        answers += answer_rows(response, questions, values)
    Answer.objects.bulk_create(answers)


def _open_survey(area, rng):
    """A short survey open now (for the public form), with its first answers."""
    now = timezone.now()
    survey = survey_create(
        area=area, title="Pečujete o blízkého? Řekněte nám, co vám pomůže", period=_current_period(area), audience=Audience.USERS,
        status=Survey.Status.OPEN, opens_at=now - timedelta(days=14), closes_at=now + timedelta(days=60),
        intro="Krátký anonymní dotazník pro ty, kdo doma pečují o nemocného, stárnoucího nebo postiženého člověka. "
              "Vyplnění trvá asi 5 minut; rozpracovaný dotazník si můžete uložit a dokončit později.",
        thanks_text="Děkujeme! Vaše odpovědi projedná pracovní skupina Senioři a promítnou se do 7. komunitního plánu.",
    )
    version = survey.current_version
    section = section_add(version=version, title="Péče o blízkého")
    add = lambda kind, code, text, **extra: question_add(version=version, kind=kind, code=code, text=text, section=section, **extra)  # noqa: E731
    add(QuestionKind.PLACE, "obvod", "Ve kterém městském obvodu pečujete?", required=True)
    add(QuestionKind.SINGLE, "jak_dlouho", "Jak dlouho už pečujete?", required=True,
        choices=[("do1", "méně než rok"), ("1-5", "1–5 let"), ("nad5", "déle než 5 let")])
    helped = add(QuestionKind.SINGLE, "sluzba", "Využíváte nějakou sociální službu (pečovatelskou službu, asistenci, odlehčovací službu)?",
                 required=True, choices=[("ano", "Ano"), ("ne", "Ne")])
    add(QuestionKind.MULTIPLE, "proc_ne", "Proč ne?", show_if_question=helped, show_if_values=["ne"], allow_other=True,
        choices=[("nevim", "Nevím o žádné"), ("cena", "Je příliš drahá"), ("misto", "Není volné místo"), ("nechci", "Nepotřebujeme ji")])
    add(QuestionKind.SCALE, "zatez", "Jak velkou zátěž pro vás péče představuje?", scale_min_label="žádnou", scale_max_label="velmi velkou")
    add(QuestionKind.LONG_TEXT, "pomoc", "Co by vám v péči nejvíce pomohlo?")
    questions = questionnaire(version)
    districts = [choice.value for choice in questions[0].choices.all()]
    responses, answers = [], []
    for day in range(37):
        responses.append(Response(area=area, survey=survey, version=version, mode=Response.Mode.ONLINE, status=Response.Status.COMPLETE,
                                  submitted_at=now - timedelta(days=day % 14, hours=day)))
    Response.objects.bulk_create(responses)
    for response in responses:
        values = {"obvod": rng.choice(districts) if districts else "", "jak_dlouho": rng.choice(["do1", "1-5", "1-5", "nad5"]),
                  "sluzba": rng.choice(["ano", "ne"]), "proc_ne": rng.sample(["nevim", "cena", "misto"], k=1),
                  "zatez": str(rng.choice([3, 4, 4, 5, 5]))}
        if rng.random() < 0.5:
            values["pomoc"] = rng.choice(THEMES["pecujici"][2])
        answers += answer_rows(response, questions, values)
    Answer.objects.bulk_create(answers)


def _demography(area, rng):
    """Population by age group in Ostrava's city districts, 2023 and 2024 (illustrative figures)."""
    figures = []
    parts = MunicipalityPart.objects.filter(municipality__areas=area, kind=MunicipalityPart.Kind.CITY_DISTRICT).select_related("municipality")
    for part in parts:
        base = max(1000, LARGE_DISTRICTS.get(part.name, 0.6) * rng.randint(2400, 2800))
        for year in (2023, 2024):
            growth = 1 + (year - 2023) * rng.uniform(-0.01, 0.004)
            for indicator, share in (("Obyvatelé celkem", 1), ("Obyvatelé 65+ let", rng.uniform(0.19, 0.26)),
                                     ("Obyvatelé 80+ let", rng.uniform(0.04, 0.07)), ("Děti 0–14 let", rng.uniform(0.13, 0.17))):
                figures.append(DemographicFigure(area=area, municipality=part.municipality, part=part, year=year, indicator=indicator,
                                                 value=Decimal(round(base * share * growth)), unit="osob", source=DEMO_SOURCE))
    DemographicFigure.objects.bulk_create(figures)
    return figures


def _swots(area, rng):
    """A closed SWOT of every working group, voted on by the demo accounts."""
    voters = list(User.objects.filter(username__in=("koordinator", "clen", "manazerka")))
    items_by_group = {}
    for group in Group.objects.for_area(area).filter(kind=Group.Kind.WORKING).select_related("period"):
        analysis = SwotAnalysis.objects.create(area=area, group=group, period=group.period, title=f"SWOT analýza – {group.name}",
                                               status=SwotAnalysis.Status.CLOSED)
        items = []
        for category, texts in SWOT_ITEMS.items():
            for text in rng.sample(texts, k=3):
                items.append(SwotItem.objects.create(analysis=analysis, category=category, text=text))
        for voter in voters:
            for category in SWOT_ITEMS:
                chosen = rng.choice([item for item in items if item.category == category])
                SwotVote.objects.create(item=chosen, user=voter, dots=rng.randint(1, 3))
        items_by_group[group.pk] = items
    return items_by_group


NEED_TEMPLATES = [
    # title, theme, urgency, gap title, service type section, capacity, solution
    ("Nedostatek terénní péče ve večerních hodinách a o víkendech", "domov", Urgency.HIGH,
     "Pečovatelská služba a osobní asistence večer a o víkendu", "40", "6 úvazků",
     "Rozšířit provozní dobu terénních služeb, navýšit úvazky v síti sociálních služeb."),
    ("Dostupné bydlení pro lidi s nízkými příjmy", "bydleni", Urgency.HIGH,
     "Sociální byty s podporou", "", "40 bytů", "Program prostupného bydlení s terénní sociální prací."),
    ("Chybí návaznost péče po propuštění z nemocnice", "zdravotni", Urgency.MEDIUM,
     "Sociální pracovník v nemocnici a krátkodobá odlehčovací služba", "44", "10 lůžek",
     "Společný postup nemocnic a poskytovatelů při propouštění, krátkodobé pobyty."),
    ("Nízká informovanost o dostupných službách", "informace", Urgency.MEDIUM,
     "Informační místo v každém obvodu", "", "", "Informační kampaň, tištěný průvodce, kontaktní místo na úřadech."),
]


def _needs(area, themes, user_survey, swot_items, figures, rng):
    questions = {question.code: question for question in user_survey.current_version.questions.all()}
    minutes = list(Minutes.objects.for_area(area).filter(status=Minutes.Status.PUBLISHED).select_related("meeting"))
    figure_of = {(figure.part_id, figure.indicator, figure.year): figure for figure in figures}
    parts = list(MunicipalityPart.objects.filter(municipality__areas=area, kind=MunicipalityPart.Kind.CITY_DISTRICT))
    types = {item.section: item for item in ServiceType.objects.exclude(section="")}
    for group in Group.objects.for_area(area).filter(kind=Group.Kind.WORKING).select_related("period").prefetch_related("target_groups"):
        target_groups = list(group.target_groups.all())
        services = list(Service.objects.for_area(area).public().filter(target_groups__in=target_groups).distinct().order_by("sort_name")[:12])
        NeedsMap.objects.create(
            area=area, group=group, period=group.period,
            current_state=f"Pracovní skupina {group.name} mapovala situaci cílové skupiny v letech 2024–2025: dotazník pro občany a uživatele "
                          f"služeb, setkání s poskytovateli a SWOT analýza. Ve městě působí {len(services)} a více služeb pro tuto cílovou skupinu; "
                          "největší nedostatky jsou v terénních službách, v dostupném bydlení a v návaznosti zdravotní a sociální péče.",
            conclusions="Potřeby s vysokou naléhavostí budou rozpracovány do opatření 7. komunitního plánu.",
        )
        for index, (title, theme, urgency, gap_title, section, capacity, solution) in enumerate(NEED_TEMPLATES):
            status = [Need.Status.ACCEPTED, Need.Status.NEW, Need.Status.COVERED, Need.Status.ACCEPTED][index]
            need = Need.objects.create(
                area=area, group=group, title=f"{title} ({group.name.lower()})", urgency=urgency, status=status,
                description=f"Potřebu opakovaně uváděli respondenti dotazníku i členové pracovní skupiny {group.name}.",
                raised_by=rng.choice([f"pracovní skupina {group.name}", "dotazník pro občany 2025", "setkání s veřejností"]),
                status_reason="Řeší opatření 2.3 plánu." if status == Need.Status.COVERED else "",
            )
            need.target_groups.set(target_groups)
            chosen_parts = rng.sample(parts, k=min(2, len(parts)))
            need.parts.set(chosen_parts)
            need.themes.add(themes[theme])
            need.questions.add(questions["chybi"], questions["pomoc"])
            need.swot_items.add(*[item for item in swot_items.get(group.pk, []) if item.category == SwotItem.Category.WEAKNESS][:1])
            group_minutes = [item for item in minutes if item.meeting.group_id == group.pk]
            if group_minutes:
                need.minutes.add(rng.choice(group_minutes))
            indicator = "Obyvatelé 65+ let" if group.name == "Senioři" else "Obyvatelé celkem"
            need.figures.add(*[figure_of[key] for key in ((part.pk, indicator, 2024) for part in chosen_parts) if key in figure_of])
            need.services.add(*services[index * 3:index * 3 + 3])
            Gap.objects.create(area=area, need=need, title=gap_title, service_type=types.get(section), missing_capacity=capacity,
                               place=", ".join(part.name for part in need.parts.all()), proposed_solution=solution)
