"""Syndicated copies: the same words in several articles linked as occurrences of one quotation.

A wire story runs in many outlets, each copy a little edited; each outlet's article is stored,
and each of its quotes becomes an occurrence of a quotation shared with the copies. Candidates
come from MinHash LSH (datasketch's MinHash over word 3-shingles, banded as datasketch's
`MinHashLSH` would band it for the threshold) with the bands kept in the store, so that a
resumed or later ingest finds the quotations of earlier ones without rebuilding an index. A
candidate is confirmed on the words themselves: Jaccard similarity of the shingles at least
`JACCARD`, or one quote nearly contained in the other (an edited, shortened copy); and the
speakers must agree (the same name or surname, or one copy names nobody).

`link` is called by `Store.write` inside its transaction: the store's one write path.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sqlite3
from typing import Any

NUM_PERM = 64
SEED = 20170501
JACCARD = 0.5
CONTAINMENT = 0.9
SHORT = 6
"""Quotes of fewer words than this are linked only when both name the same speaker."""

SCHEMA = """
CREATE TABLE quotations (id INTEGER PRIMARY KEY, text TEXT NOT NULL, speaker TEXT);
CREATE TABLE occurrences (
    quote_id INTEGER PRIMARY KEY REFERENCES quotes (id),
    quotation_id INTEGER NOT NULL REFERENCES quotations (id));
CREATE INDEX occurrences_quotation ON occurrences (quotation_id);
CREATE TABLE quotation_bands (
    band INTEGER NOT NULL, quotation_id INTEGER NOT NULL REFERENCES quotations (id),
    PRIMARY KEY (band, quotation_id)) WITHOUT ROWID;
"""

_WORD = re.compile(r"\w+")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def shingles(text: str) -> frozenset[str]:
    """Word 3-grams of a quote, case and punctuation ignored; a shorter quote is one shingle."""
    w = words(text)
    if len(w) < 3:
        return frozenset({" ".join(w)})
    return frozenset(" ".join(w[i : i + 3]) for i in range(len(w) - 2))


def similar(a: frozenset[str], b: frozenset[str]) -> bool:
    """Near-duplicates: Jaccard at least JACCARD, or the smaller nearly inside the larger."""
    common = len(a & b)
    if not common:
        return False
    return common / len(a | b) >= JACCARD or common / min(len(a), len(b)) >= CONTAINMENT


@functools.cache
def _minhash() -> tuple[Any, int, int]:
    """datasketch's MinHash class, with the bands and rows its LSH picks for JACCARD."""
    from datasketch import MinHash, MinHashLSH  # imported here: only writes pay for it

    lsh = MinHashLSH(threshold=JACCARD, num_perm=NUM_PERM)
    return MinHash, lsh.b, lsh.r


@functools.cache
def _permutations() -> Any:
    minhash, _, _ = _minhash()
    return minhash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations


def bands(grams: frozenset[str]) -> list[int]:
    """The LSH band keys of a quote's shingles: two quotes sharing one are candidates."""
    minhash, b, r = _minhash()
    m = minhash(num_perm=NUM_PERM, permutations=_permutations(), scheme="affine32")
    m.update_batch([g.encode("utf-8") for g in sorted(grams)])
    values = m.hashvalues
    keys = []
    for i in range(b):
        digest = hashlib.blake2b(values[i * r : (i + 1) * r].tobytes(), digest_size=8, salt=bytes([i]))
        keys.append(int.from_bytes(digest.digest(), "big", signed=True))
    return keys


def speaker_key(name: str | None) -> str | None:
    return " ".join(name.split()).casefold() if name and name.strip() else None


def _surname(key: str) -> str:
    parts = [w.rstrip(".") for w in key.split()]
    parts = [w for w in parts if w not in _SUFFIXES]
    return parts[-1] if parts else key


def same_speaker(a: str | None, b: str | None, *, short: bool) -> bool:
    """Whether two copies' speakers agree: the same name or surname; a missing one agrees with
    anyone, except for short quotes, which too many people say alike."""
    if a is None or b is None:
        return not short
    return a == b or _surname(a) == _surname(b)


def link(db: sqlite3.Connection, quote_id: int, text: str, speaker: str | None) -> int:
    """Make a stored quote an occurrence of its quotation (a new one when it has no near copy);
    returns the quotation's id. Runs inside the caller's transaction."""
    grams = shingles(text)
    key = speaker_key(speaker)
    short = len(words(text)) < SHORT
    keys = bands(grams)
    found: int | None = None
    marks = ", ".join("?" * len(keys))
    for (candidate,) in db.execute(
        f"SELECT DISTINCT quotation_id FROM quotation_bands WHERE band IN ({marks}) ORDER BY quotation_id",
        keys,
    ):
        other, other_speaker = db.execute(
            "SELECT text, speaker FROM quotations WHERE id = ?", (candidate,)
        ).fetchone()
        if similar(grams, shingles(other)) and same_speaker(key, other_speaker, short=short):
            found = candidate
            break
    if found is None:
        found = int(
            db.execute("INSERT INTO quotations (text, speaker) VALUES (?, ?)", (text, key)).lastrowid or 0
        )
        db.executemany(
            "INSERT OR IGNORE INTO quotation_bands VALUES (?, ?)", [(band, found) for band in keys]
        )
    db.execute("INSERT INTO occurrences VALUES (?, ?)", (quote_id, found))
    return found


def link_all(db: sqlite3.Connection) -> int:
    """Link every stored quote that is no occurrence yet, in the order they were stored (a store
    of schema version 1 being upgraded); returns how many were linked."""
    rows = db.execute(
        "SELECT q.id, q.text, q.speaker_name FROM quotes q"
        " WHERE q.id NOT IN (SELECT quote_id FROM occurrences) ORDER BY q.id"
    ).fetchall()
    for quote_id, text, speaker in rows:
        link(db, quote_id, text, speaker)
    return len(rows)
