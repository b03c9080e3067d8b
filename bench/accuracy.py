"""Accuracy on the benchmarks: PolNeAR dev (quotations), TimeBank and AQUAINT (times), the example.

Prints one JSON object per benchmark, the same figures as `dateline eval` and the reference
scorer (shared/tools/score.py). Skips, with a message, what ../shared/data does not hold.

    .venv/bin/python bench/accuracy.py [DATA_DIR]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from dateline.evaluate import polnear_articles, score_example, score_polnear, score_timeml, timeml_articles
from dateline.pipeline import analyze_many
from dateline.sources import read

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "fixtures" / "000_c396db100bcdb512.txt"


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    articles = [a for a in read([str(EXAMPLE)]) if not isinstance(a, Exception)]
    records = [a.to_dict() for a in analyze_many(articles)]
    print(json.dumps({"benchmark": "example", **score_example(records, EXAMPLE.with_suffix(".gold.json"))}))
    runs = [
        ("polnear/dev", data / "polnear" / "dev", polnear_articles, score_polnear),
        ("timebank", data / "timeml" / "tbaq-cleaned" / "TimeBank", timeml_articles, score_timeml),
        ("aquaint", data / "timeml" / "tbaq-cleaned" / "AQUAINT", timeml_articles, score_timeml),
    ]
    for name, folder, articles_of, score in runs:
        if not folder.is_dir():
            print(f"skipped {name}: no {folder}", file=sys.stderr)
            continue
        start = time.time()
        records = [a.to_dict() for a in analyze_many(articles_of(folder))]
        figures = score(records, folder)
        print(json.dumps({"benchmark": name, **figures, "seconds": round(time.time() - start, 1)}))


if __name__ == "__main__":
    main()
