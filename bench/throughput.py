"""Throughput benchmark: dateline's full analysis against spaCy's bare `nlp.pipe`, and the
parallel ingest with 1 worker against 2, over the same PolNeAR articles in one run.

    .venv/bin/python bench/throughput.py [DATA] [--articles 200] [--workers 2] [--rounds 1]

DATA is the PolNeAR folder (default ../shared/data/polnear beside the repository); the first
200 articles of train (then dev) are used. Prints one JSON object:

- `bare_articles_per_s`: en_core_web_sm as spaCy loads it, `nlp.pipe` and nothing else;
- `full_articles_per_s`: `analyze_many` in one process (the pipeline dateline runs, then
  entities, quotes and times), and `full_vs_bare`, their ratio; `full_vs_bare_cpu` is the same
  ratio in articles per CPU second of this process, which the machine's other load moves less;
- `ingest_1_worker_articles_per_s` and `ingest_N_workers_articles_per_s`: `dateline.ingest`
  into a fresh SQLite store, analysis in this process and in N worker processes (started and
  loaded before the clock starts; `worker_start_s` says what starting them cost), and
  `workers_N_vs_1`, their ratio; with the CPU seconds each spent per article (the parent's
  and the workers' together), which, unlike wall time, does not depend on what else the machine
  runs: on N idle cores the ratio is about N times their inverse ratio;
- `peak_rss_mb`: the peak resident memory of this process (which holds both pipelines) and of
  each worker; `load_average`: the machine's at the end, to judge the wall-time figures by.

Ratios are measured in the same run because the machine may be shared and noisy; with
`--rounds R` each figure is the best of R rounds. Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from dateline import nlp  # noqa: E402
from dateline.evaluate import polnear_articles  # noqa: E402
from dateline.ingest import Workers, cpu_seconds, default_workers, ingest, peak_rss_mb  # noqa: E402
from dateline.model import Article  # noqa: E402
from dateline.pipeline import analyze_many  # noqa: E402
from dateline.store import Store  # noqa: E402

BATCH = 16


def articles(data: Path, n: int) -> list[Article]:
    found: list[Article] = []
    for split in ("train", "dev"):
        if (data / split).is_dir() and len(found) < n:
            found += list(polnear_articles(data / split))[: n - len(found)]
    return found


def bare_pipeline() -> Any:
    """en_core_web_sm exactly as spaCy loads it (the repack when the official one is absent)."""
    for name in nlp.PIPELINES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit("no English pipeline installed: run 'make venv'")


def consume(items: Iterable[Any]) -> None:
    deque(items, maxlen=0)


def rate(n: int, run: Callable[[], None]) -> tuple[float, float]:
    """Articles per second of wall time, and per CPU second of this process (all its threads):
    the second does not depend on what else the machine is running."""
    start, cpu = time.perf_counter(), time.process_time()
    run()
    return n / (time.perf_counter() - start), n / (time.process_time() - cpu)


def ingest_rate(batch: list[Article], workers: int | Workers) -> tuple[float, float]:
    """Articles per second of wall time, and CPU seconds per article (this process and the
    workers): the second does not depend on what else the machine is running."""
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        cpu = cpu_seconds() + (workers.cpu_seconds() if isinstance(workers, Workers) else 0.0)
        start = time.perf_counter()
        report = ingest(iter(batch), store, workers=workers, batch_size=BATCH)
        elapsed = time.perf_counter() - start
        cpu = cpu_seconds() + (workers.cpu_seconds() if isinstance(workers, Workers) else 0.0) - cpu
    assert report.new == len(batch), report
    return len(batch) / elapsed, cpu / len(batch)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data" / "polnear"))
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "train").is_dir() and not (data / "dev").is_dir():
        print(f"bench/throughput.py: no PolNeAR data in {data}; nothing measured", file=sys.stderr)
        return 0
    batch = articles(data, args.articles)
    texts = [a.text for a in batch]
    bare = bare_pipeline()
    consume(bare.pipe(texts[:BATCH]))  # warm both pipelines up
    consume(analyze_many(batch[:BATCH]))

    started = time.perf_counter()
    workers = Workers(args.workers)
    workers.wait_ready()
    start_s = time.perf_counter() - started
    best: dict[str, float] = {}
    cpu: dict[str, float] = {}
    try:
        for _ in range(args.rounds):
            figures: dict[str, float] = {}
            figures["bare"], figures["bare_cpu"] = rate(
                len(texts), lambda: consume(bare.pipe(texts, batch_size=BATCH))
            )
            figures["full"], figures["full_cpu"] = rate(
                len(batch), lambda: consume(analyze_many(batch, batch_size=BATCH))
            )
            (figures["ingest_1"], cpu_1), (figures["ingest_n"], cpu_n) = (
                ingest_rate(batch, 1),
                ingest_rate(batch, workers),
            )
            cpu = {"1": min(cpu.get("1", cpu_1), cpu_1), "n": min(cpu.get("n", cpu_n), cpu_n)}
            for key, value in figures.items():
                best[key] = max(best.get(key, 0.0), value)
        worker_peaks = workers.peak_rss_mb()
    finally:
        workers.close()
    summary = {
        "articles": len(batch),
        "words": sum(len(t.split()) for t in texts),
        "cpus": default_workers(),
        "rounds": args.rounds,
        "bare_articles_per_s": round(best["bare"], 2),
        "full_articles_per_s": round(best["full"], 2),
        "full_vs_bare": round(best["full"] / best["bare"], 3),
        "full_vs_bare_cpu": round(best["full_cpu"] / best["bare_cpu"], 3),
        "ingest_1_worker_articles_per_s": round(best["ingest_1"], 2),
        f"ingest_{args.workers}_workers_articles_per_s": round(best["ingest_n"], 2),
        f"workers_{args.workers}_vs_1": round(best["ingest_n"] / best["ingest_1"], 3),
        "ingest_1_worker_cpu_s_per_article": round(cpu["1"], 4),
        f"ingest_{args.workers}_workers_cpu_s_per_article": round(cpu["n"], 4),
        "worker_start_s": round(start_s, 2),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "peak_rss_mb": {"main": round(peak_rss_mb(), 1), "workers": [round(m, 1) for m in worker_peaks]},
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
