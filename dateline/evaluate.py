"""Benchmark readers and scorers: PolNeAR attributions, TimeML time expressions, the example,
and speakers resolved to people on a hand-labelled PolNeAR sample.

The scorers compute exactly the figures of the reference scorer (`shared/tools/score.py`) from
JSONL-contract records, so that `dateline eval` and that script agree to the last digit.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import Article

QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019`\u00ab\u00bb"
Segments = list[tuple[int, int]]
Record = dict[str, Any]


def _chars(segs: Iterable[tuple[int, int]]) -> set[int]:
    return {i for s, e in segs for i in range(s, e)}


def dice(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> float:
    """Character-set Dice coefficient of two lists of (start, end) segments."""
    sa, sb = _chars(a), _chars(b)
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def _trim(text: str, s: int, e: int, strip: str = QUOTE_MARKS + " \n\t,.;:") -> tuple[int, int]:
    while s < e and text[s] in strip:
        s += 1
    while e > s and text[e - 1] in strip:
        e -= 1
    return s, e


def _f1(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return (round(2 * p * r / (p + r), 4) if p + r else 0.0), round(p, 4), round(r, 4)


def record_key(record: Record) -> str:
    """The name a prediction is matched by: its source's file name without extension."""
    name = str(record.get("source") or record.get("id") or "")
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


# ---------------------------------------------------------------- PolNeAR


def _metadata(split_dir: Path) -> list[dict[str, str]]:
    meta = split_dir / "metadata.tsv"
    if not meta.exists():
        meta = split_dir.parent / "metadata.tsv"
    if not meta.exists():
        raise InputError(str(split_dir), "no metadata.tsv here or in the parent folder")
    with meta.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def polnear_docs(split_dir: str | Path) -> Iterator[tuple[str, str, str, dt.date]]:
    """(name, text, first annotator, publication date) of each article in a PolNeAR split."""
    root = Path(split_dir)
    if not (root / "text").is_dir():
        raise InputError(str(root), "not a PolNeAR split folder (no text/ inside)")
    for row in _metadata(root):
        path = root / "text" / (row["filename"] + ".txt")
        if not path.exists():
            continue
        published = dt.date.fromisoformat(row["publication_date"][:10])
        yield row["filename"], path.read_text(encoding="utf-8"), row["annotators"].split("|")[0], published


def polnear_articles(split_dir: str | Path) -> Iterator[Article]:
    """The articles of a PolNeAR split, dated from metadata.tsv."""
    root = Path(split_dir)
    for name, text, _, published in polnear_docs(root):
        yield Article(text=text, published=published, source=str(root / "text" / (name + ".txt")))


