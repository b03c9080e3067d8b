"""The `dateline` command, through click's CliRunner: output, summaries and exact error lines."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dateline import evaluate
from dateline import ingest as ingest_module
from dateline.cli import cli
from dateline.model import Analysis, Article, Entity, Mention, Quote, Role, Speaker, text_id
from dateline.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = FIXTURES / "000_c396db100bcdb512.txt"
SHORT = 'date 2020-01-17\n"The kids don\'t mind," said Gary Whitfield, a bus driver. "Their parents do."\n'
TABLES = ("articles", "entities", "mentions", "roles", "quotes", "times", "people", "errors")


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), input=input)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, so that paths in messages are short and exact."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def ferry_store(db: Path) -> None:
    text = '"If you miss it, you sleep on the mainland," Marisol Vega said.'
    article = Article(text=text, published=dt.date(2021, 10, 14), source="ferry.txt", title="Ferry cuts")
    name = Mention("Marisol Vega", text.index("Marisol"), text.index("Marisol") + 12)
    vega = Entity("e1", "Marisol Vega", "person", (name,), (Role("baker", "Greywater Bakery"),))
    quote = Quote(
        "direct",
        "If you miss it, you sleep on the mainland,",
        ((0, text.index(" Marisol")),),
        Mention("said", len(text) - 5, len(text) - 1),
        Speaker("Marisol Vega", "e1", name),
        "2021-10-14",
    )
    with Store(db) as store:
        store.write([Analysis(article, (vega,), (quote,))])


def test_every_command_has_help() -> None:
    assert run("--help").exit_code == 0
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help text"
        result = run(name, "--help")
        assert (
            result.exit_code == 0
            and "Usage:" in result.output
            and command.help.split("\n")[0] in result.output
        )


def test_extract_prints_the_jsonl_contract() -> None:
    result = run("extract", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    record = json.loads(line)
    assert set(record) >= {"id", "source", "published", "title", "text", "entities", "quotes", "times"}
    assert record["published"] == "2017-05-01"
    assert record["text"].startswith("Activists are using May Day")
    assert record["id"] == text_id(record["text"])
    assert Analysis.from_dict(record).to_dict() == record


def test_extract_reports_a_missing_file_and_goes_on(here: Path) -> None:
    result = run("extract", "missing.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "error: missing.txt: no such file or directory\n",
    )
    (here / "nodate.txt").write_text("No header here.", encoding="utf-8")
    result = run("extract", "nodate.txt", "--date", "2017-05-01")
    assert result.exit_code == 0 and json.loads(result.stdout)["text"] == "No header here."


def test_a_bad_date_option_is_a_usage_error(here: Path) -> None:
    result = run("extract", "--date", "2017-02-30", "x.txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: Invalid value for '--date': impossible date '2017-02-30'"
    result = run("quotes", "--since", "last week")
    assert (
        result.stderr.splitlines()[-1]
        == "Error: Invalid value for '--since': bad date 'last week': expected YYYY-MM-DD"
    )


def test_a_non_database_or_missing_db_is_one_line(here: Path) -> None:
    (here / "notes.txt").write_text("These are notes, not a database.\n" * 10, encoding="utf-8")
    for command in (["quotes"], ["people"], ["person", "x"], ["ingest", "x.txt"]):
        result = run(*command, "--db", "notes.txt")
        assert (result.exit_code, result.stderr) == (1, "Error: notes.txt: not a SQLite database\n")
    result = run("quotes", "--db", "missing.db")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: missing.db: no such database (run 'dateline ingest' first)\n",
    )
    assert not (here / "missing.db").exists()


def test_ingest_twice_leaves_the_store_unchanged(here: Path) -> None:
    folder = here / "articles"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder)
    (folder / "short.txt").write_text(SHORT, encoding="utf-8")
    first = run("ingest", "articles", "--db", "d.db")
    assert first.exit_code == 0, first.output
    assert re.fullmatch(r"2 articles \(2 new\), \d+ quotes, \d+ people, 0 errors\n", first.stdout)
    before = counts(here / "d.db")
    second = run("ingest", "articles", "--db", "d.db")
    assert second.exit_code == 0
    assert second.stdout == first.stdout.replace("(2 new)", "(0 new)")
    assert counts(here / "d.db") == before and before["articles"] == 2


def test_ingest_records_failed_inputs_and_analysis_failures(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def analyze(article: Article) -> Analysis:
        if "poison" in article.text:
            raise RuntimeError("boom")
        return Analysis(article)

    def analyze_many(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Analysis]:
        return (analyze(a) for a in articles)

    monkeypatch.setattr(ingest_module, "analyze", analyze)
    monkeypatch.setattr(ingest_module, "analyze_many", analyze_many)
    for name, text in [("a.txt", "fine"), ("b.txt", "poison"), ("c.txt", "fine too"), ("d.txt", "")]:
        (here / name).write_text(f"date 2020-01-01 {text}" if text else "", encoding="utf-8")
    for _ in range(2):
        result = run("ingest", "a.txt", "b.txt", "c.txt", "d.txt", "--db", "d.db", "--workers", "1")
        assert result.exit_code == 1
        assert (
            result.stderr == "error: d.txt: empty file\nerror: b.txt: analysis failed (RuntimeError: boom)\n"
        )
    assert result.stdout == "3 articles (0 new), 0 quotes, 0 people, 2 errors\n"
    with sqlite3.connect(here / "d.db") as db:
        assert db.execute("SELECT source, line, reason FROM errors ORDER BY id").fetchall() == [
            ("d.txt", None, "empty file"),
            ("b.txt", None, "analysis failed (RuntimeError: boom)"),
        ]
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_quotes_people_and_person(here: Path) -> None:
    ferry_store(here / "d.db")
    table = run("quotes", "--db", "d.db", "--speaker", "vega").stdout
    assert (
        "Marisol Vega" in table
        and "If you miss it, you sleep on the mainland," in table
        and "2021-10-14" in table
    )
    [row] = [
        json.loads(line) for line in run("quotes", "--db", "d.db", "--format", "json").stdout.splitlines()
    ]
    assert (row["speaker"], row["cue"], row["kind"], row["title"]) == (
        "Marisol Vega",
        "said",
        "direct",
        "Ferry cuts",
    )
    csv_lines = run("quotes", "--db", "d.db", "--search", "mainland", "--format", "csv").stdout.splitlines()
    assert (
        csv_lines[0]
        == "article_id,published,said_on,speaker,cue,kind,text,source,title,occurrences,outlets,first_seen"
        and len(csv_lines) == 2
    )
    nothing = run("quotes", "--db", "d.db", "--search", "bridge")
    assert (nothing.exit_code, nothing.stdout, nothing.stderr) == (0, "", "Nothing found.\n")
    people = [
        json.loads(line) for line in run("people", "--db", "d.db", "--format", "json").stdout.splitlines()
    ]
    assert people == [
        {
            "name": "Marisol Vega",
            "aliases": [],
            "roles": ["baker"],
            "affiliations": ["Greywater Bakery"],
            "quotes": 1,
        }
    ]
    person = run("person", "VEGA", "--db", "d.db")
    assert person.exit_code == 0
    lines = person.stdout.splitlines()
    assert lines[0] == "Marisol Vega"
    assert [cell.strip() for cell in lines[4].strip("│").split("│")] == [
        "baker",
        "Greywater Bakery",
        "2021-10-14",
        "2021-10-14",
        "1",
    ]
    assert "Ferry cuts" in person.stdout
    missing = run("person", "Nobody", "--db", "d.db")
    assert (missing.exit_code, missing.stderr) == (1, "Error: no person named 'Nobody' in d.db\n")


def test_eval_example_prints_the_reference_figures(here: Path) -> None:
    result = run("eval", "example", str(EXAMPLE), "--output", "pred.jsonl")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert list(figures) == [
        "quotes_found",
        "speakers_right",
        "quotes_gold",
        "extra_quotes",
        "times_right",
        "times_gold",
        "published_right",
        "misses",
    ]
    assert figures["published_right"] is True and figures["quotes_gold"] == 12
    records = [json.loads(line) for line in (here / "pred.jsonl").read_text(encoding="utf-8").splitlines()]
    assert evaluate.score_example(records, EXAMPLE.with_suffix(".gold.json")) == figures
    shutil.copy(EXAMPLE, here / "alone.txt")
    result = run("eval", "example", "alone.txt")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: alone.txt: no gold file alone.gold.json beside it: pass --gold\n",
    )


def test_eval_quotes_and_times_on_tiny_benchmarks(here: Path) -> None:
    split = here / "polnear" / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    text = '"We will reopen the bridge," said Carla Jimenez.'
    (split / "text" / "doc1.txt").write_text(text, encoding="utf-8")
    (split / "attributions" / "doc1_ann1.ann").write_text(
        "T1\tSource 34 47\tCarla Jimenez\nT2\tCue 29 33\tsaid\n"
        'T3\tContent 0 28\t"We will reopen the bridge,"\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n',
        encoding="utf-8",
    )
    (here / "polnear" / "metadata.tsv").write_text(
        "compartment\tfilename\tannotators\tpublication_date\ndev\tdoc1\tann1\t2016-09-12\n", encoding="utf-8"
    )
    result = run("eval", "quotes", str(split), "--output", "q.jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in Path("q.jsonl").read_text(encoding="utf-8").splitlines()]
    assert json.loads(result.stdout) == evaluate.score_polnear(records, split)
    assert json.loads(result.stdout)["gold"] == 1
    (here / "tml").mkdir()
    (here / "tml" / "doc.tml").write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08">19980108</TIMEX3></DCT>\n'
        '<TEXT>Prices fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>.</TEXT>'
        "</TimeML>\n",
        encoding="utf-8",
    )
    result = run("eval", "times", "tml")
    assert result.exit_code == 0, result.output
    assert list(json.loads(result.stdout)) == [
        "relaxed_f1",
        "relaxed_p",
        "relaxed_r",
        "strict_f1",
        "value_f1",
        "type_f1",
        "system",
        "gold",
        "docs_missing",
    ]


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(here: Path) -> None:
    (here / "a.txt").write_text(
        'date 2020-01-17\n"=HYPERLINK(\\"http://evil.example\\",\\"click\\") is what we saw," said Gary Whitfield.\n',
        encoding="utf-8",
    )
    assert run("ingest", "a.txt", "--db", "d.db").exit_code == 0
    rows = list(csv.DictReader(io.StringIO(run("quotes", "--db", "d.db", "--format", "csv").stdout)))
    assert len(rows) == 1 and rows[0]["text"].startswith("'=HYPERLINK(")
    as_json = json.loads(run("quotes", "--db", "d.db", "--format", "json").stdout.splitlines()[0])
    assert as_json["text"].startswith("=HYPERLINK(")  # JSON keeps the words as said


def test_ingest_stores_a_file_whose_name_is_not_utf8(here: Path) -> None:
    try:
        (here / os.fsdecode(b"caf\xe9.txt")).write_text(SHORT, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    (here / "other.txt").write_text(SHORT.replace("Their parents do.", "Nor do we."), encoding="utf-8")
    result = run("ingest", ".", "--db", "d.db", "--workers", "1")
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert result.stdout.startswith("2 articles (2 new), ")
    with sqlite3.connect(here / "d.db") as db:
        assert db.execute("SELECT source FROM articles ORDER BY source").fetchall() == [
            ("caf\\xe9.txt",),
            ("other.txt",),
        ]
