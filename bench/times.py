"""Time-expression benchmark: TempEval-3 figures on TimeBank and AQUAINT, the commonest errors,
and what the time stage costs next to the spaCy parse.

    .venv/bin/python bench/times.py [DATA]      # DATA defaults to ../shared/data beside the repo

Prints one JSON object per folder (relaxed, strict, value and type F1 as the reference scorer
computes them) with its errors counted by kind (value errors by category: granularity,
underspecified gold, reference, point vs amount, a week off, year, amount, other), the commonest
error kinds with an example each, and the time spent in `find_times` against the time spent
parsing the same documents. Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline import nlp  # noqa: E402
from dateline.evaluate import parse_tml, score_timeml, timeml_articles  # noqa: E402
from dateline.times import find_times  # noqa: E402
from dateline.timewords import MONTHS, WEEKDAYS  # noqa: E402

FOLDERS = ("TimeBank", "AQUAINT")
_NAMES = re.compile(r"\b(?:" + "|".join(sorted([*MONTHS, *WEEKDAYS], key=len, reverse=True)) + r")\b\.?")


def shape(text: str) -> str:
    """An expression with its particulars replaced: "Aug. 7, 1998" is "<name> 9, 9999"."""
    return re.sub(r"\d", "9", _NAMES.sub("<name>", " ".join(text.lower().split())))


_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


def value_category(gold: str, found: str) -> str:
    """What kind of value error a pair of gold and system values is: "granularity" when one is
    a coarser form of the other (1998 and 1998-Q3), "underspecified" when the gold leaves out
    what the text lets the system fill in (1989-WXX, 1948-XX), "reference" when one of them is a
    PAST_REF/PRESENT_REF/FUTURE_REF, "point vs amount" between a date and a duration, "a week
    off" for a weekday placed in the wrong week, "year" when only the year differs, "amount"
    between two durations, else "other"."""
    if gold == found:
        return "same"
    known = gold.split("X")[0].rstrip("-")
    if "X" in gold and known and found.startswith(known):
        return "underspecified"
    if re.sub(r"W0(\d)", r"W\1", found) == gold:
        return "underspecified"
    if found.startswith(gold) or gold.startswith(found):
        return "granularity"
    if "REF" in gold or "REF" in found:
        return "reference"
    if gold.startswith("P") != found.startswith("P"):
        return "point vs amount"
    if gold.startswith("P"):
        return "amount"
    g, f = _DAY.match(gold), _DAY.match(found)
    if g and f:
        days = abs((dt.date(*map(int, g.groups())) - dt.date(*map(int, f.groups()))).days)
        if days and days % 7 == 0 and days <= 14:
            return "a week off"
    if gold[4:] == found[4:]:
        return "year"
    return "other"


def errors(records: list[dict[str, Any]], folder: Path) -> list[tuple[str, str, str]]:
    """(kind, shape, example) for every error, matching gold and system tags as the scorer does."""
    found: list[tuple[str, str, str]] = []
    by_name = {Path(r["source"]).stem: r for r in records}
    for path in sorted(folder.glob("*.tml")):
        published, text, gold = parse_tml(path)
        system = by_name.get(path.stem, {}).get("times", [])
        used: set[int] = set()
        for g in gold:
            said = text[g["start"] : g["end"]]
            near = " ".join(text[max(0, g["start"] - 40) : g["end"] + 20].split()) + f" ({published})"
            hit = next(
                (
                    j
                    for j, t in enumerate(system)
                    if j not in used and t["start"] < g["end"] and g["start"] < t["end"]
                ),
                None,
            )
            if hit is None:
                found.append(("missed", shape(said), f"{said!r} {g['type']} {g['value']} | {near}"))
                continue
            used.add(hit)
            t = system[hit]
            if t["text"].strip() != said.strip():
                found.append(("extent", shape(said), f"gold {said!r}, found {t['text']!r} | {near}"))
            if str(t["value"]) != str(g["value"]):
                kind = "value: " + value_category(str(g["value"]), str(t["value"]))
                found.append((kind, shape(said), f"{said!r} gold {g['value']}, found {t['value']} | {near}"))
            elif t["type"] != g["type"]:
                found.append(("type", shape(said), f"{said!r} gold {g['type']}, found {t['type']} | {near}"))
        for j, t in enumerate(system):
            if j not in used:
                near = " ".join(text[max(0, t["start"] - 40) : t["end"] + 20].split()) + f" ({published})"
                found.append(("spurious", shape(t["text"]), f"{t['text']!r} {t['value']} | {near}"))
    return found


def run(folder: Path) -> tuple[dict[str, Any], list[tuple[str, str, str]], float, float]:
    articles = list(timeml_articles(folder))
    started = time.perf_counter()
    docs = list(nlp.load().pipe([a.text for a in articles], batch_size=16))
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    found = [find_times(doc, a.published) for a, doc in zip(articles, docs, strict=True)]
    time_seconds = time.perf_counter() - started
    records = [
        {"source": a.source, "times": [t.to_dict() for t in ts]}
        for a, ts in zip(articles, found, strict=True)
    ]
    return score_timeml(records, folder), errors(records, folder), parse_seconds, time_seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "data", nargs="?", default=str(ROOT.parent / "shared" / "data"), help="benchmark data folder"
    )
    parser.add_argument("--top", type=int, default=20, help="how many error kinds to list")
    args = parser.parse_args()
    base = Path(args.data) / "timeml" / "tbaq-cleaned"
    if not base.is_dir():
        print(f"skipped: no TimeML data at {base}")
        return 0
    all_errors: list[tuple[str, str, str]] = []
    parse_total = time_total = 0.0
    for name in FOLDERS:
        scores, errs, parse_seconds, time_seconds = run(base / name)
        print(json.dumps({"folder": name, **scores}))
        print("  errors by kind:", json.dumps(dict(Counter(kind for kind, _, _ in errs).most_common())))
        all_errors += errs
        parse_total += parse_seconds
        time_total += time_seconds
    print(f"\ncommonest errors (kind, shape, count, an example) over {len(FOLDERS)} folders:")
    examples: dict[tuple[str, str], str] = {}
    for kind, form, example in all_errors:
        examples.setdefault((kind, form), example)
    for (kind, form), count in Counter((k, f) for k, f, _ in all_errors).most_common(args.top):
        print(f"  {kind:24} {form!r:28} {count:3}  {examples[(kind, form)][:110]}")
    ratio = time_total / parse_total if parse_total else 0.0
    print(f"\ncost: find_times {time_total:.2f}s, spaCy parse {parse_total:.2f}s, ratio {ratio:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
