"""Choose the deed frames (dateline/data/deed_frames.json) on PolNeAR train, held out five-fold.

For each fifth of the articles, the tagger is trained as `make train-quotes` trains it on the
other four fifths, and the analysis (without frames) is run on the fifth left out. Every frame
occurrence there that no attribution covers (deeds.candidates: a verb with its subject and its
object, infinitive or preposition's object) counts as right when a gold attribution's content
matches its complement (character Dice at least 0.5). A frame is kept when at least
MIN_RIGHT occurrences and at least MIN_SHARE of them were right. Reproduce with
`make train-frames`, or:

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

from dateline import deeds
from dateline.evaluate import dice, parse_ann, polnear_articles
from dateline.pipeline import analyze_doc
from dateline.quotemarks import quote_pairs

OUT = Path(__file__).resolve().parent.parent / "dateline" / "data" / deeds.FRAMES
MIN_RIGHT = 3
MIN_SHARE = 0.5


def count(split: Path, cache: Path | None) -> tuple[Counter[str], Counter[str]]:
    """How often each frame was uncovered, and how often it was then a gold attribution."""
    docs = parsed(split, cache)
    articles = {Path(a.source).stem: a for a in polnear_articles(split)}
    seen: Counter[str] = Counter()
    right: Counter[str] = Counter()
    deeds.use_frames(frozenset())
    try:
        for k in range(FOLDS):
            held, rest = fold(docs, k)
            with trained(sequences(split, None, speech_only=False, docs=rest)):
                for name, annotator, doc in held:
                    found = [q.spans for q in analyze_doc(articles[name], doc).quotes]
                    ann = split / "attributions" / f"{name}_{annotator}.ann"
                    gold = [a["content"] for a in parse_ann(ann)]
                    for frame in deeds.candidates(doc, quote_pairs(doc.text)):
                        if any(dice(spans, [frame.span]) > 0 for spans in found):
                            continue
                        seen[frame.key] += 1
                        right[frame.key] += any(dice(g, [frame.span]) >= 0.5 for g in gold)
            print(f"fold {k}: {len(held)} articles, {sum(right.values())}/{sum(seen.values())} so far")
    finally:
        deeds.use_frames(None)
    return seen, right


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("split", nargs="?", default="../shared/data/polnear/train", type=Path)
    parser.add_argument("--cache", type=Path, help="folder to keep parsed articles in between runs")
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args()
    start = time.time()
    seen, right = count(args.split, args.cache)
    kept = sorted(k for k in seen if right[k] >= MIN_RIGHT and right[k] >= MIN_SHARE * seen[k])
    table = {
        "about": "scripts/train_frames.py: a frame's uncovered occurrences on PolNeAR train held out "
        "five-fold, and how many of them were gold attributions",
        "frames": {k: [right[k], seen[k]] for k in kept},
    }
    args.output.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(kept)} frames in {time.time() - start:.0f} s -> {args.output}")


if __name__ == "__main__":
    main()