def parse_ann(path: str | Path) -> list[dict[str, Segments]]:
    """PolNeAR attributions of one brat file: source, cue and content segments each."""
    spans: dict[str, Segments] = {}
    rels: list[dict[str, str]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        tid, rest = line.split("\t", 1)
        if tid.startswith("T"):
            head = rest.split("\t", 1)[0]
            _, offs = head.split(" ", 1)
            spans[tid] = [(int(a), int(b)) for a, b in (s.split() for s in offs.split(";"))]
        elif tid.startswith("E"):
            rels.append(dict(a.split(":") for a in rest.split()))
    out = []
    for r in rels:

        def segs(role: str, r: dict[str, str] = r) -> Segments:
            return [seg for k, v in r.items() if re.fullmatch(role + r"\d*", k) for seg in spans[v]]

        out.append({"source": segs("Source"), "cue": segs("Cue"), "content": segs("Content")})
    return out


def _pred_attrs(rec: Record) -> list[dict[str, Segments]]:
    out = []
    for q in rec.get("quotes", []):
        segs = q.get("spans") or [[q["start"], q["end"]]]
        sp = (q.get("speaker") or {}).get("mention") or None
        cue = q.get("cue") or None
        out.append(
            {
                "content": [(s, e) for s, e in segs],
                "source": [(sp["start"], sp["end"])] if sp else [],
                "cue": [(cue["start"], cue["end"])] if cue else [],
            }
        )
    return out


def score_polnear(
    records: Iterable[Record], split_dir: str | Path, *, names: set[str] | None = None
) -> dict[str, Any]:
    """PolNeAR figures for predictions over one split (first annotator of each article), or over
    the split's articles in `names`."""
    root = Path(split_dir)
    pred = {record_key(r): r for r in records}
    tot = dict.fromkeys(
        ("gold", "pred", "tp", "exact", "src", "cue", "e2e", "dgold", "dpred", "dtp", "dsrc", "missing"), 0
    )
    for name, text, annotator, _ in polnear_docs(root):
        if names is not None and name not in names:
            continue
        gold = parse_ann(root / "attributions" / f"{name}_{annotator}.ann")
        rec = pred.get(name)
        if rec is None:
            tot["missing"] += 1
            rec = {"quotes": []}
        preds = _pred_attrs(rec)
        tot["gold"] += len(gold)
        tot["pred"] += len(preds)

        def is_direct(segs: Segments, text: str = text) -> bool:
            return any(c in text[s:e] for s, e in segs for c in '"\u201c\u201d')

        tot["dgold"] += sum(is_direct(g["content"]) for g in gold)
        tot["dpred"] += sum(is_direct(p["content"]) for p in preds)
        used: set[int] = set()
        for p in preds:
            best, bi = 0.0, None
            for i, g in enumerate(gold):
                if i not in used:
                    d = dice(p["content"], g["content"])
                    if d > best:
                        best, bi = d, i
            if bi is None or best < 0.5:
                continue
            used.add(bi)
            g = gold[bi]
            tot["tp"] += 1
            pt = [_trim(text, s, e) for s, e in p["content"]]
            gt = [_trim(text, s, e) for s, e in g["content"]]
            tot["exact"] += _chars(pt) == _chars(gt)
            src_ok = (not g["source"] and not p["source"]) or (
                bool(g["source"]) and bool(p["source"]) and dice(p["source"], g["source"]) > 0
            )
            tot["src"] += src_ok
            tot["e2e"] += src_ok
            tot["cue"] += bool(g["cue"]) and bool(p["cue"]) and dice(p["cue"], g["cue"]) > 0
            if is_direct(g["content"]):
                tot["dtp"] += 1
                tot["dsrc"] += src_ok
    cf, cp, cr = _f1(tot["tp"], tot["pred"], tot["gold"])
    ef, _, _ = _f1(tot["exact"], tot["pred"], tot["gold"])
    wf, _, _ = _f1(tot["e2e"], tot["pred"], tot["gold"])
    df, _, _ = _f1(tot["dtp"], tot["dpred"], tot["dgold"])
    dwf, _, _ = _f1(tot["dsrc"], tot["dpred"], tot["dgold"])
    return {
        "content_f1": cf,
        "content_p": cp,
        "content_r": cr,
        "content_exact_f1": ef,
        "source_acc": round(tot["src"] / tot["tp"], 4) if tot["tp"] else 0.0,
        "cue_acc": round(tot["cue"] / tot["tp"], 4) if tot["tp"] else 0.0,
        "who_said_what_f1": wf,
        "direct_f1": df,
        "direct_who_said_what_f1": dwf,
        "gold": tot["gold"],
        "pred": tot["pred"],
        "articles_missing": tot["missing"],
    }


# ---------------------------------------------------------------- TimeML (TempEval-3)


def parse_tml(path: str | Path) -> tuple[dt.date, str, list[dict[str, Any]]]:
    """A TimeML file's creation date, its plain text and its TIMEX3 tags with offsets."""
    raw = Path(path).read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    body_match = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if not dct_match or not body_match:
        raise InputError(str(path), "not a TimeML file (no <DCT> or <TEXT>)")
    text: list[str] = []
    timexes: list[dict[str, Any]] = []
    pos = 0
    for m in re.finditer(r"<(/?)(\w+)([^>]*)>|([^<]+)", body_match.group(1)):
        if m.group(4) is not None:
            piece = html.unescape(m.group(4))
            text.append(piece)
            pos += len(piece)
        elif m.group(2) == "TIMEX3" and not m.group(1):
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(3)))
            timexes.append({"start": pos, "type": attrs.get("type"), "value": attrs.get("value")})
        elif m.group(2) == "TIMEX3" and m.group(1):
            timexes[-1]["end"] = pos
    return dt.date.fromisoformat(dct_match.group(1)[:10]), "".join(text), timexes


def timeml_articles(folder: str | Path) -> Iterator[Article]:
    """The documents of a TimeML folder as articles dated by their creation time."""
    paths = sorted(Path(folder).glob("*.tml"))
    if not paths:
        raise InputError(str(folder), "no .tml files in this folder")
    for path in paths:
        published, text, _ = parse_tml(path)
        yield Article(text=text, published=published, source=str(path))


