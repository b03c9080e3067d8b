"""A tagger trained on PolNeAR: each token a source, cue or content of an attribution, or none.

PolNeAR's annotation is univocal (every token has at most one role in at most one attribution),
so a paragraph is a tag sequence. A linear-chain CRF (crfsuite) tags it from the words, the
parse, the quotation marks and what the rules (quoterules.py) found; `assemble` puts its tagged
spans together into attributions, which quotes.py weighs against the rules'. The model is trained
by scripts/train_quotes.py.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
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
from spacy.tokens import Doc, Token

from .cues import CUE_VERBS, Draft, subject_of
from .nlp import text_of
from .quotemarks import SINGLE, Pair, inside, kind_of

ROLES = ("SRC", "CUE", "CNT")
MODEL = "quotes.crfsuite"
WINDOW = (-2, -1, 1, 2)
# Tokens whose features are held at once: a news article's all (PolNeAR's longest has 6,844),
# a long one's a group of paragraphs at a time, so that memory does not grow with its length.
GROUP_TOKENS = 20_000


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


def _base(
    doc: Doc, c: _Columns, pairs: list[Pair], rules: list[str], lo: int, hi: int
) -> dict[int, dict[str, str]]:
    """Each token's own features, for tokens lo to hi - 1."""
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
    out = {}
    for i in range(lo, hi):
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
        out[i] = f
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
    if (only is not None and not only) or not len(doc):
        return [[] for _ in range(len(doc))]
    c = columns or _Columns(doc)
    first, last = (min(only), max(only)) if only else (0, len(doc) - 1)
    # the tokens whose own features the wanted ones read: their sentences', and two beyond
    lo, hi = max(0, doc[first].sent.start - 2), min(len(doc), doc[last].sent.end + 2)
    base = _base(doc, c, pairs, rules, lo, hi)
    para_of = [0] * len(doc)
    for n, (s, e) in enumerate(paragraphs(doc)):
        para_of[s:e] = [n] * (e - s)
    context: dict[int, list[str]] = {}
    sent_in_para = 0
    for sent in doc.sents:
        new_para = sent.start == 0 or para_of[sent.start] != para_of[sent.start - 1]
        sent_in_para = 0 if new_para else sent_in_para + 1
        if sent.end <= first or sent.start > last:
            continue  # no wanted token in it
        cues = [i for i in range(sent.start, sent.end) if "cv" in base[i]]
        ruled = [i for i in range(sent.start, sent.end) if base[i]["r"] == "CUE"]
        quoted = any(base[i]["q"] == "1" for i in range(sent.start, sent.end))
        in_para = "sn=" + _bucket(sent_in_para)
        has_quote = "sq=" + ("1" if quoted else "0")
        for i in range(sent.start, sent.end):
            if only is not None and i not in only:
                continue
            items = context.setdefault(i, [])
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
    n_tokens = len(doc)
    out: list[list[str]] = [[] for _ in range(n_tokens)] if only is not None else []
    own = {i: [f"{k}={v}" for k, v in f.items()] for i, f in base.items()}  # "w=..." first, then l, p, ...
    near = {
        i: (own[i][0], f"r={f['r']}", f"p={f['p']}", f"q={f['q']}", f"d={f['d']}") for i, f in base.items()
    }
    prefixes = {off: str(off) for off in WINDOW}
    for i in sorted(only) if only is not None else range(n_tokens):
        f = base[i]
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
        if only is not None:
            out[i] = items
        else:
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

    Every paragraph is tagged, as the tagger was trained: a belief or a deed needs no word of
    speech ("She has no illusions about Putin's threat").
    """
    tagger = _tagger()
    tags = ["O"] * len(doc)
    confidence = [1.0] * len(doc)
    if tagger is None:
        return tags, confidence
    c = _Columns(doc)
    wanted: list[list[int]] = []
    for s, e in paragraphs(doc):
        tokens = [i for i in range(s, e) if not c.text[i].isspace()]
        if tokens:
            wanted.append(tokens)
    rules = rule_labels(doc, drafts)
    for group in _groups(wanted, GROUP_TOKENS):  # a long article's features a group of paragraphs at a time
        feats = features(doc, pairs, rules, columns=c, only={i for t in group for i in t})
        for tokens in group:
            best = tagger.tag([feats[i] for i in tokens])  # also sets the sequence for marginal()
            for n, (i, t) in enumerate(zip(tokens, best, strict=True)):
                tags[i] = t
                if t.endswith("CUE"):
                    confidence[i] = tagger.marginal(t, n)
    return tags, confidence


def _groups(paragraphs: list[list[int]], size: int) -> Iterator[list[list[int]]]:
    """Paragraphs (their token lists) in groups of about `size` tokens, in order."""
    group: list[list[int]] = []
    count = 0
    for tokens in paragraphs:
        if group and count + len(tokens) > size:
            yield group
            group, count = [], 0
        group.append(tokens)
        count += len(tokens)
    if group:
        yield group


# ---------------------------------------------------------------- from tags to drafts

SENTENCE_BREAK = re.compile(r"[.?!][\"\u201d'\u2019]?\s")


@dataclass
class Piece:
    """A run of tokens the tagger gave one role: tokens start..end-1 of paragraph `para`."""

    role: str
    start: int
    end: int
    para: int


def assemble(doc: Doc, tags: list[str], pairs: list[Pair]) -> list[Draft]:
    """The tagged sources, cues and contents put together into attributions."""
    return _assemble(doc, _pieces(doc, tags), pairs)


def _pieces(doc: Doc, tags: list[str]) -> list[Piece]:
    """Runs of tokens with one role, from BIO tags. A run goes on over blank tokens, which the
    tagger never sees, even where it begins anew after one ("believes\u00a0the legislation")."""
    para_of = [0] * len(doc)
    for n, (s, e) in enumerate(paragraphs(doc)):
        for i in range(s, e):
            para_of[i] = n
    pieces: list[Piece] = []
    for i, tag in enumerate(tags):
        if tag == "O":
            continue
        prefix, role = tag.split("-", 1)
        last = pieces[-1] if pieces else None
        if (
            last is not None
            and last.role == role
            and last.para == para_of[i]
            and (prefix == "I" or last.end < i)
            and all(doc[j].is_space for j in range(last.end, i))
        ):
            last.end = i + 1
        else:
            pieces.append(Piece(role, i, i + 1, para_of[i]))
    for p in pieces:  # a cue is words of saying, not its speaker: "[Reilly] told"
        while p.role == "CUE" and p.end - p.start > 1 and _named(doc[p.start]):
            p.start += 1
        while p.role == "CUE" and p.end - p.start > 1 and _named(doc[p.end - 1]):
            p.end -= 1
    return pieces


def _named(token: Token) -> bool:
    """A name, even one the parser took for another part of speech ("Reilly told")."""
    if token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or token.tag_ in {"NNP", "NNPS"}:
        return True
    return token.text[:1].isupper() and not token.is_stop and token.pos_ not in {"VERB", "AUX"}


def _roots(doc: Doc, piece: Piece) -> list[Token]:
    return [doc[i] for i in range(piece.start, piece.end) if not piece.start <= doc[i].head.i < piece.end]


def _linked(doc: Doc, piece: Piece, cues: list[Piece], up: int) -> Piece | None:
    """The cue a piece hangs under (or that hangs under it) in the parse, within `up` steps."""
    owner = {i: c for c in cues if c.para == piece.para for i in range(c.start, c.end)}
    for root in _roots(doc, piece):
        t = root
        for _ in range(up):
            if t.head.i == t.i:
                break
            t = t.head
            if t.i in owner:
                return owner[t.i]
        for child in root.children:
            if child.i in owner and child.dep_ in {"relcl", "acl"}:
                return owner[child.i]
    for c in cues:
        if c.para == piece.para:
            for root in _roots(doc, c):
                if piece.start <= root.head.i < piece.end:
                    return c
    return None


def _nearest(doc: Doc, piece: Piece, cues: list[Piece]) -> Piece | None:
    """The closest cue in the piece's paragraph, one in the same sentence first."""
    same = [c for c in cues if c.para == piece.para]
    if not same:
        return None
    sent = doc[piece.start].sent

    def distance(c: Piece) -> tuple[int, int]:
        gap = c.start - piece.end if c.start >= piece.end else piece.start - c.end
        return (0 if sent.start <= c.start < sent.end else 1, gap)

    return min(same, key=distance)


