"""Publishing a generated plan document on the public plan page: through the document library, by the
coordinator only, for a public plan only; withdrawn again without losing the file."""

import re

import pytest
from django.urls import reverse

from openkp.core.models import Job
from openkp.library.models import Category, Document, Visibility

from ..models import Plan, PlanVersion
from ..services.snapshot import snapshot
from . import factories


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def plan(area):
    return factories.small_plan(area)


def document_url(plan):
    return reverse("plans:document", kwargs={"area_slug": plan.area.slug, "pk": plan.pk})


def generate(client, plan, fmt, **data):
    client.post(document_url(plan), {"format": fmt, **data})
    return Job.objects.filter(name="plans.render_document").first()


def publish_url(plan, job):
    return reverse("plans:document_publish", kwargs={"area_slug": plan.area.slug, "pk": plan.pk, "job_id": job.pk})


def withdraw_url(plan, fmt):
    return reverse("plans:document_withdraw", kwargs={"area_slug": plan.area.slug, "pk": plan.pk, "fmt": fmt})


def public_page(client, plan):
    client.logout()
    return client.get(reverse("plans:public", kwargs={"area_slug": plan.area.slug})).content.decode()


def test_the_coordinator_publishes_a_pdf_and_anybody_downloads_it_from_the_public_page(client, coordinator, plan, media):
    Plan.objects.filter(pk=plan.pk).update(is_public=True)
    client.force_login(coordinator)
    job = generate(client, plan, "pdf")
    staff_page = client.get(document_url(plan)).content.decode()
    assert "Vytvořené dokumenty" in staff_page and publish_url(plan, job) in staff_page
    response = client.post(publish_url(plan, job), follow=True)
    assert "Dokument (PDF) je zveřejněn na veřejné stránce plánu." in response.content.decode()

    document = Document.objects.get()
    assert (document.title, document.category, document.visibility) == (
        "Komunitní plán 2025–2027 (PDF)", Category.PLAN, Visibility.PUBLIC)
    version = document.versions.get()
    assert version.change_note == "Vytvořeno z aktuálního stavu plánu." and version.original_name == "komunitni-plan-2025-2027.pdf"

    html = public_page(client, plan)
    assert "Plán ke stažení" in html and "Plán v PDF (k tisku)" in html and version.get_download_url() in html
    download = client.get(version.get_download_url())
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_publishing_again_adds_a_version_and_names_the_plan_version(client, coordinator, plan, media):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.IN_FORCE)
    client.force_login(coordinator)
    client.post(publish_url(plan, generate(client, plan, "docx")))
    frozen = PlanVersion.objects.create(area=plan.area, plan=plan, name="Schválená verze", snapshot=snapshot(plan))
    Job.objects.all().delete()
    client.post(publish_url(plan, generate(client, plan, "docx", version=frozen.pk)))
    document = Document.objects.get()
    assert list(document.versions.order_by("number").values_list("number", "change_note")) == [
        (1, "Vytvořeno z aktuálního stavu plánu."), (2, "Vytvořeno z verze plánu „Schválená verze“.")]
    html = public_page(client, plan)
    assert "Plán v DOCX (k úpravám)" in html and document.versions.get(number=2).get_download_url() in html


def test_the_document_page_marks_the_generated_file_that_is_public_now(client, coordinator, plan, media):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.IN_FORCE)
    client.force_login(coordinator)
    first = generate(client, plan, "pdf")
    second = generate(client, plan, "pdf")
    client.post(publish_url(plan, first))
    client.post(publish_url(plan, second))

    page = client.get(document_url(plan)).content.decode()
    items = {job: page[page.index(f"/{job.pk}/"):].split("</li>", 1)[0] for job in (first, second)}
    tag = ">na veřejné stránce</span>"
    assert tag in items[second] and publish_url(plan, second) not in items[second]
    assert tag not in items[first] and publish_url(plan, first) in items[first]  # may be put back


def test_a_draft_that_is_not_public_cannot_be_published(client, coordinator, plan, media):
    client.force_login(coordinator)
    job = generate(client, plan, "pdf")
    assert "Zveřejnit dokument na veřejné stránce plánu půjde" in client.get(document_url(plan)).content.decode()
    response = client.post(publish_url(plan, job), follow=True)
    assert "Dokument lze zveřejnit, až bude plán veřejný" in response.content.decode()
    assert not Document.objects.exists()


