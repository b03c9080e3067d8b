"""Deeds, stances and intentions the tagger and the rules missed, in the frames PolNeAR annotates
as attributions more often than not: a verb with its object ("DuVernay powerfully highlights
[the police killings of Trayvon Martin and Michael Brown]"), its infinitive ("he decided [to take
aim at the coal industry's contribution]"), a preposition's object ("Ban has focused on
[climate change]") or its clause ("I cannot fathom [how Hillary Clinton has escaped charges]").

A frame is a verb's lemma and that relation: "offer|dobj", "decide|xcomp", "focus|prep:on"; or a
class of verbs and the relation ("@cognition|ccomp": "figure", "learn", "fathom" with a clause),
which holds for a verb of the class whose own frame the data does not speak against (WordNet's
class of its commonest sense, knowledge.verb_class). Which frames count is data
(data/deed_frames.json), chosen by scripts/train_frames.py on PolNeAR train held out five-fold:
of each frame's occurrences that the tagger and the rules left uncovered, how many were gold
attributions. A frame is kept when at least half were, and at least three; a verb's own frame
seen at least three times and not kept, whose class's frame is, is "unlike" its class.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from spacy.attrs import POS
from spacy.tokens import Doc, Token

from . import knowledge
from .cues import EVENT_NOUNS, RELATIVE, Draft, purpose, subject_of
from .indirect import Taken, before_final_punct
from .quotemarks import Pair, inside

FRAMES = "deed_frames.json"
_chosen: list[tuple[frozenset[str], frozenset[str]]] = []  # set by use_frames, for the shipped ones


@dataclass(frozen=True)
class Frame:
    """One verb with a complement, as a candidate attribution."""

    key: str  # "offer|dobj"
    family: str | None  # "@possession|dobj": the verb's class and the relation
    verb: Token
    source: Token
    span: tuple[int, int]  # the complement's characters
    cue_end: int | None  # where a cue with its preposition ends ("focused on")


@functools.cache
def _shipped() -> tuple[frozenset[str], frozenset[str]]:
    path = resources.files("dateline").joinpath("data", FRAMES)
    table = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(table["frames"]), frozenset(table.get("unlike", {}))


def frames() -> frozenset[str]:
    """The frames that make an attribution."""
    return (_chosen[0] if _chosen else _shipped())[0]


def unlike() -> frozenset[str]:
    """Verbs' own frames the data speaks against, whatever their class's."""
    return (_chosen[0] if _chosen else _shipped())[1]


def use_frames(chosen: frozenset[str] | None, against: frozenset[str] = frozenset()) -> None:
    """Use these frames (and verbs' frames unlike their class's) instead of the shipped ones
    (None: the shipped ones again)."""
    _chosen.clear()
    if chosen is not None:
        _chosen.append((chosen, against))


def candidates(
    doc: Doc, pairs: list[Pair], verbs: frozenset[str] | None = None, classes: frozenset[str] = frozenset()
) -> Iterator[Frame]:
    """Every verb outside quotation marks that has a subject (not an event: "the rally called
    for") and is no infinitive of purpose ("are using rallies to call for") with an object, an
    infinitive, a preposition's object or a clause after it, in text order; only those of these
    `verbs` (lemmas) or verb `classes` when `verbs` is given."""
    for i in (doc.to_array([POS]).ravel() == doc.vocab.strings["VERB"]).nonzero()[0].tolist():
        verb = doc[i]
        lemma = verb.lemma_.lower()
        family = knowledge.verb_class(lemma)
        if (verbs is not None and lemma not in verbs and family not in classes) or inside(verb.idx, pairs):
            continue
        source = subject_of(verb)
        if source is None or source.lemma_.lower() in EVENT_NOUNS or _gapped(verb, source) or purpose(verb):
            continue
        for child in verb.rights:
            found = _complement(verb, child)
            if found is None:
                continue
            relation, node, cue_end = found
            start, end = node.left_edge.i, before_final_punct(doc, node.left_edge.i, node.right_edge.i + 1)
            if end <= start:
                continue
            span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
            if span[1] - span[0] >= 3:
                of_class = f"@{family}|{relation}" if family else None
                yield Frame(f"{lemma}|{relation}", of_class, verb, source, span, cue_end)


def _gapped(verb: Token, source: Token) -> bool:
    """Whether a verb heads a relative clause whose noun is not its subject, so that what it takes
    lacks that noun: "the resolution he will ask the other city councilors [to support]"."""
    return verb.dep_ == "relcl" and source.lower_ not in RELATIVE and source.i != verb.head.i


def _complement(verb: Token, child: Token) -> tuple[str, Token, int | None] | None:
    """The relation, the phrase and the cue's end of a verb's complement, if child is one."""
    if child.dep_ == "dobj":
        return "dobj", child, None
    if child.dep_ in {"xcomp", "ccomp"} and child.pos_ in {"VERB", "AUX"}:
        return child.dep_, child, None
    if child.dep_ == "prep":
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return f"prep:{child.lower_}", obj, child.idx + len(child)
    return None


@functools.cache
def _wanted(chosen: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The verbs (lemmas) and the verb classes of these frames."""
    heads = [key.split("|")[0] for key in chosen]
    verbs = frozenset(h for h in heads if not h.startswith("@"))
    return verbs, frozenset(h[1:] for h in heads if h.startswith("@"))


def deed_frames(doc: Doc, pairs: list[Pair], found: list[Draft]) -> list[Draft]:
    """Attributions in the chosen frames whose content no other attribution has."""
    chosen, against = frames(), unlike()
    taken = Taken([s for d in found for s in d.spans])
    drafts = []
    for frame in candidates(doc, pairs, *_wanted(chosen)):
        start, end = frame.span
        if frame.key not in chosen and (frame.family not in chosen or frame.key in against):
            continue
        if taken.overlaps(start, end):
            continue
        drafts.append(Draft("indirect", [frame.span], frame.verb, frame.source, cue_end=frame.cue_end))
        taken.add(frame.span)
    return drafts
