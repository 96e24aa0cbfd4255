"""Demo data of the events module: public events of the current planning period with registrations and attendance.

Invented people with example.cz addresses only. Both functions are idempotent (load() clears first).
"""

import hashlib
import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from openkp.core.models import Area
from openkp.events.models import Event, Registration
from openkp.structures.models import Group, PlanningPeriod

DEMO_AREAS = ("ostrava", "hlucinsko")

FIRST_NAMES = ["Jana", "Petr", "Lenka", "Martin", "Eva", "Tomáš", "Hana", "Jiří", "Kateřina", "Pavel", "Lucie", "Michal",
               "Veronika", "David", "Alena", "Jakub", "Markéta", "Ondřej", "Zuzana", "Lukáš", "Ivana", "Radek", "Monika",
               "Filip", "Šárka", "Vojtěch", "Dagmar", "Roman", "Blanka", "Aleš"]
FEMININE = {"Jana", "Lenka", "Eva", "Hana", "Kateřina", "Lucie", "Veronika", "Alena", "Markéta", "Zuzana", "Ivana", "Monika",
            "Šárka", "Dagmar", "Blanka"}
SURNAMES = [("Horák", "Horáková"), ("Kratochvíl", "Kratochvílová"), ("Sýkora", "Sýkorová"), ("Holub", "Holubová"),
            ("Vlček", "Vlčková"), ("Kolář", "Kolářová"), ("Bartoš", "Bartošová"), ("Šimek", "Šimková"),
            ("Kubíček", "Kubíčková"), ("Malý", "Malá"), ("Říha", "Říhová"), ("Beneš", "Benešová"), ("Pokorný", "Pokorná"),
            ("Žáček", "Žáčková"), ("Doležal", "Doležalová"), ("Urban", "Urbanová"), ("Chalupa", "Chalupová"),
            ("Tichý", "Tichá"), ("Mareš", "Marešová"), ("Polák", "Poláková"), ("Kopecký", "Kopecká"), ("Havlík", "Havlíková")]
ORGANISATIONS = ["Domov Slunovrat", "Podané ruce Ostrava", "Charitní středisko sv. Anežky", "Městský obvod Poruba",
                 "Městský obvod Ostrava-Jih", "Slezská diakonie", "Spolek Sousedé", "Centrum pro rodinu", "Úřad práce",
                 "Ostravská univerzita", "Nadace Krok", "Klub seniorů Vítkovice", ""]
NOTES = ["Přijedu na vozíku, potřebuji bezbariérový vstup.", "Vegetariánská strava, prosím.", "Přijdu s asistentkou.",
         "Potřebuji tlumočení do znakového jazyka.", "Odejdu v poledne."]


def clear():
    """Delete this module's rows in the demo areas (before the groups and periods are recreated)."""
    Event.objects.filter(area__slug__in=DEMO_AREAS).delete()


@transaction.atomic
def load():
    """Create this module's demo content in the demo areas `ostrava` and `hlucinsko`."""
    clear()
    rng = random.Random(2027)
    now = timezone.now()
    ostrava = Area.objects.filter(slug="ostrava").first()
    if ostrava is not None:
        _ostrava(ostrava, rng, now)
    hlucinsko = Area.objects.filter(slug="hlucinsko").first()
    if hlucinsko is not None:
        _hlucinsko(hlucinsko, rng, now)


def _at(now, days, hour, minute=0):
    day = timezone.localtime(now).date() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def _group(area, name):
    return Group.objects.for_area(area).filter(name=name).first()