def _assemble(doc: Doc, pieces: list[Piece], pairs: list[Pair]) -> list[Draft]:
    """Group tagged pieces into attributions: each cue with its contents and its source. Content
    in a paragraph with no cue is dropped: the tagger's runs there are mostly the writer's own
    sentences after a quotation, and the rules find the quoted paragraphs that go on with the
    speaker before them (quoterules)."""
    cues = [p for p in pieces if p.role == "CUE"]
    in_para: dict[int, list[Piece]] = {}  # a piece's cue is in its paragraph (_linked, _nearest)
    for c in cues:
        in_para.setdefault(c.para, []).append(c)
    contents: dict[int, list[Piece]] = {}
    sources: dict[int, Piece] = {}
    for p in pieces:
        if p.role == "CNT":
            near = in_para.get(p.para, [])
            cue = _linked(doc, p, near, 4)
            if cue is None:
                cue = _nearest(doc, p, near)
                if cue is not None and _unquoted_elsewhere(doc, p, cue, pairs):
                    cue = None
            if cue is not None:
                contents.setdefault(id(cue), []).append(p)
    ranks: dict[int, tuple[int, int]] = {}
    for p in pieces:
        if p.role != "SRC":
            continue
        cue, rank = _linked(doc, p, in_para.get(p.para, []), 2), 0
        if cue is None:
            cue = _nearest(doc, p, in_para.get(p.para, []))
            rank = 1 if cue is not None and doc[cue.start].sent.start == doc[p.start].sent.start else 2
        if cue is None:
            continue
        gap = cue.start - p.end if cue.start >= p.end else p.start - cue.end
        if (rank, gap) < ranks.get(id(cue), (3, 0)):
            sources[id(cue)], ranks[id(cue)] = p, (rank, gap)
    drafts = []
    for cue in cues:
        found = contents.get(id(cue))
        if not found:
            continue
        source = sources.get(id(cue))
        head = _head(doc, cue)
        source_token = _head(doc, source) if source is not None else None
        if source is None or ranks[id(cue)][0] == 2:  # a source in another sentence: the parse's first
            source_token = _cue_subject(doc, cue, pairs) or source_token
        end = doc[cue.end - 1].idx + len(doc[cue.end - 1].text)
        for group in _sentences(doc, sorted(found, key=lambda p: p.start)):
            spans = [(doc[p.start].idx, doc[p.end - 1].idx + len(doc[p.end - 1].text)) for p in group]
            drafts.append(
                Draft(
                    kind_of(spans, pairs),
                    spans,
                    doc[cue.start],
                    source_token,
                    cue_end=end if cue.end - cue.start > 1 or head.i != cue.start else None,
                )
            )
    return drafts


