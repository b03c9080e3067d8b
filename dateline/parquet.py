"""The Parquet tables of a Spark run, and loading them into the SQLite store (`dateline load`).

The tables mirror the store's: `articles`, `entities`, `mentions`, `roles`, `quotes`, `times`
and `errors`, with the same columns, less those the store derives across articles (`people`
ids, quote ids and their quotations) or at write time (`ingested_at`). Loading rebuilds each
article's analysis and writes it through `Store.write`, the store's one write path, so that a
loaded store is the store `dateline ingest` builds from the same articles.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

from .errors import DatelineError
from .ingest import Report
from .model import (
    Analysis,
    Article,
    Entity,
    EntityKind,
    Mention,
    Quote,
    QuoteKind,
    Role,
    Speaker,
    Time,
    TimeType,
)
from .store import Store

Row = tuple[Any, ...]

TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("id", "string"),
        ("source", "string"),
        ("url", "string"),
        ("title", "string"),
        ("published", "string"),
        ("text", "string"),
    ),
    "entities": (
        ("article_id", "string"),
        ("entity_id", "string"),
        ("idx", "int"),
        ("name", "string"),
        ("kind", "string"),
    ),
    "mentions": (
        ("article_id", "string"),
        ("entity_id", "string"),
        ("idx", "int"),
        ("text", "string"),
        ("start", "int"),
        ("end", "int"),
    ),
    "roles": (
        ("article_id", "string"),
        ("entity_id", "string"),
        ("idx", "int"),
        ("role", "string"),
        ("affiliation", "string"),
    ),
    "quotes": (
        ("article_id", "string"),
        ("idx", "int"),
        ("kind", "string"),
        ("text", "string"),
        ("start", "int"),
        ("end", "int"),
        ("spans", "string"),
        ("cue_text", "string"),
        ("cue_start", "int"),
        ("cue_end", "int"),
        ("speaker_name", "string"),
        ("speaker_entity", "string"),
        ("mention_text", "string"),
        ("mention_start", "int"),
        ("mention_end", "int"),
        ("said_on", "string"),
    ),
    "times": (
        ("article_id", "string"),
        ("idx", "int"),
        ("text", "string"),
        ("start", "int"),
        ("end", "int"),
        ("type", "string"),
        ("value", "string"),
    ),
    "errors": (("source", "string"), ("line", "int"), ("reason", "string")),
}
"""Each table's columns and their types (`string` or 32-bit `int`), in order."""


def rows(analysis: Analysis) -> dict[str, list[Row]]:
    """An analysis as rows of the article tables (all but `errors`)."""
    a = analysis.article
    out: dict[str, list[Row]] = {
        "articles": [(a.id, a.source, a.url, a.title, a.published.isoformat(), a.text)],
        "entities": [],
        "mentions": [],
        "roles": [],
        "quotes": [],
        "times": [(a.id, i, t.text, t.start, t.end, t.type, t.value) for i, t in enumerate(analysis.times)],
    }
    for i, e in enumerate(analysis.entities):
        out["entities"].append((a.id, e.id, i, e.name, e.kind))
        out["mentions"] += [(a.id, e.id, j, m.text, m.start, m.end) for j, m in enumerate(e.mentions)]
        out["roles"] += [(a.id, e.id, j, r.role, r.affiliation) for j, r in enumerate(e.roles)]
    for i, q in enumerate(analysis.quotes):
        sp, cue = q.speaker, q.cue
        m = sp.mention if sp else None
        out["quotes"].append(
            (
                *(a.id, i, q.kind, q.text, q.start, q.end, json.dumps([list(s) for s in q.spans])),
                *((cue.text, cue.start, cue.end) if cue else (None, None, None)),
                *((sp.name, sp.entity) if sp else (None, None)),
                *((m.text, m.start, m.end) if m else (None, None, None)),
                q.said_on,
            )
        )
    return out


