"""Surveys: a questionnaire in versions (sections, questions, choices) and its responses with answers.

A version is frozen as soon as it has a response: changing the questionnaire then makes a new version
(``services.surveys.editable_version``), and every response keeps the version it answered. Questions
keep their ``code`` across versions, so the analysis can put the versions side by side.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from openkp.catalog.models import TargetGroup
from openkp.core.models import AreaOwnedModel, Municipality, MunicipalityPart


class Audience(models.TextChoices):
    PUBLIC = "public", _("veřejnost")
    USERS = "users", _("uživatelé služeb a pečující")
    PROVIDERS = "providers", _("poskytovatelé služeb")
    OTHER = "other", _("jiné")


class Survey(AreaOwnedModel):
    """Dotazník: one survey of the needs analysis (users, providers, the public)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("v přípravě")
        OPEN = "open", _("sběr odpovědí")
        CLOSED = "closed", _("uzavřen")

    period = models.ForeignKey("structures.PlanningPeriod", on_delete=models.PROTECT, null=True, blank=True, related_name="surveys",
                               verbose_name=_("období plánování"))
    group = models.ForeignKey("structures.Group", on_delete=models.SET_NULL, null=True, blank=True, related_name="surveys",
                              verbose_name=_("pracovní skupina"), help_text=_("Manažer/ka této skupiny může dotazník upravovat."))
    title = models.CharField(_("název"), max_length=200)
    slug = models.SlugField(_("adresa"), max_length=80)
    intro = models.TextField(_("úvodní text"), blank=True, help_text=_("Komu je dotazník určen, k čemu odpovědi poslouží, jak dlouho vyplnění trvá."))
    audience = models.CharField(_("pro koho"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    status = models.CharField(_("stav"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(_("sběr od"), null=True, blank=True)
    closes_at = models.DateTimeField(_("sběr do"), null=True, blank=True)
    one_answer_per_browser = models.BooleanField(_("jedna odpověď z jednoho prohlížeče"), default=True)
    uses_codes = models.BooleanField(_("jen s jednorázovým kódem"), default=False,
                                     help_text=_("Pro předem známý panel respondentů: každý dostane kód, který lze použít jednou."))
    results_public = models.BooleanField(_("zveřejnit výsledky"), default=False)
    thanks_text = models.TextField(_("poděkování po odeslání"), blank=True)
    current_version = models.ForeignKey("SurveyVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                        editable=False)
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("dotazník")
        verbose_name_plural = _("dotazníky")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["area", "slug"], name="unique_survey_slug")]

    def __str__(self):
        return self.title

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Konec sběru musí být po jeho začátku.")})

    def is_collecting(self, now=None):
        """Open for answers now: status open and within the dates, if any."""
        now = now or timezone.now()
        return (self.status == self.Status.OPEN and (self.opens_at is None or self.opens_at <= now)
                and (self.closes_at is None or now < self.closes_at))

    def get_absolute_url(self):
        return reverse("needs:survey_form", kwargs={"area_slug": self.area.slug, "slug": self.slug})


class SurveyVersion(models.Model):
    """One version of a survey's questionnaire; frozen once it has a response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions", verbose_name=_("dotazník"))
    number = models.PositiveSmallIntegerField(_("verze"))
    note = models.CharField(_("poznámka ke změně"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verze dotazníku")
        verbose_name_plural = _("verze dotazníku")
        ordering = ["survey", "number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="unique_survey_version")]

    def __str__(self):
        return _("%(survey)s, verze %(number)s") % {"survey": self.survey, "number": self.number}

    @property
    def is_locked(self):
        return self.responses.exists()


class Section(models.Model):
    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="sections", verbose_name=_("verze"))
    title = models.CharField(_("název oddílu"), max_length=200)
    description = models.TextField(_("popis"), blank=True)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    class Meta:
        verbose_name = _("oddíl")
        verbose_name_plural = _("oddíly")
        ordering = ["version", "order", "pk"]

    def __str__(self):
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("výběr jedné možnosti")
    MULTIPLE = "multiple", _("výběr více možností")
    SCALE = "scale", _("škála")
    MATRIX = "matrix", _("tabulka (matice)")
    NUMBER = "number", _("číslo")
    SHORT_TEXT = "text", _("krátký text")
    LONG_TEXT = "long_text", _("delší text")
    PLACE = "place", _("obec / městský obvod")
    TARGET_GROUP = "target_group", _("cílová skupina")


# Kinds answered by picking choices (one Answer row per picked choice); they can be crossed and filtered.
CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SCALE, QuestionKind.MATRIX, QuestionKind.PLACE,
                QuestionKind.TARGET_GROUP}
MULTIPLE_KINDS = {QuestionKind.MULTIPLE}
TEXT_KINDS = {QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT}


class Question(models.Model):
    """A question of one version. ``code`` is stable across versions (the XLSForm ``name``)."""

    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="questions", verbose_name=_("verze"))
    section = models.ForeignKey(Section, on_delete=models.CASCADE, null=True, blank=True, related_name="questions",
                                verbose_name=_("oddíl"))
    code = models.SlugField(_("kód otázky"), max_length=60, help_text=_("Krátký stálý kód, např. q5 nebo bydleni; použije se v exportech."))
    kind = models.CharField(_("typ otázky"), max_length=15, choices=QuestionKind.choices)
    text = models.CharField(_("otázka"), max_length=500)
    help_text = models.CharField(_("nápověda"), max_length=500, blank=True)
    required = models.BooleanField(_("povinná"), default=False)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)
    allow_other = models.BooleanField(_("možnost „jiné“ s vlastním textem"), default=False)
    scale_min = models.SmallIntegerField(_("škála od"), null=True, blank=True)
    scale_max = models.SmallIntegerField(_("škála do"), null=True, blank=True)
    scale_min_label = models.CharField(_("popis nejnižší hodnoty"), max_length=100, blank=True)
    scale_max_label = models.CharField(_("popis nejvyšší hodnoty"), max_length=100, blank=True)
    min_value = models.DecimalField(_("nejmenší číslo"), max_digits=12, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_("největší číslo"), max_digits=12, decimal_places=2, null=True, blank=True)
    show_if_question = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="dependants",
                                         verbose_name=_("zobrazit, jen když otázka"))
    show_if_values = models.JSONField(_("má odpověď"), default=list, blank=True, help_text=_("Kódy možností, z nichž stačí jedna."))

    class Meta:
        verbose_name = _("otázka")
        verbose_name_plural = _("otázky")
        ordering = ["version", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_question_code")]

    def __str__(self):
        return self.text

    @property
    def is_choice(self):
        return self.kind in CHOICE_KINDS

    @property
    def is_text(self):
        return self.kind in TEXT_KINDS


class Choice(models.Model):
    """A possible answer of a choice question; for the place and target-group pickers it points to what it stands for."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("otázka"))
    value = models.CharField(_("kód"), max_length=60)
    label = models.CharField(_("text"), max_length=300)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)
    is_other = models.BooleanField(_("jiné (s vlastním textem)"), default=False)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    part = models.ForeignKey(MunicipalityPart, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    target_group = models.ForeignKey(TargetGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("možnost")
        verbose_name_plural = _("možnosti")
        ordering = ["question", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "value"], name="unique_choice_value")]

    def __str__(self):
        return self.label


class MatrixRow(models.Model):
    """A row of a matrix question (each row is answered with one of the question's choices)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="rows", verbose_name=_("otázka"))
    value = models.CharField(_("kód"), max_length=60)
    label = models.CharField(_("text"), max_length=300)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    class Meta:
        verbose_name = _("řádek tabulky")
        verbose_name_plural = _("řádky tabulky")
        ordering = ["question", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "value"], name="unique_matrix_row_value")]

    def __str__(self):
        return self.label


class SurveyCode(models.Model):
    """A one-time code for a known panel of respondents; only its hash is stored."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("jednorázový kód")
        verbose_name_plural = _("jednorázové kódy")

    def __str__(self):
        return _("kód č. %(pk)s") % {"pk": self.pk}


class Response(AreaOwnedModel):
    """One filled-in questionnaire. Public answers store neither the person nor the IP address."""

    class Mode(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("papírový dotazník")
        INTERVIEW = "interview", _("rozhovor")
        IMPORT = "import", _("import ze souboru")

    class Status(models.TextChoices):
        DRAFT = "draft", _("rozpracováno")
        COMPLETE = "complete", _("odesláno")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("dotazník"))
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="responses", verbose_name=_("verze"))
    mode = models.CharField(_("způsob sběru"), max_length=10, choices=Mode.choices, default=Mode.ONLINE)
    status = models.CharField(_("stav"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=pgettext_lazy("survey response", "zapsal/a"), help_text=_("Jen u papírových dotazníků, rozhovorů a importu."))
    source = models.CharField(_("zdroj"), max_length=200, blank=True, help_text=_("Např. číslo papírového dotazníku nebo název importovaného souboru."))
    resume_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    browser_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    code = models.OneToOneField(SurveyCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="response", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("odpověď na dotazník")
        verbose_name_plural = _("odpovědi na dotazník")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["survey", "status"])]


class Answer(models.Model):
    """One answer to one question: a picked choice (one row per picked choice; with ``row`` for a matrix),
    a number, or a text. ``lemmas`` holds the text's Czech lemmas for the coding into themes."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers")
    row = models.ForeignKey(MatrixRow, on_delete=models.CASCADE, null=True, blank=True, related_name="answers")
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    lemmas = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("odpověď na otázku")
        verbose_name_plural = _("odpovědi na otázky")
        indexes = [models.Index(fields=["question", "choice"]), models.Index(fields=["question", "response"])]

    def __str__(self):
        return self.text or str(self.choice or self.number or "")
