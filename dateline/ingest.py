"""Parallel, resumable ingest: articles in, analyses written to the store in batches.

The parent process reads the inputs, drops the articles already stored (by content hash, before
any analysis, so that a re-run costs little), sends batches to worker processes that each load
the spaCy pipeline once, and writes the results through `Store.write`, one transaction per
batch, in input order. A kill -9 loses at most the batches in flight; the next run skips what
was written and stores each article exactly once. With one worker everything runs in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from types import TracebackType

from . import nlp
from .errors import DatelineError, InputError
from .model import Analysis, Article
from .pipeline import analyze, analyze_many
from .store import Store

Failure = tuple[str, int | None, str]
"""A failed input as it crosses processes: source, line, reason."""

BatchResult = tuple[list[Analysis], list[Failure]]


def default_workers() -> int:
    """Every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def analyse_batch(batch: list[Article]) -> BatchResult:
    """Analyse a batch; when the analysis fails, find the articles it fails on.

    A bug that one article triggers must not stop a run over thousands: that article becomes a
    failed input, named with the exception, and the others are analysed.
    """
    try:
        return list(analyze_many(batch)), []
    except DatelineError:
        raise
    except Exception:
        pass
    done: list[Analysis] = []
    failed: list[Failure] = []
    for article in batch:
        try:
            done.append(analyze(article))
        except DatelineError:
            raise
        except Exception as e:
            failed.append((article.source, None, f"analysis failed ({type(e).__name__}: {e})"))
    return done, failed


def _gone(pid: int) -> bool:
    """Whether a process has ended: it is no more, or it is a zombie, dead but not yet reaped
    by its own parent (which may be waiting for our copies of its stdout and stderr to close)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:  # not on Linux
        return False
    return stat[stat.rindex(b")") + 2 :].startswith(b"Z")


def _watch_parent(parent: int) -> None:
    """End this worker when the ingest is gone: killed with -9, it cannot tell us. Its death
    re-parents this process (directly, or through the forkserver, which ends with it)."""
    ppid = os.getppid()
    while True:
        time.sleep(0.5)
        if os.getppid() != ppid or _gone(parent):
            os._exit(1)


def _start_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    nlp.load()


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def cpu_seconds() -> float:
    """The CPU time this process has used, user and system, in seconds."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Workers:
    """N worker processes, each with the spaCy pipeline loaded once; a context manager.

    Uses forkserver (spawn where there is none) rather than fork: the parent may be running
    threads (a progress bar), and the workers need none of its state.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        self.pool = ProcessPoolExecutor(
            n, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
        )

    def _each(self) -> dict[int, tuple[float, float]]:
        """Every worker's peak memory and CPU time by pid: asks until each has answered (a
        worker answers only once it has loaded the pipeline)."""
        found: dict[int, tuple[float, float]] = {}
        for _ in range(100):
            futures = [self.pool.submit(_usage) for _ in range(self.n)]
            found.update((pid, (peak, cpu)) for pid, peak, cpu in (f.result() for f in futures))
            if len(found) >= self.n:
                break
        return found

    def wait_ready(self) -> None:
        """Block until every worker has loaded the pipeline (for timing steady-state throughput)."""
        self._each()

    def peak_rss_mb(self) -> list[float]:
        """Each worker's peak resident memory so far, in MB."""
        return sorted(peak for peak, _ in self._each().values())

    def cpu_seconds(self) -> float:
        """The CPU time the workers have used so far, together, in seconds."""
        return sum(cpu for _, cpu in self._each().values())

    def submit(self, batch: list[Article]) -> Future[BatchResult]:
        return self.pool.submit(analyse_batch, batch)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _usage() -> tuple[int, float, float]:
    """This worker's pid, peak memory (MB) and CPU time (s)."""
    time.sleep(0.1)  # long enough for each idle worker to take one of the requests
    return os.getpid(), peak_rss_mb(), cpu_seconds()


@dataclass
class Report:
    """What one ingest did: articles read, new ones stored, ones already stored, failed inputs."""

    read: int = 0
    new: int = 0
    known: int = 0
    failed: int = 0


def _batches(
    items: Iterable[Article | InputError], size: int, on_error: Callable[[InputError], None]
) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        if isinstance(item, InputError):
            on_error(item)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    items: Iterable[Article | InputError],
    store: Store,
    *,
    workers: int | Workers = 1,
    batch_size: int = 32,
    on_error: Callable[[InputError], None] = lambda error: None,
    on_progress: Callable[[int], None] = lambda n: None,
) -> Report:
    """Analyse and store the articles not yet stored; record each failed input in the store.

    `workers` is a number of processes (1: in this process) or `Workers` already started.
    `on_error` hears of each failed input, `on_progress` of each article or error dealt with.
    """
    report = Report()

    def failed(error: InputError) -> None:
        report.failed += 1
        store.record_error(error.source, error.line, error.reason)
        on_error(error)
        on_progress(1)

    def write(result: BatchResult, size: int) -> None:
        analyses, failures = result
        for source, line, reason in failures:
            failed(InputError(source, reason, line=line))
        report.new += store.write(analyses)
        on_progress(size - len(failures))

    pending: set[str] = set()

    def fresh(batch: list[Article]) -> list[Article]:
        report.read += len(batch)
        known = store.known_ids(a.id for a in batch) | pending
        new = list({a.id: a for a in batch if a.id not in known}.values())
        report.known += len(batch) - len(new)
        on_progress(len(batch) - len(new))
        return new

    batches = (b for b in map(fresh, _batches(items, batch_size, failed)) if b)
    if isinstance(workers, int) and workers <= 1:
        for batch in batches:
            write(analyse_batch(batch), len(batch))
        return report
    first = list(islice(batches, 2))
    if len(first) < 2 and isinstance(workers, int):  # one batch: not worth starting processes
        for batch in first:
            write(analyse_batch(batch), len(batch))
        return report
    own = isinstance(workers, int)
    pool = Workers(workers) if isinstance(workers, int) else workers
    try:
        _run(pool, _chain(first, batches), pending, write)
    except BrokenProcessPool:
        raise DatelineError(
            "a worker process died (killed, or out of memory); run the same command again to resume"
        ) from None
    finally:
        if own:
            pool.close()
    return report


def _chain(first: list[list[Article]], rest: Iterator[list[Article]]) -> Iterator[list[Article]]:
    yield from first
    yield from rest


def _run(
    pool: Workers,
    batches: Iterator[list[Article]],
    pending: set[str],
    write: Callable[[BatchResult, int], None],
) -> None:
    """Keep two batches per worker in flight and write the results in input order."""
    flight: deque[tuple[list[Article], Future[BatchResult]]] = deque()
    for batch in batches:
        pending.update(a.id for a in batch)
        flight.append((batch, pool.submit(batch)))
        while len(flight) >= 2 * pool.n or (flight and flight[0][1].done()):
            done, future = flight.popleft()
            write(future.result(), len(done))
            pending.difference_update(a.id for a in done)
    while flight:
        done, future = flight.popleft()
        write(future.result(), len(done))
        pending.difference_update(a.id for a in done)
