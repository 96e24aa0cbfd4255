"""Demo data of the communication module: news, a communication plan built from seed 004 and a few subscribers.

Both functions are idempotent. All people and addresses are invented (example.cz).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from openkp.communication.models import CommunicationChannel, NewsItem, Subscriber
from openkp.core.models import Area
from openkp.core.typography import format_date
from openkp.structures.models import Group, PlanningPeriod

DEMO_AREAS = ("ostrava", "hlucinsko")

# (days ago or None for a draft, slug, group slug or "", title, perex, body); {date} in the body is the publishing day + 14.
OSTRAVA_NEWS = [
    (350, "hodnoceni-6-planu", "manazersky-tym", "Manažerský tým zahájil hodnocení 6. komunitního plánu",
     "Než začne příprava 7. plánu, zjistíme, co se z toho šestého podařilo. Hodnocení připraví všech deset pracovních skupin.",
     "Manažerský tým na svém jednání schválil postup hodnocení 6. komunitního plánu na léta 2023–2026. Každá pracovní skupina "
     "projde svá opatření a u každého uvede, zda bylo naplněno, rozpracováno, nebo nenaplněno, a proč.\n\n"
     "Souhrnnou zprávu o plnění cílů a opatření projedná manažerský tým na podzim a poté ji zveřejníme."),
    (310, "seniori-pecujici", "seniori", "Senioři: pracovní skupina projednala potřeby pečujících",
     "Pečující rodiny potřebují hlavně odlehčovací služby a poradenství. Skupina připraví návrh opatření.",
     "Na setkání pracovní skupiny Senioři se sešlo 24 lidí – zástupci poskytovatelů, města i samotní pečující. "
     "Nejčastěji zaznělo, že chybí místa v odlehčovacích službách a že se lidé těžko orientují v tom, kam se obrátit.\n\n"
     "Skupina proto navrhne opatření na rozšíření odlehčovací služby a na společné poradenské místo pro pečující."),
    (270, "dotaznik-potreby", "", "Spouštíme dotazník o potřebách sociálních služeb",
     "Jaké služby vám v Ostravě chybí? Vyplňte krátký dotazník – online, nebo na papíře na úřadech městských obvodů.",
     "Dotazník zabere asi deset minut a je anonymní. Vyplnit ho můžete online nebo v papírové podobě na podatelnách "
     "městských obvodů a u poskytovatelů sociálních služeb.\n\nDotazník je otevřený do {date}. Výsledky zveřejníme v aktualitách."),
    (240, "dotaznik-1200", "", "Dotazník vyplnilo už 1 200 lidí – děkujeme",
     "Za první měsíc se zapojilo přes 1 200 obyvatel. Nejvíc odpovědí přišlo z Poruby a Moravské Ostravy.",
     "Děkujeme všem, kdo dotazník vyplnili. Stále chybí odpovědi mladých lidí a rodin s dětmi – pokud můžete, "
     "pošlete odkaz dál."),
    (205, "odlehcovaci-sluzba-poruba", "seniori", "Nová služba: odlehčovací služba v Porubě",
     "Domov Slunovrat otevřel odlehčovací službu s osmi lůžky. Pečující si mohou odpočinout až na tři týdny.",
     "Odlehčovací služba je určena lidem, o které jinak pečuje rodina doma. Pobyt je možný na několik dní až tři týdny. "
     "Službu najdete v katalogu sociálních služeb.\n\nVznik služby navrhla pracovní skupina Senioři v 6. komunitním plánu."),
    (170, "dusevni-zdravi-kulaty-stul", "dusevni-zdravi", "Duševní zdraví: kulatý stůl s uživateli služeb",
     "Lidé s duševním onemocněním a jejich blízcí řekli, co jim pomáhá a co chybí. Jejich podněty půjdou do návrhu plánu.",
     "Kulatého stolu se zúčastnilo 35 lidí. Uživatelé služeb oceňovali terénní týmy centra duševního zdraví, "
     "chybí jim ale podpora při hledání práce a bydlení.\n\nZápis z kulatého stolu je k dispozici u manažerky pracovní skupiny."),
    (140, "vysledky-dotazniku", "", "Výsledky dotazníku: bydlení a dostupnost péče na prvních místech",
     "Dotazník vyplnilo 2 418 lidí. Nejčastěji chybí dostupné bydlení, terénní péče o seniory a psychologická pomoc.",
     "Souhrnnou zprávu s výsledky podle cílových skupin a městských obvodů najdete v části Potřeby. "
     "Pracovní skupiny z ní vycházejí při přípravě SWOT analýz a návrhů opatření."),
    (110, "pozvanka-konference", "", "Pozvánka na konferenci komunitního plánování",
     "Přijďte diskutovat o budoucnosti sociálních služeb v Ostravě. Konference je otevřená všem, vstup je zdarma.",
     "Konference se koná {date} v Nové radnici. Dopoledne představíme výsledky dotazníku, odpoledne budou pracovní skupiny "
     "diskutovat o prioritách 7. plánu.\n\nPřihlásit se můžete e-mailem koordinátorce komunitního plánování."),
    (95, "konference-ohlednuti", "", "Konference: 180 účastníků a 40 podnětů do nového plánu",
     "Konferenci navštívilo 180 lidí – poskytovatelé, úředníci, uživatelé služeb i veřejnost. Děkujeme.",
     "Nejvíc se diskutovalo o bydlení, o péči o lidi s demencí a o podpoře rodin. Všechny podněty pracovní skupiny "
     "zapracují do návrhu 7. komunitního plánu."),
    (60, "navrh-plan-pripominky", "", "Návrh 7. komunitního plánu je k připomínkám",
     "Návrh plánu na léta 2027–2030 je zveřejněný. Připomínky můžete posílat do tří týdnů.",
     "Návrh najdete v části Plán. Připomínku můžete poslat e-mailem koordinátorce komunitního plánování, poštou na adresu "
     "magistrátu nebo ji podat osobně na kontaktních místech v městských obvodech. Lhůta končí {date}.\n\n"
     "Každou připomínku posoudíme a vypořádání zveřejníme v aktualitách."),
    (40, "denni-centrum-bez-pristresi", "osoby-bez-pristresi", "Nízkoprahové denní centrum rozšiřuje provoz",
     "Denní centrum pro lidi bez domova je nově otevřené i o víkendech. Rozšíření navrhla pracovní skupina.",
     "Od tohoto měsíce je nízkoprahové denní centrum otevřené sedm dní v týdnu. Lidé bez přístřeší tu najdou hygienu, "
     "jídlo, sociální poradenství a pomoc s doklady."),
    (15, "pripominkovani-skoncilo", "", "Připomínkování skončilo: 126 připomínek",
     "K návrhu plánu přišlo 126 připomínek. Pracovní skupiny je teď posuzují; vypořádání zveřejníme do konce měsíce.",
     "Nejvíc připomínek se týkalo kapitoly o bydlení a opatření pro seniory. Formální a jazykové připomínky zapracujeme hned, "
     "o věcných rozhodne manažerský tým."),
    (None, "vyporadani-pripominek", "manazersky-tym", "Vypořádání připomínek k návrhu 7. komunitního plánu",
     "Manažerský tým rozhodl o všech 126 připomínkách. Přehled s odůvodněním zveřejníme spolu s upraveným návrhem v části Plán.",
     "Akceptováno bylo 71 připomínek, částečně akceptováno 22, neakceptováno 18 a 15 bylo vzato na vědomí."),
]

HLUCINSKO_NEWS = [
    (200, "harmonogram-planu", "ridici-skupina", "Řídicí skupina schválila harmonogram plánu",
     "Zástupci 13 obcí svazku schválili, jak bude příprava střednědobého plánu probíhat.",
     "Plán připraví dvě pracovní skupiny – Děti, mládež a rodina a Senioři. Během roku proběhnou veřejná setkání v obcích "
     "a dotazník pro občany."),
    (120, "dotaznik-obce", "seniori", "Dotazník pro seniory a pečující ve všech obcích svazku",
     "Papírové dotazníky najdete na obecních úřadech, online verzi na webu svazku.",
     "Dotazník je anonymní a otevřený do {date}. Ptáme se, jakou pomoc senioři a pečující potřebují a co jim chybí."),
    (30, "verejna-setkani-obce", "deti-mladez-a-rodina", "Veřejná setkání v obcích: přijďte říct, co potřebujete",
     "Setkání proběhnou v Kravařích, Bolaticích a Hněvošicích. Zveme rodiny s dětmi i seniory.",
     "Na setkání představíme výsledky dotazníku a zeptáme se vás, co by vám v obci pomohlo. Setkání trvá asi hodinu."),
]

# (channel, name, audience, content, frequency, responsible): the channels of the seed's "plan of communication with
# the public and the actors", distributed through municipalities, providers and commissioners.
OSTRAVA_CHANNELS = [
    ("web", "aktuality na webu komunitního plánování", "public",
     "Aktuality, pozvánky na setkání, výsledky dotazníků, návrh plánu k připomínkám a jeho vypořádání",
     "průběžně, nejméně 2× měsíčně", "koordinátor/ka komunitního plánování"),
    ("email", "aktuality e-mailem", "public", "Důležité aktuality přihlášeným odběratelům (s potvrzením a odhlášením jedním kliknutím)",
     "při každé důležité aktualitě", "koordinátor/ka komunitního plánování"),
    ("newsletter", "zpravodaj města a zpravodaje městských obvodů", "public",
     "Články o dotazníku, konferenci, připomínkování a schváleném plánu", "4× ročně", "tiskové oddělení magistrátu s koordinátorem/kou"),
    ("social", "facebook a instagram města", "public", "Pozvánky na veřejná setkání a konferenci, krátké zprávy, výzva k vyplnění dotazníku",
     "týdně v době dotazníku a připomínkování", "tiskové oddělení magistrátu"),
    ("meeting", "konference a veřejná setkání v obvodech", "users",
     "Představení výsledků a návrhu plánu, sběr podnětů od uživatelů služeb a pečujících", "konference 1× ročně, setkání při přípravě plánu",
     "koordinátor/ka a manažeři pracovních skupin"),
    ("print", "katalog služeb a informační průvodci", "users",
     "Přehled služeb pro každou cílovou skupinu; rozdávají obce, poskytovatelé a úřady", "aktualizace 1× ročně",
     "koordinátor/ka, poskytovatelé"),
    ("email", "pozvánky a zápisy", "participants", "Pozvánky, podklady a zápisy z jednání pracovních skupin a manažerského týmu",
     "před každým jednáním a do 14 dnů po něm", "manažeři pracovních skupin"),
    ("email", "informace pro poskytovatele", "providers", "Vykazování ukazatelů, dotační řízení, změny v síti služeb, výzvy k aktualizaci katalogu",
     "podle harmonogramu, nejméně 4× ročně", "koordinátor/ka komunitního plánování"),
    ("meeting", "jednání rady a zastupitelstva", "commissioners", "Zpráva o plnění plánu, návrh plánu ke schválení",
     "1× ročně a při schvalování plánu", "vedoucí odboru sociálních věcí a zdravotnictví"),
    ("noticeboard", "úřední deska magistrátu", "public", "Oznámení o zveřejnění návrhu plánu a lhůtě pro připomínky",
     "při připomínkování", "odbor sociálních věcí a zdravotnictví"),
    ("press", "tiskové zprávy", "media", "Zahájení dotazníku, konference, připomínkování a schválení plánu",
     "při každém milníku", "tiskový mluvčí magistrátu"),
]

HLUCINSKO_CHANNELS = [
    ("newsletter", "zpravodaje 13 obcí svazku", "public", "Pozvánky na veřejná setkání, výzva k dotazníku, schválený plán",
     "při každém vydání zpravodaje", "koordinátor/ka svazku a starostové obcí"),
    ("meeting", "veřejná setkání v obcích", "public", "Představení plánu a sběr podnětů od občanů", "2× ročně",
     "koordinátor/ka svazku"),
    ("email", "informace starostům", "commissioners", "Podklady pro řídicí skupinu, návrh plánu", "před každým jednáním řídicí skupiny",
     "koordinátor/ka svazku"),
]

OSTRAVA_SUBSCRIBERS = [
    ("jana.kolarova@example.cz", Subscriber.Status.CONFIRMED),
    ("petr.horak@example.cz", Subscriber.Status.CONFIRMED),
    ("info@podane-ruce-ostrava.example.cz", Subscriber.Status.CONFIRMED),
    ("marketa.sykorova@example.cz", Subscriber.Status.CONFIRMED),
    ("rodina.benesova@example.cz", Subscriber.Status.CONFIRMED),
    ("novy.odberatel@example.cz", Subscriber.Status.PENDING),
    ("uz.nechci@example.cz", Subscriber.Status.UNSUBSCRIBED),
]


def clear():
    """Delete this module's rows in the demo areas (runs before the groups and periods are recreated)."""
    areas = Area.objects.filter(slug__in=DEMO_AREAS)
    NewsItem.objects.filter(area__in=areas).delete()
    Subscriber.objects.filter(area__in=areas).delete()
    CommunicationChannel.objects.filter(area__in=areas).delete()