def _unquoted_elsewhere(doc: Doc, piece: Piece, cue: Piece, pairs: list[Pair]) -> bool:
    """Whether a content piece outside quotation marks lies in another sentence than the nearest
    cue, which the parse does not link it to: the writer's own words beside a quotation ('"...,"
    he said. [The state has not said how the money would be spent.]')."""
    if inside(doc[piece.start].idx, pairs):
        return False
    return doc[piece.start].sent.start != doc[cue.start].sent.start


def _cue_subject(doc: Doc, cue: Piece, pairs: list[Pair]) -> Token | None:
    """The source the parse gives a cue the tagger found none for: its subject, outside quotes."""
    for i in range(cue.start, cue.end):
        subject = subject_of(doc[i])
        if subject is not None and not inside(subject.idx, pairs) and not cue.start <= subject.i < cue.end:
            return subject
    return None


def _head(doc: Doc, piece: Piece) -> Token:
    """The syntactic head of a piece: the entity-bearing or highest token."""
    roots = _roots(doc, piece)
    named = [t for t in roots if t.ent_type_ or t.pos_ in {"PROPN", "PRON"}]
    return (named or roots or [doc[piece.start]])[0]


def _sentences(doc: Doc, group: list[Piece]) -> list[list[Piece]]:
    """Content pieces split where a new sentence starts between them: '"A," she said. "B."' is
    two quotations, '"A," she said, "b."' one quotation in two pieces."""
    out = [[group[0]]]
    for prev, p in itertools.pairwise(group):
        if _sentence_break(doc, doc[prev.end - 1].idx, doc[p.start].idx + 1):
            out.append([p])
        else:
            out[-1].append(p)
    return out


def _sentence_break(doc: Doc, start: int, end: int) -> bool:
    """Whether a sentence ends between two characters: a full stop, question or exclamation mark
    (and a closing quotation mark) before a blank, which is not an abbreviation's dot ("Climate
    change, Mr. Obama often says, is ...")."""
    for m in SENTENCE_BREAK.finditer(text_of(doc), start, end):
        mark = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        if mark is None or mark[0].is_punct or (mark.end < len(doc) and doc[mark.end].is_sent_start):
            return True
    return False
