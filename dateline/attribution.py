"""A tagger trained on PolNeAR: each token a source, cue or content of an attribution, or none.

PolNeAR's annotation is univocal (every token has at most one role in at most one attribution),
so a paragraph is a tag sequence. A linear-chain CRF (crfsuite) tags it from the words, the
parse, the quotation marks and what the rules (quoterules.py) found; quotes.py assembles the
tagged spans into quotations. The model is trained by scripts/train_quotes.py.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pycrfsuite
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SHAPE,
    TAG,
)
from spacy.tokens import Doc

from .nlp import text_of
from .quotemarks import SINGLE, Pair, overlapping
from .quoterules import CUE_VERBS, SPEECH_CUES, Draft

ROLES = ("SRC", "CUE", "CNT")
MODEL = "quotes.crfsuite"
WINDOW = (-2, -1, 1, 2)


def paragraphs(doc: Doc) -> Iterator[tuple[int, int]]:
    """Token ranges of the paragraphs (lines) of a document, without blank tokens at the edges."""
    start = 0
    for i in doc.to_array(IS_SPACE).nonzero()[0].tolist():
        if "\n" in doc[i].text:
            if i > start:
                yield start, i
            start = i + 1
    if start < len(doc):
        yield start, len(doc)


def rule_labels(doc: Doc, drafts: list[Draft]) -> list[str]:
    """Each token's role in the rules' attributions: "SRC", "CUE", "CNT" with the kind, or "O"."""
    labels = ["O"] * len(doc)
    for d in drafts:
        for s, e in d.spans:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                for t in span:
                    labels[t.i] = "CNT-" + d.kind[0]
        if d.cue is not None:
            labels[d.cue.i] = "CUE"
        if d.source is not None:
            for i in range(d.source.left_edge.i, d.source.i + 1):
                labels[i] = "SRC"
    return labels


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


COLUMNS = [ORTH, LOWER, LEMMA, TAG, DEP, HEAD, ENT_TYPE, POS, SHAPE, IS_ALPHA, IS_PUNCT, SENT_START]


class _Columns:
    """A parsed document's token attributes as plain lists: reading them through Token objects
    costs more than the whole tagging."""

    def __init__(self, doc: Doc) -> None:
        table = doc.to_array(COLUMNS)
        strings = doc.vocab.strings
        seen: dict[int, str] = {}

        def column(n: int) -> list[str]:
            out = []
            for h in table[:, n].tolist():
                if h not in seen:
                    seen[h] = strings[h] if h else ""
                out.append(seen[h])
            return out

        self.text, self.lower, lemma, self.tag, self.dep = (column(n) for n in range(5))
        self.lemma = [w.lower() for w in lemma]
        self.head = [i + offset for i, offset in enumerate(table[:, 5].astype("int64").tolist())]
        self.ent, self.pos, self.shape = column(6), column(7), column(8)
        self.alpha, self.punct, self.start = (table[:, n].astype("int64").tolist() for n in (9, 10, 11))
        self.cue = [p == "VERB" and lem in CUE_VERBS for p, lem in zip(self.pos, self.lemma, strict=True)]

    def cue_ancestor(self, i: int) -> tuple[str, int] | None:
        """The dependency by which a token hangs under the nearest cue verb above it, and how far."""
        t, steps = i, 0
        while self.head[t] != t and steps < 8:
            if self.cue[self.head[t]]:
                return self.dep[t], steps
            t, steps = self.head[t], steps + 1
        return None

    def governor(self, i: int) -> tuple[str, str]:
        """The lemma of the verb a token's clause hangs from, and the relation under it."""
        child, head = i, self.head[i]
        for _ in range(10):
            if head == child:
                break
            if self.pos[head] in {"VERB", "AUX"}:
                return self.lemma[head], self.dep[child]
            child, head = head, self.head[head]
        return "-", "-"


def _base(doc: Doc, c: _Columns, pairs: list[Pair], rules: list[str]) -> list[dict[str, str]]:
    quoted = [False] * len(doc)
    marks: dict[int, str] = {}  # single marks that quote, seen as the double marks they stand for
    for p in pairs:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is not None:
            quoted[span.start : span.end] = [True] * len(span)
            if span[0].text in SINGLE:
                marks[span.start] = "\u201c"
            if p.close_len and span[-1].text in SINGLE:
                marks[span.end - 1] = "\u201d"
    out = []
    for i in range(len(doc)):
        h = c.head[i]
        word = marks.get(i) or (c.lower[i] if c.alpha[i] or c.punct[i] else c.shape[i])
        f = {
            "w": word,
            "l": c.lemma[i],
            "p": c.tag[i],
            "d": c.dep[i],
            "hd": c.dep[h],
            "hl": c.lemma[h] if c.pos[h] in {"VERB", "AUX"} else c.pos[h],
            "r": rules[i],
            "q": "1" if quoted[i] else "0",
            "e": c.ent[i] or "-",
            "s": "1" if c.start[i] == 1 or i == 0 else "0",
        }
        if c.cue[i]:
            f["cv"] = "1"
        if (up := c.cue_ancestor(i)) is not None:
            f["cd"] = up[0]
            f["cs"] = _bucket(up[1])
        if c.text[i] in "\"\u201c\u201d'\u2018\u2019`":
            f["m"] = marks.get(i, c.text[i])
        out.append(f)
    return out


