"""The XLSX list of an event's registrations, for the coordinator only (it holds personal data)."""

from django.utils import timezone

from openkp.core.spreadsheets import XLSX_MIME, add_table, new_workbook, workbook_bytes  # noqa: F401 - XLSX_MIME for callers

from .models import Registration

COLUMNS = [
    ("Jméno a příjmení", 28), ("E-mail", 30), ("Organizace", 30), ("Telefon", 16), ("Poznámka", 40), ("Stav", 16),
    ("Pořadí na čekací listině", 12), ("Zapsán/a na místě", 10), ("Přítomen/a", 10), ("Registrováno", 18),
    ("Souhlas udělen", 18),
]


def _local(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def registrations_xlsx(event):
    """One row per registration (waiting list in its order); texts are never read as formulas."""
    registrations = list(Registration.objects.filter(event=event).order_by("created_at", "pk"))
    waiting = [item.pk for item in registrations if item.status == Registration.Status.WAITING]
    workbook = new_workbook()
    sheet = add_table(workbook, "Registrace", COLUMNS, (
        [item.name, item.email, item.organisation, item.phone, item.note, item.get_status_display(),
         waiting.index(item.pk) + 1 if item.pk in waiting else None,
         "ano" if item.is_walk_in else "ne", "ano" if item.attended else "ne",
         _local(item.created_at), _local(item.consent_given_at)]
        for item in registrations
    ))
    for column in "JK":
        for cell in sheet[column][1:]:
            cell.number_format = "d. m. yyyy h:mm"
    about = workbook.create_sheet("O akci")
    for label, value in (("Akce", event.title), ("Začátek", _local(event.starts_at)), ("Místo", event.location),
                         ("Osobní údaje", "Seznam obsahuje osobní údaje účastníků: nešiřte ho a po vyhodnocení akce smažte."),
                         ("Vytvořeno", _local(timezone.now()))):
        about.append([label, value])
    return workbook_bytes(workbook)
