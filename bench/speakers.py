"""Named-speaker accuracy on a hand-checked sample of PolNeAR dev attributions by a person.

    .venv/bin/python bench/speakers.py [DATA] [--errors]   # DATA defaults to ../shared/data

`bench/speakers/polnear_dev.json` holds 190 gold attributions (72 articles) whose source is a
person: named ("Caddell", "Sen. Lindsey Graham"), a pronoun ("he", "I" in a reader's letter), a
description ("the mayor", "the California congressman") or a relative pronoun ("who"). Each
was labelled by reading its article with the person's fullest name there (`label`); `also`
lists the other forms of that full name the article itself uses ("Loretta Lynch" beside
"Loretta E. Lynch"). They were drawn at random (seed 4, four attributions with a source per
article), and those whose source is no one person (organisations, groups, "a source") dropped.

A gold attribution is matched to the predicted quote whose speaker mention overlaps its source;
failing that, to the predicted quote whose content overlaps one of its contents best (character
Dice >= 0.5): the speaker is who dateline says said those words. An attribution matched to no
quote counts as wrong (`coverage` says how many were matched). A speaker is right when its
name equals the label or an `also` form, compared as `dateline.evaluate.name_key` does (case,
dots and commas ignored; quotation marks too); and where the article never gives a first name
("Mr. Obama" throughout), a full name with that surname ("Barack Obama") is right as well.

`entity_accuracy` is a diagnostic of coreference alone: the name of the entity one of whose
mentions overlaps the gold source, whether or not a quote was found. The scorer is
`dateline.evaluate.score_speakers`; tests/test_speakers.py pins floors on the sample's
attributions in the 12 articles of tests/fixtures/polnear.
Prints one JSON object; `--errors` adds every wrong attribution. Exits 0 when data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.evaluate import polnear_articles, score_speakers  # noqa: E402
from dateline.pipeline import analyze_many  # noqa: E402

SAMPLE = Path(__file__).resolve().parent / "speakers" / "polnear_dev.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--errors", action="store_true", help="List every wrong attribution.")
    args = parser.parse_args()
    folder = Path(args.data) / "polnear" / "dev"
    if not folder.is_dir():
        print(f"skipped speakers: no {folder}", file=sys.stderr)
        return
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    wanted = {g["article"] for g in sample}
    articles = [a for a in polnear_articles(folder) if Path(a.source).stem in wanted]
    figures = score_speakers((a.to_dict() for a in analyze_many(articles)), sample)
    if not args.errors:
        figures["errors"] = len(figures["errors"])
    print(json.dumps(figures, indent=None if not args.errors else 1))


if __name__ == "__main__":
    main()