def score_timeml(records: Iterable[Record], folder: str | Path) -> dict[str, Any]:
    """TempEval-3 figures: relaxed and strict extent F1, value and type F1."""
    pred = {record_key(r): r for r in records}
    n_sys = n_gold = relaxed = strict = values = types = missing = 0
    for path in sorted(Path(folder).glob("*.tml")):
        _, text, gold = parse_tml(path)
        rec = pred.get(path.stem)
        if rec is None:
            missing += 1
            rec = {"times": []}
        sys_t = [t for t in rec.get("times", []) if t.get("text", "x").strip()]
        n_sys += len(sys_t)
        n_gold += len(gold)
        used: set[int] = set()
        for g in gold:
            for j, t in enumerate(sys_t):
                if j in used:
                    continue
                if t["start"] < g["end"] and g["start"] < t["end"]:
                    used.add(j)
                    relaxed += 1
                    strict += _trim(text, g["start"], g["end"], " \n\t") == _trim(
                        text, t["start"], t["end"], " \n\t"
                    )
                    values += str(t.get("value")) == str(g["value"])
                    types += str(t.get("type", "")).upper() == str(g["type"]).upper()
                    break
    rel, rp, rr = _f1(relaxed, n_sys, n_gold)
    st, _, _ = _f1(strict, n_sys, n_gold)
    total = n_sys + n_gold
    return {
        "relaxed_f1": rel,
        "relaxed_p": rp,
        "relaxed_r": rr,
        "strict_f1": st,
        "value_f1": round(2 * values / total, 4) if total else 0.0,
        "type_f1": round(2 * types / total, 4) if total else 0.0,
        "system": n_sys,
        "gold": n_gold,
        "docs_missing": missing,
    }


# ---------------------------------------------------------------- the example article


def _norm(s: str) -> str:
    return " ".join(s.strip(QUOTE_MARKS + " \n\t").split()).lower()


