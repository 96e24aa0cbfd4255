from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openkp.accounts.models import User
from openkp.catalog.models import TargetGroup
from openkp.core.models import Organisation

from .models import Group, GroupMember, Meeting, Minutes, Participant, PlanningPeriod, Task
from .services import CarriedMembers


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


class PlanningPeriodForm(forms.ModelForm):
    """Validation of a period's fields; the model checks the years (order, no overlap with another period)."""

    class Meta:
        model = PlanningPeriod
        fields = ["name", "start_year", "end_year", "is_current"]
        widgets = {"start_year": forms.NumberInput(attrs={"min": 1990, "max": 2100}), "end_year": forms.NumberInput(attrs={"min": 1990, "max": 2100})}
        help_texts = {"is_current": _("Aktuální období ukazují veřejné stránky skupin a kalendář. Dosavadní aktuální období "
                                      "přestane být aktuální, zůstane ale i se skupinami k nahlédnutí.")}
        error_messages = {"name": {"required": _("Vyplňte název období, např. „7. komunitní plán 2027–2030“.")},
                          "start_year": {"required": _("Vyplňte rok, kterým období začíná.")},
                          "end_year": {"required": _("Vyplňte rok, kterým období končí.")}}

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = area

    def _clean_year(self, name):
        year = self.cleaned_data.get(name)
        if year is not None and not 1990 <= year <= 2100:
            raise forms.ValidationError(_("Zadejte rok jako čtyřmístné číslo, např. 2027."))
        return year

    def clean_start_year(self):
        return self._clean_year("start_year")

    def clean_end_year(self):
        return self._clean_year("end_year")


class GroupForm(forms.ModelForm):
    """A group of a period: steering, working group or subgroup (under a working group of the same period)."""

    slug = forms.SlugField(label=_("Adresa stránky"), max_length=80, required=False, help_text=_(
        "Konec webové adresy skupiny, např. seniori. Nevyplníte-li ji, vytvoří se z názvu. Změna adresy znefunkční staré odkazy."))

    class Meta:
        model = Group
        fields = ["kind", "name", "parent", "purpose", "target_groups", "slug", "is_public", "order"]
        labels = {"purpose": _("Poslání a témata skupiny")}
        widgets = {"kind": forms.RadioSelect, "purpose": forms.Textarea(attrs={"rows": 5}), "target_groups": forms.CheckboxSelectMultiple}
        help_texts = {
            "parent": _("Jen u podskupiny: pracovní skupina, pod kterou podskupina patří."),
            "purpose": _("Čím se skupina zabývá a pro koho plánuje; ukáže se na její veřejné stránce."),
            "target_groups": _("Pro pracovní skupiny: podle nich se sestaví tištěný průvodce službami skupiny."),
            "is_public": _("Zveřejněná skupina má veřejnou stránku a její veřejná setkání jsou v kalendáři."),
            "order": _("Skupiny se řadí podle tohoto čísla (menší dřív), pak podle názvu."),
        }
        error_messages = {"name": {"required": _("Vyplňte název skupiny.")}}

    def __init__(self, *args, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.area = period.area
        self.instance.period = period
        self.fields["kind"].choices = Group.Kind.choices  # no empty choice
        parents = Group.objects.filter(period=period, kind=Group.Kind.WORKING).active().order_by("order", "name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = _("— žádná —")
        self.fields["target_groups"].queryset = TargetGroup.objects.order_by("name")
        self.fields["target_groups"].label_from_instance = lambda target: str(target)[:1].upper() + str(target)[1:]
        self.fields["slug"].error_messages["invalid"] = _("Adresa smí obsahovat jen malá písmena bez diakritiky, číslice a pomlčky.")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and self.instance.pk and self.errors:
            # A cleared address comes from the name only when the form is saved; the page shown with the
            # errors keeps linking to the group's page at its saved address.
            cleaned["slug"] = self.instance.slug
        return cleaned


class CarryOverForm(forms.Form):
    """Which groups of another period the new period takes over, and with whom."""

    groups = forms.MultipleChoiceField(label=_("Skupiny k převzetí"), widget=forms.CheckboxSelectMultiple, error_messages={
        "required": _("Vyberte aspoň jednu skupinu, kterou nové období převezme."),
        "invalid_choice": _("Skupina %(value)s mezitím zmizela nebo už v novém období je; vyberte znovu."),
    })
    members = forms.ChoiceField(label=_("Členové"), choices=CarriedMembers.choices, initial=CarriedMembers.LEADERS,
                                widget=forms.RadioSelect, help_text=_(
                                    "Převezmou se jen současní členové (ne ti, kdo skupinu opustili), s účty i kontakty; "
                                    "členem nové skupiny budou ode dneška. Původní skupiny i jejich členové zůstanou beze změny."))

    def __init__(self, *args, candidates, **kwargs):
        """``candidates``: (group, depth) pairs in reading order, only groups the target period does not have yet."""
        super().__init__(*args, **kwargs)
        self.candidates = {str(group.pk): group for group, _depth in candidates}
        self.fields["groups"].choices = [(str(group.pk), self._label(group)) for group, _depth in candidates]
        self.fields["groups"].initial = list(self.candidates)

    @staticmethod
    def _label(group):
        if group.kind == Group.Kind.SUBGROUP and group.parent:
            return _("%(name)s – podskupina skupiny %(parent)s") % {"name": group.name, "parent": group.parent.name}
        return f"{group.name} ({group.get_kind_display()})"

    def clean_groups(self):
        return [self.candidates[pk] for pk in self.cleaned_data["groups"]]
