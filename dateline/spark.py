"""The Spark job: the same `analyze()` over a news crawl on a cluster, written as Parquet tables.

Inputs are read on the executors (text, JSON Lines, HTML and WARC, from any file system Spark
reads: local, HDFS, S3), articles with the same text are analysed once, and each partition is
analysed by `ingest.analyse_batch` in `mapPartitions`, so that each executor's Python process
loads the spaCy pipeline once. The results are the Parquet tables of `dateline.parquet`, which
`dateline load DIR` reads into SQLite.

    spark-submit [options] dateline/spark.py INPUT... --output DIR   (or: dateline spark ...)

pyspark is an extra: `pip install 'dateline[spark]'`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import re
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

if __name__ == "__main__" and not __package__:  # run as a file by spark-submit
    sys.path.pop(0)  # this folder holds modules named like others; import dateline as a package

from dateline.errors import DatelineError, InputError
from dateline.ingest import analyse_batch
from dateline.model import Analysis, Article
from dateline.parquet import TABLES, Row, rows
from dateline.sources import READ_SUFFIXES, expand, parse_date, read_bytes
from dateline.web_sources import is_warc

BATCH = 32
_EXCEPTION = re.compile(r"^(?:\w+\.)*\w+(?:Error|Exception): .+$", re.MULTILINE)
Tagged = tuple[str, Any]
"""("article", Article), ("analysis", Analysis) or ("error", (source, line, reason))."""


def _error(e: InputError) -> Tagged:
    return ("error", (e.source, e.line, e.reason))


def _read(item: tuple[str, bytes], names: dict[str, str], date: dt.date | None) -> Iterator[Tagged]:
    """The articles in one file that Spark read (its URI and bytes)."""
    uri, data = item
    name = names.get(uri) or names.get(uri.removeprefix("file:")) or uri.removeprefix("file:")
    explicit = uri in names or uri.removeprefix("file:") in names
    if not explicit and Path(name).suffix.lower() not in READ_SUFFIXES and not is_warc(name):
        return  # a folder's notes and gold files, as `dateline ingest` skips them
    for found in read_bytes(data, name, date=date):
        yield ("article", found) if isinstance(found, Article) else _error(found)


def _analyse(items: Iterable[tuple[str, Article]]) -> Iterator[Tagged]:
    """Analyse a partition in batches; the pipeline loads once per Python worker process."""
    batch: list[Article] = []

    def flush() -> Iterator[Tagged]:
        done, failed = analyse_batch(batch)
        yield from (("analysis", a) for a in done)
        yield from (("error", f) for f in failed)
        batch.clear()

    for _, article in items:
        batch.append(article)
        if len(batch) >= BATCH:
            yield from flush()
    if batch:
        yield from flush()


def _table_rows(table: str, analysis: Analysis) -> list[Row]:
    return rows(analysis)[table]


def _first(a: Article, b: Article) -> Article:
    """Of two copies of the same text, the one with the smaller source (deterministic)."""
    return a if a.source <= b.source else b


def _locate(inputs: Iterable[str]) -> tuple[list[str], dict[str, str], list[InputError]]:
    """Spark paths for the inputs: local paths are expanded here (globs, folders, missing files
    reported), URIs (hdfs://, s3a://) are passed to Spark as they are."""
    paths: list[str] = []
    names: dict[str, str] = {}
    errors: list[InputError] = []
    for given in inputs:
        if "://" in given:
            paths.append(given)
            continue
        for found in expand([given]):
            if isinstance(found, InputError):
                errors.append(found)
            elif found == "-":
                errors.append(InputError("-", "standard input cannot be read by a Spark job"))
            else:
                path = os.path.abspath(found)
                paths.append(path)
                names[path] = found
    return paths, names, errors


def _schema(table: str) -> Any:
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    kinds = {"string": StringType(), "int": IntegerType()}
    return StructType([StructField(name, kinds[kind], True) for name, kind in TABLES[table]])


def run(
    inputs: Iterable[str],
    output: str,
    *,
    session: Any = None,
    date: dt.date | None = None,
    partitions: int | None = None,
    overwrite: bool = False,
) -> dict[str, int]:
    """Analyse the inputs on Spark and write the Parquet tables under `output`.

    `session` is a SparkSession (default: the active one, or a new one). Returns how many
    articles, quotes and failed inputs the tables hold.
    """
    try:
        from pyspark import StorageLevel
        from pyspark.sql import SparkSession
    except ImportError:
        raise DatelineError("the Spark job needs pyspark: pip install 'dateline[spark]'") from None
    out = output if "://" in output else os.path.abspath(output)
    if not overwrite and "://" not in output and (Path(out) / "articles").exists():
        raise DatelineError(
            f"{output}: already holds a Spark run's tables: pass --overwrite or another folder"
        )
    spark = session or SparkSession.builder.appName("dateline").getOrCreate()
    sc = spark.sparkContext
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    paths, names, missing = _locate(inputs)
    n = partitions or max(2, 2 * sc.defaultParallelism)
    read = (
        sc.binaryFiles(",".join(paths), minPartitions=n).flatMap(lambda item: _read(item, names, date))
        if paths
        else sc.emptyRDD()
    ).persist(StorageLevel.MEMORY_AND_DISK)
    articles = read.filter(lambda t: t[0] == "article").map(lambda t: (t[1].id, t[1])).reduceByKey(_first, n)
    analysed = articles.mapPartitions(_analyse).persist(StorageLevel.MEMORY_AND_DISK)
    results = analysed.filter(lambda t: t[0] == "analysis").map(lambda t: t[1])
    errors = (
        read.filter(lambda t: t[0] == "error")
        .union(analysed.filter(lambda t: t[0] == "error"))
        .map(lambda t: t[1])
    )
    errors = errors.union(sc.parallelize([(e.source, e.line, e.reason) for e in missing], 1))
    mode = "overwrite" if overwrite else "errorifexists"

    def write(table: str) -> None:
        data = errors if table == "errors" else results.flatMap(functools.partial(_table_rows, table))
        spark.createDataFrame(data, _schema(table)).write.mode(mode).parquet(f"{out}/{table}")

    try:
        counted = analysed.map(_count).fold((0, 0, 0), _add)  # analyses everything, once
        # the tables are written by concurrent jobs: each is small next to the analysis
        with ThreadPoolExecutor(len(TABLES)) as pool:
            list(pool.map(write, TABLES))
        failed = read.filter(lambda t: t[0] == "error").count() + len(missing)
    except Exception as e:
        if type(e).__module__.split(".")[0] not in ("py4j", "pyspark"):
            raise
        raise DatelineError(f"the Spark job failed: {_cause(str(e))}") from e
    finally:
        analysed.unpersist()
        read.unpersist()
    return {"articles": counted[0], "quotes": counted[1], "errors": counted[2] + failed}


def _count(item: Tagged) -> tuple[int, int, int]:
    """Articles, quotes and failures in one analysed item."""
    kind, value = item
    return (1, len(value.quotes), 0) if kind == "analysis" else (0, 0, 1)


def _add(a: tuple[int, int, int], b: tuple[int, int, int]) -> tuple[int, int, int]:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _cause(message: str) -> str:
    """The line of a Spark failure that says what went wrong (the worker's Python exception)."""
    found = _EXCEPTION.findall(message)
    return found[-1].strip() if found else message.strip().split("\n")[0]


def main(argv: list[str] | None = None) -> int:
    """The spark-submit entry point: prints the counts, or one error line and exits 1."""
    parser = argparse.ArgumentParser(
        prog="dateline/spark.py", description=__doc__.split("\n")[0] if __doc__ else None
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT")
    parser.add_argument("--output", required=True, metavar="DIR")
    parser.add_argument("--date", type=parse_date, metavar="YYYY-MM-DD")
    parser.add_argument("--partitions", type=int)
    parser.add_argument("--overwrite", action="store_true")
    args = parser.parse_args(argv)
    try:
        counts = run(
            args.inputs, args.output, date=args.date, partitions=args.partitions, overwrite=args.overwrite
        )
    except DatelineError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    summary = f"{counts['articles']} articles, {counts['quotes']} quotes, {counts['errors']} errors"
    print(f"{summary} -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
