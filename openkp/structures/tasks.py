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
    if not count:
        return {"message": _("Všichni pozvaní s e-mailem už pozvánku dostali; noví nepřibyli."), "sent": 0}
    return {"message": _("Pozvánky odeslány: %(count)s.") % {"count": count}, "sent": count}