def test_withdrawing_keeps_the_document_for_members_only(client, coordinator, plan, media):
    Plan.objects.filter(pk=plan.pk).update(is_public=True)
    client.force_login(coordinator)
    client.post(publish_url(plan, generate(client, plan, "pdf")))
    version = Document.objects.get().versions.get()
    response = client.post(withdraw_url(plan, "pdf"), follow=True)
    assert "už na veřejné stránce plánu není" in response.content.decode()
    assert Document.objects.get().visibility == Visibility.MEMBERS and Plan.objects.get(pk=plan.pk).published_pdf is None
    assert version.get_download_url() not in public_page(client, plan)
    assert client.get(version.get_download_url()).status_code == 404  # the public may no longer download it


def test_only_the_coordinator_publishes_and_another_areas_job_is_a_404(client, coordinator, person_with_role, other_area, plan, media):
    Plan.objects.filter(pk=plan.pk).update(is_public=True)
    client.force_login(coordinator)
    job = generate(client, plan, "pdf")
    client.force_login(person_with_role(plan.area, "member"))
    assert client.post(publish_url(plan, job)).status_code in (403, 404)
    assert client.post(withdraw_url(plan, "pdf")).status_code in (403, 404)
    assert "Zveřejnit" not in client.get(document_url(plan)).content.decode()
    client.force_login(person_with_role(other_area, "coordinator"))
    foreign = reverse("plans:document_publish", kwargs={"area_slug": other_area.slug, "pk": plan.pk, "job_id": job.pk})
    assert client.post(foreign).status_code == 404
    client.force_login(coordinator)
    assert client.get(publish_url(plan, job)).status_code == 200  # GET only shows what would be published
    assert not Document.objects.exists()


# The confirmation step and the hand-off from the finished job's page (django-webtest: as a browser submits) ----------

def create_document(django_app, user, plan, fmt="pdf"):
    """Choose the format on the document page and submit; the job runs inline and its page opens."""
    page = django_app.get(document_url(plan), user=user)
    form = page.forms["dokument-formular"]
    form["format"] = fmt
    return form.submit().follow()


def facts(page):
    """The confirmation page's facts as {term: description}."""
    terms = page.html.select("dl.okp-publish-facts dt")
    return {" ".join(dt.get_text().split()): " ".join(dt.find_next_sibling("dd").get_text().split()) for dt in terms}


def test_the_job_page_leads_the_coordinator_to_a_confirmation_that_shows_what_becomes_public(django_app, coordinator, plan, media):
    Plan.objects.filter(pk=plan.pk).update(is_public=True)
    job_page = create_document(django_app, coordinator, plan)
    job = Job.objects.get(name="plans.render_document")
    assert "Stáhnout soubor" in job_page.text
    confirm = job_page.click(href=publish_url(plan, job), description="Zveřejnit")

    shown = facts(confirm)
    assert shown["Soubor"] == "komunitni-plan-2025-2027.pdf" and shown["Formát"].startswith("PDF")
    assert re.fullmatch(r"\d+,\d (KB|MB)", shown["Velikost"])
    assert int(shown["Počet stran"]) >= 3
    assert shown["Obsah"].startswith("stav plánu ke dni") and shown["Stav plánu"] == "návrh"
    assert "Nic. Veřejná stránka plánu zatím žádný dokument PDF nenabízí; tento bude první." in confirm.text
    assert not Document.objects.exists()  # looking is not publishing
    preview = confirm.click(description="Otevřít náhled PDF")
    assert preview.headers["Content-Disposition"].startswith("inline") and preview.body.startswith(b"%PDF")
    assert confirm.click(description="Zpět").request.path == document_url(plan)

    done = confirm.forms["zverejnit"].submit().follow()
    assert "Dokument (PDF) je zveřejněn na veřejné stránce plánu." in done.text
    assert Document.objects.get().versions.get().original_name == "komunitni-plan-2025-2027.pdf"
    # The same job's page now says it is public instead of offering it again.
    again = django_app.get(reverse("core:job", kwargs={"area_slug": plan.area.slug, "job_id": job.pk}), user=coordinator)
    assert "Tento dokument už je na veřejné stránce plánu." in again.text and publish_url(plan, job) not in again.text


