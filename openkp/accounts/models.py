"""People, their roles in planning areas, and invitations."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.core.models import AreaOwnedModel, Organisation
from openkp.core.tokens import hash_token


class User(AbstractUser):
    """A person with an account. Names are optional; roles are per area (Membership)."""

    phone = models.CharField(_("telefon"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("uživatel")
        verbose_name_plural = _("uživatelé")

    def __str__(self):
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("koordinátor/ka")
    GROUP_MANAGER = "group_manager", _("manažer/ka skupiny")
    MEMBER = "member", _("člen/ka skupiny")
    PROVIDER = "provider", _("poskytovatel")
    OBSERVER = "observer", _("pozorovatel/ka (zastupitel, analytik)")


class Membership(AreaOwnedModel):
    """A person's role in one planning area (a provider role is tied to its organisation)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("osoba"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships", verbose_name=_("organizace")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role v území")
        verbose_name_plural = _("role v území")
        constraints = [models.UniqueConstraint(fields=["user", "area", "role"], name="unique_role_per_area")]
        ordering = ["area", "role", "user__last_name"]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.area})"


class InvitationQuerySet(models.QuerySet):
    def for_area(self, area):
        return self.filter(area=area)

    def by_token(self, token):
        return self.filter(token_hash=hash_token(token))


class Invitation(AreaOwnedModel):
    """An e-mailed link that gives its receiver a role in an area once they accept it."""

    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("organizace"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(_("přijata"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("přijal(a)")
    )
    revoked_at = models.DateTimeField(_("zrušena"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("zrušil(a)")
    )

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("pozvánka")
        verbose_name_plural = _("pozvánky")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"

    def issue_token(self):
        """A new secret for the e-mailed link; only its hash is stored."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
        return token

    @property
    def status(self):
        """``accepted``, ``revoked``, ``expired`` or ``pending`` — what the link does today."""
        if self.accepted_at is not None:
            return "accepted"
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    @property
    def is_usable(self):
        return self.status == "pending"

    def is_addressed_to(self, user):
        """Whether the account's e-mail is the invited address (case-insensitive)."""
        return bool(user.email) and user.email.strip().lower() == self.email.strip().lower()
