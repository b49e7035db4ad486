"""What a sentence states, without who it says states it: "Three passengers suffered minor injuries,
the airline said" states "Three passengers suffered minor injuries"; "Nobody on board was hurt,
according to the regional emergency service" states "Nobody on board was hurt".

Who reports a claim is not what is claimed, yet it weighs on how alike two sentences look: the
attributions of "..., the airline said" and "..., according to the regional emergency service" share
nothing, and pull two statements about the same injuries apart. Pairing (checker/pairing.py) compares
the claims too, so two reports of one fact by different sources rank as alike as what they state.

Read from spaCy's parse: the clausal complement of a verb of saying at the root ("the trust confirmed",
"Police told reporters ..."), or the sentence less its "according to" phrase. Without a parse, or when a
sentence attributes nothing, there is no separate claim.
"""
from __future__ import annotations

from typing import Any

from .roles import SAYING

# A claim shorter than this many words is too little to compare on its own ("it was", "so").
MIN_CLAIM_WORDS = 4


def claim_text(doc: Any) -> str | None:
    """The claim a parsed sentence attributes to someone, as written; None when it attributes nothing
    (or without a parse)."""
    if doc is None or not doc.has_annotation("DEP"):
        return None
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    claim = None
    if root.lemma_.lower() in SAYING:
        clauses = [c for c in root.children if c.dep_ == "ccomp"]
        if clauses:
            start = min(c.left_edge.i for c in clauses)
            end = max(c.right_edge.i for c in clauses) + 1
            claim = doc[start:end].text
    else:
        source = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "according"), None)
        if source is not None:
            left, right = source.left_edge.i, source.right_edge.i + 1
            # the phrase with the commas that set it off ("According to police, ...", "..., according to
            # X.", "The driver, according to police, had ...")
            if right < len(doc) and doc[right].text == ",":
                right += 1
            if left > 0 and doc[left - 1].text == "," and (right == len(doc) or not doc[right].is_alpha
                                                             or doc[right - 1].text == ","):
                left -= 1
            gap = " " if right < len(doc) and doc[right].is_alpha else ""
            claim = (doc[:left].text + gap + doc[right:].text).strip()
    if claim is None or len(claim.split()) < MIN_CLAIM_WORDS:
        return None
    return claim
