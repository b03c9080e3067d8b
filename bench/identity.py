"""Who is who across articles: person merge precision and recall on 42 PolNeAR train articles.

    .venv/bin/python bench/identity.py [DATA] [--errors]   # DATA defaults to ../shared/data

`bench/identity/polnear_train.json` lists, for 42 training articles that share people (the
Bushes, Clintons, Trumps, Obamas, Kennedys, Scotts, Johnsons, Grahams, Bidens ...), each person
entity dateline named whose surname another of them also names, with the real person it is:
477 entities of 112 people, hand-checked by reading the articles ('-' for a family, a plural
or no person at all: those are left out).

The articles are analysed and written to an in-memory store; each labelled entity is found in
its article by name (else by a mention with that text, else by its surname alone: "Bashing
Trump" became "Trump") and takes the store's person. Over all
pairs of labelled entities: precision is the share of pairs the store puts in one person that
are one real person, recall the share of pairs of one real person that the store puts in one
person. The store is built twice, the articles in two orders; `same_in_both_orders` says
whether the two stores group the entities alike. Prints one JSON object; `--errors` lists the
wrongly merged and wrongly split people. Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.evaluate import polnear_articles  # noqa: E402
from dateline.identity import name_key  # noqa: E402
from dateline.model import Analysis  # noqa: E402
from dateline.pipeline import analyze_many  # noqa: E402
from dateline.store import Store  # noqa: E402

GOLD = Path(__file__).resolve().parent / "identity" / "polnear_train.json"
Item = tuple[str, str]  # (article, entity name as labelled)


def people_of(
    analyses: list[Analysis], gold: dict[str, dict[str, str]]
) -> tuple[dict[Item, int | None], int]:
    """The store's person for each labelled entity (None when the entity is not found), and how
    many people the store holds."""
    with Store(":memory:") as store:
        store.write(analyses)
        found: dict[Item, int | None] = {}
        for analysis in analyses:
            article = Path(analysis.article.source).stem
            rows = store.db.execute(
                "SELECT entity_id, name, person_id FROM entities WHERE article_id = ? AND kind = 'person'",
                (analysis.article.id,),
            ).fetchall()
            mentions = defaultdict(set)
            for eid, text in store.db.execute(
                "SELECT entity_id, text FROM mentions WHERE article_id = ?", (analysis.article.id,)
            ):
                mentions[eid].add(name_key(text))
            for name, pid in gold.get(article, {}).items():
                if pid == "-":
                    continue
                key, last = name_key(name), name_key(name).split()[-1]
                hit = (
                    [p for _, n, p in rows if name_key(n) == key]
                    or [p for eid, _, p in rows if key in mentions[eid]]
                    or [p for eid, _, p in rows if last in mentions[eid]]  # a name since cleaned up
                )
                found[article, name] = hit[0] if len(set(hit)) == 1 else None
        (count,) = store.db.execute("SELECT count(*) FROM people").fetchone()
    return found, int(count)


def pairs(groups: dict[Item, Any]) -> set[frozenset[Item]]:
    by: dict[Any, list[Item]] = defaultdict(list)
    for item, group in groups.items():
        if group is not None:
            by[group].append(item)
    return {frozenset(p) for members in by.values() for p in combinations(sorted(members), 2)}


def score(found: dict[Item, int | None], gold: dict[str, dict[str, str]]) -> dict[str, Any]:
    """Pairwise merge precision and recall of the store's people against the labels."""
    truth = {(a, n): p for a, names in gold.items() for n, p in names.items() if p != "-"}
    predicted = pairs(found)
    real = pairs(truth)
    right = predicted & real
    merged: dict[tuple[str, str], int] = defaultdict(int)
    for pair in predicted - real:
        a, b = sorted(pair)
        merged[tuple(sorted((truth[a], truth[b])))] += 1  # type: ignore[index]
    split: dict[str, int] = defaultdict(int)
    for pair in real - predicted:
        a, _ = sorted(pair)
        split[truth[a]] += 1
    return {
        "articles": len(gold),
        "entities": len(truth),
        "people": len(set(truth.values())),
        "not_found": sorted(f"{a}: {n}" for (a, n), p in found.items() if p is None),
        "precision": round(len(right) / len(predicted), 4) if predicted else 1.0,
        "recall": round(len(right) / len(real), 4) if real else 1.0,
        "wrongly_merged": {f"{a} + {b}": n for (a, b), n in sorted(merged.items(), key=lambda x: -x[1])},
        "wrongly_split": dict(sorted(split.items(), key=lambda x: -x[1])),
    }


def same_grouping(a: dict[Item, int | None], b: dict[Item, int | None]) -> bool:
    return pairs(a) == pairs(b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--errors", action="store_true", help="List wrongly merged and split people.")
    args = parser.parse_args()
    folder = Path(args.data) / "polnear" / "train"
    if not folder.is_dir():
        print(f"skipped identity: no {folder}", file=sys.stderr)
        return
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    articles = [a for a in polnear_articles(folder) if Path(a.source).stem in gold]
    analyses = list(analyze_many(articles))
    print(json.dumps(run(analyses, gold, errors=args.errors), indent=1 if args.errors else None))


def run(analyses: list[Analysis], gold: dict[str, dict[str, str]], *, errors: bool = False) -> dict[str, Any]:
    """The figures for analyses of the labelled articles, stored in two orders."""
    found, count = people_of(analyses, gold)
    backwards, _ = people_of(list(reversed(analyses)), gold)
    figures = score(found, gold)
    figures["store_people"] = count
    figures["same_in_both_orders"] = same_grouping(found, backwards)
    if not errors:
        for k in ("wrongly_merged", "wrongly_split", "not_found"):
            figures[k] = len(figures[k])
    return figures


if __name__ == "__main__":
    main()
