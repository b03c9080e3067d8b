"""Huge-article benchmark: does the analysis of one long article cost what its pieces cost?

    .venv/bin/python bench/scale.py [DATA] [--pieces 25 100] [--rounds 1]

DATA is the PolNeAR folder (default ../shared/data/polnear beside the repository). For each
count N, the first N articles of train are analysed one by one, then joined (blank lines
between) into one article of N times the length and analysed once. Only the analysis after
spaCy's parse is timed (entities, quotes, times): the parse is spaCy's and linear. Prints one
JSON object with, for each N, the seconds for the pieces and for the whole and
`whole_vs_pieces`, their ratio: about 1 when every stage is linear in the article's length, and
growing with N where one is quadratic (a scan of every quotation for each quotation). The ratio
is measured in the same run because the machine may be shared and noisy; with `--rounds R`
each time is the best of R rounds. Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline import nlp  # noqa: E402
from dateline.evaluate import polnear_articles  # noqa: E402
from dateline.model import Article  # noqa: E402
from dateline.pipeline import analyze_doc  # noqa: E402


def analysis_seconds(pairs: list[tuple[Article, object]], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for article, doc in pairs:
            analyze_doc(article, doc)  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data" / "polnear"))
    parser.add_argument("--pieces", type=int, nargs="+", default=[25, 100])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    train = Path(args.data) / "train"
    if not train.is_dir():
        print(f"bench/scale.py: no PolNeAR data in {train}; nothing measured", file=sys.stderr)
        return 0
    pipeline = nlp.load()
    available = list(polnear_articles(train))
    summary: dict[str, object] = {}
    for n in args.pieces:
        pieces = available[:n]
        whole = Article(
            text="\n\n".join(a.text.strip() for a in pieces), published=pieces[0].published, source="whole"
        )
        pipeline.max_length = max(pipeline.max_length, len(whole.text) + 1)
        parsed = list(zip(pieces, pipeline.pipe(a.text for a in pieces), strict=True))
        one = [(whole, pipeline(whole.text))]
        apart, together = analysis_seconds(parsed, args.rounds), analysis_seconds(one, args.rounds)
        summary[str(n)] = {
            "characters": len(whole.text),
            "pieces_s": round(apart, 2),
            "whole_s": round(together, 2),
            "whole_vs_pieces": round(together / apart, 3),
        }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
