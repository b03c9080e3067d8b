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
from spacy.tokens import Doc, Token

from .quotemarks import Pair
from .quoterules import CUE_VERBS, Draft

ROLES = ("SRC", "CUE", "CNT")
MODEL = "quotes.crfsuite"
WINDOW = (-2, -1, 1, 2)
NEAR_FEATURES = ("w", "p", "r", "q", "d")
# The pipeline's contextual token vectors (doc.tensor, 96 wide in en_core_web_sm) as features.
VECTOR_NAMES = tuple(f"v{n}" for n in range(128))


def paragraphs(doc: Doc) -> Iterator[tuple[int, int]]:
    """Token ranges of the paragraphs (lines) of a document, without blank tokens at the edges."""
    start = 0
    for token in doc:
        if token.is_space and "\n" in token.text:
            if token.i > start:
                yield start, token.i
            start = token.i + 1
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


def _cue_ancestor(token: Token) -> tuple[str, int] | None:
    """The dependency by which a token hangs under the nearest cue verb above it, and how far."""
    t, steps = token, 0
    while t.head.i != t.i and steps < 8:
        if t.head.pos_ == "VERB" and t.head.lemma_.lower() in CUE_VERBS:
            return t.dep_, steps
        t, steps = t.head, steps + 1
    return None


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


def _base(doc: Doc, pairs: list[Pair], rules: list[str]) -> list[dict[str, str]]:
    quoted = [False] * len(doc)
    for p in pairs:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is not None:
            for t in span:
                quoted[t.i] = True
    out = []
    for t in doc:
        f = {
            "w": t.lower_ if t.is_alpha or t.is_punct else t.shape_,
            "l": t.lemma_.lower(),
            "p": t.tag_,
            "d": t.dep_,
            "hd": t.head.dep_,
            "hl": t.head.lemma_.lower() if t.head.pos_ in {"VERB", "AUX"} else t.head.pos_,
            "r": rules[t.i],
            "q": "1" if quoted[t.i] else "0",
            "e": t.ent_type_ or "-",
            "s": "1" if t.is_sent_start else "0",
        }
        if t.pos_ == "VERB" and t.lemma_.lower() in CUE_VERBS:
            f["cv"] = "1"
        if (up := _cue_ancestor(t)) is not None:
            f["cd"] = up[0]
            f["cs"] = _bucket(up[1])
        if t.text in "\"\u201c\u201d'\u2018\u2019`":
            f["m"] = t.text
        out.append(f)
    return out


def _governor(t: Token) -> tuple[str, str]:
    """The lemma of the verb a token's clause hangs from, and the relation under it."""
    child, head = t, t.head
    for _ in range(10):
        if head.i == child.i:
            break
        if head.pos_ in {"VERB", "AUX"}:
            return head.lemma_.lower(), child.dep_
        child, head = head, head.head
    return "-", "-"


def features(doc: Doc, pairs: list[Pair], rules: list[str]) -> list[dict[str, float]]:
    """The CRF features of every token: its own, its sentence's and some of its neighbours'."""
    base = _base(doc, pairs, rules)
    para_of = [0] * len(doc)
    for n, (s, e) in enumerate(paragraphs(doc)):
        for i in range(s, e):
            para_of[i] = n
    context: list[list[str]] = [[] for _ in doc]
    sent_in_para = 0
    for sent in doc.sents:
        new_para = sent.start == 0 or para_of[sent.start] != para_of[sent.start - 1]
        sent_in_para = 0 if new_para else sent_in_para + 1
        cues = [t.i for t in sent if "cv" in base[t.i]]
        ruled = [t.i for t in sent if base[t.i]["r"] == "CUE"]
        quoted = any(base[t.i]["q"] == "1" for t in sent)
        for t in sent:
            items = context[t.i]
            items.append("sp=" + _bucket(t.i - sent.start))
            items.append("sr=" + _bucket(sent.end - 1 - t.i))
            items.append("sn=" + _bucket(sent_in_para))
            items.append("sq=" + ("1" if quoted else "0"))
            for name, marks in (("nc", cues), ("nr", ruled)):
                if marks:
                    j = min(marks, key=lambda j: abs(j - t.i))
                    side = "L" if j > t.i else "R" if j < t.i else "C"
                    items.append(f"{name}={side}{_bucket(abs(j - t.i))}")
                else:
                    items.append(f"{name}=none")
            verb, rel = _governor(t)
            items.append("gv=" + verb)
            items.append(f"gr={rel}|{'cue' if verb in CUE_VERBS else '-'}")
            items.append(f"path={t.dep_}/{t.head.dep_}/{t.head.head.dep_}")
    tensor = doc.tensor if doc.tensor is not None and len(doc.tensor) == len(doc) else None
    out = []
    for i, f in enumerate(base):
        items = [f"{k}={v}" for k, v in f.items()]
        items.extend(context[i])
        items.append(f"wp={f['w']}|{f['p']}")
        items.append(f"rq={f['r']}|{f['q']}")
        for off in WINDOW:
            j = i + off
            if 0 <= j < len(doc) and para_of[j] == para_of[i]:
                g = base[j]
                items.extend(f"{off}{k}={g[k]}" for k in NEAR_FEATURES)
            else:
                items.append(f"{off}edge")
        row: dict[str, float] = dict.fromkeys(items, 1.0)
        if tensor is not None:
            row.update(zip(VECTOR_NAMES, tensor[i].tolist(), strict=False))
        out.append(row)
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


@functools.cache
def _tagger() -> pycrfsuite.Tagger | None:
    path = resources.files("dateline").joinpath("data", MODEL)
    if not path.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(Path(str(path))))
    return tagger


def available() -> bool:
    """Whether the trained tagger ships with this installation."""
    return _tagger() is not None


def tag(doc: Doc, pairs: list[Pair], drafts: list[Draft]) -> list[str]:
    """The tagger's BIO tag for every token of the document ("O" for blank tokens)."""
    tagger = _tagger()
    tags = ["O"] * len(doc)
    if tagger is None:
        return tags
    feats = features(doc, pairs, rule_labels(doc, drafts))
    for s, e in paragraphs(doc):
        tokens = [i for i in range(s, e) if not doc[i].is_space]
        if tokens:
            for i, t in zip(tokens, tagger.tag([feats[i] for i in tokens]), strict=True):
                tags[i] = t
    return tags
