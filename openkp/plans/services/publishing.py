"""Publishing a generated plan document: the file a finished job made goes into the document library as a
public document (or as its next version, when the plan already has one in that format), and the public plan
page offers it for download. Withdrawing it makes the library document members-only again; its versions stay."""

from dataclasses import dataclass

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from openkp.library import services as library
from openkp.library.models import Category, Visibility

from ..models import Plan, PlanVersion
from ..selectors.public import public_plans

FIELDS = {"pdf": "published_pdf", "docx": "published_docx"}


class PublishError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Published:
    format: str
    document: object  # library.Document
    version: object  # its current DocumentVersion


def published(plan):
    """The plan's public documents in the order PDF, DOCX, each with its current version (two queries at most)."""
    found = []
    for fmt, field in FIELDS.items():
        document = getattr(plan, field)
        if document is not None and document.is_public:
            version = document.versions.order_by("-number").first()
            if version is not None:
                found.append(Published(fmt, document, version))
    return found


def public_jobs(published_documents, jobs):
    """The ids of those ``jobs`` whose file is the current public version of the plan's document."""
    current = {item.version.pk for item in published_documents}
    return {job.pk for job in jobs if job.result.get("published_version") in current}


def publish(plan, job, user):
    """Offer the document the finished ``job`` generated on the plan's public page; returns the library document."""
    fmt, path = job.result.get("format"), job.result.get("path", "")
    if fmt not in FIELDS or not path:
        raise PublishError(_("Úloha nevytvořila dokument plánu."))
    version_id = job.params.get("version_id")
    version = PlanVersion.objects.filter(plan=plan, pk=version_id).first() if version_id else None
    note = (_("Vytvořeno z verze plánu „%(name)s“.") % {"name": version.name} if version
            else _("Vytvořeno z aktuálního stavu plánu."))
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, OSError):
        raise PublishError(_("Soubor dokumentu se nepodařilo najít; vytvořte ho prosím znovu.")) from None
    with handle:
        document = publish_file(plan, fmt=fmt, file=File(handle, name=job.result.get("filename") or path.rsplit("/", 1)[-1]),
                                note=note, user=user)
    # The job remembers which library version it became, so the document page can tell which file is public.
    job.result = {**job.result, "published_version": document.versions.order_by("-number").values_list("pk", flat=True).first()}
    job.save(update_fields=["result"])
    return document


@transaction.atomic
def publish_file(plan, *, fmt, file, note, user=None):
    """Offer ``file`` (the plan's document in ``fmt``) on the plan's public page; ``note`` says what it was made from."""
    if not public_plans(plan.area).filter(pk=plan.pk).exists():
        raise PublishError(_("Dokument lze zveřejnit, až bude plán veřejný: schválený, platný, nebo zveřejněný návrh."))
    field = FIELDS[fmt]
    document = getattr(plan, field)
    if document is None:
        document = library.document_create(
            area=plan.area, user=user, file=file, change_note=note, may_publish=True, title=f"{plan.title} ({fmt.upper()})",
            description=_("Dokument komunitního plánu vytvořený v OpenKP."), category=Category.PLAN, period=plan.period,
            visibility=Visibility.PUBLIC)
        Plan.objects.filter(pk=plan.pk).update(**{field: document})
        setattr(plan, field, document)
    else:
        library.version_add(document=document, user=user, file=file, change_note=note)
        if not document.is_public:
            library.document_update(document=document, may_publish=True, visibility=Visibility.PUBLIC)
    return document


@transaction.atomic
def withdraw(plan, fmt):
    """Take the plan's document in ``fmt`` off the public page; the library keeps it for members."""
    document = getattr(plan, FIELDS[fmt])
    if document is None:
        return
    library.document_update(document=document, may_publish=False)
    Plan.objects.filter(pk=plan.pk).update(**{FIELDS[fmt]: None})
    setattr(plan, FIELDS[fmt], None)
