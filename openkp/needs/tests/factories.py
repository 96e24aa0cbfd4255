"""Test data of the needs analysis: a sample survey with every kind of question, and answers to it."""

from openkp.core.models import Municipality, MunicipalityPart

from ..models import QuestionKind, Response, Survey
from ..services.responses import record_answers
from ..services.surveys import question_add, section_add, survey_create

# code, kind, text, extra fields (choices / rows as (value, label); "show_if": (code, [values]))
SAMPLE_QUESTIONS = [
    ("skupina", QuestionKind.TARGET_GROUP, "Do které skupiny patříte?", {"required": True}),
    ("obvod", QuestionKind.PLACE, "Ve kterém obvodu bydlíte?", {}),
    ("pomoc", QuestionKind.SINGLE, "Víte, kam se obrátit, když potřebujete pomoc?",
     {"required": True, "choices": [("ano", "Ano"), ("ne", "Ne")]}),
    ("proc", QuestionKind.LONG_TEXT, "Co by vám pomohlo se zorientovat?", {"show_if": ("pomoc", ["ne"])}),
    ("chybi", QuestionKind.MULTIPLE, "Co vám v okolí chybí?",
     {"choices": [("bydleni", "Dostupné bydlení"), ("doprava", "Doprava k lékaři"), ("odlehcovaci", "Odlehčovací služba")],
      "allow_other": True}),
    ("spokojenost", QuestionKind.SCALE, "Jak jste spokojen/a se sociálními službami?",
     {"scale_min_label": "velmi nespokojen/a", "scale_max_label": "velmi spokojen/a"}),
    ("dostupnost", QuestionKind.MATRIX, "Jak snadno se dostanete k těmto službám?",
     {"rows": [("lekar", "Praktický lékař"), ("urad", "Úřad")], "choices": [("snadno", "Snadno"), ("obtizne", "Obtížně")]}),
    ("vek", QuestionKind.NUMBER, "Kolik je vám let?", {"min_value": 0, "max_value": 120}),
    ("vzkaz", QuestionKind.SHORT_TEXT, "Vzkaz pro radnici", {}),
]


def districts(area):
    """Two city districts of the area (the place picker offers them)."""
    city = Municipality.objects.get_or_create(code="554821", defaults={"name": "Ostrava"})[0]
    area.municipalities.add(city)
    for code, name in (("546003", "Ostrava-Jih"), ("546054", "Poruba")):
        MunicipalityPart.objects.get_or_create(kind=MunicipalityPart.Kind.CITY_DISTRICT, code=code,
                                               defaults={"municipality": city, "name": name})
    return city


def sample_survey(area, *, status=Survey.Status.OPEN, title="Dotazník pro uživatele", **fields):
    districts(area)
    survey = survey_create(area=area, title=title, status=status, **fields)
    version = survey.current_version
    first = section_add(version=version, title="O vás")
    second = section_add(version=version, title="Služby v okolí")
    created = {}
    for index, (code, kind, text, extra) in enumerate(SAMPLE_QUESTIONS):
        extra = dict(extra)
        show_if = extra.pop("show_if", None)
        if show_if:
            extra["show_if_question"] = created[show_if[0]]
            extra["show_if_values"] = show_if[1]
        created[code] = question_add(version=version, kind=kind, text=text, code=code, section=first if index < 2 else second, **extra)
    return survey


def respond(survey, values, *, mode=Response.Mode.ONLINE, complete=True, **fields):
    response = Response.objects.create(area=survey.area, survey=survey, version=survey.current_version, mode=mode, **fields)
    return record_answers(response, values, complete=complete)
