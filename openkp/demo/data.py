"""Demo content: invented people and organisations in two real places, no real persons.

Idempotent: every object is looked up by a natural key and updated to the values below.
"""

from django.db import transaction

from openkp.accounts.models import Membership, Role, User
from openkp.core.models import Area, Municipality, Organisation
from openkp.core.municipalities import load_codebook
from openkp.core.validators import ico_check_digit
from openkp.demo import communication, events, library, needs, plans
from openkp.demo.catalog import load_demo_catalog
from openkp.demo.structures import load_demo_structures

DEMO_ACCOUNTS = [
    ("admin", "admin", "superuser"),
    ("koordinator", "demo", "koordinátor území ostrava"),
    ("clen", "demo", "člen pracovní skupiny v území ostrava"),
    ("manazerka", "demo", "manažerka pracovní skupiny Senioři v území ostrava"),
    ("poskytovatel", "demo", "poskytovatel (organizace v území ostrava)"),
]

OSTRAVA_CODE = "554821"
# Svazek obcí mikroregionu Hlučínsko-západ: the 13 municipalities of its steering group.
HLUCINSKO_CODES = [
    "506214", "507334", "507504", "507580", "568376", "512869", "510378",
    "510483", "569101", "507105", "512923", "509574", "510297",
]


def demo_ico(seed):
    """A made-up IČO with a valid check digit (demo organisations are invented)."""
    first_seven = f"{seed:07d}"
    return first_seven + str(ico_check_digit(first_seven))


ORGANISATIONS = [
    # name, IČO, legal form, address, web
    ("Statutární město Ostrava", "00845451", Organisation.LegalForm.MUNICIPALITY, "Prokešovo náměstí 1803/8, 702 00 Ostrava", "https://www.ostrava.cz"),
    ("Domov Slunovrat, příspěvková organizace", demo_ico(7124001), Organisation.LegalForm.ALLOWANCE, "Na Výspě 12, 700 30 Ostrava", ""),
    ("Podané ruce Ostrava, z. s.", demo_ico(7124002), Organisation.LegalForm.ASSOCIATION, "Hornická 41, 702 00 Ostrava", ""),
    ("Charitní středisko sv. Anežky", demo_ico(7124003), Organisation.LegalForm.CHURCH, "Kostelní 7, 709 00 Ostrava", ""),
    ("Centrum pro rodinu Hlučínsko, z. ú.", demo_ico(7124004), Organisation.LegalForm.INSTITUTE, "Náměstí 3, 747 23 Bolatice", ""),
]


@transaction.atomic
def load_demo_data():
    load_codebook()
    region, _ = Area.objects.update_or_create(slug="moravskoslezsky-kraj", defaults={
        "name": "Moravskoslezský kraj", "kind": Area.Kind.REGION, "is_active": True,
        "description": "Krajský střednědobý plán rozvoje sociálních služeb a síť služeb kraje.",
    })
    ostrava, _ = Area.objects.update_or_create(slug="ostrava", defaults={
        "name": "Statutární město Ostrava",
        "kind": Area.Kind.STATUTORY_CITY,
        "parent": region,
        "description": "Komunitní plánování sociálních služeb a souvisejících aktivit ve městě Ostrava: "
        "manažerský tým, deset pracovních skupin a 6. komunitní plán na léta 2023–2026.",
        "contact_email": "kp@ostrava.invalid",
        "contact_phone": "+420 599 000 000",
        "office_name": "Magistrát města Ostravy, odbor sociálních věcí a zdravotnictví",
        "office_address": "Prokešovo náměstí 1803/8, 702 00 Ostrava",
    })
    ostrava.municipalities.set(Municipality.objects.filter(code=OSTRAVA_CODE))
    hlucinsko, _ = Area.objects.update_or_create(slug="hlucinsko", defaults={
        "name": "Svazek obcí mikroregionu Hlučínsko-západ",
        "kind": Area.Kind.MICROREGION,
        "parent": region,
        "description": "Střednědobý plán rozvoje sociálních služeb pro 13 obcí svazku: řídicí skupina "
        "zástupců obcí a dvě pracovní skupiny (děti, mládež a rodina; senioři).",
        "contact_email": "kp@hlucinsko-zapad.invalid",
        "office_name": "Svazek obcí mikroregionu Hlučínsko-západ",
        "office_address": "Náměstí 43, 747 21 Kravaře",
    })
    hlucinsko.municipalities.set(Municipality.objects.filter(code__in=HLUCINSKO_CODES))

    organisations = {}
    for name, ico, legal_form, address, web in ORGANISATIONS:
        organisations[name], _ = Organisation.objects.update_or_create(
            ico=ico, defaults={"name": name, "legal_form": legal_form, "address": address, "web": web}
        )

    _user("admin", "admin", first_name="Správce", last_name="Systému", is_superuser=True)
    coordinator = _user("koordinator", "demo", first_name="Alena", last_name="Koordinátorová")
    member = _user("clen", "demo", first_name="Petr", last_name="Členský")
    provider = _user("poskytovatel", "demo", first_name="Marie", last_name="Poskytovatelová")
    manager = _user("manazerka", "demo", first_name="Jana", last_name="Manažerská")
    Membership.objects.get_or_create(user=manager, area=ostrava, role=Role.GROUP_MANAGER)
    Membership.objects.get_or_create(user=coordinator, area=ostrava, role=Role.COORDINATOR)
    Membership.objects.get_or_create(user=member, area=ostrava, role=Role.MEMBER)
    Membership.objects.update_or_create(
        user=provider, area=ostrava, role=Role.PROVIDER,
        defaults={"organisation": organisations["Podané ruce Ostrava, z. s."]},
    )
    load_demo_catalog()
    # Built on the organisation of planning: cleared before it, loaded after (plans after the needs analysis they cite).
    modules = (events, communication, library, needs, plans)
    for module in modules:
        module.clear()
    load_demo_structures()
    for module in modules:
        module.load()


def _user(username, password, *, is_superuser=False, **names):
    user, created = User.objects.get_or_create(username=username, defaults={
        **names, "email": f"{username}@openkp.invalid", "is_staff": is_superuser, "is_superuser": is_superuser
    })
    if created:
        # Demo passwords are deliberately short; real accounts go through the password validators.
        user.set_password(password)
        user.save()
    return user