def name_key(name: str | None) -> str:
    """A name compared loosely: lower case, no dots or commas, no leading 'the'."""
    words = re.sub(r"[.,]", " ", (name or "").lower()).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def score_example(records: Iterable[Record], gold_path: str | Path) -> dict[str, Any]:
    """Quotes, speakers and times of one record against a hand-made gold file."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    recs = list({record_key(r): r for r in records}.values())
    if not recs:
        return {"error": "no output"}
    rec = recs[0]
    found = spoke = 0
    misses: list[str] = []
    pq = [
        (_norm(q.get("text", "")), (q.get("speaker") or {}).get("name") or "") for q in rec.get("quotes", [])
    ]
    matched: set[int] = set()
    for g in gold["quotes"]:
        gt = _norm(g["text"])
        gtok = set(gt.split())
        hit = None
        for j, (t, _) in enumerate(pq):
            if j in matched:
                continue
            if t == gt or (
                gtok
                and len(gtok & set(t.split())) / len(gtok) >= 0.8
                and len(set(t.split())) <= 1.5 * len(gtok)
            ):
                hit = j
                break
        if hit is None:
            misses.append("missed: " + g["text"][:50])
            continue
        matched.add(hit)
        found += 1
        if name_key(pq[hit][1]) == name_key(g["speaker"]):
            spoke += 1
        else:
            misses.append(f"speaker {pq[hit][1]!r} != {g['speaker']!r}: {g['text'][:40]}")
    extra = [pq[j][0][:50] for j in range(len(pq)) if j not in matched]
    times_ok = 0
    pt = [(t.get("text", "").strip().lower(), str(t.get("value"))) for t in rec.get("times", [])]
    for g in gold["times"]:
        if (g["text"].lower(), g["value"]) in pt:
            times_ok += 1
        else:
            misses.append(f"time {g['text']!r} -> {g['value']}")
    return {
        "quotes_found": found,
        "speakers_right": spoke,
        "quotes_gold": len(gold["quotes"]),
        "extra_quotes": len(extra),
        "times_right": times_ok,
        "times_gold": len(gold["times"]),
        "published_right": rec.get("published") == gold["published"],
        "misses": misses + ["extra: " + e for e in extra],
    }


# ---------------------------------------------------------------- speakers (hand-labelled sample)

PRONOUNS = {"he", "she", "i", "we", "they", "his", "her", "him", "my", "our", "their"}
RELATIVES = {"who", "whom", "that", "which"}


def _speaker_key(name: str | None) -> str:
    return name_key((name or "").replace('"', " ").replace("\u201c", " ").replace("\u201d", " "))


def speaker_right(name: str | None, gold: Record) -> bool:
    """Whether a resolved speaker name is the labelled person: the label or another form of it
    the article uses (`also`), dots, commas, quotation marks and case ignored; and, where the
    article never gives a first name ("Mr. Obama"), a full name with that surname."""
    found = _speaker_key(name)
    if found in {_speaker_key(gold["label"]), *(_speaker_key(a) for a in gold.get("also", []))}:
        return True
    label = _speaker_key(gold["label"]).split()
    return len(label) == 1 and len(found.split()) > 1 and found.split()[-1] == label[0]


def mention_type(source: str) -> str:
    """What kind of words name a source: pronoun, relative, description or name."""
    words = source.lower().replace("\u2019s", "").replace("'s", "").split()
    if len(words) == 1 and words[0] in PRONOUNS:
        return "pronoun"
    if len(words) == 1 and words[0] in RELATIVES:
        return "relative"
    capitalised = any(w[:1].isupper() for w in source.split())
    if not capitalised or words[0] in {"the", "a", "an", "my", "his", "her"}:
        return "description"
    return "name"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def speaker_quote(gold: Record, record: Record) -> Record | None:
    """The predicted quote for a labelled attribution: the one whose speaker mention overlaps its
    source, else the one whose content overlaps one of its contents best (Dice at least 0.5)."""
    src = (gold["start"], gold["end"])
    for q in record["quotes"]:
        m = (q.get("speaker") or {}).get("mention")
        if m and _overlap((m["start"], m["end"]), src):
            return dict(q)
    best, best_score = None, 0.5
    for q in record["quotes"]:
        spans = [(s, e) for s, e in q["spans"]]
        for content in gold["contents"]:
            score = dice(spans, [(s, e) for s, e in content])
            if score >= best_score:
                best, best_score = q, score
    return dict(best) if best else None


def source_entity(gold: Record, record: Record) -> str | None:
    """The person (else any entity) with the last mention inside a labelled source ("Hillary
    Clinton's campaign manager Robby Mook" is Robby Mook): coreference alone, quotes aside."""
    src = (gold["start"], gold["end"])
    found = [
        (e["kind"] == "person", m["start"], str(e["name"]))
        for e in record["entities"]
        for m in e["mentions"]
        if _overlap((m["start"], m["end"]), src)
    ]
    return max(found)[2] if found else None


def score_speakers(records: Iterable[Record], sample: list[Record]) -> dict[str, Any]:
    """Named-speaker accuracy on labelled attributions (each matched to a predicted quote; one
    matched to none counts as wrong), coverage, and the errors, overall and by kind of mention."""
    by_name = {record_key(r): r for r in records}
    counts = dict.fromkeys(("covered", "right", "entity_right"), 0)
    kinds: dict[str, list[int]] = {}
    wrong: list[Record] = []
    for gold in sample:
        record = by_name[gold["article"]]
        tally = kinds.setdefault(mention_type(gold["source"]), [0, 0])
        quote = speaker_quote(gold, record)
        name = ((quote or {}).get("speaker") or {}).get("name")
        ok = quote is not None and speaker_right(name, gold)
        counts["covered"] += quote is not None
        counts["right"] += ok
        counts["entity_right"] += speaker_right(source_entity(gold, record), gold)
        tally[0] += ok
        tally[1] += 1
        if not ok:
            found = "no quote" if quote is None else repr(name)
            wrong.append({**{k: gold[k] for k in ("article", "source", "label")}, "found": found})
    n = len(sample)
    return {
        "attributions": n,
        "articles": len({g["article"] for g in sample}),
        "named_speaker_accuracy": round(counts["right"] / n, 4) if n else 0.0,
        "coverage": round(counts["covered"] / n, 4) if n else 0.0,
        "accuracy_when_covered": round(counts["right"] / max(1, counts["covered"]), 4),
        "entity_accuracy": round(counts["entity_right"] / n, 4) if n else 0.0,
        "by_mention": {k: f"{r}/{t}" for k, (r, t) in sorted(kinds.items())},
        "errors": wrong,
    }
