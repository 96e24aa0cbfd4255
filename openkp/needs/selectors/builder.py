"""Reads of the survey builder."""

from ..services import surveys as services


def outline(version):
    """Sections with their questions in builder order, ``[(section or None, [question])]``. Every question gets
    ``number`` (1, 2, 3… across sections) and, when its display depends on another question, that question
    (no extra query) and ``condition_labels``, the texts of the values that show it."""
    sections = services.ordered_sections(version)
    questions = services.ordered_questions(version, sections, version.questions.prefetch_related("choices", "rows"))
    by_pk = {question.pk: question for question in questions}
    for number, question in enumerate(questions, start=1):
        question.number = number
        condition = by_pk.get(question.show_if_question_id)
        if condition is not None:
            question.show_if_question = condition
            labels = {choice.value: choice.label for choice in condition.choices.all()}
            question.condition_labels = [labels.get(str(value), value) for value in question.show_if_values]
    outside = [question for question in questions if question.section_id is None]
    groups = [(None, outside)] if outside else []
    for position, section in enumerate(sections, start=1):
        section.position, section.can_move_up, section.can_move_down = position, position > 1, position < len(sections)
        groups.append((section, [question for question in questions if question.section_id == section.pk]))
    # Where "move up / down" can go (services.surveys.question_move): across sections, not past the ends.
    for index, (_group, items) in enumerate(groups):
        for question in items:
            question.can_move_up = question is not items[0] or index > 0
            question.can_move_down = question is not items[-1] or index < len(groups) - 1
    return groups
