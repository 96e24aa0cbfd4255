"""Demo organisation of planning: periods, a steering group and working groups with invented members."""

import random
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from openkp.accounts.models import User
from openkp.catalog.models import TargetGroup
from openkp.core.models import Area, Organisation
from openkp.structures.models import Group, GroupMember, Meeting, Minutes, Participant, PlanningPeriod, Task, TriadRole
from openkp.structures.services import participant_for

FIRST_NAMES = ["Jana", "Petr", "Lenka", "Martin", "Eva", "Tomáš", "Hana", "Jiří", "Kateřina", "Pavel", "Lucie", "Michal",
               "Veronika", "David", "Alena", "Jakub", "Markéta", "Ondřej", "Zuzana", "Lukáš", "Ivana", "Radek", "Monika", "Filip"]
SURNAMES = [("Horák", "Horáková"), ("Kratochvíl", "Kratochvílová"), ("Sýkora", "Sýkorová"), ("Holub", "Holubová"),
            ("Vlček", "Vlčková"), ("Kolář", "Kolářová"), ("Bartoš", "Bartošová"), ("Šimek", "Šimková"), ("Kubíček", "Kubíčková"),
            ("Malý", "Malá"), ("Říha", "Říhová"), ("Beneš", "Benešová"), ("Pokorný", "Pokorná"), ("Žáček", "Žáčková"),
            ("Doležal", "Doležalová"), ("Urban", "Urbanová"), ("Chalupa", "Chalupová"), ("Tichý", "Tichá")]
FEMININE = {"Jana", "Lenka", "Eva", "Hana", "Kateřina", "Lucie", "Veronika", "Alena", "Markéta", "Zuzana", "Ivana", "Monika"}

OSTRAVA_GROUPS = [
    ("Senioři", ["senioři", "osoby žijící s demencí", "pečující osoby"]),
    ("Osoby se zdravotním postižením", ["osoby se zdravotním postižením", "osoby s tělesným postižením"]),
    ("Duševní zdraví", ["osoby s chronickým duševním onemocněním"]),
    ("Děti, mládež a rodina", ["rodiny s dítětem/dětmi"]),
    ("Osoby bez přístřeší", ["osoby bez přístřeší"]),
    ("Závislosti", ["osoby ohrožené závislostí nebo závislé na návykových látkách"]),
    ("Sociálně vyloučení", ["osoby žijící v sociálně vyloučených komunitách"]),
    ("Národnostní a etnické menšiny", ["etnické menšiny"]),
    ("Cizinci", ["imigranti a azylanti"]),
    ("Oběti trestné činnosti a domácího násilí", ["oběti trestné činnosti", "oběti domácího násilí"]),
]


def _person(rng):
    first = rng.choice(FIRST_NAMES)
    masculine, feminine = rng.choice(SURNAMES)
    return f"{first} {feminine if first in FEMININE else masculine}"


@transaction.atomic
def load_demo_structures():
    rng = random.Random(2026)
    ostrava = Area.objects.get(slug="ostrava")
    hlucinsko = Area.objects.get(slug="hlucinsko")
    for area in (ostrava, hlucinsko):
        Meeting.objects.for_area(area).delete()
        GroupMember.objects.for_area(area).delete()
        Group.objects.for_area(area).delete()
        PlanningPeriod.objects.for_area(area).delete()
    _ostrava(ostrava, rng)
    _hlucinsko(hlucinsko, rng)
    for area in (ostrava, hlucinsko):
        _meetings(area)
    _demo_accounts_in_groups(ostrava)
    for area in (ostrava, hlucinsko):
        _meeting_work(area, rng)


def _meetings(area):
    """Every two months a meeting of each group, a year back and half a year ahead; working groups meet in public."""
    today = timezone.localdate()
    meetings = []
    for index, group in enumerate(Group.objects.for_area(area)):
        first = today - timedelta(days=364) + timedelta(days=7 * (index % 8))
        for number in range(9):
            day = first + timedelta(days=61 * number)
            day += timedelta(days=max(0, 7 - day.weekday()) if day.weekday() > 3 else 0)  # Monday to Thursday
            starts = timezone.make_aware(datetime(day.year, day.month, day.day, 9 + index % 5, 0))
            meetings.append(Meeting(
                area=area, group=group, title=f"{number + 1}. setkání {group.name.lower() if group.kind != Group.Kind.STEERING else 'řídicí skupiny'}",
                starts_at=starts, ends_at=starts + timedelta(hours=2),
                place="Magistrát města Ostravy, zasedací místnost 208" if area.slug == "ostrava" else "MěÚ Kravaře, zasedací místnost",
                agenda="1. Zahájení\n2. Informace z manažerského týmu\n3. Plnění opatření komunitního plánu\n4. Různé",
                is_public=group.kind != Group.Kind.STEERING,
            ))
    Meeting.objects.bulk_create(meetings)


