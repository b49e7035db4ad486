"""The thing a start is said of, as starts.py records it: the lemma of its head noun, marked with `HEAD`, and
the names in its phrase. Whether two such things are one is read by the start rule (starts.py) and by the
date rule (dates.one_made_thing), which import each other's module in one direction only.
"""
from __future__ import annotations

from .nouns import one_noun

HEAD = "head:"  # marks the thing's head lemma among its words


def head_of(thing: frozenset[str]) -> str:
    """The thing's head lemma ("" where none is marked)."""
    return next((w[len(HEAD):] for w in thing if w.startswith(HEAD)), "")


def one_thing(x: frozenset[str], y: frozenset[str]) -> bool:
    """Two things one: their heads the same word or of one meaning (nouns.one_noun: "blaze" / "fire"),
    and a word in common besides where both phrases hold names ("the Zorza chain" / "Zorza")."""
    hx, hy = head_of(x), head_of(y)
    if not (hx and hy and (hx == hy or one_noun(hx, hy))):
        return False
    names_x, names_y = x - {HEAD + hx, hx}, y - {HEAD + hy, hy}
    return not (names_x and names_y) or bool(names_x & names_y)
