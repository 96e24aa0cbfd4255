"""Reads of the coding of open answers: the themes of a survey, its open answers with suggestions,
theme frequencies per target group and the cross-cutting themes of the area."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery

from openkp.catalog.models import TargetGroup
from openkp.catalog.services import czech_sort_key

from ..models import Answer, Question, QuestionKind, Response, Survey, Theme
from ..models.surveys import TEXT_KINDS
from ..services.coding import ThemeAnswer, suggest_themes
from .analysis import selected_answers

# Filter of the coding page: all answers (uncoded first), only uncoded, only coded.
STATUS_ALL, STATUS_UNCODED, STATUS_CODED = "", "nekodovane", "kodovane"


def area_themes(*, area, survey=None, shared_only=False):
    """The area's themes with their number of coded answers; of one survey (its own and the shared ones) when given."""
    themes = (Theme.objects.for_area(area).select_related("area", "survey__area", "survey__group__area")
              .annotate(answer_count=Count("answers", distinct=True)))
    if shared_only:
        themes = themes.filter(survey__isnull=True)
    elif survey is not None:
        themes = themes.filter(Q(survey=survey) | Q(survey__isnull=True))
    return list(themes.order_by("order", "name", "pk"))


def survey_themes(survey):
    """The themes into which a survey's answers are coded: its own and those shared by the area's surveys."""
    return list(Theme.objects.for_area(survey.area).filter(Q(survey=survey) | Q(survey__isnull=True)).order_by("order", "name", "pk"))


def open_questions(survey):
    """``(code, text)`` of the survey's questions with open answers (text questions and choices with "jiné"),
    over all versions (the latest wording of each code), in the questionnaire's order."""
    questions = (Question.objects.filter(version__survey=survey)
                 .filter(Q(kind__in=TEXT_KINDS) | Q(allow_other=True, kind__in=[QuestionKind.SINGLE, QuestionKind.MULTIPLE]))
                 .order_by("-version__number", "order", "pk").values_list("code", "text", "order"))
    latest = {}
    for code, text, order in questions:
        latest.setdefault(code, (order, text))
    return [(code, text) for code, (order, text) in sorted(latest.items(), key=lambda item: item[1][0])]


def open_answers(*, survey, code, themes, status=STATUS_ALL):
    """Submitted open answers to the question ``code`` (its texts and "jiné" texts), uncoded first.
    Each answer has ``is_coded`` and, once fetched, ``themes`` limited to ``themes``."""
    theme_ids = [theme.pk for theme in themes]
    answers = (Answer.objects.filter(response__survey=survey, response__status=Response.Status.COMPLETE, question__code=code)
               .filter(Q(question__kind__in=TEXT_KINDS) | Q(choice__is_other=True)).exclude(text="")
               .annotate(is_coded=Exists(ThemeAnswer.objects.filter(answer=OuterRef("pk"), theme_id__in=theme_ids)))
               .prefetch_related(Prefetch("themes", queryset=Theme.objects.filter(pk__in=theme_ids).order_by("order", "name"))))
    if status == STATUS_UNCODED:
        answers = answers.filter(is_coded=False)
    elif status == STATUS_CODED:
        answers = answers.filter(is_coded=True)
    return answers.order_by("is_coded", "pk")


def coded_lemmas(themes):
    """``{theme pk: [stored lemmas of its coded answers]}``, for the suggestions."""
    found = {}
    rows = ThemeAnswer.objects.filter(theme_id__in=[theme.pk for theme in themes]).exclude(answer__lemmas="")
    for theme_id, text in rows.values_list("theme_id", "answer__lemmas"):
        found.setdefault(theme_id, []).append(text)
    return found


def coding_rows(answers, themes):
    """Rows of the coding page for ``answers`` (one page, themes prefetched): the answer, the pks of its themes and,
    for uncoded answers, the suggested themes."""
    answers = list(answers)
    for answer in answers:
        answer.theme_ids = {theme.pk for theme in answer.themes.all()}
    uncoded = [answer for answer in answers if not answer.theme_ids]
    suggestions = suggest_themes(uncoded, themes, coded_lemmas(themes)) if uncoded and themes else {}
    return [{"answer": answer, "suggestions": suggestions.get(answer.pk, [])} for answer in answers]


def all_suggestions(*, survey, code, themes):
    """Suggestions for every uncoded answer of the question (for accepting them in bulk)."""
    uncoded = list(open_answers(survey=survey, code=code, themes=themes, status=STATUS_UNCODED).prefetch_related(None))
    return suggest_themes(uncoded, themes, coded_lemmas(themes)) if uncoded and themes else {}


def _respondent_target_group():
    """The target group the respondent of a coded answer picked (the survey's target-group question), or None."""
    return Subquery(Answer.objects.filter(response=OuterRef("answer__response"), question__kind=QuestionKind.TARGET_GROUP,
                                          choice__target_group__isnull=False)
                    .order_by("pk").values("choice__target_group")[:1])


def _theme_counts(coded):
    """``[(theme_id, target_group_id or None, answers)]`` counted in the database."""
    return list(coded.annotate(target_group_id=_respondent_target_group()).values("theme_id", "target_group_id")
                .annotate(count=Count("answer_id", distinct=True)).values_list("theme_id", "target_group_id", "count"))