def _mention(text: str | None, start: int | None, end: int | None) -> Mention | None:
    return Mention(text, int(start or 0), int(end or 0)) if text is not None else None


def analyses(tables: dict[str, list[dict[str, Any]]]) -> Iterator[Analysis]:
    """Rebuild analyses from table rows (as dicts), articles in (source, id) order."""

    def by_article(name: str) -> dict[str, list[dict[str, Any]]]:
        grouped: dict[str, list[dict[str, Any]]] = {}
        for row in sorted(
            tables.get(name, []), key=lambda r: (r["article_id"], r.get("entity_id") or "", r["idx"])
        ):
            grouped.setdefault(row["article_id"], []).append(row)
        return grouped

    entities, mentions, roles = by_article("entities"), by_article("mentions"), by_article("roles")
    quotes, times = by_article("quotes"), by_article("times")
    for r in sorted(tables["articles"], key=lambda r: (r["source"], r["id"])):
        article = Article(
            text=r["text"],
            published=dt.date.fromisoformat(r["published"]),
            source=r["source"],
            url=r["url"],
            title=r["title"],
            id=r["id"],
        )

        def of(rows: list[dict[str, Any]], eid: str) -> list[dict[str, Any]]:
            return [x for x in rows if x["entity_id"] == eid]

        ents = tuple(
            Entity(
                e["entity_id"],
                e["name"],
                cast(EntityKind, e["kind"]),
                tuple(
                    Mention(m["text"], m["start"], m["end"])
                    for m in of(mentions.get(article.id, []), e["entity_id"])
                ),
                tuple(
                    Role(x["role"], x["affiliation"]) for x in of(roles.get(article.id, []), e["entity_id"])
                ),
            )
            for e in entities.get(article.id, [])
        )
        qs = tuple(
            Quote(
                kind=cast(QuoteKind, q["kind"]),
                text=q["text"],
                spans=tuple((s, e) for s, e in json.loads(q["spans"])),
                cue=_mention(q["cue_text"], q["cue_start"], q["cue_end"]),
                speaker=Speaker(
                    q["speaker_name"],
                    q["speaker_entity"],
                    _mention(q["mention_text"], q["mention_start"], q["mention_end"]),
                )
                if q["speaker_name"] is not None
                else None,
                said_on=q["said_on"],
            )
            for q in quotes.get(article.id, [])
        )
        ts = tuple(
            Time(t["text"], t["start"], t["end"], cast(TimeType, t["type"]), t["value"])
            for t in times.get(article.id, [])
        )
        yield Analysis(article, ents, qs, ts)


def read_tables(directory: str | Path) -> dict[str, list[dict[str, Any]]]:
    """The Parquet tables a Spark run wrote under a directory, as lists of row dicts."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise DatelineError("reading Parquet needs pyarrow: pip install 'dateline[parquet]'") from None
    root = Path(directory)
    if not (root / "articles").exists():
        raise DatelineError(f"{directory}: no Spark output here (no 'articles' table)")
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in TABLES:
        path = root / name
        if path.exists():
            tables[name] = cast(list[dict[str, Any]], pq.read_table(path).to_pylist())
    return tables


def load(
    directory: str | Path,
    store: Store,
    *,
    batch_size: int = 500,
    on_progress: Callable[[int], None] = lambda n: None,
) -> Report:
    """Load a Spark run's Parquet tables into the store: new articles written in batches (one
    transaction each), articles already stored skipped, failed inputs recorded."""
    tables = read_tables(directory)
    report = Report()
    for e in tables.get("errors", []):
        store.record_error(e["source"], e["line"], e["reason"])
        report.failed += 1
    batch: list[Analysis] = []

    def flush() -> None:
        known = store.known_ids(a.article.id for a in batch)
        report.known += len(known)
        report.new += store.write(a for a in batch if a.article.id not in known)
        on_progress(len(batch))
        batch.clear()

    for analysis in analyses(tables):
        report.read += 1
        batch.append(analysis)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return report
