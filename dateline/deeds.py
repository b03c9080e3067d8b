"""Deeds, stances and intentions the tagger and the rules missed, in the frames PolNeAR annotates
as attributions more often than not: a verb with its object ("DuVernay powerfully highlights
[the police killings of Trayvon Martin and Michael Brown]"), its infinitive ("he decided [to take
aim at the coal industry's contribution]") or a preposition's object ("Ban has focused on
[climate change]").

A frame is a verb's lemma and that relation: "offer|dobj", "decide|xcomp", "focus|prep:on". Which
frames count is data (data/deed_frames.json), chosen by scripts/train_frames.py on PolNeAR train
held out five-fold: of each frame's occurrences that the tagger and the rules left uncovered,
how many were gold attributions. A frame is kept when at least half were, and at least three.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from spacy.attrs import POS
from spacy.tokens import Doc, Token

from .cues import EVENT_NOUNS, RELATIVE, Draft, purpose, subject_of
from .indirect import Taken, before_final_punct
from .quotemarks import Pair, inside

FRAMES = "deed_frames.json"
_chosen: list[frozenset[str]] = []  # frames set by use_frames, in place of the shipped ones


@dataclass(frozen=True)
class Frame:
    """One verb with a complement, as a candidate attribution."""

    key: str  # "offer|dobj"
    verb: Token
    source: Token
    span: tuple[int, int]  # the complement's characters
    cue_end: int | None  # where a cue with its preposition ends ("focused on")


@functools.cache
def _shipped() -> frozenset[str]:
    path = resources.files("dateline").joinpath("data", FRAMES)
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["frames"])


def frames() -> frozenset[str]:
    """The frames that make an attribution."""
    return _chosen[0] if _chosen else _shipped()


def use_frames(chosen: frozenset[str] | None) -> None:
    """Use these frames instead of the shipped ones (None: the shipped ones again)."""
    _chosen.clear()
    if chosen is not None:
        _chosen.append(chosen)


def candidates(doc: Doc, pairs: list[Pair], verbs: frozenset[str] | None = None) -> Iterator[Frame]:
    """Every verb outside quotation marks that has a subject (not an event: "the rally called
    for") and is no infinitive of purpose ("are using rallies to call for") with an object, an
    infinitive or a preposition's object after it, in text order; only those of these `verbs`
    (lemmas) when given."""
    for i in (doc.to_array([POS]).ravel() == doc.vocab.strings["VERB"]).nonzero()[0].tolist():
        verb = doc[i]
        if (verbs is not None and verb.lemma_.lower() not in verbs) or inside(verb.idx, pairs):
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
                yield Frame(f"{verb.lemma_.lower()}|{relation}", verb, source, span, cue_end)


def _gapped(verb: Token, source: Token) -> bool:
    """Whether a verb heads a relative clause whose noun is not its subject, so that what it takes
    lacks that noun: "the resolution he will ask the other city councilors [to support]"."""
    return verb.dep_ == "relcl" and source.lower_ not in RELATIVE and source.i != verb.head.i


def _complement(verb: Token, child: Token) -> tuple[str, Token, int | None] | None:
    """The relation, the phrase and the cue's end of a verb's complement, if child is one."""
    if child.dep_ == "dobj":
        return "dobj", child, None
    if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"}:
        return "xcomp", child, None
    if child.dep_ == "prep":
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return f"prep:{child.lower_}", obj, child.idx + len(child)
    return None


@functools.cache
def _verbs(chosen: frozenset[str]) -> frozenset[str]:
    """The verbs (lemmas) of these frames."""
    return frozenset(key.split("|")[0] for key in chosen)


def deed_frames(doc: Doc, pairs: list[Pair], found: list[Draft]) -> list[Draft]:
    """Attributions in the chosen frames whose content no other attribution has."""
    chosen = frames()
    taken = Taken([s for d in found for s in d.spans])
    drafts = []
    for frame in candidates(doc, pairs, _verbs(chosen)):
        start, end = frame.span
        if frame.key not in chosen or any(s < end and start < e for s, e in taken.near(start, end)):
            continue
        drafts.append(Draft("indirect", [frame.span], frame.verb, frame.source, cue_end=frame.cue_end))
        taken.add(frame.span)
    return drafts
