"""dateline: who said what, when, in dated news articles."""

from .errors import DatelineError, InputError
from .model import Analysis, Article, Entity, Mention, Quote, Role, Speaker, Time
from .pipeline import analyze, analyze_many
from .sources import read
from .store import Store

__all__ = [
    "Analysis",
    "Article",
    "DatelineError",
    "Entity",
    "InputError",
    "Mention",
    "Quote",
    "Role",
    "Speaker",
    "Store",
    "Time",
    "analyze",
    "analyze_many",
    "read",
]