def features(
    doc: Doc,
    pairs: list[Pair],
    rules: list[str],
    *,
    columns: _Columns | None = None,
    only: set[int] | None = None,
) -> list[list[str]]:
    """The CRF features of every token (or of the tokens in `only`; the others get none): its
    own, its sentence's and some of its neighbours'."""
    c = columns or _Columns(doc)
    base = _base(doc, c, pairs, rules)
    para_of = [0] * len(doc)
    for n, (s, e) in enumerate(paragraphs(doc)):
        para_of[s:e] = [n] * (e - s)
    context: list[list[str]] = [[] for _ in range(len(doc))]
    sent_in_para = 0
    for sent in doc.sents:
        new_para = sent.start == 0 or para_of[sent.start] != para_of[sent.start - 1]
        sent_in_para = 0 if new_para else sent_in_para + 1
        cues = [i for i in range(sent.start, sent.end) if "cv" in base[i]]
        ruled = [i for i in range(sent.start, sent.end) if base[i]["r"] == "CUE"]
        quoted = any(base[i]["q"] == "1" for i in range(sent.start, sent.end))
        in_para = "sn=" + _bucket(sent_in_para)
        has_quote = "sq=" + ("1" if quoted else "0")
        for i in range(sent.start, sent.end):
            if only is not None and i not in only:
                continue
            items = context[i]
            items.append("sp=" + _bucket(i - sent.start))
            items.append("sr=" + _bucket(sent.end - 1 - i))
            items.append(in_para)
            items.append(has_quote)
            for name, marks in (("nc", cues), ("nr", ruled)):
                if marks:
                    j = min(marks, key=lambda j: abs(j - i))
                    side = "L" if j > i else "R" if j < i else "C"
                    items.append(f"{name}={side}{_bucket(abs(j - i))}")
                else:
                    items.append(f"{name}=none")
            verb, rel = c.governor(i)
            items.append("gv=" + verb)
            items.append(f"gr={rel}|{'cue' if verb in CUE_VERBS else '-'}")
            items.append(f"path={c.dep[i]}/{c.dep[c.head[i]]}/{c.dep[c.head[c.head[i]]]}")
    out: list[list[str]] = []
    n_tokens = len(doc)
    own = [[f"{k}={v}" for k, v in f.items()] for f in base]  # "w=..." first, then l, p, d, ...
    near = [
        (o[0], f"r={f['r']}", f"p={f['p']}", f"q={f['q']}", f"d={f['d']}")
        for o, f in zip(own, base, strict=True)
    ]
    prefixes = {off: str(off) for off in WINDOW}
    for i, f in enumerate(base):
        if only is not None and i not in only:
            out.append([])
            continue
        items = own[i] + context[i]
        items.append(f"wp={f['w']}|{f['p']}")
        items.append(f"rq={f['r']}|{f['q']}")
        for off in WINDOW:
            j = i + off
            pre = prefixes[off]
            if 0 <= j < n_tokens and para_of[j] == para_of[i]:
                w, r, p, q, d = near[j]
                items += [pre + w, pre + r]
                if off in (-1, 1):
                    items += [pre + p, pre + q, pre + d]
            else:
                items.append(pre + "edge")
        out.append(items)
    return out


def gold_tags(doc: Doc, attributions: list[dict[str, list[tuple[int, int]]]]) -> list[str]:
    """BIO tags of PolNeAR attributions over the tokens: B-CNT, I-CNT, B-SRC, ..., O."""
    tags = ["O"] * len(doc)
    for n, a in enumerate(attributions):
        for role, key in (("SRC", "source"), ("CUE", "cue"), ("CNT", "content")):
            for s, e in a[key]:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    if not t.is_space:
                        tags[t.i] = f"{role}:{n}"
    out = []
    for i, tag in enumerate(tags):
        if tag == "O":
            out.append("O")
        else:
            role = tag.split(":")[0]
            out.append(("I-" if i > 0 and tags[i - 1] == tag else "B-") + role)
    return out


_other_model: list[Path] = []  # use_model()'s choice, if any


@functools.cache
def _tagger() -> pycrfsuite.Tagger | None:
    path = _other_model[0] if _other_model else Path(str(resources.files("dateline").joinpath("data", MODEL)))
    if not path.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def use_model(path: Path | None) -> None:
    """Tag with another trained model from now on in this process (None: the shipped one), as
    bench/heldout.py does with a tagger trained on part of PolNeAR train."""
    _other_model[:] = [path] if path is not None else []
    _tagger.cache_clear()


def available() -> bool:
    """Whether the trained tagger ships with this installation."""
    return _tagger() is not None


def tag(doc: Doc, pairs: list[Pair], drafts: list[Draft]) -> tuple[list[str], list[float]]:
    """The tagger's BIO tag for every token ("O" for blank tokens), and for cue tokens the
    probability the model gives that tag (1.0 elsewhere).

    Only paragraphs that could hold a quotation are tagged: those with quotation marks or a
    word that can report speech (SPEECH_CUES); what the tagger finds elsewhere is not kept.
    """
    tagger = _tagger()
    tags = ["O"] * len(doc)
    confidence = [1.0] * len(doc)
    if tagger is None:
        return tags, confidence
    c = _Columns(doc)
    text = text_of(doc)
    wanted: list[list[int]] = []
    for s, e in paragraphs(doc):
        tokens = [i for i in range(s, e) if not c.text[i].isspace()]
        start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        marks = bool(overlapping(pairs, [(start, end)])) or '"' in text[start:end]
        if tokens and (marks or any(c.lemma[i] in SPEECH_CUES or c.lower[i] in SPEECH_CUES for i in tokens)):
            wanted.append(tokens)
    feats = features(doc, pairs, rule_labels(doc, drafts), columns=c, only={i for t in wanted for i in t})
    for tokens in wanted:
        best = tagger.tag([feats[i] for i in tokens])  # also sets the sequence for marginal()
        for n, (i, t) in enumerate(zip(tokens, best, strict=True)):
            tags[i] = t
            if t.endswith("CUE"):
                confidence[i] = tagger.marginal(t, n)
    return tags, confidence
