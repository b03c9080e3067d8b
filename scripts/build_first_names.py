"""Build dateline/data/first_names.tsv: English first names with the gender they usually carry.

Source: the en_US and en person providers of Faker (MIT licence), which list US first names
by sex with census/SSA-derived frequencies. A name listed for both sexes keeps a gender only when
one sex's frequency is at least four times the other's, else 'u' (the en_US lists, with frequencies, take
precedence over the unweighted en lists). Reproduce with:

    pip install faker==40.63.0 && python scripts/build_first_names.py
"""

from __future__ import annotations

from pathlib import Path

from faker.providers.person.en import Provider as En
from faker.providers.person.en_US import Provider as EnUS

OUT = Path(__file__).resolve().parent.parent / "dateline" / "data" / "first_names.tsv"


def weights(names: object) -> dict[str, float]:
    if isinstance(names, dict):
        return {str(k): float(v) for k, v in names.items()}
    return {str(n): 0.0 for n in names}  # type: ignore[attr-defined]


def main() -> None:
    us_m, us_f = weights(EnUS.first_names_male), weights(EnUS.first_names_female)
    en_m, en_f = weights(En.first_names_male), weights(En.first_names_female)
    rows = []
    for name in sorted(set(us_m) | set(us_f) | set(en_m) | set(en_f)):
        if name in us_m or name in us_f:  # the US lists carry frequencies: prefer them
            m, f = us_m.get(name, 0.0), us_f.get(name, 0.0)
        else:
            m, f = float(name in en_m), float(name in en_f)
        if m >= 4 * f and m:
            rows.append((name, "m"))
        elif f >= 4 * m and f:
            rows.append((name, "f"))
        else:
            rows.append((name, "u"))
    header = (
        "# first name<TAB>gender (m|f|u: either); from Faker's en/en_US person providers (MIT);"
        " see scripts/build_first_names.py\n"
    )
    OUT.write_text(header + "".join(f"{n}\t{g}\n" for n, g in rows), encoding="utf-8")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main()
