"""Coding open answers into themes: suggestions from Czech lemmas (pure) and the writes of the coding page.

A theme is suggested for an answer when the answer shares word forms with the theme's keywords or with
answers already coded into the theme. Both sides are reduced by ``openkp.needs.text.lemmas``, so
"bydlení" meets "bydlením" and "dluhy" meets "dluhů" without any external service.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from openkp.catalog.text import words

from ..models import Theme
from ..text import lemmas

# A keyword is what a coder chose on purpose; a word shared with coded answers is only a hint.
KEYWORD_WEIGHT = 3
CODED_WORD_WEIGHT = 1
SUGGESTIONS_PER_ANSWER = 3
DEFAULT_MIN_SCORE = KEYWORD_WEIGHT

_KEYWORD_SEPARATORS = re.compile(r"[,;\n]+")

ThemeAnswer = Theme.answers.through


@dataclass(frozen=True)
class Suggestion:
    theme: Theme
    score: float
    keywords: tuple = ()  # the keywords that matched, to show why the theme is suggested


def keyword_list(theme):
    """The theme's keywords (comma, semicolon or line separated), stripped, without empty ones."""
    return [keyword.strip() for keyword in _KEYWORD_SEPARATORS.split(theme.keywords or "") if keyword.strip()]


def answer_lemmas(answer):
    """The answer's stored lemmas as a set (computed from the text when they were not stored)."""
    stored = (answer.lemmas or "").split()
    return set(stored) if stored else lemmas(answer.text)


def _keyword_forms(theme):
    """(keyword, forms of each of its words) pairs; a keyword of several words matches only when all of them do."""
    pairs = []
    for keyword in keyword_list(theme):
        per_word = [lemmas(word) for word in keyword.split()]
        per_word = [forms for forms in per_word if forms]
        if per_word:
            pairs.append((keyword, per_word))
    return pairs


def _vocabularies(themes, coded_lemmas):
    """Per theme, the share of its coded answers in which each word form occurs: a form typical of the theme weighs
    more than one that occurs in a single answer coded into it among others. Forms that every such theme has tell
    nothing and are left out."""
    vocabularies = {}
    for theme in themes:
        texts = coded_lemmas.get(theme.pk, ())
        counts = {}
        for text in texts:
            for form in set(text.split()):
                counts[form] = counts.get(form, 0) + 1
        if counts:
            vocabularies[theme.pk] = {form: count / len(texts) for form, count in counts.items()}
    if len(vocabularies) > 1:
        common = set.intersection(*(set(shares) for shares in vocabularies.values()))
        vocabularies = {pk: {form: share for form, share in shares.items() if form not in common} for pk, shares in vocabularies.items()}
    return vocabularies


def _word_forms(text):
    """The forms of each meaningful word of ``text``, one set per distinct word."""
    per_word = {}
    for word in words(text):
        forms = lemmas(word)
        if forms:
            per_word.setdefault(word.lower(), forms)
    return list(per_word.values())


def suggest_themes(answers, themes, coded_lemmas=None, *, limit=SUGGESTIONS_PER_ANSWER):
    """Suggested themes per answer: ``{answer.pk: [Suggestion, …]}``, best first, at most ``limit`` each.

    ``answers`` have ``pk``, ``lemmas`` and ``text``; ``themes`` have ``pk`` and ``keywords``;
    ``coded_lemmas`` maps a theme's pk to the stored lemmas of its coded answers. Score: ``KEYWORD_WEIGHT``
    per matching keyword plus ``CODED_WORD_WEIGHT`` times, for each word of the answer, the share of the theme's
    coded answers that contain it (so words typical of the theme count, words of one stray answer hardly).
    Themes the answer already has are not suggested. Pure: reads nothing from the database.
    """
    themes = list(themes)
    keyword_forms = {theme.pk: _keyword_forms(theme) for theme in themes}
    vocabularies = _vocabularies(themes, coded_lemmas or {})
    suggestions = {}
    for answer in answers:
        found = answer_lemmas(answer)
        if not found:
            continue
        answer_words = _word_forms(answer.text) if vocabularies else []
        has = set(getattr(answer, "theme_ids", ()) or ())
        ranked = []
        for theme in themes:
            if theme.pk in has:
                continue
            matched = tuple(keyword for keyword, per_word in keyword_forms[theme.pk] if all(forms & found for forms in per_word))
            vocabulary = vocabularies.get(theme.pk, {})
            shared = sum(max((vocabulary.get(form, 0) for form in forms), default=0) for forms in answer_words)
            score = round(KEYWORD_WEIGHT * len(matched) + CODED_WORD_WEIGHT * shared, 1)
            if score > 0:
                ranked.append(Suggestion(theme=theme, score=score, keywords=matched))
        if ranked:
            ranked.sort(key=lambda suggestion: (-suggestion.score, suggestion.theme.order, suggestion.theme.name))
            suggestions[answer.pk] = ranked[:limit]
    return suggestions


@transaction.atomic
def set_answer_themes(*, codes, themes):
    """Code answers exactly: ``codes`` maps an answer's pk to the pks of its themes among ``themes``.

    Themes outside ``themes`` (e.g. of another survey) are left as they are. Returns the number of changed links.
    """
    theme_ids = {theme.pk for theme in themes}
    if not codes or not theme_ids:
        return 0
    current = set(ThemeAnswer.objects.filter(answer_id__in=codes, theme_id__in=theme_ids).values_list("answer_id", "theme_id"))
    wanted = {(answer_id, theme_id) for answer_id, chosen in codes.items() for theme_id in set(chosen) & theme_ids}
    removed = current - wanted
    if removed:
        condition = Q()
        for answer_id, theme_id in removed:
            condition |= Q(answer_id=answer_id, theme_id=theme_id)
        ThemeAnswer.objects.filter(condition).delete()
    added = wanted - current
    ThemeAnswer.objects.bulk_create([ThemeAnswer(answer_id=answer_id, theme_id=theme_id) for answer_id, theme_id in added])
    return len(removed) + len(added)


def assign_theme(*, theme, answer_ids):
    """Add one theme to several answers (bulk assignment); answers that have it already are skipped.
    Returns the number of answers that got it."""
    answer_ids = set(answer_ids)
    existing = set(ThemeAnswer.objects.filter(theme=theme, answer_id__in=answer_ids).values_list("answer_id", flat=True))
    new = answer_ids - existing
    ThemeAnswer.objects.bulk_create([ThemeAnswer(theme=theme, answer_id=answer_id) for answer_id in new])
    return len(new)


def accept_suggestions(*, suggestions, min_score=DEFAULT_MIN_SCORE):
    """Code every answer into its suggested themes scoring at least ``min_score``.
    ``suggestions`` is the result of ``suggest_themes``. Returns the number of new links."""
    links = {(answer_id, suggestion.theme.pk) for answer_id, found in suggestions.items() for suggestion in found
             if suggestion.score >= min_score}
    if not links:
        return 0
    existing = set(ThemeAnswer.objects.filter(answer_id__in={answer_id for answer_id, _ in links},
                                              theme_id__in={theme_id for _, theme_id in links}).values_list("answer_id", "theme_id"))
    new = links - existing
    ThemeAnswer.objects.bulk_create([ThemeAnswer(answer_id=answer_id, theme_id=theme_id) for answer_id, theme_id in new])
    return len(new)
