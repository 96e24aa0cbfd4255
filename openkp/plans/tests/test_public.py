"""The public plan at /<area>/plan/: which plan is shown, anchors per measure, earlier plans, flat queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..models import Chapter, Plan
from . import factories


def public_url(area):
    return reverse("plans:public", kwargs={"area_slug": area.slug})


@pytest.fixture
def in_force(area):
    plan = factories.small_plan(area)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.IN_FORCE, resolution_number="2760/ZM1418/34", resolution_date="2024-12-11")
    Chapter.objects.create(area=area, plan=plan, position=1, title="Úvod", body="## Proč plánujeme\n\n- spolu\n- **otevřeně**")
    return Plan.objects.get(pk=plan.pk)


def test_the_plan_in_force_is_shown_with_anchors_chapters_and_budget(client, in_force):
    html = client.get(public_url(in_force.area)).content.decode()
    assert "schváleno usnesením 2760/ZM1418/34 ze dne 11.\xa012.\xa02024" in html
    assert 'id="opatreni-2-1-1"' in html and 'href="#opatreni-2-1-1"' in html
    assert "<h2>Proč plánujeme</h2>" in html or "<h3>Proč plánujeme</h3>" in html
    assert "<strong>otevřeně</strong>" in html
    assert "Souhrnný rozpočet" in html
    assert "Toto je návrh plánu." not in html


def test_a_draft_that_is_not_public_stays_hidden_behind_the_plan_in_force(client, in_force, area):
    draft = factories.plan_factory(area, title="Návrh dalšího plánu", start_year=2028, end_year=2031)
    html = client.get(public_url(area)).content.decode()
    assert "Návrh dalšího plánu" not in html
    assert client.get(reverse("plans:public_plan", kwargs={"area_slug": area.slug, "pk": draft.pk})).status_code == 404
    Plan.objects.filter(pk=draft.pk).update(is_public=True)
    assert "Návrh dalšího plánu" in client.get(public_url(area)).content.decode()  # listed among the other plans
    page = client.get(reverse("plans:public_plan", kwargs={"area_slug": area.slug, "pk": draft.pk})).content.decode()
    assert "Toto je návrh plánu." in page


def test_another_areas_plan_is_not_found_under_this_area(client, in_force, other_area):
    assert client.get(reverse("plans:public_plan", kwargs={"area_slug": other_area.slug, "pk": in_force.pk})).status_code == 404


def test_public_page_keeps_a_constant_number_of_queries(client, in_force, django_assert_max_num_queries):
    client.get(public_url(in_force.area))
    with CaptureQueriesContext(connection) as baseline:
        client.get(public_url(in_force.area))
    Plan.objects.filter(pk=in_force.pk).update(status=Plan.Status.DRAFT)
    priority = in_force.priorities.select_related("plan").first()
    for index in range(3):
        goal = factories.goal(priority, f"Cíl {index}")
        for number in range(4):
            measure = factories.measure(goal, f"Opatření {number}")
            factories.activity(measure, "Aktivita")
            factories.indicator(measure, "Počet", targets={2025: 1})
    Plan.objects.filter(pk=in_force.pk).update(status=Plan.Status.IN_FORCE)
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        html = client.get(public_url(in_force.area)).content.decode()
    assert html.count('class="okp-plan-measure"') == 16
