"""Background jobs of the organisation of planning."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from openkp.core.jobs import JobError, job

from . import services
from .models import Meeting


@job("structures.send_invitations")
def send_invitations_job(*, job, progress, meeting_id, base_url):
    meeting = Meeting.objects.select_related("group", "area").get(pk=meeting_id, area=job.area)
    try:
        count = services.send_invitations(meeting, base_url=base_url)
    except ValidationError as error:
        raise JobError(" ".join(error.messages)) from None
    if not count and meeting.invitations_sent_at is None:
        return {"message": _("Nikdo na seznamu pozvaných nemá e-mail, pozvánky se neodeslaly. Doplňte členům e-mail, "
                             "nebo je pozvěte jinak."), "sent": 0}
    if not count:
        return {"message": _("Nikdo nový k pozvání není: všichni na seznamu, kdo mají e-mail, už pozvánku dostali. "
                             "Nic se neodeslalo."), "sent": 0}
    return {"message": _("Pozvánky odeslány: %(count)s.") % {"count": count}, "sent": count}
