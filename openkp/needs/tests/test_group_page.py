"""The group's public page shows the group's latest closed SWOT analysis (a section registered by the needs app)."""

from openkp.needs.models import SwotAnalysis, SwotItem
from openkp.structures.models import Group, PlanningPeriod


def test_group_page_shows_the_closed_swot_without_authors(client, area, coordinator):
    period = PlanningPeriod.objects.create(area=area, name="2. plán 2025–2028", start_year=2025, end_year=2028, is_current=True)
    group = Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")
    analysis = SwotAnalysis.objects.create(area=area, group=group, period=period, title="SWOT Senioři 2025")
    SwotItem.objects.create(analysis=analysis, category=SwotItem.Category.WEAKNESS, text="Málo terénních služeb večer", author=coordinator)
    assert "SWOT Senioři 2025" not in client.get("/mesto/organizace/seniori/").content.decode()  # still collecting
    analysis.status = SwotAnalysis.Status.CLOSED
    analysis.save()
    html = client.get("/mesto/organizace/seniori/").content.decode()
    assert "SWOT Senioři 2025" in html and "Málo terénních služeb večer" in html
    assert coordinator.username not in html and coordinator.get_full_name() not in html
