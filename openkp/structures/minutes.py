"""Documents of a meeting: the attendance list (prezenční listina) and the minutes (zápis), PDF and DOCX."""

import re

from django.utils import timezone
from django.utils.translation import gettext as _

from openkp.core import documents
from openkp.core.typography import format_date

from .models import Participant
from .selectors import attendance_summary
from .services import meeting_when

GUEST_ROWS = 5  # empty rows for guests who come without an invitation
NUMBERING = re.compile(r"^\s*\d+[.)]\s*")


def attendance_sheet_pdf(meeting):
    """Names and organisations of the invited (in alphabetical order) with an empty signature column,
    plus empty rows for guests."""
    participants = list(meeting.participants.exclude(attendance=Participant.Attendance.GUEST).order_by("name"))
    return documents.render_pdf("structures/attendance_sheet_pdf.html", {
        "title": _("Prezenční listina"), "meeting": meeting, "when": meeting_when(meeting, ", "),
        "participants": participants, "guest_rows": range(GUEST_ROWS),
    }, area=meeting.area)


def _minutes_context(minutes):
    meeting = minutes.meeting
    participants = list(meeting.participants.order_by("name"))
    by_state = {}
    for participant in participants:
        by_state.setdefault(participant.attendance, []).append(participant)
    return {
        "title": _("Zápis ze setkání"), "minutes": minutes, "meeting": meeting, "when": meeting_when(meeting, ", "),
        "present": by_state.get(Participant.Attendance.PRESENT, []),
        "guests": by_state.get(Participant.Attendance.GUEST, []),
        "excused": by_state.get(Participant.Attendance.EXCUSED, []),
        "absent": by_state.get(Participant.Attendance.ABSENT, []),
        "summary": attendance_summary(participants),
        "tasks": list(meeting.tasks.select_related("owner")),
        "paragraphs": [part.strip() for part in minutes.discussion.split("\n\n") if part.strip()],
        # The agenda is typed as "1. Zahájení"; the document numbers the items itself.
        "agenda": [NUMBERING.sub("", line).strip() for line in meeting.agenda.splitlines() if line.strip()],
        "approved_on": format_date(timezone.localtime(minutes.approved_at).date()) if minutes.approved_at else "",
    }


def minutes_pdf(minutes):
    return documents.render_pdf("structures/minutes_pdf.html", _minutes_context(minutes), area=minutes.meeting.area)


def _names(participants):
    return ", ".join(f"{person.name} ({person.organisation_name})" if person.organisation_name else person.name for person in participants)


def minutes_docx(minutes):
    context = _minutes_context(minutes)
    meeting = minutes.meeting
    document = documents.DocxDocument(title=_("Zápis ze setkání"), area=meeting.area,
                                      subtitle=f"{meeting.group.name} – {meeting.title}")
    document.paragraph(_("Datum a čas: %(when)s") % {"when": context["when"]})
    if meeting.place:
        document.paragraph(_("Místo: %(place)s") % {"place": meeting.place})
    document.heading(_("Účast"))
    for label, people in ((_("Přítomni"), context["present"]), (_("Hosté"), context["guests"]),
                          (_("Omluveni"), context["excused"]), (_("Nepřítomni"), context["absent"])):
        if people:
            document.paragraph(f"{label} ({len(people)}): {_names(people)}")
    if context["agenda"]:
        document.heading(_("Program"))
        for line in context["agenda"]:
            document.bullet(line)
    if context["paragraphs"]:
        document.heading(_("Průběh jednání"))
        for paragraph in context["paragraphs"]:
            document.paragraph(paragraph)
    if minutes.decision_list:
        document.heading(_("Usnesení a závěry"))
        for decision in minutes.decision_list:
            document.bullet(decision)
    if context["tasks"]:
        document.heading(_("Úkoly"))
        document.table([_("Úkol"), _("Odpovídá"), _("Termín")], [
            (task.title, task.owner.name if task.owner else "—", format_date(task.due_date) if task.due_date else "—")
            for task in context["tasks"]
        ])
    signature = []
    if minutes.recorded_by:
        signature.append(_("Zapsal/a: %(name)s") % {"name": minutes.recorded_by})
    if minutes.approved_by:
        signature.append(_("Schválil/a: %(name)s, %(date)s") % {
            "name": minutes.approved_by.get_full_name() or minutes.approved_by.get_username(), "date": context["approved_on"]})
    for line in signature:
        document.paragraph(line)
    document.footer_note(f"{meeting.area.name} – {meeting.group.name}")
    return document.to_bytes()
