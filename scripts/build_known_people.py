"""Build dateline/data/known_people.tsv: surnames that name one well-known person in the news.

Reads the PolNeAR training articles, finds people named in full with the English pipeline, and
keeps a surname when one full name accounts for at least 85% of the articles naming someone of
that surname in full, in at least 5 articles ("Obama" -> "Barack Obama"), unless the surname is
also a common word ("White House") or the first name is someone's surname ("Trump Tower").
dateline uses it only for a person an article names by surname alone. Reproduce with:

    .venv/bin/python scripts/build_known_people.py ../shared/data/polnear/train
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

from dateline import knowledge, nlp
from dateline.entities import NAME_SUFFIXES, named_mentions
from dateline.evaluate import polnear_docs

OUT = Path(__file__).resolve().parent.parent / "dateline" / "data" / "known_people.tsv"
MIN_ARTICLES = 5
MIN_SHARE = 0.85


def main(split_dir: str) -> None:
    docs = list(polnear_docs(split_dir))
    by_surname: dict[str, Counter[str]] = defaultdict(Counter)
    cased: Counter[str] = Counter()
    for doc in nlp.load().pipe((text for _, text, _, _ in docs), batch_size=32):
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
    header = "# surname<TAB>full name; from PolNeAR train, see scripts/build_known_people.py\n"
    OUT.write_text(header + "".join(rows), encoding="utf-8")
    print(f"{len(rows)} people -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/polnear/train")
