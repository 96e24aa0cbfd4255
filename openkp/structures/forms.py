from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openkp.accounts.models import User
from openkp.core.models import Organisation

from .models import GroupMember, Meeting, Minutes, Participant, Task


class GroupMemberForm(forms.ModelForm):
    valid_from = forms.DateField(label=_("Členem od"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    valid_to = forms.DateField(label=_("Členem do"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                               help_text=_("Vyplňte, když člověk ze skupiny odchází; v historii a starých prezenčních listinách zůstane."))

    class Meta:
        model = GroupMember
        fields = ["name", "email", "phone", "organisation", "triad_role", "function", "user", "valid_from", "valid_to"]
        help_texts = {"user": _("Má-li člověk v území účet, propojte ho: uvidí své úkoly a neveřejná setkání skupiny.")}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group
        self.instance.area = group.area
        area = group.area
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(Q(services__area=area) | Q(group_members__area=area)).distinct().order_by("name"))
        self.fields["user"].queryset = User.objects.filter(memberships__area=area).distinct().order_by("last_name", "first_name", "username")
        self.fields["user"].label_from_instance = lambda user: f"{user.get_full_name()} ({user.username})" if user.get_full_name() else user.username


class InviteeForm(forms.Form):
    """Someone outside the group invited to one meeting (a guest speaker, a member of another group)."""

    name = forms.CharField(label=_("Jméno a příjmení"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    organisation_name = forms.CharField(label=_("Organizace"), max_length=255, required=False)


class MeetingForm(forms.ModelForm):
    starts_at = forms.DateTimeField(label=_("Začátek"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    ends_at = forms.DateTimeField(label=_("Konec"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "place", "online_link", "agenda", "invited_groups", "is_public", "is_cancelled"]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 6}), "invited_groups": forms.CheckboxSelectMultiple}
        help_texts = {"agenda": _("Každý bod programu na samostatný řádek."),
                      "invited_groups": _("Pozvánku dostanou i současní členové vybraných skupin (např. společné setkání)."),
                      "is_public": _("Veřejné setkání se ukáže na stránce skupiny a ve veřejném kalendáři.")}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group
        self.instance.area = group.area
        self.fields["invited_groups"].queryset = group.period.groups.exclude(pk=group.pk).order_by("kind", "order", "name")
        if not self.instance.pk:
            del self.fields["is_cancelled"]


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["discussion", "decisions", "recorded_by"]
        widgets = {"discussion": forms.Textarea(attrs={"rows": 10}), "decisions": forms.Textarea(attrs={"rows": 5})}


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Jméno a příjmení hosta"), max_length=200)
    organisation_name = forms.CharField(label=_("Organizace"), max_length=255, required=False)


class AttendanceForm(forms.Form):
    participant = forms.IntegerField(widget=forms.HiddenInput)
    attendance = forms.ChoiceField(choices=Participant.Attendance.choices)


class TaskForm(forms.ModelForm):
    due_date = forms.DateField(label=_("Termín"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    class Meta:
        model = Task
        fields = ["title", "description", "owner", "due_date", "status", "meeting"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group
        self.instance.area = group.area
        self.fields["owner"].queryset = GroupMember.objects.filter(group=group).active().order_by("name")
        self.fields["owner"].label_from_instance = lambda member: f"{member.name} ({member.organisation})" if member.organisation else member.name
        self.fields["meeting"].queryset = group.meetings.order_by("-starts_at")
        self.fields["meeting"].label_from_instance = lambda meeting: f"{timezone.localtime(meeting.starts_at):%-d. %-m. %Y} – {meeting.title}"
