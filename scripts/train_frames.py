"""Choose the deed frames (dateline/data/deed_frames.json) on PolNeAR train, held out five-fold.

For each fifth of the articles, the tagger is trained as `make train-quotes` trains it on the
other four fifths, and the analysis (without frames) is run on the fifth left out. Every frame
occurrence there that no attribution covers (deeds.candidates: a verb with its subject and its
object, infinitive, preposition's object or clause) counts as right when a gold attribution's
content matches its complement (character Dice at least 0.5), for the verb's frame and for its
class's. A frame is kept when at least MIN_RIGHT occurrences and at least MIN_SHARE of them were
right; a verb's frame seen MIN_RIGHT times and not kept, whose class's frame is, is "unlike" it.
Reproduce with `make train-frames`, or:

    .venv/bin/python scripts/train_frames.py ../shared/data/polnear/train [--cache DIR]

About 25 minutes on two cores (five trainings of the tagger).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from train_quotes import FOLDS, fold, parsed, sequences, trained

from dateline import deeds, knowledge
from dateline.evaluate import dice, parse_ann, polnear_articles
from dateline.pipeline import analyze_doc
from dateline.quotemarks import quote_pairs

OUT = Path(__file__).resolve().parent.parent / "dateline" / "data" / deeds.FRAMES
MIN_RIGHT = 3
MIN_SHARE = 0.5


def count(split: Path, cache: Path | None) -> list[tuple[Counter[str], Counter[str]]]:
    """For each fold, how often each frame (a verb's and its class's) was uncovered, and how often
    it was then a gold attribution."""
    docs = parsed(split, cache)
    articles = {Path(a.source).stem: a for a in polnear_articles(split)}
    folds = []
    deeds.use_frames(frozenset())
    try:
        for k in range(FOLDS):
            seen: Counter[str] = Counter()
            right: Counter[str] = Counter()
            held, rest = fold(docs, k)
            with trained(sequences(split, None, speech_only=False, docs=rest)):
                for name, annotator, doc in held:
                    found = [q.spans for q in analyze_doc(articles[name], doc).quotes]
                    ann = split / "attributions" / f"{name}_{annotator}.ann"
                    gold = [a["content"] for a in parse_ann(ann)]
                    for frame in deeds.candidates(doc, quote_pairs(doc.text)):
                        if any(dice(spans, [frame.span]) > 0 for spans in found):
                            continue
                        hit = any(dice(g, [frame.span]) >= 0.5 for g in gold)
                        for key in filter(None, (frame.key, frame.family)):
                            seen[key] += 1
                            right[key] += hit
            folds.append((seen, right))
            verbs = [key for key in seen if not key.startswith("@")]
            hits, uncovered = sum(right[v] for v in verbs), sum(seen[v] for v in verbs)
            print(f"fold {k}: {len(held)} articles, {hits} of {uncovered} uncovered frames right")
    finally:
        deeds.use_frames(None)
    return folds


def choose(seen: Counter[str], right: Counter[str]) -> tuple[list[str], list[str]]:
    """The frames kept, and the verbs' frames kept apart from their class's kept frame."""

    def good(key: str) -> bool:
        return right[key] >= MIN_RIGHT and right[key] >= MIN_SHARE * seen[key]

    kept = sorted(k for k in seen if good(k))
    families = {k for k in kept if k.startswith("@")}
    unlike = sorted(
        k
        for k in seen
        if not k.startswith("@") and not good(k) and seen[k] >= MIN_RIGHT and _family(k) in families
    )
    return kept, unlike


def _family(key: str) -> str:
    lemma, relation = key.split("|")
    return f"@{knowledge.verb_class(lemma)}|{relation}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("split", nargs="?", default="../shared/data/polnear/train", type=Path)
    parser.add_argument("--cache", type=Path, help="folder to keep parsed articles in between runs")
    parser.add_argument("--output", type=Path, default=OUT)
    parser.add_argument("--counts", type=Path, help="also write every frame's counts in each fold here")
    args = parser.parse_args()
    start = time.time()
    folds = count(args.split, args.cache)
    seen, right = sum((s for s, _ in folds), Counter()), sum((r for _, r in folds), Counter())
    kept, unlike = choose(seen, right)
    table = {
        "about": "scripts/train_frames.py: a frame's uncovered occurrences on PolNeAR train held out "
        "five-fold, and how many of them were gold attributions",
        "frames": {k: [right[k], seen[k]] for k in kept},
        "unlike": {k: [right[k], seen[k]] for k in unlike},
    }
    args.output.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.counts:
        every = [{k: [r[k], s[k]] for k in sorted(s)} for s, r in folds]
        args.counts.write_text(json.dumps(every, indent=1) + "\n", encoding="utf-8")
    took = time.time() - start
    print(f"{len(kept)} frames, {len(unlike)} unlike their class, in {took:.0f} s -> {args.output}")


if __name__ == "__main__":
    main()
