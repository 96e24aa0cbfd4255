"""The coordinator's export of members and attendance (personal data: never public)."""

from django.utils import timezone

from openkp.core.spreadsheets import add_table, new_workbook, workbook_bytes

from . import selectors
from .models import GroupMember, Participant


def people_xlsx(*, area, period):
    workbook = new_workbook()
    rows = selectors.group_statistics(area=area, period=period)
    add_table(workbook, "Souhrn", [("Skupina", 40), ("Setkání", 10), ("Účast členů", 12), ("Aktivních lidí", 14),
                                   ("Organizací", 12), ("Zadavatelé", 12), ("Poskytovatelé", 14), ("Uživatelé / veřejnost", 20)], (
        [row["group"].name, row["meetings"], round(row["rate"], 3) if row["rate"] is not None else None, row["active"],
         row["organisations"], *(count for _label, count in row["triad"])]
        for row in rows
    ))
    for cell in workbook["Souhrn"]["C"][1:]:
        cell.number_format = "0 %"
    members = (GroupMember.objects.for_area(area).filter(group__period=period)
               .select_related("group", "organisation").order_by("group__kind", "group__order", "group__name", "name"))
    add_table(workbook, "Členové", [("Skupina", 34), ("Jméno", 28), ("Funkce", 16), ("Triáda", 20), ("Organizace", 36),
                                    ("E-mail", 32), ("Telefon", 16), ("Od", 12), ("Do", 12)], (
        [member.group.name, member.name, member.get_function_display(), member.get_triad_role_display(),
         member.organisation.name if member.organisation else "", member.email, member.phone, member.valid_from, member.valid_to]
        for member in members
    ))
    participants = (Participant.objects.for_area(area).filter(meeting__group__period=period, meeting__starts_at__lte=timezone.now())
                    .select_related("meeting", "meeting__group").order_by("meeting__starts_at", "meeting__group__name", "name"))
    add_table(workbook, "Účast", [("Datum", 12), ("Skupina", 34), ("Setkání", 36), ("Jméno", 28), ("Organizace", 36),
                                  ("Odpověď na pozvánku", 18), ("Účast", 14)], (
        [timezone.localtime(participant.meeting.starts_at).date(), participant.meeting.group.name, participant.meeting.title,
         participant.name, participant.organisation_name, participant.get_reply_display(), participant.get_attendance_display()]
        for participant in participants.iterator(chunk_size=2000)
    ))
    for sheet, columns in (("Členové", "HI"), ("Účast", "A")):
        for column in columns:
            for cell in workbook[sheet][column][1:]:
                cell.number_format = "D. M. YYYY"
    return workbook_bytes(workbook)