@transaction.atomic
def load():
    """Create this module's demo content in the demo areas `ostrava` and `hlucinsko`."""
    clear()
    ostrava = Area.objects.get(slug="ostrava")
    hlucinsko = Area.objects.get(slug="hlucinsko")
    confirmed = _subscribers(ostrava, OSTRAVA_SUBSCRIBERS)
    _news(ostrava, OSTRAVA_NEWS, recipients=confirmed)
    _news(hlucinsko, HLUCINSKO_NEWS, recipients=0)
    _channels(ostrava, OSTRAVA_CHANNELS)
    _channels(hlucinsko, HLUCINSKO_CHANNELS)


def _news(area, items, *, recipients):
    now = timezone.now()
    period = PlanningPeriod.objects.for_area(area).filter(is_current=True).first()
    groups = {group.slug: group for group in Group.objects.for_area(area).filter(period=period)}
    for days_ago, slug, group_slug, title, perex, body in items:
        published_at = now - timedelta(days=days_ago, hours=days_ago % 7) if days_ago is not None else None
        when = (published_at or now) + timedelta(days=14)
        # Items older than the subscribers' list were not e-mailed; recent ones were, to the confirmed subscribers.
        sent = days_ago is not None and days_ago <= 120 and recipients > 0
        NewsItem.objects.create(
            area=area, slug=slug, title=title, perex=perex, body=body.format(date=format_date(when)), group=groups.get(group_slug),
            period=period, is_published=days_ago is not None, published_at=published_at, send_to_subscribers=sent,
            sending_started_at=published_at if sent else None, sent_at=published_at if sent else None,
            recipients_count=recipients if sent else 0,
        )


def _channels(area, rows):
    CommunicationChannel.objects.bulk_create([
        CommunicationChannel(area=area, channel=channel, name=name, audience=audience, content=content, frequency=frequency,
                             responsible=responsible, order=order * 10)
        for order, (channel, name, audience, content, frequency, responsible) in enumerate(rows, start=1)
    ])


def _subscribers(area, rows):
    now = timezone.now()
    for email, status in rows:
        subscriber = Subscriber(
            area=area, email=email, status=status, consented_at=now - timedelta(days=150),
            confirmation_sent_at=now - timedelta(days=150),
            confirmed_at=now - timedelta(days=149) if status != Subscriber.Status.PENDING else None,
            unsubscribed_at=now - timedelta(days=20) if status == Subscriber.Status.UNSUBSCRIBED else None,
        )
        if status == Subscriber.Status.PENDING:
            subscriber.consented_at = subscriber.confirmation_sent_at = now - timedelta(days=1)
            subscriber.issue_confirmation_token()
        subscriber.set_key()
        subscriber.save()
    return sum(1 for _email, status in rows if status == Subscriber.Status.CONFIRMED)
