"""The demo library: real files in MEDIA_ROOT, several versions, members-only documents; clear() removes the files."""

from openkp.core.tests.factories import AreaFactory
from openkp.demo import library as demo_library
from openkp.library.models import Document, DocumentVersion
from openkp.structures.models import Group, PlanningPeriod


def test_demo_documents_are_loaded_with_files_and_cleared_with_them(db, media, django_capture_on_commit_callbacks):
    for slug, group_names in (("ostrava", ["Senioři", "Osoby bez přístřeší"]), ("hlucinsko", ["Senioři"])):
        area = AreaFactory(slug=slug)
        period = PlanningPeriod.objects.create(area=area, name="Plán 2025–2028", start_year=2025, end_year=2028, is_current=True)
        for name in group_names:
            Group.objects.create(area=area, period=period, name=name, slug=name[:5].lower())
    demo_library.load()
    ostrava = Document.objects.filter(area__slug="ostrava")
    assert 14 <= ostrava.count() <= 18
    assert Document.objects.filter(area__slug="hlucinsko").count() == 3
    assert ostrava.filter(visibility="members").exists() and ostrava.filter(visibility="public").exists()
    assert ostrava.filter(group__name="Senioři").count() >= 4
    assert {version.content_type.split(";")[0] for version in DocumentVersion.objects.all()} >= {
        "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/csv"}
    assert max(document.versions.count() for document in ostrava) == 3
    files = list((media / "library").rglob("*.*"))
    assert len(files) == DocumentVersion.objects.count()
    assert files[0].stat().st_size > 0

    with django_capture_on_commit_callbacks(execute=True):
        demo_library.clear()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert not list((media / "library").rglob("*.*"))