def test_the_confirmation_names_the_public_file_it_replaces(django_app, coordinator, plan, media):
    Plan.objects.filter(pk=plan.pk).update(is_public=True)
    create_document(django_app, coordinator, plan)
    first = Job.objects.get(name="plans.render_document")
    django_app.get(publish_url(plan, first), user=coordinator).forms["zverejnit"].submit()
    create_document(django_app, coordinator, plan)
    second = Job.objects.filter(name="plans.render_document").exclude(pk=first.pk).get()

    confirm = django_app.get(publish_url(plan, second), user=coordinator)
    replaces = " ".join(confirm.html.find(id="replaces-heading").find_parent("section").get_text().split())
    assert "Na veřejné stránce plánu je teď tento dokument PDF: Komunitní plán 2025–2027 (PDF)" in replaces
    assert "verze 1" in replaces and "dosavadní soubor zůstane v knihovně dokumentů jako starší verze" in replaces
    confirm.forms["zverejnit"].submit()
    assert list(Document.objects.get().versions.values_list("number", flat=True).order_by("number")) == [1, 2]
    # The file that is public already is not offered again.
    current = django_app.get(publish_url(plan, second), user=coordinator)
    assert "Tento soubor už je na veřejné stránce plánu." in current.text and "zverejnit" not in current.forms


def test_a_document_of_a_plan_that_is_not_public_is_not_offered_for_publishing(django_app, coordinator, plan, media):
    job_page = create_document(django_app, coordinator, plan)
    job = Job.objects.get(name="plans.render_document")
    assert "Zveřejnit dokument na veřejné stránce plánu půjde, až bude plán schválený" in job_page.text
    assert publish_url(plan, job) not in job_page.text
    confirm = django_app.get(publish_url(plan, job), user=coordinator)
    assert "Plán je ve stavu „návrh“ a není veřejný." in confirm.text and "zverejnit" not in confirm.forms


def test_the_confirmation_warns_when_the_plan_changed_after_the_document_was_made(django_app, coordinator, plan, media):
    from datetime import timedelta

    Plan.objects.filter(pk=plan.pk).update(is_public=True)
    create_document(django_app, coordinator, plan)
    job = Job.objects.get(name="plans.render_document")
    Job.objects.filter(pk=job.pk).update(finished_at=job.finished_at - timedelta(hours=1))
    plan.priorities.first().save()  # an edit after the document was made
    confirm = django_app.get(publish_url(plan, job), user=coordinator)
    assert "Plán se od vytvoření dokumentu změnil" in confirm.text


@pytest.mark.parametrize("role", ["group_manager", "member", "provider", "observer"])
def test_only_the_coordinator_sees_the_confirmation_or_the_next_step(django_app, client, coordinator, person_with_role, plan, media, role):
    Plan.objects.filter(pk=plan.pk).update(is_public=True)
    user = person_with_role(plan.area, role)
    job_page = create_document(django_app, user, plan)  # everyone who reads the plan may make its document
    job = Job.objects.get(name="plans.render_document")
    assert "Stáhnout soubor" in job_page.text
    assert "Zveřejnit" not in job_page.text
    assert django_app.get(publish_url(plan, job), user=user, expect_errors=True).status_code == 403
    client.force_login(user)
    assert client.post(publish_url(plan, job)).status_code == 403
    assert not Document.objects.exists()


def test_another_areas_coordinator_gets_a_404_and_strangers_are_sent_to_log_in(django_app, coordinator, person_with_role, other_area,
                                                                               plan, media):
    Plan.objects.filter(pk=plan.pk).update(is_public=True)
    create_document(django_app, coordinator, plan)
    job = Job.objects.get(name="plans.render_document")
    foreign = person_with_role(other_area, "coordinator")
    assert django_app.get(publish_url(plan, job), user=foreign, expect_errors=True).status_code == 404
    foreign_url = reverse("plans:document_publish", kwargs={"area_slug": other_area.slug, "pk": plan.pk, "job_id": job.pk})
    assert django_app.get(foreign_url, user=foreign, expect_errors=True).status_code == 404
    anonymous = django_app.get(publish_url(plan, job), expect_errors=True)
    assert anonymous.status_code in (302, 404) and not Document.objects.exists()
