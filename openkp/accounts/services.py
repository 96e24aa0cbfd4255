"""Writes for accounts: invitations and their acceptance."""

import logging

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openkp.core.typography import format_date

from .models import Invitation, Membership, Role

logger = logging.getLogger(__name__)


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


class InvitationNotForThisAccount(ValidationError):
    """The signed-in account's e-mail is not the invited address."""


def _lock_usable(invitation):
    invitation = Invitation.objects.select_for_update().select_related("area").get(pk=invitation.pk)
    if invitation.status == "accepted":
        raise ValidationError(_("Pozvánka už byla přijata."))
    if invitation.status == "revoked":
        raise ValidationError(_("Pozvánku zrušil(a) ten, kdo ji poslal."))
    if invitation.status == "expired":
        raise ValidationError(_("Platnost pozvánky vypršela. Požádejte koordinátora o novou."))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation, user):
    """Give the user the invited role (once); the invitation cannot be used again.

    Only the account whose e-mail is the invited address may accept: holding the link is not enough,
    since a link can be forwarded or seen by someone else. Who accepted and when is kept on the
    invitation and in the history of the invitation and of the role.
    """
    invitation = _lock_usable(invitation)
    if not invitation.is_addressed_to(user):
        raise InvitationNotForThisAccount(
            _("Pozvánka je určena pro adresu %(email)s; přihlaste se účtem s touto adresou nebo se odhlaste.")
            % {"email": invitation.email}
        )
    reason = _("Přijetí pozvánky pro %(email)s") % {"email": invitation.email}
    membership = Membership.objects.filter(user=user, area=invitation.area, role=invitation.role).first()
    if membership is None:
        membership = Membership(user=user, area=invitation.area, role=invitation.role, organisation=invitation.organisation)
        membership.full_clean()
        # The account may have been created in this very request, before the session knew it.
        membership._history_user = user
        membership._change_reason = reason
        membership.save()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation._history_user = user
    invitation._change_reason = reason
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    user.__dict__.pop("_openkp_area_roles", None)
    logger.info("Invitation %s to area %s accepted by user %s", invitation.pk, invitation.area.slug, user.pk)
    return membership


@transaction.atomic
def invitation_revoke(*, invitation, revoked_by):
    """Cancel a pending invitation: its link stops working and says it was revoked."""
    invitation = _lock_usable(invitation)
    invitation.revoked_at = timezone.now()
    invitation.revoked_by = revoked_by
    invitation._change_reason = _("Zrušení pozvánky")
    invitation.save(update_fields=["revoked_at", "revoked_by"])
    logger.info("Invitation %s to area %s revoked by user %s", invitation.pk, invitation.area.slug, revoked_by.pk)
    return invitation
