"""dateline's exceptions: one small hierarchy, messages that quote the bad value."""

from __future__ import annotations


class DatelineError(Exception):
    """Anything dateline reports to a user as one line."""


class InputError(DatelineError):
    """An input that is not a dated article: names the input (and line) and the problem."""

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class PipelineError(DatelineError):
    """The English pipeline cannot be loaded."""


class StoreError(DatelineError):
    """The database cannot be opened or is not a dateline store."""
