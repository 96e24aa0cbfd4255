from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from openkp.core import ratelimit
from openkp.core.access import area_permission_required
from openkp.core.breadcrumbs import staff_breadcrumbs
from openkp.core.redirects import safe_next

from . import selectors, services
from .forms import AcceptInvitationForm, InvitationForm, LoginForm
from .models import Invitation, User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_redirect_url(self):
        return safe_next(self.request, "")

    def get_default_redirect_url(self):
        # Straight to the dashboard of the person's only area, which is where they work.
        areas = {membership.area for membership in self.request.user.memberships.select_related("area")}
        if len(areas) == 1:
            return reverse("core:dashboard", kwargs={"area_slug": areas.pop().slug})
        return super().get_default_redirect_url()


RESET_WINDOW = 60 * 60


class PasswordResetView(auth_views.PasswordResetView):
    """Reset links are rate-limited per client IP (the form says so: it reveals nothing about accounts)
    and per e-mail address (silently: the answer stays the same as for a sent link, so that the page
    does not tell which addresses have an account; the owner has the links already sent)."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        if ratelimit.exceeded(self.request, "accounts:password_reset:ip",
                              limit=settings.PASSWORD_RESET_LIMIT_PER_IP, window=RESET_WINDOW):
            form.add_error(None, _("Příliš mnoho žádostí o obnovu hesla z vaší sítě. Zkuste to prosím za hodinu."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        email = form.cleaned_data["email"].strip().lower()
        if ratelimit.exceeded(self.request, "accounts:password_reset:email",
                              limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL, window=RESET_WINDOW, key=email):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


@area_permission_required("accounts.view_people")
def people(request):
    area = request.area
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("accounts.invite_person", area):
            return render(request, "403.html", status=403)
        if form.is_valid():
            try:
                invitation = services.invitation_create(
                    area=area, invited_by=request.user, base_url=request.build_absolute_uri("/"), **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Pozvánka pro %(email)s byla odeslána.") % {"email": invitation.email})
                return redirect("accounts:people", area_slug=area.slug)
    pending_invitations, settled_invitations = selectors.area_invitations(area=area)
    for invitation in pending_invitations:
        invitation.can_revoke = request.user.has_perm("accounts.revoke_invitation", invitation)
    return render(request, "accounts/people.html", {
        "page_obj": Paginator(selectors.area_people(area=area), 50).get_page(request.GET.get("strana")),
        "pending_invitations": pending_invitations,
        "settled_invitations": settled_invitations,
        "form": form,
        "breadcrumbs": staff_breadcrumbs(area, (_("Lidé a role"), None)),
    })


@area_permission_required("core.enter_area")
def invitation_revoke(request, pk):
    """Confirm, then revoke a pending invitation (its sender or a coordinator of the area)."""
    invitation = get_object_or_404(Invitation.objects.for_area(request.area).select_related("area", "invited_by"), pk=pk)
    if not request.user.has_perm("accounts.revoke_invitation", invitation):
        raise PermissionDenied
    people_url = reverse("accounts:people", kwargs={"area_slug": request.area.slug})
    if not invitation.is_usable:
        messages.info(request, _("Pozvánka pro %(email)s už nečeká na přijetí, není co rušit.") % {"email": invitation.email})
        return redirect(people_url)
    if request.method == "POST":
        try:
            services.invitation_revoke(invitation=invitation, revoked_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Pozvánka pro %(email)s je zrušena; odkaz z ní už nefunguje.") % {"email": invitation.email})
        return redirect(people_url)
    return render(request, "accounts/invitation_revoke.html", {
        "invitation": invitation,
        "people_url": people_url,
        "breadcrumbs": staff_breadcrumbs(request.area, (_("Lidé a role"), people_url), (_("Zrušení pozvánky"), None)),
    })


def invitation_accept(request, token):
    invitation = Invitation.objects.by_token(token).select_related("area", "accepted_by").first()
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", {"status": "unknown"}, status=404)
    dashboard = reverse("core:dashboard", kwargs={"area_slug": invitation.area.slug})
    if not invitation.is_usable:
        accepted_by_you = invitation.status == "accepted" and invitation.accepted_by_id == request.user.pk
        return render(request, "accounts/invitation_invalid.html", {
            "invitation": invitation, "status": invitation.status, "accepted_by_you": accepted_by_you, "dashboard": dashboard,
        }, status=410)
    if request.user.is_authenticated:
        if not invitation.is_addressed_to(request.user):
            # Holding the link is not enough: nothing changes for an account with another address.
            return render(request, "accounts/invitation_wrong_account.html", {"invitation": invitation}, status=403)
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(request.path)
            messages.success(request, _("Vítejte v území %(area)s.") % {"area": invitation.area.name})
            return redirect(dashboard)
        return render(request, "accounts/invitation_accept.html", {"invitation": invitation})
    existing = User.objects.filter(email__iexact=invitation.email).exists()
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and not existing and form.is_valid():
        try:
            with transaction.atomic():  # no account is left behind when the invitation was used meanwhile
                user = form.save()
                services.invitation_accept(invitation=invitation, user=user)
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form, "existing": existing})
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Účet je založen. Vítejte v území %(area)s.") % {"area": invitation.area.name})
        return redirect(dashboard)
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form, "existing": existing})
