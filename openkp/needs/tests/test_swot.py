import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from openkp.needs.models import SwotAnalysis, SwotItem, SwotVote
from openkp.needs.selectors.swot import swot_for_group
from openkp.needs.services import swot as services
from openkp.structures.models import Group, GroupMember, PlanningPeriod, TriadRole

S, W, OPP, T = SwotItem.Category.STRENGTH, SwotItem.Category.WEAKNESS, SwotItem.Category.OPPORTUNITY, SwotItem.Category.THREAT


@pytest.fixture
def team(area, person_with_role):
    """A working group with its manager and a member (with accounts), and another group with its own member."""
    period = PlanningPeriod.objects.create(area=area, name="2. plán 2025–2028", start_year=2025, end_year=2028, is_current=True)
    group = Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")
    other_group = Group.objects.create(area=area, period=period, name="Rodiny s dětmi", slug="rodiny")
    manager = person_with_role(area, "group_manager", user__username="manazerka", user__first_name="Jana", user__last_name="Horáková")
    member = person_with_role(area, "member", user__username="clen", user__first_name="Petr", user__last_name="Holub")
    stranger = person_with_role(area, "member", user__username="jiny")
    GroupMember.objects.create(area=area, group=group, user=manager, name="Jana Horáková", triad_role=TriadRole.PROVIDER,
                               function=GroupMember.Function.MANAGER)
    GroupMember.objects.create(area=area, group=group, user=member, name="Petr Holub", triad_role=TriadRole.USER)
    GroupMember.objects.create(area=area, group=other_group, user=stranger, name="Jiný Člen", triad_role=TriadRole.USER)
    analysis = services.swot_create(area=area, group=group, period=period, title="SWOT péče o seniory")
    return {"period": period, "group": group, "other_group": other_group, "manager": manager, "member": member,
            "stranger": stranger, "analysis": analysis}


def detail_url(analysis):
    return f"/mesto/sprava/potreby/swot/{analysis.pk}/"


def test_member_adds_items_per_quadrant(client, team):
    analysis = team["analysis"]
    client.force_login(team["member"])
    html = client.get(detail_url(analysis)).content.decode()
    for label in ("Silné stránky", "Slabé stránky", "Příležitosti", "Hrozby"):
        assert label in html
    response = client.post(detail_url(analysis) + "polozky/", {"category": W, "text": "Chybí odlehčovací služba"})
    assert response.status_code == 302 and response["Location"].endswith("#kategorie-W")
    item = SwotItem.objects.get()
    assert (item.category, item.author, item.text) == (W, team["member"], "Chybí odlehčovací služba")
    html = client.get(detail_url(analysis)).content.decode()
    assert "Chybí odlehčovací služba" in html and "Petr Holub" in html
    # Empty text: a Czech message, the page stays.
    response = client.post(detail_url(analysis) + "polozky/", {"category": S, "text": "  "})
    assert response.status_code == 200 and "Napište text položky." in response.content.decode()
    # A category of PEST does not belong to SWOT.
    with pytest.raises(ValidationError):
        services.item_add(analysis=analysis, category=SwotItem.Category.POLITICAL, text="x", author=team["member"])


def test_status_rules(client, team):
    analysis, manager, member = team["analysis"], team["manager"], team["member"]
    client.force_login(member)
    assert client.post(detail_url(analysis) + "stav/", {"status": "voting"}).status_code == 403
    client.force_login(manager)
    response = client.post(detail_url(analysis) + "stav/", {"status": "closed"}, follow=True)
    assert "Stav nelze změnit" in response.content.decode()
    client.post(detail_url(analysis) + "stav/", {"status": "voting"})
    analysis.refresh_from_db()
    assert analysis.status == SwotAnalysis.Status.VOTING
    # No new items while voting.
    with pytest.raises(ValidationError, match="ve fázi sběru"):
        services.item_add(analysis=analysis, category=S, text="Pozdě", author=member)
    client.force_login(member)
    response = client.post(detail_url(analysis) + "polozky/", {"category": S, "text": "Pozdě"})
    assert "jen ve fázi sběru" in response.content.decode() and not SwotItem.objects.exists()
    services.set_status(analysis=analysis, status=SwotAnalysis.Status.CLOSED)
    with pytest.raises(ValidationError, match="Hlasovat lze jen"):
        services.vote(analysis=analysis, user=member, category=S, dots={})


