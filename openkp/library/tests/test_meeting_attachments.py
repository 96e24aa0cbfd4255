from datetime import timedelta

from django.utils import timezone

from openkp.library.models import Document
from openkp.structures.models import Meeting

from .conftest import pdf_file


def test_a_document_attached_from_the_meeting_page_shows_at_the_meeting(client, area, group, coordinator):
    starts = timezone.now() + timedelta(days=3)
    meeting = Meeting.objects.create(area=area, group=group, title="Jarní setkání", starts_at=starts, ends_at=starts + timedelta(hours=2),
                                     place="Radnice", is_public=True)
    client.force_login(coordinator)
    manage = client.get(f"/mesto/sprava/skupiny/seniori/setkani/{meeting.pk}/").content.decode()
    assert f"/mesto/dokumenty/novy/?setkani={meeting.pk}" in manage
    form = client.get(f"/mesto/dokumenty/novy/?setkani={meeting.pk}").content.decode()
    assert "Senioři: Jarní setkání" in form
    response = client.post(f"/mesto/dokumenty/novy/?setkani={meeting.pk}", {
        "title": "Prezentace k analýze potřeb", "category": "presentation", "group": group.pk, "meeting": meeting.pk,
        "visibility": "public", "file": pdf_file("prezentace.pdf"),
    })
    assert response.status_code == 302, response.content.decode()
    assert Document.objects.get().meeting == meeting
    client.logout()
    page = client.get(f"/mesto/organizace/seniori/setkani/{meeting.pk}/").content.decode()
    assert "Podklady a přílohy" in page and "Prezentace k analýze potřeb" in page


def test_a_document_cannot_be_attached_to_another_groups_meeting(area, group, period):
    from django.core.exceptions import ValidationError

    from openkp.structures.models import Group

    other = Group.objects.create(area=area, period=period, name="Rodina", slug="rodina")
    starts = timezone.now()
    meeting = Meeting.objects.create(area=area, group=other, title="X", starts_at=starts, ends_at=starts + timedelta(hours=1), place="Y")
    document = Document(area=area, title="Z", group=group, meeting=meeting)
    try:
        document.full_clean(exclude=["search_text"])
    except ValidationError as error:
        assert "jiné skupině" in error.message_dict["meeting"][0]
    else:
        raise AssertionError("accepted a meeting of another group")
