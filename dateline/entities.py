"""People, organisations and places in one article: merged mentions, roles, affiliations."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from .model import Entity


@dataclass
class Entities:
    """The entities of one article and a way to find which one a piece of text names."""

    entities: list[Entity] = field(default_factory=list)

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping the characters start..end."""
        for entity in self.entities:
            for m in entity.mentions:
                if m.start < end and start < m.end:
                    return entity
        return None


def find_entities(doc: Doc) -> Entities:
    """Named people, organisations and places of an article, each with all its mentions."""
    return Entities()