def _ostrava(area, rng, now):
    period = PlanningPeriod.objects.for_area(area).filter(is_current=True).first()
    if period is None:
        return
    hall = {"place": "Nová radnice, obřadní síň", "address": "Prokešovo náměstí 1803/8, 702 00 Ostrava"}
    # title, kind, group, days from today, start hour, hours, capacity, planned, registered, extra fields
    events = [
        ("Vzdělávací seminář pro nové členy pracovních skupin", Event.Kind.SEMINAR, None, -230, 9, 4, 30, 25, 24,
         {"place": "Magistrát města Ostravy, zasedací místnost 208", "address": "Prokešovo náměstí 1803/8, 702 00 Ostrava",
          "description": "Co je komunitní plánování, jak pracují pracovní skupiny a manažerský tým, jak vzniká "
                         "a vyhodnocuje se komunitní plán. Pro nové členy z řad poskytovatelů, uživatelů i úřadů."}),
        ("Workshop v Porubě: co chybí seniorům v obvodu", Event.Kind.WORKSHOP, "Senioři", -160, 15, 3, 25, 20, 21,
         {"place": "Komunitní centrum Poruba", "address": "Hlavní třída 583/12, 708 00 Ostrava-Poruba", "walk_ins": 4,
          "description": "Otevřené setkání s obyvateli Poruby: pečovatelská služba, odlehčovací služby, doprava k lékaři, "
                         "osamělost. Výstupy poslouží pracovní skupině Senioři."}),
        ("Seminář: financování sociálních služeb z dotací a vyrovnávací platba", Event.Kind.SEMINAR, None, -120, 9, 5, 40, 30, 33,
         {**hall, "description": "Dotace podle § 101a zákona o sociálních službách, pověření a vyrovnávací platba, "
                                 "financování z rozpočtu města. Pro poskytovatele a členy pracovních skupin."}),
        ("Workshop v obvodu Ostrava-Jih: bydlení a dluhy", Event.Kind.WORKSHOP, "Sociálně vyloučení", -95, 16, 2, 25, 20, 15,
         {"place": "Knihovna Hrabůvka", "address": "Horní 1605/55, 700 30 Ostrava-Hrabůvka", "walk_ins": 3,
          "description": "Jak se obyvatelům obvodu daří s nájmy, energiemi a dluhy a kde hledat pomoc. Dluhové poradenství, "
                         "terénní programy, sociální bydlení."}),
        ("Kulatý stůl s pronajímateli bytů", Event.Kind.ROUND_TABLE, "Osoby bez přístřeší", -70, 13, 3, None, 30, 0,
         {**hall, "has_registration": False, "actual_participants_override": 35,
          "description": "Setkání zástupců města, obvodů, soukromých pronajímatelů a poskytovatelů o bydlení lidí "
                         "ohrožených ztrátou bydlení."}),
        ("Konference komunitního plánování 2026", Event.Kind.CONFERENCE, None, -45, 9, 7, 180, 150, 152,
         {"place": "Clarion Congress Hotel, sál Ostrava", "address": "Zkrácená 2703/84, 700 30 Ostrava-Zábřeh", "walk_ins": 6,
          "feedback_url": "https://dotaznik.example.cz/konference-kp-2026",
          "description": "Každoroční setkání všech, kdo se na komunitním plánování podílejí: výsledky monitoringu "
                         "6. komunitního plánu, příklady dobré praxe z obvodů, panelová diskuse o financování "
                         "a o přípravě 7. komunitního plánu."}),
        ("Veřejné projednání návrhu 7. komunitního plánu", Event.Kind.PUBLIC_HEARING, None, 16, 16, 2, 120, 80, 41,
         {**hall, "online_link": "https://meet.example.cz/kp-ostrava-projednani",
          "description": "Představení návrhu 7. komunitního plánu sociálních služeb na léta 2027–2030: priority, cíle "
                         "a opatření. Připomínky můžete říct na místě, nebo je podat písemně v době připomínkování."}),
        ("Workshop ve Slezské Ostravě: duševní zdraví v obvodu", Event.Kind.WORKSHOP, "Duševní zdraví", 9, 15, 3, 20, 20, 24,
         {"place": "Radnice Slezské Ostravy, zasedací síň", "address": "Těšínská 138/35, 710 16 Slezská Ostrava",
          "description": "Jak v obvodu pomoci lidem s duševním onemocněním a jejich blízkým: centrum duševního zdraví, "
                         "krizová pomoc, zaměstnávání. Kapacita sálu je omezená."}),
        ("Seminář pro poskytovatele: vykazování ukazatelů za rok 2026", Event.Kind.SEMINAR, None, 30, 9, 3, 45, 35, 12,
         {"place": "Magistrát města Ostravy, zasedací místnost 208", "address": "Prokešovo náměstí 1803/8, 702 00 Ostrava",
          "registration_closes_at_days": 27,
          "description": "Jak vyplnit roční výkaz ukazatelů služby pro monitoring komunitního plánu, nejčastější chyby, "
                         "termíny. Pro vedoucí a sociální pracovníky služeb."}),
    ]
    for title, kind, group_name, days, hour, hours, capacity, planned, registered, extra in events:
        extra = dict(extra)
        walk_ins = extra.pop("walk_ins", 0)
        closes_days = extra.pop("registration_closes_at_days", None)
        starts = _at(now, days, hour)
        event = Event.objects.create(
            area=area, period=period, group=_group(area, group_name) if group_name else None, kind=kind, title=title,
            starts_at=starts, ends_at=starts + timedelta(hours=hours), capacity=capacity, planned_participants=planned,
            is_published=True, registration_closes_at=_at(now, closes_days, 12) if closes_days else None, **extra,
        )
        _registrations(event, rng, registered, attendance=rng.uniform(0.82, 0.93) if days < 0 else None, walk_ins=walk_ins)


