"""Writes of surveys: create, add questions (with generated choices for scales and pickers), new versions, copies."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from openkp.catalog.models import TargetGroup
from openkp.catalog.services import czech_sort_key
from openkp.core.models import MunicipalityPart

from ..models import Choice, MatrixRow, Question, QuestionKind, Section, Survey, SurveyVersion

DEFAULT_SCALE = (1, 5)


@transaction.atomic
def survey_create(*, area, title, created_by=None, slug="", **fields):
    """A new survey in draft with its first (empty) version."""
    survey = Survey(area=area, title=title, slug=slug or _unique_slug(area, title), created_by=created_by, **fields)
    survey.full_clean()
    survey.save()
    survey.current_version = SurveyVersion.objects.create(survey=survey, number=1)
    survey.save(update_fields=["current_version"])
    return survey


def _unique_slug(area, title):
    base = slugify(title)[:70] or "dotaznik"
    slug, number = base, 2
    while Survey.objects.for_area(area).filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def section_add(*, version, title, description=""):
    order = (version.sections.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    return Section.objects.create(version=version, title=title, description=description, order=order)


@transaction.atomic
def question_add(*, version, kind, text, code="", section=None, choices=(), rows=(), **fields):
    """Add a question at the end of the version.

    ``choices`` and ``rows`` are labels or (value, label) pairs. Scales get a choice per point, the place
    picker one per municipality and city district of the area, the target-group picker one per target group.
    """
    last = version.questions.order_by("-order").values_list("order", flat=True).first() or 0
    question = Question(version=version, section=section, kind=kind, text=text, code=code or _free_code(version), order=last + 1, **fields)
    if kind == QuestionKind.SCALE:
        question.scale_min = question.scale_min if question.scale_min is not None else DEFAULT_SCALE[0]
        question.scale_max = question.scale_max if question.scale_max is not None else DEFAULT_SCALE[1]
    question.full_clean()
    question.save()
    set_choices(question, choices)
    _set_rows(question, rows)
    return question


def _free_code(version):
    codes = set(version.questions.values_list("code", flat=True))
    number = len(codes) + 1
    while f"q{number}" in codes:
        number += 1
    return f"q{number}"


def _pairs(items):
    pairs = []
    for position, item in enumerate(items, start=1):
        value, label = item if isinstance(item, (tuple, list)) else (str(position), item)
        pairs.append((str(value), label))
    return pairs


def set_choices(question, choices=()):
    """(Re)create the question's choices: given ones, or generated for scales and pickers; plus "jiné" if allowed."""
    question.choices.all().delete()
    if question.kind == QuestionKind.SCALE:
        labels = {question.scale_min: question.scale_min_label, question.scale_max: question.scale_max_label}
        rows = [Choice(question=question, value=str(point), label=f"{point} – {labels[point]}" if labels.get(point) else str(point), order=index)
                for index, point in enumerate(range(question.scale_min, question.scale_max + 1))]
    elif question.kind == QuestionKind.PLACE:
        rows = place_choices(question)
    elif question.kind == QuestionKind.TARGET_GROUP:
        rows = [Choice(question=question, value=slugify(group.name)[:60] or f"g{group.pk}", label=group.name, target_group=group, order=index)
                for index, group in enumerate(TargetGroup.objects.order_by("name"))]
    else:
        rows = [Choice(question=question, value=value, label=label, order=index) for index, (value, label) in enumerate(_pairs(choices))]
    if question.allow_other and question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        rows.append(Choice(question=question, value="other", label=_("jiné"), is_other=True, order=len(rows)))
    Choice.objects.bulk_create(rows)


def place_choices(question):
    """The area's city districts (when it has them) or its municipalities, as choices of a place picker."""
    municipalities = list(question.version.survey.area.municipalities.order_by("name"))
    parts = sorted(MunicipalityPart.objects.filter(municipality__in=municipalities, kind=MunicipalityPart.Kind.CITY_DISTRICT)
                   .select_related("municipality"), key=lambda part: czech_sort_key(part.name))
    if parts:
        return [Choice(question=question, value=f"p{part.code}", label=part.name, part=part, municipality=part.municipality, order=index)
                for index, part in enumerate(parts)]
    return [Choice(question=question, value=f"m{municipality.code}", label=municipality.name, municipality=municipality, order=index)
            for index, municipality in enumerate(municipalities)]


def _set_rows(question, rows):
    question.rows.all().delete()
    MatrixRow.objects.bulk_create([MatrixRow(question=question, value=value, label=label, order=index)
                                   for index, (value, label) in enumerate(_pairs(rows))])


@transaction.atomic
def editable_version(survey, *, note=""):
    """The version to change: the current one while it has no responses, else a new copy of it (made current)."""
    current = survey.current_version
    if current is not None and not current.responses.exists():
        return current
    number = (survey.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = SurveyVersion.objects.create(survey=survey, number=number, note=note)
    if current is not None:
        copy_questionnaire(current, version)
    survey.current_version = version
    survey.save(update_fields=["current_version", "updated_at"])
    return version


def copy_questionnaire(source, target):
    """Copy sections, questions, choices, matrix rows and conditions of one version into another (empty) one."""
    sections = {}
    for section in source.sections.all():
        sections[section.pk] = Section.objects.create(version=target, title=section.title, description=section.description, order=section.order)
    questions = {}
    for question in source.questions.prefetch_related("choices", "rows"):
        old_pk = question.pk
        copy = Question.objects.get(pk=old_pk)
        copy.pk = None
        copy.version = target
        copy.section = sections.get(question.section_id)
        copy.show_if_question = None
        copy.save()
        questions[old_pk] = copy
        Choice.objects.bulk_create([Choice(question=copy, value=c.value, label=c.label, order=c.order, is_other=c.is_other,
                                           municipality_id=c.municipality_id, part_id=c.part_id, target_group_id=c.target_group_id)
                                    for c in question.choices.all()])
        MatrixRow.objects.bulk_create([MatrixRow(question=copy, value=r.value, label=r.label, order=r.order) for r in question.rows.all()])
    for old_pk, copy in questions.items():
        condition = source.questions.get(pk=old_pk).show_if_question_id
        if condition in questions:
            copy.show_if_question = questions[condition]
            copy.save(update_fields=["show_if_question"])
    return target


@transaction.atomic
def survey_copy(survey, *, title, created_by=None, period=None):
    """A new draft survey with the questionnaire of ``survey``'s current version (e.g. for the next period)."""
    copy = survey_create(area=survey.area, title=title, created_by=created_by, period=period, group=survey.group, intro=survey.intro,
                         audience=survey.audience, thanks_text=survey.thanks_text, one_answer_per_browser=survey.one_answer_per_browser)
    copy.copied_from = survey
    copy.save(update_fields=["copied_from"])
    if survey.current_version is not None:
        copy_questionnaire(survey.current_version, copy.current_version)
    return copy
