"""Writes of surveys: create, add questions (with generated choices for scales and pickers), new versions, copies;
the builder's edits (settings, state, sections, questions, their order) and one-time codes.

The builder order of a version is: questions outside any section first, then section by section; ``renumber``
stores it in ``Question.order``, so every reader that sorts by ``order`` sees the same questionnaire.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from openkp.catalog.models import TargetGroup
from openkp.catalog.services import czech_sort_key
from openkp.core.models import MunicipalityPart
from openkp.core.tokens import hash_token

from ..models import Choice, MatrixRow, Question, QuestionKind, Section, Survey, SurveyCode, SurveyVersion

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


# Survey settings and state


@transaction.atomic
def survey_update(survey, **fields):
    """Change the survey's settings (title, audience, dates…); questions change through ``editable_version``."""
    for name, value in fields.items():
        setattr(survey, name, value)
    survey.full_clean()
    survey.save()
    return survey


def survey_set_status(survey, status):
    """Open the survey for answers, close it, or put it back to draft. A survey without questions cannot be opened."""
    if status not in Survey.Status.values:
        raise ValueError(status)
    if status == Survey.Status.OPEN and not (survey.current_version and survey.current_version.questions.exists()):
        raise ValidationError(_("Dotazník bez otázek nelze otevřít pro odpovědi. Nejdřív přidejte alespoň jednu otázku."))
    survey.status = status
    survey.save(update_fields=["status", "updated_at"])
    return survey


# Order of sections and questions


def ordered_sections(version):
    """The version's sections in order."""
    return list(version.sections.order_by("order", "pk"))


def _builder_key(sections):
    position = {section.pk: index for index, section in enumerate(sections, start=1)}
    return lambda question: (position.get(question.section_id, 0), question.order, question.pk)


def ordered_questions(version, sections=None, queryset=None):
    """The version's questions in builder order (outside sections first, then section by section)."""
    sections = ordered_sections(version) if sections is None else sections
    questions = version.questions.all() if queryset is None else queryset
    return sorted(questions, key=_builder_key(sections))


def _check_conditions(questions):
    """A question shown only by another question's answer must come after that question."""
    position = {question.pk: index for index, question in enumerate(questions)}
    for index, question in enumerate(questions):
        condition = question.show_if_question_id
        if condition is not None and position.get(condition, -1) >= index:
            raise ValidationError(_("Otázka „%(question)s“ se zobrazuje podle odpovědi na otázku „%(condition)s“, "
                                    "a proto musí zůstat až za ní.")
                                  % {"question": question.text, "condition": question.show_if_question.text})


def _save_order(sections, questions):
    _check_conditions(questions)
    for index, section in enumerate(sections, start=1):
        section.order = index
    for index, question in enumerate(questions, start=1):
        question.order = index
    Section.objects.bulk_update(sections, ["order"])
    Question.objects.bulk_update(questions, ["order", "section"])


@transaction.atomic
def renumber(version):
    """Store the builder order in ``order`` (1, 2, 3…) of sections and questions."""
    sections = ordered_sections(version)
    _save_order(sections, ordered_questions(version, sections))


@transaction.atomic
def question_move(question, *, up):
    """Move a question one place up or down. At the edge of its section it moves into the neighbouring
    section (also an empty one). Returns False when there is nowhere to go; a move that would put a
    question before the one its display depends on raises ValidationError."""
    version = question.version
    sections = ordered_sections(version)
    questions = ordered_questions(version, sections)
    index = next(position for position, item in enumerate(questions) if item.pk == question.pk)
    current = questions[index]
    neighbour = index + (-1 if up else 1)
    if 0 <= neighbour < len(questions) and questions[neighbour].section_id == current.section_id:
        questions[index], questions[neighbour] = questions[neighbour], current
    else:
        groups = ([None] if any(item.section_id is None for item in questions) else []) + [section.pk for section in sections]
        target = groups.index(current.section_id) + (-1 if up else 1)
        if not 0 <= target < len(groups):
            return False
        current.section_id = groups[target]
        # Last of the section above, first of the section below.
        current.order = len(questions) + 1 if up else -1
        questions.sort(key=_builder_key(sections))
    _save_order(sections, questions)
    question.section_id, question.order = current.section_id, current.order
    return True


