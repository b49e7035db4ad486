"""Regenerate checker/signals/data/country_aliases.tsv from the `countryinfo` package (MIT licence).

    pip install countryinfo==1.0.1
    python scripts/make_country_aliases.py > checker/signals/data/country_aliases.tsv

One row per (alias, country key): the country's common name, its alternative spellings of more than
one word (and a few codes that news uses as names: UK, USA, UAE), its demonym (the adjective
and the word for its people: "British", "Japanese") and its capital, which news uses for the
government ("London said"). An alias that several entries share ("American" for the United States
and its outlying islands, "Dominican") goes to the most populous of them, as news uses it. The checker reads the generated table, so it needs no dependency.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from importlib import resources

# Keys kept short for the two countries the name rule already knew by them.
_KEYS = {"GB": "uk", "US": "us"}
# Codes and short forms news writes as names.
_CODE_NAMES = {"UK", "USA", "UAE", "DRC", "PRC", "ROK", "DPRK"}
# Capitals that are also common personal or place names elsewhere ("Douglas said", "Victoria Station").
_NOT_ALIASES = {"Douglas", "Hamilton", "Victoria", "Kingston", "Georgetown", "Jamestown", "Adamstown", "Jersey",
                "Guernsey"}
# Common forms the data lacks, by ISO alpha-2 code.
_EXTRA = {
    "US": ["U.S.", "U.S.A.", "America", "United States", "Washington"],
    "GB": ["U.K.", "Britain", "Briton"],
    "RU": ["Russia", "Kremlin"],
    "KR": ["South Korea", "South Korean", "Seoul"],
    "KP": ["North Korea", "North Korean", "Pyongyang"],
    "NL": ["Dutch", "Holland", "The Hague"],
    "CZ": ["Czechia", "Czech Republic"],
    "UA": ["Kiev", "Kyiv"],
    "TW": ["Taiwan", "Taiwanese", "Taipei"],
    "VA": ["Vatican"],
    "IR": ["Iran", "Iranian", "Tehran"],
    "SY": ["Syria", "Syrian", "Damascus"],
    "VN": ["Vietnam", "Vietnamese", "Hanoi"],
    "LA": ["Laos", "Laotian"],
    "BO": ["Bolivia", "Bolivian"],
    "VE": ["Venezuela", "Venezuelan", "Caracas"],
    "TZ": ["Tanzania", "Tanzanian"],
    "MD": ["Moldova", "Moldovan"],
    "CD": ["DRC", "Kinshasa"],
}


# What the extra forms are, where not a name.
_EXTRA_KINDS = {"Briton": "demonym", "South Korean": "demonym", "North Korean": "demonym", "Dutch": "demonym",
                "Taiwanese": "demonym", "Iranian": "demonym", "Syrian": "demonym", "Vietnamese": "demonym",
                "Laotian": "demonym", "Bolivian": "demonym", "Venezuelan": "demonym", "Tanzanian": "demonym",
                "Moldovan": "demonym", "Washington": "capital", "Seoul": "capital", "Pyongyang": "capital",
                "The Hague": "capital", "Kiev": "capital", "Kyiv": "capital", "Taipei": "capital",
                "Tehran": "capital", "Damascus": "capital", "Hanoi": "capital", "Caracas": "capital",
                "Kinshasa": "capital", "Kremlin": "capital"}


def _strings(value: object) -> list[str]:
    """A field that is a string, a list of strings or missing, as a list."""
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def rows() -> list[tuple[str, str, str]]:
    """(alias, country key, what the alias is: "name", "demonym" or "capital"), sorted."""
    data = resources.files("countryinfo") / "data"
    by_alias: dict[str, set[str]] = defaultdict(set)
    what: dict[str, str] = {}
    population: dict[str, int] = {}
    for entry in sorted(data.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        info = json.loads(entry.read_text(encoding="utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        name = info.get("name")
        if not code or not name:
            continue
        key = _KEYS.get(code, name.lower())
        population[key] = max(population.get(key, 0), int(info.get("population") or 0))
        demonyms = [part for d in _strings(info.get("demonym")) for part in d.split(",")]  # "Antiguan,Barbudan"
        aliases = [(name, "name"), *((d, "demonym") for d in demonyms),
                   *((c, "capital") for c in _strings(info.get("capital")))]
        # Alternative spellings of more than one word ("Great Britain", "Republic of Korea"); single
        # words there are mostly native names that are English words elsewhere ("Island" for Iceland).
        aliases += [(s, "name") for s in info.get("altSpellings") or [] if " " in s.strip() or s in _CODE_NAMES]
        aliases += [(s, _EXTRA_KINDS.get(s, "name")) for s in _EXTRA.get(code, [])]
        for alias, kind in ((a.strip(), k) for a, k in aliases):
            if alias and alias.isascii() and not alias.isdigit() and alias not in _NOT_ALIASES:
                by_alias[alias].add(key)
                what.setdefault(alias, kind)
    return sorted((alias, max(sorted(keys), key=lambda k: population[k]), what[alias])
                  for alias, keys in by_alias.items())


def main() -> None:
    out = sys.stdout
    out.write("# alias\tcountry key\tname, demonym or capital. Generated by scripts/make_country_aliases.py from countryinfo 1.0.1 "
              "(MIT licence, Copyright (c) 2018 Porimol Chandro); do not edit by hand.\n")
    for alias, key, kind in rows():
        out.write(f"{alias}\t{key}\t{kind}\n")


if __name__ == "__main__":
    main()
