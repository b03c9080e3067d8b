"""Named-speaker accuracy on a hand-checked sample of PolNeAR dev attributions by a person.

    .venv/bin/python bench/speakers.py [DATA] [--errors]   # DATA defaults to ../shared/data

`bench/speakers/polnear_dev.json` holds 190 gold attributions (72 articles) whose source is a
person: named ("Caddell", "Sen. Lindsey Graham"), a pronoun ("he", "I" in a reader's letter), a
description ("the mayor", "the California congressman") or a relative pronoun ("who"). Each
was labelled by reading its article with the person's fullest name there (`label`); `also`
lists the other forms of that full name the article itself uses ("Loretta Lynch" beside
"Loretta E. Lynch"). They were drawn at random (seed 4, four attributions with a source per
article), and those whose source is no one person (organisations, groups, "a source") dropped.

A gold attribution is matched to the predicted quote whose speaker mention overlaps its source;
failing that, to the predicted quote whose content overlaps one of its contents best (character
Dice >= 0.5): the speaker is who dateline says said those words. An attribution matched to no
quote counts as wrong (`coverage` says how many were matched). A speaker is right when its
name equals the label or an `also` form, compared as `dateline.evaluate.name_key` does (case,
dots and commas ignored; quotation marks too); and where the article never gives a first name
("Mr. Obama" throughout), a full name with that surname ("Barack Obama") is right as well.

`entity_accuracy` is a diagnostic of coreference alone: the name of the entity one of whose
mentions overlaps the gold source, whether or not a quote was found.
Prints one JSON object; `--errors` adds every wrong attribution. Exits 0 when data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.evaluate import dice, name_key, polnear_articles  # noqa: E402
from dateline.pipeline import analyze_many  # noqa: E402

SAMPLE = Path(__file__).resolve().parent / "speakers" / "polnear_dev.json"
PRONOUNS = {"he", "she", "i", "we", "they", "his", "her", "him", "my", "our", "their"}
RELATIVES = {"who", "whom", "that", "which"}


def key(name: str | None) -> str:
    return name_key((name or "").replace('"', " ").replace("\u201c", " ").replace("\u201d", " "))


def right(name: str | None, gold: dict[str, Any]) -> bool:
    """Whether a resolved speaker name is the labelled person."""
    found = key(name)
    forms = {key(gold["label"]), *(key(a) for a in gold.get("also", []))}
    if found in forms:
        return True
    label = key(gold["label"]).split()
    return len(label) == 1 and len(found.split()) > 1 and found.split()[-1] == label[0]


def mention_type(source: str) -> str:
    """What kind of words name the source: pronoun, relative, description or name."""
    words = source.lower().replace("\u2019s", "").replace("'s", "").split()
    if words and words[0] in PRONOUNS and len(words) == 1:
        return "pronoun"
    if words and words[0] in RELATIVES and len(words) == 1:
        return "relative"
    if not any(w[:1].isupper() for w in source.split()) or words[0] in {"the", "a", "an", "my", "his", "her"}:
        return "description"
    return "name"


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match(gold: dict[str, Any], record: dict[str, Any]) -> dict[str, Any] | None:
    """The predicted quote for a gold attribution: by speaker mention, else by content."""
    src = (gold["start"], gold["end"])
    for q in record["quotes"]:
        m = (q.get("speaker") or {}).get("mention")
        if m and _overlaps((m["start"], m["end"]), src):
            return dict(q)
    best, best_score = None, 0.5
    for q in record["quotes"]:
        spans = [tuple(s) for s in q["spans"]]
        for content in gold["contents"]:
            score = dice(spans, [tuple(s) for s in content])
            if score >= best_score:
                best, best_score = q, score
    return dict(best) if best else None


def entity_name(gold: dict[str, Any], record: dict[str, Any]) -> str | None:
    """The person (else any entity) with the last mention inside the gold source ("Hillary
    Clinton's campaign manager Robby Mook" is Robby Mook)."""
    src = (gold["start"], gold["end"])
    found = [
        (e["kind"] == "person", m["start"], str(e["name"]))
        for e in record["entities"]
        for m in e["mentions"]
        if _overlaps((m["start"], m["end"]), src)
    ]
    return max(found)[2] if found else None


def score(records: Iterable[dict[str, Any]], sample: list[dict[str, Any]]) -> dict[str, Any]:
    """Named-speaker accuracy, coverage and the errors, overall and by kind of mention."""
    by_name = {Path(r["source"]).stem: r for r in records}
    counts: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {}
    wrong: list[dict[str, Any]] = []
    for gold in sample:
        record = by_name[gold["article"]]
        kind = mention_type(gold["source"])
        tally = kinds.setdefault(kind, Counter())
        tally["n"] += 1
        quote = match(gold, record)
        name = ((quote or {}).get("speaker") or {}).get("name")
        entity = entity_name(gold, record)
        counts["covered"] += quote is not None
        ok = quote is not None and right(name, gold)
        counts["right"] += ok
        counts["entity_right"] += right(entity, gold)
        tally["right"] += ok
        if not ok:
            found = "no quote" if quote is None else repr(name)
            wrong.append({**{k: gold[k] for k in ("article", "source", "label")}, "found": found})
    n = len(sample)
    return {
        "attributions": n,
        "articles": len({g["article"] for g in sample}),
        "named_speaker_accuracy": round(counts["right"] / n, 4),
        "coverage": round(counts["covered"] / n, 4),
        "accuracy_when_covered": round(counts["right"] / max(1, counts["covered"]), 4),
        "entity_accuracy": round(counts["entity_right"] / n, 4),
        "by_mention": {k: f"{v['right']}/{v['n']}" for k, v in sorted(kinds.items())},
        "errors": wrong,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--errors", action="store_true", help="List every wrong attribution.")
    args = parser.parse_args()
    folder = Path(args.data) / "polnear" / "dev"
    if not folder.is_dir():
        print(f"skipped speakers: no {folder}", file=sys.stderr)
        return
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    wanted = {g["article"] for g in sample}
    articles = [a for a in polnear_articles(folder) if Path(a.source).stem in wanted]
    figures = score((a.to_dict() for a in analyze_many(articles)), sample)
    if not args.errors:
        figures["errors"] = len(figures["errors"])
    print(json.dumps(figures, indent=None if not args.errors else 1))


if __name__ == "__main__":
    main()