def test_dot_voting_budget(client, team):
    analysis, member, manager = team["analysis"], team["member"], team["manager"]
    first = services.item_add(analysis=analysis, category=S, text="Dobrá síť pečovatelské služby", author=member)
    second = services.item_add(analysis=analysis, category=S, text="Aktivní senioři", author=manager)
    services.set_status(analysis=analysis, status=SwotAnalysis.Status.VOTING)
    client.force_login(member)
    url = detail_url(analysis) + "hlasovat/"
    # Several dots on one item.
    assert client.post(url, {"category": S, f"dots_{first.pk}": 2, f"dots_{second.pk}": 1}).status_code == 302
    assert dict(SwotVote.objects.filter(user=member).values_list("item_id", "dots")) == {first.pk: 2, second.pk: 1}
    # Over the budget: a clear message, the votes stay as they were, the typed numbers are kept.
    response = client.post(url, {"category": S, f"dots_{first.pk}": 3, f"dots_{second.pk}": 2})
    html = response.content.decode()
    assert "nejvýše 3 bodů; rozdělili jste 5. Uberte 2." in html and f'name="dots_{second.pk}" min="0" max="3" value="2"' in html
    assert SwotVote.objects.filter(user=member).count() == 2
    # Changing one's mind until closed.
    client.post(url, {"category": S, f"dots_{first.pk}": 0, f"dots_{second.pk}": 3})
    assert dict(SwotVote.objects.filter(user=member).values_list("item_id", "dots")) == {second.pk: 3}
    client.force_login(manager)
    client.post(url, {"category": S, f"dots_{first.pk}": 1})
    html = client.get(detail_url(analysis)).content.decode()
    assert "Vaše body: 1 z 3" in html
    assert html.index("Aktivní senioři") < html.index("Dobrá síť pečovatelské služby")  # by dots while voting
    with pytest.raises(ValidationError, match="nejvýše 3"):
        services.vote(analysis=analysis, user=member, category=S, dots={first.pk: 4})


def test_merge_moves_votes_without_duplicate_rows(client, team):
    analysis, member, manager = team["analysis"], team["member"], team["manager"]
    keep = services.item_add(analysis=analysis, category=W, text="Málo terénních služeb", author=member)
    dup = services.item_add(analysis=analysis, category=W, text="Chybí terénní služby", author=manager)
    other = services.item_add(analysis=analysis, category=T, text="Stárnutí populace", author=manager)
    services.set_status(analysis=analysis, status=SwotAnalysis.Status.VOTING)
    services.vote(analysis=analysis, user=member, category=W, dots={keep.pk: 1, dup.pk: 2})
    services.vote(analysis=analysis, user=manager, category=W, dots={dup.pk: 1})
    client.force_login(manager)
    html = client.get(detail_url(analysis) + f"sloucit/?polozky={keep.pk}&polozky={dup.pk}").content.decode()
    assert "Ponechat položku" in html and "Chybí terénní služby" in html
    # Items of different categories cannot be merged.
    response = client.post(detail_url(analysis) + "sloucit/", {"items": [keep.pk, other.pk], "keep": keep.pk, "text": "x"})
    assert "ze stejné kategorie" in response.content.decode()
    response = client.post(detail_url(analysis) + "sloucit/", {"items": [keep.pk, dup.pk], "keep": keep.pk,
                                                               "text": "Nedostatek terénních služeb"})
    assert response.status_code == 302
    keep.refresh_from_db()
    dup.refresh_from_db()
    assert keep.text == "Nedostatek terénních služeb" and dup.merged_into == keep
    votes = dict(SwotVote.objects.filter(item__analysis=analysis).values_list("user_id", "dots"))
    assert votes == {member.pk: 3, manager.pk: 1} and SwotVote.objects.filter(item=dup).count() == 0
    html = client.get(detail_url(analysis)).content.decode()
    assert "sloučeno z" in html and "Chybí terénní služby" in html
    # The member still has their whole budget in the category and cannot exceed it.
    with pytest.raises(ValidationError):
        services.vote(analysis=analysis, user=member, category=W, dots={keep.pk: 4})
    # Members do not merge.
    client.force_login(member)
    assert client.get(detail_url(analysis) + "sloucit/").status_code == 403


