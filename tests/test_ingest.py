"""Parallel, resumable ingest: workers give what one process gives, stored articles are skipped
before analysis, and a kill -9 in the middle loses nothing that a re-run does not store once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dateline import ingest as ingest_module
from dateline.errors import InputError
from dateline.ingest import Workers, ingest
from dateline.model import Analysis, Article
from dateline.sources import read
from dateline.store import Store

Synthetic = Callable[[Path, int], list[Path]]


def test_two_workers_store_what_one_process_stores(
    tmp_path: Path, synthetic: Synthetic, store_content: Callable[[Path], object]
) -> None:
    paths = [str(p) for p in synthetic(tmp_path / "in", 40)] + ["examples/", "missing.txt"]
    reports = []
    for workers, db in ((1, "one.db"), (2, "two.db")):
        errors: list[InputError] = []
        progress: list[int] = []
        with Store(tmp_path / db) as store:
            reports.append(
                ingest(
                    read(paths),
                    store,
                    workers=workers,
                    batch_size=8,
                    on_error=errors.append,
                    on_progress=progress.append,
                )
            )
        assert [str(e) for e in errors] == ["missing.txt: no such file or directory"]
        assert sum(progress) == 46
    assert reports[0] == reports[1] == ingest_module.Report(read=45, new=45, known=0, failed=1)
    one, two = store_content(tmp_path / "one.db"), store_content(tmp_path / "two.db")
    assert one == two and len(one[0]) >= 45  # type: ignore[index]


def test_stored_articles_are_skipped_before_any_analysis(
    tmp_path: Path, synthetic: Synthetic, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [str(p) for p in synthetic(tmp_path, 12)]
    analysed: list[str] = []

    def analyse_batch(batch: list[Article]) -> ingest_module.BatchResult:
        analysed.extend(a.source for a in batch)
        return [Analysis(a) for a in batch], []

    monkeypatch.setattr(ingest_module, "analyse_batch", analyse_batch)
    with Store(":memory:") as store:
        first = ingest(read(paths[:5] + paths[:2]), store, batch_size=3)
        second = ingest(read(paths), store, batch_size=3)
    assert analysed == paths[:5] + paths[5:]  # each article analysed once, duplicates included
    assert first == ingest_module.Report(read=7, new=5, known=2, failed=0)
    assert second == ingest_module.Report(read=12, new=7, known=5, failed=0)


def test_a_failing_article_is_an_error_row_in_any_worker(tmp_path: Path) -> None:
    items: list[Article | InputError] = [InputError("bad.txt", "empty file")]
    with Workers(2) as workers, Store(tmp_path / "d.db") as store:
        report = ingest(iter(items), store, workers=workers)
        assert (report.failed, store.db.execute("SELECT source, reason FROM errors").fetchall()) == (
            1,
            [("bad.txt", "empty file")],
        )
        peaks = workers.peak_rss_mb()
    assert len(peaks) == 2 and all(100 < mb < 1024 for mb in peaks)


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=0.2) as c:
            return int(c.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _ingest(folder: Path, db: Path, *, batch_size: int) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of `dateline ingest` with 2 workers, as a user runs it."""
    command = [sys.executable, "-m", "dateline", "ingest", str(folder), "--db", str(db)]
    command += ["--workers", "2", "--batch-size", str(batch_size)]
    return command, {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}


def _started(command: list[str], env: dict[str, str], db: Path, *, stored: int) -> subprocess.Popen[bytes]:
    """The ingest started, once it has stored this many articles (or ended, or 120 s passed)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    while _count(db) < stored and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    return process


def test_kill_9_in_the_middle_then_the_same_command_stores_each_article_once(
    tmp_path: Path, synthetic: Synthetic
) -> None:
    synthetic(tmp_path / "in", 300)
    db = tmp_path / "d.db"
    command, env = _ingest(tmp_path / "in", db, batch_size=10)
    first = _started(command, env, db, stored=40)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    stored = _count(db)
    assert first.returncode == -signal.SIGKILL, first.stderr.read() if first.stderr else ""
    assert 40 <= stored < 300, "the kill came too late to test anything"

    second = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith(f"300 articles ({300 - stored} new), ")
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (300, 300)
        assert c.execute("SELECT count(*) FROM errors").fetchone() == (0,)
        per_article = c.execute(
            "SELECT a.id, count(q.id) FROM articles a LEFT JOIN quotes q ON q.article_id = a.id GROUP BY a.id"
        ).fetchall()
        assert {n for _, n in per_article} == {1}  # no article half written
        assert c.execute("SELECT count(*) FROM occurrences").fetchone() == (300,)


def test_after_a_kill_9_the_workers_end_before_the_ingest_is_reaped(
    tmp_path: Path, synthetic: Synthetic
) -> None:
    """A caller that reads the killed ingest's output to its end before reaping it (as
    `Popen.communicate` does) must not wait for ever on workers that hold that output open."""
    synthetic(tmp_path / "in", 60)
    db = tmp_path / "d.db"
    command, env = _ingest(tmp_path / "in", db, batch_size=4)
    first = _started(command, env, db, stored=4)
    try:
        assert first.poll() is None, "the ingest ended before the kill"
        os.kill(first.pid, signal.SIGKILL)
        first.communicate(timeout=30)  # EOF once every process holding the pipes has ended
    finally:
        first.kill()
        first.wait()