def _member(group, rng, *, function=GroupMember.Function.MEMBER, organisation=None, triad=TriadRole.PROVIDER, name=None,
            since=date(2023, 1, 1), until=None):
    name = name or _person(rng)
    email = f"{slugify(name).replace('-', '.')}@{slugify(organisation.name)[:20] if organisation else 'email'}.example.cz"
    return GroupMember(area=group.area, group=group, name=name, email=email, organisation=organisation, triad_role=triad,
                       function=function, valid_from=since, valid_to=until,
                       phone=f"+420 {rng.randint(596, 799)} {rng.randint(100, 999)} {rng.randint(100, 999)}")


def _ostrava(area, rng):
    PlanningPeriod.objects.create(area=area, name="5. komunitní plán 2019–2022", start_year=2019, end_year=2022)
    period = PlanningPeriod.objects.create(area=area, name="6. komunitní plán 2023–2026", start_year=2023, end_year=2026, is_current=True)
    city = Organisation.objects.get(ico="00845451")
    providers = list(Organisation.objects.filter(services__area=area).distinct().order_by("name"))
    steering = Group.objects.create(area=area, period=period, kind=Group.Kind.STEERING, name="Manažerský tým", slug="manazersky-tym",
                                    purpose="Řídí komunitní plánování ve městě: schvaluje postup, koordinuje pracovní skupiny "
                                    "a předkládá komunitní plán orgánům města.")
    members = [_member(steering, rng, function=GroupMember.Function.MANAGER, organisation=city, triad=TriadRole.COMMISSIONER)]
    members += [_member(steering, rng, organisation=city, triad=TriadRole.COMMISSIONER) for _ in range(3)]
    for order, (name, targets) in enumerate(OSTRAVA_GROUPS, start=1):
        group = Group.objects.create(
            area=area, period=period, kind=Group.Kind.WORKING, name=name, slug=slugify(name), order=order,
            purpose="Pracovní skupina mapuje potřeby cílové skupiny, navrhuje cíle a opatření komunitního plánu "
            "a sleduje jejich plnění. Schází se zpravidla jednou za dva měsíce.",
        )
        group.target_groups.set(TargetGroup.objects.filter(name__in=targets))
        manager = _member(group, rng, function=GroupMember.Function.MANAGER, organisation=rng.choice(providers))
        members.append(manager)
        members.append(_member(steering, rng, organisation=manager.organisation, name=manager.name))  # managers sit in the steering team
        members.append(_member(group, rng, function=GroupMember.Function.DEPUTY, organisation=city, triad=TriadRole.COMMISSIONER))
        for _ in range(rng.randint(17, 21)):
            members.append(_member(group, rng, organisation=rng.choice(providers)))
        for _ in range(rng.randint(2, 4)):
            members.append(_member(group, rng, triad=TriadRole.USER))
        members.append(_member(group, rng, organisation=rng.choice(providers), until=date(2024, 6, 30)))  # left, history kept
    GroupMember.objects.bulk_create(members)


HLUCINSKO_TOWNS = {"Kravaře"}  # the others are villages (obce)


def _hlucinsko(area, rng):
    period = PlanningPeriod.objects.create(area=area, name="1. střednědobý plán 2025–2028", start_year=2025, end_year=2028, is_current=True)
    steering = Group.objects.create(area=area, period=period, kind=Group.Kind.STEERING, name="Řídicí skupina", slug="ridici-skupina",
                                    purpose="Zástupci třinácti obcí svazku: schvalují postup plánování a návrh plánu.")
    members = []
    for index, municipality in enumerate(area.municipalities.order_by("name")):
        name = f"{'Město' if municipality.name in HLUCINSKO_TOWNS else 'Obec'} {municipality.name}"
        office = (Organisation.objects.filter(name=name).order_by("pk").first()
                  or Organisation.objects.create(name=name, legal_form=Organisation.LegalForm.MUNICIPALITY))
        members.append(GroupMember(
            area=area, group=steering, name=f"Starosta/ka obce {municipality.name}", triad_role=TriadRole.COMMISSIONER,
            function=GroupMember.Function.MANAGER if index == 0 else GroupMember.Function.MEMBER, organisation=office,
            email=f"starosta@{slugify(municipality.name)}.example.cz", valid_from=date(2025, 1, 1),
        ))
    providers = list(Organisation.objects.filter(services__area=area).distinct().order_by("name"))
    for order, (name, targets) in enumerate([("Děti, mládež a rodina", ["rodiny s dítětem/dětmi"]), ("Senioři", ["senioři", "pečující osoby"])], 1):
        group = Group.objects.create(area=area, period=period, kind=Group.Kind.WORKING, name=name, slug=slugify(name), order=order,
                                     purpose="Pracovní skupina připravuje podklady, SWOT analýzu a návrhy opatření pro svou cílovou skupinu.")
        group.target_groups.set(TargetGroup.objects.filter(name__in=targets))
        members.append(_member(group, rng, function=GroupMember.Function.MANAGER, organisation=rng.choice(providers), since=date(2025, 1, 1)))
        members += [_member(group, rng, organisation=rng.choice(providers), since=date(2025, 1, 1)) for _ in range(8)]
        members += [_member(group, rng, triad=TriadRole.USER, since=date(2025, 1, 1)) for _ in range(3)]
    GroupMember.objects.bulk_create(members)


