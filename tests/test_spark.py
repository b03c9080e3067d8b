"""The Spark job in local mode: the same articles through `dateline ingest` and through
`dateline spark` + `dateline load` give identical quotes, people and times."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from dateline.cli import cli
from dateline.parquet import TABLES, read_tables

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None and not os.environ.get("JAVA_HOME"),
    reason="Spark needs Java (17 or later): none on PATH and no JAVA_HOME",
)


def run(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args))


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One small local Spark for the whole test session; its workers run this Python."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .appName("dateline-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def inputs(
    tmp_path_factory: pytest.TempPathFactory, synthetic: Callable[[Path, int], list[Path]]
) -> list[str]:
    """100 articles: 88 text files, 3 JSON Lines records, the 5 examples, their web page and
    WARC (4 new articles: the page and one record are the example's own text); 2 bad inputs."""
    root = tmp_path_factory.mktemp("spark-inputs")
    synthetic(root / "text", 88)
    records = [
        {
            "text": '"Fares rise in May," said Ana Costa.',
            "published": "2022-03-01",
            "url": "https://a.example/1",
        },
        {"text": "Tolls will rise, the authority said on Monday.", "published": "2022-03-02T10:00:00+01:00"},
        {"text": '"No comment," Priya Raman said.', "published": "2022-03-03", "title": "Silence"},
    ]
    (root / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    shutil.copytree(EXAMPLES, root / "examples")
    (root / "examples" / "notes.md").write_text("not an article", encoding="utf-8")
    shutil.copy(FIXTURES / "000_c396db100bcdb512.html", root)
    shutil.copy(FIXTURES / "examples.warc.gz", root)
    return [str(root / "text"), str(root / "feed.jsonl"), str(root / "examples"),
            str(root / "000_c396db100bcdb512.html"), str(root / "examples.warc.gz"), str(root / "missing.txt")]  # fmt: skip


def errors(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as c:
        return sorted((Path(s).name, r) for s, r in c.execute("SELECT source, reason FROM errors"))


def test_spark_and_ingest_store_identical_quotes_people_and_times(
    spark: Any, inputs: list[str], tmp_path: Path, store_content: Callable[[Path], object]
) -> None:
    ingested = run("ingest", *inputs, "--db", str(tmp_path / "ingest.db"), "--workers", "2")
    assert ingested.exit_code == 1, ingested.stderr  # the two bad inputs
    assert ingested.stdout.startswith("102 articles (100 new), ")

    out = tmp_path / "out"
    sparked = run("spark", *inputs, "--output", str(out))
    assert sparked.exit_code == 0, sparked.output
    assert sparked.stdout.startswith("100 articles, ") and sparked.stdout.endswith(f"2 errors -> {out}\n")
    assert sorted(p.name for p in out.iterdir()) == sorted(TABLES)
    tables = read_tables(out)
    for name, columns in TABLES.items():
        assert all(list(row) == [c for c, _ in columns] for row in tables[name])

    loaded = run("load", str(out), "--db", str(tmp_path / "spark.db"))
    assert loaded.exit_code == 0, loaded.output
    assert loaded.stdout.startswith("100 articles (100 new), ")
    assert store_content(tmp_path / "spark.db") == store_content(tmp_path / "ingest.db")
    assert (
        errors(tmp_path / "spark.db")
        == errors(tmp_path / "ingest.db")
        == [
            ("examples.warc.gz", "record 17: no HTML payload"),
            ("missing.txt", "no such file or directory"),
        ]
    )
    again = run("load", str(out), "--db", str(tmp_path / "spark.db"))
    assert again.stdout.startswith("100 articles (0 new), ")
    assert store_content(tmp_path / "spark.db") == store_content(tmp_path / "ingest.db")

    refused = run("spark", inputs[1], "--output", str(out))
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"Error: {out}: already holds a Spark run's tables: pass --overwrite or another folder\n",
    )


def test_load_reports_a_folder_without_tables(tmp_path: Path) -> None:
    result = run("load", str(tmp_path), "--db", str(tmp_path / "d.db"))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path}: no Spark output here (no 'articles' table)\n",
    )


def test_the_spark_submit_module(
    spark: Any, inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dateline.spark import main

    assert main([inputs[1], "--output", str(tmp_path / "out")]) == 0
    assert re.fullmatch(rf"3 articles, \d+ quotes, 0 errors -> {tmp_path / 'out'}\n", capsys.readouterr().out)
    assert main([inputs[1], "--output", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == (
        f"Error: {tmp_path / 'out'}: already holds a Spark run's tables: pass --overwrite or another folder\n"
    )
