"""The `dateline` command: a click shell around `read`, `analyze_many` and `Store`.

Commands parse their options, call the library and print. Library errors (and OS and SQLite
errors) become one red `Error: ...` line on stderr and exit status 1, never a traceback; a bad
input in a batch is one `error: <path>: <reason>` line, and the batch goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from . import evaluate
from .errors import DatelineError, InputError
from .ingest import analyse_batch, default_workers
from .ingest import ingest as ingest_articles
from .model import Analysis, Article
from .queries import PersonRow, QuoteRow, csv_cell
from .sources import count, parse_date, read
from .store import Store

FORMATS = ("table", "json", "csv")
MAX_LISTED = 5  # names, roles and affiliations a row of `dateline people` shows


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """Checks a YYYY-MM-DD option value (a callback, so that any click 8 will do)."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as e:
        raise click.BadParameter(str(e), ctx, param) from None


def date_opt(*names: str, help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(*names, callback=_date, metavar="YYYY-MM-DD", help=help)


def _message(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename is not None:
        return f"{error.filename}: {error.strerror or error}"
    if isinstance(error, sqlite3.Error):
        return f"database error: {error}"
    return str(error)


class DatelineGroup(click.Group):
    """A click group that reports library errors as one line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # the reader of our output went away (`dateline quotes | head`): stop quietly
            with suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(1)
        except (DatelineError, OSError, sqlite3.Error) as e:
            click.secho(f"Error: {_message(e)}", err=True, fg="red")
            ctx.exit(1)


def _console() -> Console:
    """Standard output; 120 columns wide when it is no terminal and COLUMNS does not say."""
    console = Console()
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = 120
    return console


def _report(error: InputError) -> None:
    click.echo(f"error: {error}", err=True)


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0:.1f} articles/s", style="progress.data.speed")


@contextmanager
def _progress(total: int | None, description: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; yields a function that advances it."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda n: None
        return
    columns = [SpinnerColumn(), TextColumn(description), BarColumn(), MofNCompleteColumn(), _RateColumn()]
    with Progress(*columns, TimeRemainingColumn(), console=console, transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n: progress.advance(task, n)


def _articles(
    items: Iterable[Article | InputError], on_error: Callable[[InputError], None]
) -> Iterator[Article]:
    for item in items:
        if isinstance(item, InputError):
            on_error(item)
        else:
            yield item


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _analyse(batch: list[Article], on_error: Callable[[InputError], None]) -> list[Analysis]:
    """Analyse a batch in this process; articles the analysis fails on are reported."""
    done, failed = analyse_batch(batch)
    for source, line, reason in failed:
        on_error(InputError(source, reason, line=line))
    return done


db_option = click.option(
    "--db",
    default="dateline.db",
    show_default=True,
    envvar="DATELINE_DB",
    type=click.Path(dir_okay=False),
    help="The SQLite database (or set DATELINE_DB).",
)
date_option = date_opt(
    "--date",
    help="Publication date of files without a date header (overrides a header; fills a missing "
    "JSONL 'published').",
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)


@click.group(cls=DatelineGroup)
@click.version_option(package_name="dateline")
def cli() -> None:
    """dateline: who said what, when, in dated news articles.

    Inputs are text files starting 'date YYYY-MM-DD', plain text with --date, JSON Lines
    (.jsonl, .ndjson), directories, globs, or - for standard input.
    """


@cli.command()
@click.argument("files", nargs=-1, required=True)
@date_option
@click.pass_context
def extract(ctx: click.Context, files: tuple[str, ...], date: dt.date | None) -> None:
    """Print one JSON object per article: its quotes, speakers, entities and times.

    Bad inputs are reported on stderr, one line each, and the rest are still read; the exit
    status is 1 when any input failed.
    """
    failed: list[InputError] = []

    def on_error(error: InputError) -> None:
        failed.append(error)
        _report(error)

    for batch in _batches(_articles(read(files, date=date), on_error), 16):
        for analysis in _analyse(batch, on_error):
            click.echo(json.dumps(analysis.to_dict()))
    ctx.exit(1 if failed else 0)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@date_option
@click.option(
    "--batch-size", default=32, show_default=True, type=click.IntRange(1), help="Articles per transaction."
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    help="Processes analysing articles  [default: all cores]. 1 analyses in this process.",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: str,
    date: dt.date | None,
    batch_size: int,
    workers: int | None,
) -> None:
    """Analyse articles into the database, skipping those already stored.

    Articles already stored are skipped by their text's hash before any analysis; the others
    are analysed by WORKERS processes and written in batches, one transaction each, so that an
    interrupted run (even kill -9) loses at most the batches in flight and the same command
    resumes it. Failed inputs are reported and recorded in the 'errors' table. Ends with:
    articles read (new in this run), the store's quotes and quoted people, and this run's
    failed inputs.
    """
    with Store(db) as store, _progress(count(paths), "ingest") as advance:
        report = ingest_articles(
            read(paths, date=date),
            store,
            workers=workers or default_workers(),
            batch_size=batch_size,
            on_error=_report,
            on_progress=advance,
        )
        stats = store.stats()
    click.echo(
        f"{report.read} articles ({report.new} new), {stats['quotes']} quotes, {stats['people']} people, "
        f"{report.failed} errors"
    )
    ctx.exit(1 if report.failed else 0)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--output", required=True, type=click.Path(file_okay=False), help="Folder for the Parquet tables."
)
@date_option
@click.option("--master", help="Spark master URL  [default: the active session's, else local[*]].")
@click.option("--partitions", type=click.IntRange(1), help="Partitions to analyse  [default: 2 per core].")
@click.option("--overwrite", is_flag=True, help="Replace the tables of an earlier run in --output.")
def spark(
    inputs: tuple[str, ...],
    output: str,
    date: dt.date | None,
    master: str | None,
    partitions: int | None,
    overwrite: bool,
) -> None:
    """Analyse inputs with Spark and write Parquet tables that mirror the store's.

    INPUTS are text, JSON Lines, HTML and WARC files or folders, local or on any file system
    Spark reads (hdfs://, s3a://). Runs on a local Spark unless --master says otherwise; on a
    cluster use spark-submit with dateline/spark.py (see the README). Needs the 'spark' extra.
    Load the tables into SQLite with 'dateline load'.
    """
    from . import spark as job

    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise DatelineError("the Spark job needs pyspark: pip install 'dateline[spark]'") from None
    active = SparkSession.getActiveSession()
    builder = SparkSession.builder.appName("dateline")
    if master or active is None:
        builder = builder.master(master or "local[*]")
    if active is None and (master or "local").startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers import this dateline
        builder = builder.config("spark.driver.host", "127.0.0.1").config(
            "spark.driver.bindAddress", "127.0.0.1"
        )
    session = active or builder.getOrCreate()
    try:
        counts = job.run(
            inputs, output, session=session, date=date, partitions=partitions, overwrite=overwrite
        )
    finally:
        if active is None:
            session.stop()
    click.echo(
        f"{counts['articles']} articles, {counts['quotes']} quotes, {counts['errors']} errors -> {output}"
    )


@cli.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@db_option
@click.pass_context
def load(ctx: click.Context, directory: str, db: str) -> None:
    """Load the Parquet tables of a 'dateline spark' run into the database.

    Articles already stored are skipped; the run's failed inputs go to the 'errors' table.
    Needs pyarrow (the 'parquet' or 'spark' extra).
    """
    from .parquet import load as load_tables

    with Store(db) as store, _progress(None, "load") as advance:
        report = load_tables(directory, store, on_progress=advance)
        stats = store.stats()
    click.echo(
        f"{report.read} articles ({report.new} new), {stats['quotes']} quotes, {stats['people']} people, "
        f"{report.failed} errors"
    )


def _seen(row: QuoteRow) -> str:
    outlets = ", ".join(row.outlets[:3]) + (", …" if len(row.outlets) > 3 else "")
    return f"{row.occurrences}×: {outlets}" if row.occurrences > 1 else ""


def _quote_table(rows: list[QuoteRow], *, speaker: bool = True, article: bool = False) -> Table:
    """Date, speaker, cue, quote and kind; the quote takes the width left over. A quotation
    that several articles carry (syndicated copies) shows once, with how often and where."""
    table = Table(expand=True)
    table.add_column("date", no_wrap=True)
    if speaker:
        table.add_column("speaker", max_width=20)
    table.add_column("cue", max_width=12)
    table.add_column("quote", ratio=1, min_width=30)
    table.add_column("kind", no_wrap=True)
    if article:
        table.add_column("article", max_width=32)
    seen = any(r.occurrences > 1 for r in rows)
    if seen:
        table.add_column("seen", max_width=30)
    for r in rows:
        cells = [r.said_on, *([r.speaker or ""] if speaker else []), r.cue or "", r.text, r.kind]
        cells += [r.title or Path(r.source).name] if article else []
        table.add_row(*cells, *([_seen(r)] if seen else []))
    return table


def _people_table(rows: list[PersonRow]) -> Table:
    table = Table("name", "also", "roles", "affiliations", "quotes")
    for r in rows:
        table.add_row(
            r.name,
            ", ".join(r.alias_names[:MAX_LISTED]),
            ", ".join(r.role_names[:MAX_LISTED]),
            ", ".join(r.affiliations[:MAX_LISTED]),
            str(r.quotes),
        )
    return table


def _roles_table(who: PersonRow) -> Table:
    """A person's roles over time: each with when it was first and last given, and how often."""
    table = Table("role", "affiliation", "first seen", "last seen", "articles")
    for r in sorted(who.roles, key=lambda r: (r.first_seen, r.last_seen, r.role)):
        table.add_row(r.role, r.affiliation or "", r.first_seen, r.last_seen, str(r.articles))
    return table


def _emit(rows: Sequence[QuoteRow | PersonRow], fmt: str, table: Callable[[], Table]) -> None:
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(row.to_dict()))
    elif fmt == "csv":
        dicts = [row.to_dict() for row in rows]
        if dicts:
            out = csv.DictWriter(sys.stdout, fieldnames=list(dicts[0]), lineterminator="\n")
            out.writeheader()
            for d in dicts:
                out.writerow({k: csv_cell("; ".join(v) if isinstance(v, list) else v) for k, v in d.items()})
    elif rows:
        _console().print(table())
    else:
        click.echo("Nothing found.", err=True)


@cli.command()
@db_option
@click.option("--speaker", metavar="NAME", help="Only this speaker: full name, surname, or the words used.")
@click.option("--search", metavar="TEXT", help="Only quotes containing all these words (full-text search).")
@date_opt("--since", help="Only quotes said on or after this date.")
@date_opt("--until", help="Only quotes said on or before this date.")
@click.option("--limit", type=click.IntRange(1), help="At most this many quotes.")
@format_option
def quotes(
    db: str,
    speaker: str | None,
    search: str | None,
    since: dt.date | None,
    until: dt.date | None,
    limit: int | None,
    fmt: str,
) -> None:
    """Who said what, when: the stored quotes in date order."""
    with Store(db, create=False) as store:
        rows = store.quotes(speaker=speaker, search=search, since=since, until=until, limit=limit)
    _emit(rows, fmt, lambda: _quote_table(rows))


@cli.command()
@db_option
@format_option
@click.option("--all", "everyone", is_flag=True, help="Also the people mentioned but never quoted.")
def people(db: str, fmt: str, everyone: bool) -> None:
    """The people quoted, most quoted first, with their other names and roles.

    Each row is one person across all the articles: the other names they go by, their roles,
    affiliations and number of quotes (a quotation syndicated in several articles counts once).
    """
    with Store(db, create=False) as store:
        rows = store.people(everyone=everyone)
    _emit(rows, fmt, lambda: _people_table(rows))


@cli.command()
@click.argument("name")
@db_option
def person(name: str, db: str) -> None:
    """One person: their names, roles over time, and quotes with their articles.

    Quotes are in date order, each with its article. NAME is a full name, another name the
    person goes by ("President Trump") or a surname, case ignored; a name several people share
    is an error that lists them.
    """
    with Store(db, create=False) as store:
        found = store.person(name)
    if found is None:
        raise DatelineError(f"no person named {name!r} in {db}")
    who, rows = found
    console = _console()
    console.print(Text(who.name, style="bold"))
    if who.alias_names:
        console.print("also: " + ", ".join(who.alias_names))
    if who.roles:
        console.print(_roles_table(who))
    console.print(
        _quote_table(rows, speaker=False, article=True) if rows else f"No quotes of {who.name} stored."
    )


@cli.command()
@db_option
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (localhost only by default)."
)
@click.option(
    "--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free port)."
)
def serve(db: str, host: str, port: int) -> None:
    """Browse and search the database in a web browser.

    Search quotes, people, topics and articles; serves until interrupted (Ctrl-C). Every
    list downloads as CSV or JSON, and /api/ gives the same lists as JSON pages with a cursor
    to the next. Needs the 'web' extra.
    """
    try:
        from . import web
    except ImportError:
        raise DatelineError(
            "the web interface needs starlette and uvicorn: pip install 'dateline[web]'"
        ) from None
    web.serve(
        db, host=host, port=port, on_ready=lambda url: click.echo(f"Serving {db} on {url} (Ctrl-C to stop)")
    )


def _example(path: str, gold: str | None) -> tuple[list[Article], Path]:
    items = list(read([path]))
    for item in items:
        if isinstance(item, InputError):
            raise item
    gold_path = Path(gold) if gold else Path(path).with_suffix(".gold.json")
    if not gold_path.exists():
        raise InputError(path, f"no gold file {gold_path.name} beside it: pass --gold")
    return [a for a in items if isinstance(a, Article)], gold_path


@cli.command("eval")
@click.argument("benchmark", type=click.Choice(["example", "quotes", "times"]))
@click.argument("path", type=click.Path(exists=True))
@click.option("--gold", type=click.Path(exists=True, dir_okay=False), help="example: the gold file.")
@click.option("--output", type=click.Path(dir_okay=False), help="Also write the predictions as JSONL here.")
def eval_(benchmark: str, path: str, gold: str | None, output: str | None) -> None:
    """Score the analysis on a benchmark and print the figures as one JSON object.

    BENCHMARK is 'example' (a dateline text file, gold in <name>.gold.json beside it or --gold),
    'quotes' (a PolNeAR split folder, e.g. polnear/dev) or 'times' (a folder of TimeML .tml
    files). The figures are those of the reference scorer shared/tools/score.py, which can be run
    on the --output file.
    """
    scorers: dict[str, Callable[[list[dict[str, Any]], Path], dict[str, Any]]] = {
        "example": evaluate.score_example,
        "quotes": evaluate.score_polnear,
        "times": evaluate.score_timeml,
    }
    if benchmark == "example":
        articles, gold_path = _example(path, gold)
    else:
        reader = evaluate.polnear_articles if benchmark == "quotes" else evaluate.timeml_articles
        articles, gold_path = list(reader(path)), Path(path)
    records = []
    with _progress(len(articles), f"eval {benchmark}") as advance:
        for batch in _batches(articles, 16):
            records += [analysis.to_dict() for analysis in _analyse(batch, _report)]
            advance(len(batch))
    if output:
        with open(output, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(r) + "\n" for r in records)
    click.echo(json.dumps(scorers[benchmark](records, gold_path)))
