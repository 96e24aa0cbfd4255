"""Writes for accounts: invitations and their acceptance."""

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openkp.core.typography import format_date

from .models import Invitation, Membership, Role


def invitation_create(*, area, email, role, organisation=None, invited_by, base_url):
    """Create an invitation and e-mail its link; the link is valid for INVITATION_VALID_DAYS."""
    invitation = Invitation(area=area, email=email.strip().lower(), role=role, organisation=organisation, invited_by=invited_by)
    if role == Role.PROVIDER and organisation is None:
        raise ValidationError({"organisation": _("U role poskytovatele vyberte organizaci, za kterou bude osoba jednat.")})
    token = invitation.issue_token()
    invitation.full_clean()
    with transaction.atomic():
        invitation.save()
        link = base_url.rstrip("/") + reverse("accounts:invitation_accept", kwargs={"token": token})
        context = {"invitation": invitation, "link": link, "area": area, "expires": format_date(invitation.expires_at)}
        transaction.on_commit(lambda: send_mail(
            subject=_("Pozvánka do komunitního plánování – %(area)s") % {"area": area.name},
            message=render_to_string("accounts/email/invitation.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        ))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation, user):
    """Give the user the invited role (once); the invitation cannot be used again."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("Pozvánka už byla použita nebo vypršela. Požádejte koordinátora o novou."))
    membership, _created = Membership.objects.get_or_create(
        user=user, area=invitation.area, role=invitation.role, defaults={"organisation": invitation.organisation}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    user.__dict__.pop("_openkp_area_roles", None)
    return membership
