"""Build dateline/data/known_people.tsv and genders.tsv from the PolNeAR training articles.

known_people.tsv: surnames that name one well-known person in the news. People named in full
are found with the English pipeline; a surname is kept when one full name accounts for at least
85% of the articles naming someone of that surname in full, in at least 5 articles ("Obama" ->
"Barack Obama"), unless the surname is also a common word ("White House") or the first name is
someone's surname ("Trump Tower"). dateline uses it only for a person an article names by
surname alone.

genders.tsv: the gender the articles give people named in full, from evidence that does not
depend on the first name (which misleads for "Lindsey Graham" and says nothing of "Barack"):
courtesy titles ("Mr. Obama", "Mrs. Clinton") and the first he/she/his/her after the person as a
sentence's subject, before anyone else is named ("Graham said he ..."). A name is kept with at
least 5 votes, 80% of them agreeing, from at least 2 articles. Reproduce both with:

    .venv/bin/python scripts/build_known_people.py ../shared/data/polnear/train
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

from spacy.tokens import Doc

from dateline import knowledge, nlp
from dateline.entities import NAME_SUFFIXES, find_entities
from dateline.evaluate import polnear_docs
from dateline.mentions import named_mentions
from dateline.roles import HONORIFIC_GENDER, title_key

DATA = Path(__file__).resolve().parent.parent / "dateline" / "data"
MIN_ARTICLES = 5
MIN_SHARE = 0.85
MIN_VOTES = 5
MIN_AGREEMENT = 0.8
MIN_GENDER_ARTICLES = 2
PRONOUNS = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f"}


def gender_votes(doc: Doc) -> Counter[tuple[str, str]]:
    """(full name, 'm' or 'f') votes from titles and the pronoun after a subject mention."""
    votes: Counter[tuple[str, str]] = Counter()
    entities = find_entities(doc)
    persons = [e for e in entities.entities if e.kind == "person" and len(e.name.split()) > 1]
    person_tokens = {i for e in entities.entities if e.kind == "person" for i in _tokens(doc, e)}
    for e in persons:
        for m in e.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            if g := HONORIFIC_GENDER.get(title_key(span[0])):
                votes[e.name, g] += 1
            if not any(t.dep_ in {"nsubj", "nsubjpass"} for t in span):
                continue
            for t in doc[span.end : span.sent.end]:
                if t.i in person_tokens and t.lower_ not in PRONOUNS:
                    break
                if t.lower_ in PRONOUNS and t.pos_ == "PRON":
                    votes[e.name, PRONOUNS[t.lower_]] += 1
                    break
    return votes


def _tokens(doc: Doc, entity: object) -> set[int]:
    out: set[int] = set()
    for m in entity.mentions:  # type: ignore[attr-defined]
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


def genders(votes: Counter[tuple[str, str]], articles: Counter[str]) -> list[str]:
    """Rows 'name<TAB>gender' for names with enough agreeing votes from enough articles."""
    rows = []
    for name in sorted(articles):
        m, f = votes[name, "m"], votes[name, "f"]
        enough = m + f >= MIN_VOTES and articles[name] >= MIN_GENDER_ARTICLES
        if enough and max(m, f) >= MIN_AGREEMENT * (m + f):
            rows.append(f"{name}\t{'m' if m > f else 'f'}\n")
    return rows


def known_people(docs: list[Doc]) -> list[str]:
    """Rows 'surname<TAB>full name' for surnames one full name dominates."""
    by_surname: dict[str, Counter[str]] = defaultdict(Counter)
    cased: Counter[str] = Counter()
    for doc in docs:
        cased.update(t.text for t in doc if t.is_alpha and not t.is_sent_start)
        seen: dict[str, set[str]] = defaultdict(set)
        for m in named_mentions(doc):
            words = [t.text for t in m.name if t.is_alpha and t.lower_.rstrip(".") not in NAME_SUFFIXES]
            if m.kind == "person" and len(words) >= 2 and all(w[:1].isupper() for w in words):
                seen[words[-1].lower()].add(f"{words[0]} {words[-1]}")
        for surname, names in seen.items():
            by_surname[surname].update(names)
    rows = []
    for surname, names in sorted(by_surname.items()):
        (name, n), total = names.most_common(1)[0], sum(names.values())
        first, last = name.split()[0], name.split()[-1]

        def common(word: str) -> bool:  # "House", "Citizens": a word also written in lower case
            return cased[word.lower()] >= 0.05 * cased[word]

        odd_first = not knowledge.is_first_name(first) and (common(first) or first.lower() in by_surname)
        if n >= MIN_ARTICLES and n / total >= MIN_SHARE and not common(last) and not odd_first:
            rows.append(f"{surname}\t{name}\n")
    return rows


def write(docs: list[Doc]) -> None:
    """Write both tables from the parsed training articles."""
    people = known_people(docs)
    header = "# surname<TAB>full name; from PolNeAR train, see scripts/build_known_people.py\n"
    (DATA / "known_people.tsv").write_text(header + "".join(people), encoding="utf-8")
    knowledge.reload()
    votes: Counter[tuple[str, str]] = Counter()
    articles: Counter[str] = Counter()
    for doc in docs:
        found = gender_votes(doc)
        votes.update(found)
        articles.update({name for name, _ in found})
    rows = genders(votes, articles)
    header = "# full name<TAB>gender (m|f); from PolNeAR train, see scripts/build_known_people.py\n"
    (DATA / "genders.tsv").write_text(header + "".join(rows), encoding="utf-8")
    print(f"{len(people)} well-known people, {len(rows)} genders -> {DATA}")


def main(split_dir: str) -> None:
    docs = list(nlp.load().pipe((text for _, text, _, _ in polnear_docs(split_dir)), batch_size=32))
    write(docs)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/polnear/train")
