"""Needs assessment: surveys and their answers, themes of open answers, SWOT/PEST, demographic figures,
the needs register with its gaps, and the needs-and-services map."""

from .coding import Theme
from .demography import DemographicFigure
from .register import Gap, Need, NeedsMap, Urgency
from .surveys import (
    Answer,
    Audience,
    Choice,
    MatrixRow,
    Question,
    QuestionKind,
    Response,
    Section,
    Survey,
    SurveyCode,
    SurveyVersion,
)
from .swot import SwotAnalysis, SwotItem, SwotVote

__all__ = [
    "Answer", "Audience", "Choice", "DemographicFigure", "Gap", "MatrixRow", "Need", "NeedsMap", "Question", "QuestionKind",
    "Response", "Section", "Survey", "SurveyCode", "SurveyVersion", "SwotAnalysis", "SwotItem", "SwotVote", "Theme", "Urgency",
]
