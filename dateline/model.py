"""The records dateline reads and produces: frozen dataclasses and their JSON form.

The JSON form of an `Analysis` is the JSONL contract of `dateline extract` (docs/DESIGN.md);
other tools score it, so field names and meanings here change only by adding.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

EntityKind = Literal["person", "organization", "place"]
QuoteKind = Literal["direct", "indirect", "mixed"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]

MAX_CHARS = 2_000_000
"""The longest article text read; longer inputs are reported, not analysed."""


def text_id(text: str) -> str:
    """The identity of an article: the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """A dated news article as read: `text` is the body exactly as found after any header."""

    text: str
    published: dt.date
    source: str
    url: str | None = None
    title: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", text_id(self.text))


@dataclass(frozen=True)
class Mention:
    """Words in the article text: `text == article.text[start:end]`."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Role:
    """What a person is ("mayor") and, when the article says, where ("Springfield")."""

    role: str
    affiliation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "affiliation": self.affiliation}


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place, with every mention of it in one article."""

    id: str
    name: str
    kind: EntityKind
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "roles": [r.to_dict() for r in self.roles],
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True)
class Speaker:
    """Who a quotation is attributed to.

    `mention` is the words near the cue that name the source ("she", "Sierra"); `name` is who
    that is over the whole article ("Diana Sierra"), or the words themselves ("activists") when
    the source is no named entity, in which case `entity` is None.
    """

    name: str
    entity: str | None = None
    mention: Mention | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "entity": self.entity,
            "mention": self.mention.to_dict() if self.mention else None,
        }


@dataclass(frozen=True)
class Quote:
    """An attribution: content (possibly in pieces), its cue and its speaker.

    `spans` are the content's pieces as character offsets; a direct quotation's pieces include
    their quotation marks, as PolNeAR annotates them. `text` is the words alone: the pieces
    without their outer quotation marks, joined by a space.
    """

    kind: QuoteKind
    text: str
    spans: tuple[tuple[int, int], ...]
    cue: Mention | None
    speaker: Speaker | None
    said_on: str

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "spans": [list(s) for s in self.spans],
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "said_on": self.said_on,
        }


@dataclass(frozen=True)
class Time:
    """A TIMEX3 time expression with its value resolved against the publication date."""

    text: str
    start: int
    end: int
    type: TimeType
    value: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "value": self.value,
        }


@dataclass(frozen=True)
class Analysis:
    """Everything dateline extracts from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[Time, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSONL contract's record for this article."""
        a = self.article
        return {
            "id": a.id,
            "source": a.source,
            "url": a.url,
            "published": a.published.isoformat(),
            "title": a.title,
            "text": a.text,
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "times": [t.to_dict() for t in self.times],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Analysis:
        """Rebuild an analysis from its JSON record (the inverse of `to_dict`)."""

        def mention(m: dict[str, Any] | None) -> Mention | None:
            return Mention(m["text"], m["start"], m["end"]) if m else None

        article = Article(
            text=d["text"],
            published=dt.date.fromisoformat(d["published"]),
            source=d["source"],
            url=d.get("url"),
            title=d.get("title"),
            id=d.get("id") or "",
        )
        entities = tuple(
            Entity(
                id=e["id"],
                name=e["name"],
                kind=e["kind"],
                mentions=tuple(Mention(m["text"], m["start"], m["end"]) for m in e["mentions"]),
                roles=tuple(Role(r["role"], r.get("affiliation")) for r in e.get("roles", [])),
            )
            for e in d.get("entities", [])
        )
        quotes = []
        for q in d.get("quotes", []):
            sp = q.get("speaker")
            quotes.append(
                Quote(
                    kind=q["kind"],
                    text=q["text"],
                    spans=tuple((s, e) for s, e in q.get("spans") or [[q["start"], q["end"]]]),
                    cue=mention(q.get("cue")),
                    speaker=Speaker(sp["name"], sp.get("entity"), mention(sp.get("mention"))) if sp else None,
                    said_on=q.get("said_on") or d["published"],
                )
            )
        times = tuple(
            Time(t["text"], t["start"], t["end"], t["type"], t["value"]) for t in d.get("times", [])
        )
        return cls(article, entities, tuple(quotes), times)
