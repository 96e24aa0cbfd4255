"""The demo needs analysis of Ostrava: about 1,200 answers over target groups and districts, coded themes,
SWOTs, about 40 needs with gaps, a needs-and-services map per working group."""

import pytest
from django.db.models import Count

from openkp.core.models import Area
from openkp.needs.models import Answer, DemographicFigure, Gap, Need, NeedsMap, Response, Survey, SwotAnalysis, SwotVote, Theme
from openkp.structures.models import Group

pytestmark = pytest.mark.django_db


def needs_counts():
    return {model.__name__: model.objects.count() for model in (Survey, Response, Answer, Theme, Need, Gap, NeedsMap, SwotAnalysis,
                                                                 SwotVote, DemographicFigure)}


def test_demo_data_twice_gives_the_same_analysis(demo):
    assert demo["first"]["needs"] == demo["second"]["needs"]


def test_user_survey_has_about_1200_answers_across_groups_and_districts(demo):
    survey = Survey.objects.get(area__slug="ostrava", title__startswith="Dotazník pro občany")
    responses = survey.responses.filter(status=Response.Status.COMPLETE)
    assert 1150 <= responses.count() <= 1250
    assert set(responses.values_list("mode", flat=True)) == {"online", "paper", "interview"}
    groups = Answer.objects.filter(response__survey=survey, question__code="skupina").values("choice__label").annotate(n=Count("id"))
    assert len(groups) >= 8 and max(row["n"] for row in groups) < 0.4 * responses.count()
    districts = Answer.objects.filter(response__survey=survey, question__code="obvod").values("choice").distinct().count()
    assert districts >= 15
    open_answers = Answer.objects.filter(response__survey=survey, question__code="pomoc")
    assert open_answers.count() > 500
    coded = open_answers.filter(themes__isnull=False).distinct().count()
    assert 0.7 * open_answers.count() < coded < open_answers.count()  # most coded, some left for the coding page


def test_needs_maps_and_swots_per_working_group(demo):
    ostrava = Area.objects.get(slug="ostrava")
    working_groups = Group.objects.for_area(ostrava).filter(kind=Group.Kind.WORKING)
    assert 35 <= Need.objects.for_area(ostrava).count() <= 45
    for group in working_groups:
        assert NeedsMap.objects.filter(group=group).exists()
        assert SwotAnalysis.objects.filter(group=group).exists()
        assert group.needs.filter(gaps__isnull=False).exists()
    assert Need.objects.for_area(ostrava).filter(services__isnull=False).distinct().count() > 30
    assert DemographicFigure.objects.for_area(ostrava).filter(indicator="Obyvatelé 65+ let", year=2024).count() >= 20
