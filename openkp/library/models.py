"""The document library: minutes, presentations, analyses and plans shared by the groups, with versions."""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from openkp.core.models import AreaOwnedModel


class Category(models.TextChoices):
    MINUTES = "minutes", _("zápis")
    PRESENTATION = "presentation", _("prezentace")
    ANALYSIS = "analysis", _("analýza")
    PLAN = "plan", _("plán")
    METHODOLOGY = "methodology", _("metodika")
    ATTENDANCE = "attendance", _("prezenční listina")
    OTHER = "other", _("ostatní")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("veřejný – pro kohokoli")
    MEMBERS = "members", _("jen pro členy území")


class Document(AreaOwnedModel):
    """A document of the area or of one group; its content lives in numbered versions (the highest is current)."""

    title = models.CharField(_("název"), max_length=200)
    description = models.TextField(_("popis"), blank=True)
    category = models.CharField(_("druh dokumentu"), max_length=20, choices=Category.choices, default=Category.OTHER)
    group = models.ForeignKey(
        "structures.Group", on_delete=models.SET_NULL, null=True, blank=True, related_name="documents",
        verbose_name=_("skupina"), help_text=_("Prázdné = dokument celého území."),
    )
    period = models.ForeignKey(
        "structures.PlanningPeriod", on_delete=models.SET_NULL, null=True, blank=True, related_name="documents",
        verbose_name=_("plánovací období"),
    )
    meeting = models.ForeignKey(
        "structures.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="documents",
        verbose_name=_("příloha setkání"), help_text=_("Dokument se ukáže u setkání (podklady, prezentace, zápis)."),
    )
    visibility = models.CharField(_("kdo dokument uvidí"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS)
    # Normalised forms of the title (lower case, no diacritics, stems) for the search; see services.search_forms.
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("vložil/a"),
    )
    created_at = models.DateTimeField(_("vloženo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("změněno"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenty")
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:detail", kwargs={"area_slug": self.area.slug, "pk": self.pk})

    @property
    def is_public(self):
        return self.visibility == Visibility.PUBLIC

    def clean(self):
        errors = {}
        if self.group_id and self.area_id and self.group.area_id != self.area_id:
            errors["group"] = _("Skupina je z jiného území.")
        if self.period_id and self.area_id and self.period.area_id != self.area_id:
            errors["period"] = _("Plánovací období je z jiného území.")
        if self.meeting_id and self.area_id and self.meeting.area_id != self.area_id:
            errors["meeting"] = _("Setkání je z jiného území.")
        elif self.meeting_id and self.group_id and self.meeting.group_id != self.group_id:
            errors["meeting"] = _("Setkání patří jiné skupině, než jakou má dokument.")
        if errors:
            raise ValidationError(errors)


def version_upload_to(instance, filename):
    """``library/<area>/<random>.<ext>``: unguessable, so the file cannot be fetched past the download view."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"library/{instance.area.slug}/{secrets.token_hex(16)}{suffix}"


class DocumentVersion(AreaOwnedModel):
    """One uploaded file of a document. Versions are never changed; old ones stay downloadable."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("dokument"))
    number = models.PositiveIntegerField(_("verze"))
    file = models.FileField(_("soubor"), upload_to=version_upload_to, max_length=255)
    original_name = models.CharField(_("název souboru"), max_length=255)
    size = models.PositiveBigIntegerField(_("velikost (bajty)"))
    content_type = models.CharField(_("typ obsahu"), max_length=120)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("nahrál/a"),
    )
    uploaded_at = models.DateTimeField(_("nahráno"), auto_now_add=True)
    change_note = models.CharField(_("co se změnilo"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("verze dokumentu")
        verbose_name_plural = _("verze dokumentů")
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_version_number_per_document")]

    def __str__(self):
        return f"{self.document} – {self.number}"

    @property
    def extension(self):
        """The file type as people know it: ``PDF``, ``DOCX``."""
        return PurePosixPath(self.original_name).suffix.lstrip(".").upper()

    def get_download_url(self):
        return reverse("library:download_version", kwargs={"area_slug": self.area.slug, "pk": self.document_id, "number": self.number})
