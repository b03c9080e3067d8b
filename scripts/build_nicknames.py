"""Build dateline/data/nicknames.tsv: English first names and their nicknames ("bernard",
"bernie"), so that "Bernie Sanders" and "Bernard Sanders" can be one person across articles.

Source: the `nicknames` package's hand-curated names.csv (Carlton Northern and Nick Crews,
Apache-2.0). Reproduce with:

    pip install nicknames==1.0.1 && python scripts/build_nicknames.py
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "dateline" / "data" / "nicknames.tsv"


def main() -> None:
    text = resources.files("nicknames").joinpath("names.csv").read_text(encoding="utf-8")
    pairs = sorted(
        {(row["name1"].lower(), row["name2"].lower()) for row in csv.DictReader(text.splitlines())}
        - {("", "")}
    )
    header = (
        "# name<TAB>nickname; from the nicknames package's names.csv (Apache-2.0);"
        " see scripts/build_nicknames.py\n"
    )
    OUT.write_text(header + "".join(f"{a}\t{b}\n" for a, b in pairs if a != b), encoding="utf-8")
    print(f"{len(pairs)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