def _hlucinsko(area, rng, now):
    period = PlanningPeriod.objects.for_area(area).filter(is_current=True).first()
    if period is None:
        return
    villages = list(area.municipalities.order_by("name").values_list("name", flat=True))[:3] or ["Kravaře"]
    groups = list(Group.objects.for_area(area).filter(kind=Group.Kind.WORKING).order_by("order", "name"))
    # Public workshops in member villages, as Konicko did: two past, one upcoming.
    for index, (village, days) in enumerate(zip(villages, (-80, -40, 21), strict=False)):
        starts = _at(now, days, 17)
        event = Event.objects.create(
            area=area, period=period, kind=Event.Kind.WORKSHOP, title=f"Veřejný workshop v obci {village}",
            starts_at=starts, ends_at=starts + timedelta(hours=2), place=f"Obecní úřad {village}, zasedací místnost",
            capacity=40, planned_participants=20, is_published=True,
            group=groups[index % len(groups)] if groups else None,
            description=f"Co obyvatelům obce {village} chybí: péče o seniory doma, doprava, pomoc rodinám s dětmi. "
                        "Vaše podněty zapracujeme do střednědobého plánu sociálních služeb svazku obcí.",
        )
        _registrations(event, rng, rng.randint(12, 22), attendance=0.9 if days < 0 else None, walk_ins=3 if days < 0 else 0)


def _person(rng):
    first = rng.choice(FIRST_NAMES)
    masculine, feminine = rng.choice(SURNAMES)
    return f"{first} {feminine if first in FEMININE else masculine}"


def _registrations(event, rng, count, *, attendance=None, walk_ins=0):
    """``count`` registrations (over capacity → waiting list) in registration order, then walk-ins on the day."""
    rows, emails = [], set()
    first_at = event.starts_at - timedelta(days=30)
    for index in range(count + walk_ins):
        name = _person(rng)
        email = f"{slugify(name).replace('-', '.')}@example.cz"
        while email in emails:
            email = email.replace("@", f"{rng.randint(2, 99)}@", 1)
        emails.add(email)
        walk_in = index >= count
        created = first_at + timedelta(hours=index * 4 + rng.randint(0, 3)) if not walk_in else event.starts_at
        confirmed_so_far = sum(1 for row in rows if row.status == Registration.Status.CONFIRMED)
        full = event.capacity is not None and confirmed_so_far >= event.capacity and not walk_in
        rows.append(Registration(
            area=event.area, event=event, name=name, email="" if walk_in else email,
            organisation=rng.choice(ORGANISATIONS), note=rng.choice(NOTES) if rng.random() < 0.08 else "",
            status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED, is_walk_in=walk_in,
            consent_given_at=None if walk_in else created, created_at=created,
            attended=walk_in or (attendance is not None and not full and rng.random() < attendance),
            token_hash=hashlib.sha256(f"demo:{event.pk}:{index}:{rng.random()}".encode()).hexdigest(),
        ))
    Registration.objects.bulk_create(rows)