# Sections


@transaction.atomic
def section_update(section, *, title, description=""):
    """Rename a section or change its description."""
    section.title, section.description = title, description
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_move(section, *, up):
    """Move a section (with its questions) one place up or down; returns False at the edge."""
    version = section.version
    sections = ordered_sections(version)
    index = next(position for position, item in enumerate(sections) if item.pk == section.pk)
    neighbour = index + (-1 if up else 1)
    if not 0 <= neighbour < len(sections):
        return False
    sections[index], sections[neighbour] = sections[neighbour], sections[index]
    _save_order(sections, ordered_questions(version, sections))
    return True


@transaction.atomic
def section_delete(section):
    """Delete a section; its questions move to the section before it (or after it), so their order stays."""
    version = section.version
    sections = ordered_sections(version)
    index = next(position for position, item in enumerate(sections) if item.pk == section.pk)
    neighbours = sections[index - 1:index] or sections[index + 1:index + 2]
    target = neighbours[0] if neighbours else None
    questions = ordered_questions(version, sections)
    for question in questions:
        if question.section_id == section.pk:
            question.section = target
    remaining = [item for item in sections if item.pk != section.pk]
    _save_order(remaining, questions)
    section.delete()
    return target


# Questions


@transaction.atomic
def question_create(*, version, section=None, **fields):
    """Add a question at the end of its section (``question_add`` puts it at the end of the version)."""
    question = question_add(version=version, section=section, **fields)
    renumber(version)
    question.refresh_from_db(fields=["order"])
    return question


@transaction.atomic
def question_update(question, *, choices=(), rows=(), **fields):
    """Change a question of an editable version. Its choices are made again (the given ones, or generated
    for scales and pickers) and matrix rows replaced; moving it to another section renumbers the version."""
    old_section = question.section_id
    for name, value in fields.items():
        setattr(question, name, value)
    if question.kind == QuestionKind.SCALE:
        question.scale_min = question.scale_min if question.scale_min is not None else DEFAULT_SCALE[0]
        question.scale_max = question.scale_max if question.scale_max is not None else DEFAULT_SCALE[1]
    question.full_clean()
    question.save()
    set_choices(question, choices if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.MATRIX) else ())
    _set_rows(question, rows if question.kind == QuestionKind.MATRIX else ())
    if question.section_id != old_section:
        renumber(question.version)
    return question


@transaction.atomic
def question_delete(question):
    """Delete a question of an editable version; questions shown only by its answer are then always shown."""
    version = question.version
    question.dependants.update(show_if_question=None, show_if_values=[])
    question.delete()
    renumber(version)


# One-time codes

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read from paper
CODE_LENGTH = 8


def normalize_code(text):
    """A code as typed (lower case, spaces, without the dash) → its canonical form ``ABCD-EFGH``."""
    characters = "".join(character for character in str(text).upper() if character.isalnum())
    return f"{characters[:4]}-{characters[4:]}" if len(characters) == CODE_LENGTH else characters


def _new_code():
    return normalize_code("".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH)))


def code_hash(text):
    """The stored hash of a code as the respondent typed it."""
    return hash_token(normalize_code(text))


@transaction.atomic
def survey_codes_generate(survey, *, count):
    """Make ``count`` one-time codes for the survey. Only their hashes are stored: the returned codes
    can be shown (and downloaded) this once only."""
    codes = set()
    while len(codes) < count:
        wanted = {_new_code() for _number in range(count - len(codes))}
        taken = set(SurveyCode.objects.filter(code_hash__in=[hash_token(code) for code in wanted]).values_list("code_hash", flat=True))
        codes |= {code for code in wanted if hash_token(code) not in taken}
    SurveyCode.objects.bulk_create([SurveyCode(survey=survey, code_hash=hash_token(code)) for code in codes])
    return sorted(codes)