def test_manager_edits_and_deletes_items(client, team):
    analysis, member, manager = team["analysis"], team["member"], team["manager"]
    item = services.item_add(analysis=analysis, category=OPP, text="Dotace z EU", author=member)
    edit_url = detail_url(analysis) + f"polozky/{item.pk}/upravit/"
    client.force_login(member)
    assert client.get(edit_url).status_code == 403
    client.force_login(manager)
    response = client.post(edit_url, {"category": OPP, "text": "Dotace z evropských fondů"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "Dotace z evropských fondů"
    client.post(detail_url(analysis) + f"polozky/{item.pk}/smazat/")
    assert not SwotItem.objects.filter(pk=item.pk).exists()


def test_docx_export_reads_back(client, team):
    analysis, member, manager = team["analysis"], team["member"], team["manager"]
    strong = services.item_add(analysis=analysis, category=S, text="Ochotní dobrovolníci", author=member)
    weak = services.item_add(analysis=analysis, category=S, text="Dobrovolníci", author=manager)
    services.item_add(analysis=analysis, category=T, text="Nedostatek pracovníků", author=member)
    top = services.item_add(analysis=analysis, category=S, text="Silná komunita", author=member)
    services.set_status(analysis=analysis, status=SwotAnalysis.Status.VOTING)
    services.vote(analysis=analysis, user=member, category=S, dots={top.pk: 3})
    services.vote(analysis=analysis, user=manager, category=S, dots={strong.pk: 1})
    services.items_merge(analysis=analysis, items=[strong, weak], keep=strong, text="Ochotní dobrovolníci")
    client.force_login(member)
    response = client.get(detail_url(analysis) + "analyza.docx")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs).replace("\u00a0", " ")
    assert "SWOT péče o seniory" in text and "Senioři" in text and "2. plán 2025–2028" in text
    table = document.tables[0]
    assert len(table.rows) == 2 and len(table.columns) == 2
    strengths = [paragraph.text.replace("\u00a0", " ") for paragraph in table.cell(0, 0).paragraphs]
    assert strengths[:3] == ["Silné stránky", "Silná komunita (3 body)", "Ochotní dobrovolníci (1 bod)"]
    assert "Nedostatek pracovníků" in table.cell(1, 1).text and "Hrozby" in table.cell(1, 1).text
    assert "Sloučené položky" in text and "Dobrovolníci → sloučeno do: Ochotní dobrovolníci" in text


def test_group_swot_include_shows_latest_closed_analysis(team):
    from django.template.loader import render_to_string

    analysis, member = team["analysis"], team["member"]
    assert swot_for_group(team["group"]) is None
    services.item_add(analysis=analysis, category=OPP, text="Nová vyhláška", author=member)
    services.set_status(analysis=analysis, status=SwotAnalysis.Status.VOTING)
    services.set_status(analysis=analysis, status=SwotAnalysis.Status.CLOSED)
    swot = swot_for_group(team["group"])
    assert swot["analysis"] == analysis
    html = render_to_string("needs/swot/includes/group_swot.html", {"swot": swot})
    assert "SWOT péče o seniory" in html and "Nová vyhláška" in html and "Petr Holub" not in html


def test_create_analysis_only_for_own_groups(client, team):
    manager = team["manager"]
    client.force_login(manager)
    html = client.get("/mesto/sprava/potreby/swot/nova/").content.decode()
    assert "Senioři" in html and "Rodiny s dětmi" not in html
    response = client.post("/mesto/sprava/potreby/swot/nova/", {"group": team["other_group"].pk, "period": team["period"].pk,
                                                               "kind": "pest", "title": "Cizí", "dots_per_member": 3})
    assert response.status_code == 200 and not SwotAnalysis.objects.filter(title="Cizí").exists()
    response = client.post("/mesto/sprava/potreby/swot/nova/", {"group": team["group"].pk, "period": team["period"].pk,
                                                               "kind": "pest", "title": "PEST seniorů", "dots_per_member": 5})
    pest = SwotAnalysis.objects.get(title="PEST seniorů")
    assert response.status_code == 302 and pest.kind == "pest" and pest.dots_per_member == 5
    html = client.get(detail_url(pest)).content.decode()
    assert "Politické faktory" in html and "Technologické faktory" in html
    response = client.post("/mesto/sprava/potreby/swot/nova/", {"group": team["group"].pk, "period": team["period"].pk,
                                                               "kind": "swot", "title": "", "dots_per_member": 0})
    assert "Vyplňte název analýzy" in response.content.decode() and "od 1 do 20" in response.content.decode()


@pytest.mark.parametrize("who, detail, create, manage", [
    ("anonymous", 302, 302, 302), ("outsider", 404, 404, 404), ("stranger", 403, 403, 403), ("member", 200, 403, 403),
    ("observer", 200, 403, 403), ("manager", 200, 200, 200), ("coordinator", 200, 200, 200),
])
def test_permission_matrix(client, area, team, outsider, person_with_role, who, detail, create, manage):
    analysis = team["analysis"]
    users = {"outsider": outsider, "stranger": team["stranger"], "member": team["member"], "manager": team["manager"],
             "observer": person_with_role(area, "observer"), "coordinator": person_with_role(area, "coordinator")}
    if who in users:
        client.force_login(users[who])
    assert client.get(detail_url(analysis)).status_code == detail
    assert client.get(detail_url(analysis) + "analyza.docx").status_code == detail
    assert client.get("/mesto/sprava/potreby/swot/nova/").status_code == (create if who != "stranger" else 403)
    assert client.get(detail_url(analysis) + "sloucit/").status_code == manage
    list_status = client.get("/mesto/sprava/potreby/swot/").status_code
    assert list_status == {"anonymous": 302, "outsider": 404}.get(who, 200)
    if who == "stranger":
        assert "SWOT péče o seniory" not in client.get("/mesto/sprava/potreby/swot/").content.decode()
        assert client.post(detail_url(analysis) + "polozky/", {"category": S, "text": "x"}).status_code == 403
    if who == "observer":
        assert client.post(detail_url(analysis) + "polozky/", {"category": S, "text": "x"}).status_code == 403


def test_other_areas_analysis_is_404(client, other_area, team, person_with_role):
    period = PlanningPeriod.objects.create(area=other_area, name="P", start_year=2025, end_year=2026, is_current=True)
    group = Group.objects.create(area=other_area, period=period, name="Jinde", slug="jinde")
    foreign = services.swot_create(area=other_area, group=group, period=period, title="Cizí SWOT")
    client.force_login(person_with_role(team["analysis"].area, "coordinator"))
    assert client.get(detail_url(foreign)).status_code == 404


def test_detail_and_list_stay_flat(client, area, team, django_assert_max_num_queries):
    analysis, member = team["analysis"], team["member"]
    for index in range(12):
        services.item_add(analysis=analysis, category=[S, W, OPP, T][index % 4], text=f"Položka {index}", author=member)
    services.set_status(analysis=analysis, status=SwotAnalysis.Status.VOTING)
    client.force_login(team["manager"])
    with django_assert_max_num_queries(15):
        assert client.get(detail_url(analysis)).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/mesto/sprava/potreby/swot/").status_code == 200
