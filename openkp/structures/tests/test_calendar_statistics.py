from datetime import timedelta
from io import BytesIO

import icalendar
from django.utils import timezone
from openpyxl import load_workbook

from openkp.structures.models import CalendarToken, Group, GroupMember, Meeting, Participant, TriadRole

from .conftest import past_meeting


def test_month_view_and_list_show_public_meetings_and_members_see_internal_ones(client, team):
    internal = Meeting.objects.create(area=team["group"].area, group=team["group"], title="Interní porada",
                                      starts_at=team["meeting"].starts_at + timedelta(hours=3), ends_at=team["meeting"].starts_at + timedelta(hours=4),
                                      place="Kancelář")
    month = timezone.localtime(team["meeting"].starts_at).strftime("%Y-%m")
    page = client.get(f"/mesto/kalendar/?mesic={month}").content.decode()
    assert "5. setkání" in page and "Interní porada" not in page and 'aria-current="date"' in page or month != timezone.localdate().strftime("%Y-%m")
    assert '<table class="okp-calendar">' in page
    listing = client.get(f"/mesto/kalendar/?mesic={month}&zobrazeni=seznam&skupina=seniori").content.decode()
    assert "5. setkání" in listing and "Radnice, sál 2" in listing
    client.force_login(team["member_user"])
    assert "Interní porada" in client.get(f"/mesto/kalendar/?mesic={month}").content.decode()
    assert internal.pk


def test_a_broken_month_falls_back_to_this_month(client, team):
    assert client.get("/mesto/kalendar/?mesic=abc").status_code == 200
    assert client.get("/mesto/kalendar/?mesic=1200-01").status_code == 404


def test_private_feed_has_members_only_meetings_and_only_with_the_right_token(client, team):
    Meeting.objects.create(area=team["group"].area, group=team["group"], title="Interní porada", starts_at=team["meeting"].starts_at,
                           ends_at=team["meeting"].ends_at, place="Kancelář", is_public=False)
    public = icalendar.Calendar.from_ical(client.get("/mesto/kalendar.ics").content)
    assert {str(event["summary"]) for event in public.walk("VEVENT")} == {"5. setkání – Senioři"}
    client.force_login(team["member_user"])
    client.post("/mesto/sprava/kalendar/")
    token = CalendarToken.objects.get(user=team["member_user"]).token
    assert token in client.get("/mesto/kalendar/").content.decode()
    client.logout()
    response = client.get(f"/mesto/kalendar/soukromy/{token}.ics")
    assert response["Cache-Control"] == "private, no-store"
    private = icalendar.Calendar.from_ical(response.content)
    assert {str(event["summary"]) for event in private.walk("VEVENT")} == {"5. setkání – Senioři", "Interní porada – Senioři"}
    assert client.get("/mesto/kalendar/soukromy/spatny.ics").status_code == 404
    assert client.get(f"/jinde/kalendar/soukromy/{token}.ics").status_code == 404  # the token belongs to its area


def _attended(meeting, *names):
    for participant in meeting.participants.all():
        participant.attendance = "present" if participant.name in names else "absent"
        participant.save()


def test_statistics_count_active_people_organisations_rate_and_triad(client, team, coordinator):
    from openkp.structures.services import ensure_participants

    first, second = past_meeting(team["group"], days=20), past_meeting(team["group"], days=10)
    for meeting in (first, second):
        ensure_participants(meeting)
    _attended(first, "Jana Horáková", "Petr Holub")
    _attended(second, "Jana Horáková")
    Participant.objects.create(area=first.area, meeting=first, name="Host z kraje", organisation_name="Krajský úřad", attendance="guest")
    client.force_login(coordinator)
    page = client.get("/mesto/sprava/statistiky/").content.decode()
    # 3 people attended (2 members + 1 guest) from 2 organisations; members' rate 3 of 6 invited = 50 %.
    assert "3 aktivní lidé" in page or "3 aktivních lidí" in page
    assert "z 2 organizací" in page
    assert "50\xa0%" in page
    assert "<svg" in page and "Aktivní lidé podle skupin" in page
    assert "Do plánování se zapojilo <strong>3</strong> lidí z <strong>2</strong> organizací" in client.get("/mesto/organizace/").content.decode()


def test_members_and_attendance_export_is_for_the_coordinator_only(client, team, coordinator, person_with_role, area):
    meeting = past_meeting(team["group"], days=10)
    from openkp.structures.services import ensure_participants

    ensure_participants(meeting)
    _attended(meeting, "Petr Holub")
    client.force_login(person_with_role(area, "observer"))
    assert client.get("/mesto/sprava/statistiky/").status_code == 200
    assert client.get("/mesto/sprava/statistiky/clenove-a-ucast.xlsx").status_code == 403
    client.force_login(coordinator)
    workbook = load_workbook(BytesIO(client.get("/mesto/sprava/statistiky/clenove-a-ucast.xlsx").content))
    assert workbook.sheetnames == ["Souhrn", "Členové", "Účast"]
    members = [row for row in workbook["Členové"].iter_rows(min_row=2, values_only=True)]
    assert ("Senioři", "Petr Holub") in {(row[0], row[1]) for row in members} and any(row[5] == "holub@example.cz" for row in members)
    attendance = {(row[3], row[6]) for row in workbook["Účast"].iter_rows(min_row=2, values_only=True)}
    assert ("Petr Holub", "přítomen/a") in attendance and ("Jana Horáková", "nepřítomen/a") in attendance
    assert workbook["Souhrn"]["A2"].value == "Senioři" and workbook["Souhrn"]["D2"].value == 1


def test_group_calendar_and_statistics_pages_use_a_constant_number_of_queries(client, team, coordinator, django_assert_max_num_queries):
    from openkp.structures.services import ensure_participants

    def grow(count):
        for index in range(count):
            extra = Group.objects.create(area=team["group"].area, period=team["period"], name=f"Skupina {count}-{index}", slug=f"s-{count}-{index}")
            past_meeting(extra, days=3, is_public=True)
            GroupMember.objects.create(area=team["group"].area, group=team["group"], name=f"Člen {index}", email=f"c{index}@example.cz",
                                       triad_role=TriadRole.PROVIDER)
            meeting = past_meeting(team["group"], days=5 + index)
            ensure_participants(meeting)
            meeting.participants.update(attendance="present")

    pages = ["/mesto/organizace/", "/mesto/organizace/seniori/", "/mesto/kalendar/", "/mesto/kalendar/?zobrazeni=seznam",
             "/mesto/sprava/statistiky/", "/mesto/sprava/skupiny/seniori/", "/mesto/sprava/ukoly/"]
    client.force_login(coordinator)
    grow(2)
    counts = {}
    for url in pages:
        with django_assert_max_num_queries(20) as captured:
            assert client.get(url).status_code == 200
        counts[url] = len(captured)
    grow(8)
    for url in pages:
        with django_assert_max_num_queries(counts[url]):
            client.get(url)


def test_my_tasks_of_a_group_manager_cost_the_same_with_many_groups(client, team, django_assert_max_num_queries):
    client.force_login(team["manager_user"])
    with django_assert_max_num_queries(30) as captured:
        client.get("/mesto/sprava/ukoly/")
    for index in range(15):
        Group.objects.create(area=team["group"].area, period=team["period"], name=f"Skupina {index}", slug=f"skupina-{index}")
    with django_assert_max_num_queries(len(captured)):
        assert "Moje úkoly" in client.get("/mesto/sprava/ukoly/").content.decode()
