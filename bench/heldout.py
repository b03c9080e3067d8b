"""The attribution tagger on PolNeAR articles it was not trained on, without touching dev.

    .venv/bin/python bench/heldout.py [DATA] [--fold K] [--c1 X ...] [--cache DIR]

Trains the tagger as `make train-quotes` does (scripts/train_quotes.py, its PARAMS) on four
fifths of PolNeAR train and scores the analysis on the fifth left out (every fifth article in
metadata order, starting at the K-th), with the PolNeAR figures of `dateline eval quotes`. With
several `--c1` values it trains and scores once for each, so that a change of the tagger's
settings can be judged on articles dev did not choose. Prints one JSON object per setting;
about 4 minutes a setting on two cores, plus the parse (`--cache` keeps it between runs). Exits 0
with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_quotes import FOLDS, PARAMS, fold, parsed, sequences, trained  # noqa: E402

from dateline.evaluate import polnear_articles, score_polnear  # noqa: E402
from dateline.pipeline import analyze_doc  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--fold", type=int, default=0, choices=range(FOLDS), help="which fifth to hold out")
    parser.add_argument(
        "--c1", type=float, action="append", help=f"L1 weight(s) to try (default {PARAMS['c1']})"
    )
    parser.add_argument("--cache", type=Path, help="folder to keep parsed articles in between runs")
    args = parser.parse_args()
    split = Path(args.data) / "polnear" / "train"
    if not split.is_dir():
        print(f"skipped heldout: no {split}", file=sys.stderr)
        return
    docs = parsed(split, args.cache)
    held, rest = fold(docs, args.fold)
    data = sequences(split, None, speech_only=False, docs=rest)
    articles = {Path(a.source).stem: a for a in polnear_articles(split)}
    for c1 in args.c1 or [float(PARAMS["c1"])]:
        with trained(data, c1=c1):
            records = [analyze_doc(articles[n], doc).to_dict() for n, _, doc in held]
        figures = score_polnear(records, split, names={n for n, _, _ in held})
        print(json.dumps({"fold": args.fold, "c1": c1, "articles": len(held), **figures}))


if __name__ == "__main__":
    main()
