"""The public surface: a short, sorted __all__; click stays in the CLI."""

from __future__ import annotations

import re
from pathlib import Path

import dateline


def test_public_names() -> None:
    assert dateline.__all__ == [
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
    assert dateline.__all__ == sorted(dateline.__all__)
    assert all(hasattr(dateline, name) for name in dateline.__all__)


def test_only_the_cli_imports_click() -> None:
    package = Path(dateline.__file__).parent
    importers = [
        p.name
        for p in sorted(package.rglob("*.py"))
        if re.search(r"^\s*(import|from)\s+(click|rich)\b", p.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert importers == ["cli.py"]