def _target_groups(ids):
    groups = TargetGroup.objects.filter(pk__in=[pk for pk in ids if pk is not None])
    return sorted(groups, key=lambda group: czech_sort_key(group.name))


@dataclass
class FrequencyRow:
    theme: Theme
    counts: list  # per target group, in the order of the columns
    unknown: int = 0  # answers of respondents who did not say their target group
    total: int = 0


def theme_frequencies(survey):
    """Coded answers of a survey per theme × the respondent's target group.
    Returns ``(target groups, rows)``; rows in the themes' order, with the unknown group and totals."""
    themes = survey_themes(survey)
    coded = ThemeAnswer.objects.filter(theme__in=themes, answer__response__survey=survey,
                                       answer__response__status=Response.Status.COMPLETE)
    counts = _theme_counts(coded)
    groups = _target_groups({group_id for _, group_id, _ in counts})
    column = {group.pk: index for index, group in enumerate(groups)}
    rows = {theme.pk: FrequencyRow(theme=theme, counts=[0] * len(groups)) for theme in themes}
    for theme_id, group_id, count in counts:
        row = rows[theme_id]
        if group_id is None:
            row.unknown += count
        else:
            row.counts[column[group_id]] += count
        row.total += count
    return groups, list(rows.values())


@dataclass
class CrossCuttingTheme:
    name: str
    themes: list = field(default_factory=list)
    groups: dict = field(default_factory=dict)  # TargetGroup -> answers
    answers: int = 0

    @property
    def group_count(self):
        return len(self.groups)

    @property
    def groups_by_count(self):
        return sorted(self.groups.items(), key=lambda item: (-item[1], czech_sort_key(item[0].name)))


def cross_cutting_themes(*, area, survey=None, min_groups=2):
    """Themes that appear in the answers of several target groups, over all surveys of the area (or one).

    Themes of the same name in different surveys count as one. Ranked by the number of target groups in
    which they appear, then by the number of coded answers. Returns ``(themes, number of target groups overall)``.
    """
    coded = ThemeAnswer.objects.filter(theme__area=area, answer__response__status=Response.Status.COMPLETE,
                                       answer__response__survey__area=area)
    if survey is not None:
        coded = coded.filter(answer__response__survey=survey)
    counts = _theme_counts(coded)
    themes = Theme.objects.for_area(area).in_bulk({theme_id for theme_id, _, _ in counts})
    groups = {group.pk: group for group in _target_groups({group_id for _, group_id, _ in counts})}
    merged = {}
    for theme_id, group_id, count in counts:
        theme = themes[theme_id]
        entry = merged.setdefault(theme.name.strip().lower(), CrossCuttingTheme(name=theme.name))
        if theme not in entry.themes:
            entry.themes.append(theme)
        entry.answers += count
        if group_id is not None:
            group = groups[group_id]
            entry.groups[group] = entry.groups.get(group, 0) + count
    ranked = sorted((entry for entry in merged.values() if entry.group_count >= min_groups),
                    key=lambda entry: (-entry.group_count, -entry.answers, czech_sort_key(entry.name)))
    return ranked, len(groups)


def area_surveys(area):
    return list(Survey.objects.for_area(area).order_by("-created_at"))


@dataclass
class QuestionThemes:
    """The coding of one open question's answers within a selection of responses."""

    coded: int = 0  # answers coded into at least one theme
    themes: list = field(default_factory=list)  # [(theme name, answers)], most frequent first


def question_themes(selection, questions):
    """``{question code: QuestionThemes}`` of the open questions ``questions`` (``AnalysedQuestion``) over the selected
    responses (``analysis.Selection``): two queries for all of them. Answers of a question's "jiné" choice count too."""
    code_of = {pk: question.code for question in questions for pk in question.ids}
    if not code_of:
        return {}
    themes = {theme.pk: theme for theme in survey_themes(selection.survey)}
    coded = ThemeAnswer.objects.filter(theme_id__in=themes, answer__in=selected_answers(selection).filter(question_id__in=code_of)
                                       .exclude(text="").values("pk"))
    found = {}
    for question_id, theme_id, count in (coded.values("answer__question_id", "theme_id").annotate(n=Count("answer_id", distinct=True))
                                         .order_by().values_list("answer__question_id", "theme_id", "n")):
        counts = found.setdefault(code_of[question_id], {})
        counts[theme_id] = counts.get(theme_id, 0) + count
    answers = {}
    for question_id, count in (coded.values("answer__question_id").annotate(n=Count("answer_id", distinct=True)).order_by()
                               .values_list("answer__question_id", "n")):
        answers[code_of[question_id]] = answers.get(code_of[question_id], 0) + count
    result = {}
    for code, counts in found.items():
        ranked = sorted(counts.items(), key=lambda item: (-item[1], themes[item[0]].order, czech_sort_key(themes[item[0]].name)))
        result[code] = QuestionThemes(coded=answers.get(code, 0), themes=[(themes[pk].name, count) for pk, count in ranked])
    return result