def _demo_accounts_in_groups(area):
    """The demo accounts `manazerka` (manager) and `clen` (member) sit in the working group Senioři."""
    group = Group.objects.get(area=area, slug="seniori", period__is_current=True)
    manager = group.members.filter(function=GroupMember.Function.MANAGER).first()
    manager.user = User.objects.get(username="manazerka")
    manager.name, manager.email = "Jana Manažerská", "jana.manazerska@example.cz"
    manager.save()
    member = group.members.filter(function=GroupMember.Function.MEMBER, valid_to=None).exclude(organisation=None).first()
    member.user = User.objects.get(username="clen")
    member.name, member.email = "Petr Členský", "petr.clensky@example.cz"
    member.save()


DISCUSSION = [
    "Manažerka skupiny shrnula výstupy z jednání manažerského týmu a harmonogram přípravy plánu.",
    "Členové prošli plnění opatření za uplynulé pololetí. U většiny aktivit plnění probíhá podle plánu, "
    "u dvou opatření chybí zajištěné financování.",
    "Diskuse se věnovala kapacitám služeb a čekacím lhůtám; poskytovatelé doplní údaje do tabulky do konce měsíce.",
]
DECISIONS = [
    "Pracovní skupina bere na vědomí informace z manažerského týmu.",
    "Pracovní skupina souhlasí s návrhem úpravy opatření a předá jej manažerskému týmu.",
    "Příští setkání proběhne podle harmonogramu.",
]
TASKS = [
    "Doplnit údaje o kapacitách a čekatelích do sdílené tabulky",
    "Připravit podklady k analýze potřeb cílové skupiny",
    "Oslovit uživatele služeb k účasti na příštím setkání",
    "Zpracovat připomínky k návrhu opatření",
    "Aktualizovat popis služby v katalogu",
]


def _meeting_work(area, rng):
    """Past meetings get attendance, minutes (all published but the latest) and tasks; the next meeting of
    each group has its invitations out with some replies."""
    now = timezone.now()
    coordinator = User.objects.filter(username="koordinator").first()
    participants, minutes, tasks = [], [], []
    for group in Group.objects.for_area(area).filter(period__is_current=True):
        members = list(group.members.select_related("organisation"))
        meetings = list(group.meetings.order_by("starts_at"))
        past = [meeting for meeting in meetings if meeting.ends_at < now]
        upcoming = [meeting for meeting in meetings if meeting.starts_at > now][:1]
        for meeting in past + upcoming:
            day = timezone.localtime(meeting.starts_at).date()
            active = [member for member in members if (member.valid_from is None or member.valid_from <= day)
                      and (member.valid_to is None or member.valid_to >= day)]
            for member in active:
                participant = participant_for(meeting, member)
                participant.invited_at = meeting.starts_at - timedelta(days=10) if member.email else None
                roll = rng.random()
                if meeting in past:
                    participant.attendance = "present" if roll < 0.68 else "excused" if roll < 0.85 else "absent"
                    participant.reply = "excuse" if participant.attendance == "excused" else "attend" if roll < 0.5 else ""
                else:
                    participant.reply = "attend" if roll < 0.45 else "excuse" if roll < 0.55 else ""
                participants.append(participant)
            if meeting in past and rng.random() < 0.3:
                participants.append(Participant(area=area, meeting=meeting, name=_person(rng), organisation_name="Krajský úřad Moravskoslezského kraje",
                                                attendance="guest"))
            if upcoming and meeting is upcoming[0]:
                meeting.invitations_sent_at = meeting.starts_at - timedelta(days=10)
                meeting.save(update_fields=["invitations_sent_at"])
        for index, meeting in enumerate(past):
            latest = index == len(past) - 1
            minutes.append(Minutes(
                area=area, meeting=meeting, discussion="\n\n".join(DISCUSSION), decisions="\n".join(DECISIONS),
                recorded_by=members[0].name if members else "", approved_by=None if latest else coordinator,
                status=Minutes.Status.DRAFT if latest else Minutes.Status.PUBLISHED,
                approved_at=None if latest else meeting.ends_at + timedelta(days=7),
                published_at=None if latest else meeting.ends_at + timedelta(days=8),
            ))
            owners = [member for member in members if member.valid_to is None]
            for number in range(2):
                due = timezone.localtime(meeting.starts_at).date() + timedelta(days=30 + 14 * number)
                status = Task.Status.DONE if index < len(past) - 2 else rng.choice([Task.Status.OPEN, Task.Status.IN_PROGRESS, Task.Status.DONE])
                tasks.append(Task(area=area, group=group, meeting=meeting, title=rng.choice(TASKS), owner=rng.choice(owners) if owners else None,
                                  due_date=due, status=status, reminded_at=now))
    Participant.objects.bulk_create(participants)
    Minutes.objects.bulk_create(minutes)
    Task.objects.bulk_create(tasks)
