"""Whether two differently written names can be one name: an initial for a given name ("J. Smith" /
"John Smith"), a typo ("Mikhail Petrvo" / "Mikhail Petrov") or a transliteration ("Zelensky" /
"Zelenskyy", "Mohammed" / "Muhammad").

It rests on rapidfuzz (default dependency): the optimal-string-alignment distance (Damerau-Levenshtein
with adjacent transpositions, so "Petrvo" is one edit from "Petrov"). A word matches another that is
equal, is its initial, or is at most one edit away when both have at least 5 letters; words of at least
8 letters and the same length may differ in two letters (transliterated vowels: "Mohammed" /
"Muhammad"). Short words must be equal ("Lund" / "Land", "Berg" / "Borg" stay different), and an
added word ("Martin" / "Martinez") is not a typo. Without rapidfuzz only initials are matched.

An initial makes two names one as a reader sees them; a spelling that differs is near-identical, not
proven the same ("Johnson" / "Johnston" can be two people), so the name rule puts such a pair in the
review list instead of the conflicts.

An acronym is one name with the name it stands for when its letters are the initials of that name's
words, with or without its small words ("SBCF" / "Sancoche Bay Chess Foundation", "WHO" / "World Health
Organization", "OAG" / "Observatorio Andino de Glaciares"): `acronym`.

Not for: places and countries (places.py, and the country table in names.py), whose near spellings
are different places ("Austria" / "Australia"); the caller leaves them out.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .person_names import one_given_name, umlauts_spelled_out

try:
    from rapidfuzz.distance import OSA
except ImportError:  # graceful: only initials are matched
    OSA = None

MIN_TYPO_LETTERS = 5  # shorter words must be spelt the same
MIN_TRANSLITERATION_LETTERS = 8  # words this long and of equal length may differ in two letters
MIN_SHORT_LETTERS = 3  # a given name's first letters written for it ("eben" / "ebenezer")


def _word_match(a: str, b: str, given: bool = False) -> str | None:
    """"same", "initial", "form", "spelling" or None for two lower-case words; a nickname or a
    shortening only for a `given` name, not for a surname ("Martin" / "Martinez" are two)."""
    if a == b:
        return "same"
    if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return "initial"
    if umlauts_spelled_out(a) == umlauts_spelled_out(b) or given and one_given_name(a, b):
        return "form"  # "hämäläinen" / "haemaelaeinen"; a nickname, "bob" / "robert"
    if given and (_shortened(a, b) or _shortened(b, a)):
        return "spelling"  # "eben" / "ebenezer", "mohd" / "mohamad": likely one, not proven
    if OSA is None or a[:1] != b[:1] or min(len(a), len(b)) < MIN_TYPO_LETTERS or not (a.isalpha() and b.isalpha()):
        return None
    limit = 2 if len(a) == len(b) and len(a) >= MIN_TRANSLITERATION_LETTERS else 1
    return "spelling" if OSA.distance(a, b, score_cutoff=limit) <= limit else None


def _shortened(short: str, long_: str) -> bool:
    """`short` written for `long_`: its first letters (at least MIN_SHORT_LETTERS: "eben" / "ebenezer"),
    or a contraction of up to four letters with the same first and last letters, in order ("mohd" /
    "mohamad", "thos" / "thomas")."""
    if len(short) >= len(long_) or not (short.isalpha() and long_.isalpha()):
        return False
    if len(short) >= MIN_SHORT_LETTERS and long_.startswith(short):
        return True
    if not (2 <= len(short) <= 4 and short[0] == long_[0] and short[-1] == long_[-1]):
        return False
    rest = iter(long_)
    return all(ch in rest for ch in short)


@lru_cache(maxsize=8192)
def variant(a: str, b: str) -> str | None:
    """How two names written differently (keys: lower case, titles dropped, words in order) are one:
    "initial" ("j smith" / "john smith"), "spelling" ("mikhail petrvo" / "mikhail petrov"), or None.
    The last words (surnames) must match; each other word of the shorter name must match a word of the
    longer one before its last, in order."""
    wa, wb = a.split(), b.split()
    if not wa or not wb or wa == wb:
        return None
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    kinds = [_word_match(short[-1], long_[-1])]
    if kinds[0] in (None, "initial"):
        return None  # the surname decides; an initial surname says too little
    j = 0
    rest = long_[:-1]
    for word in short[:-1]:
        while j < len(rest) and _word_match(word, rest[j], given=True) is None:
            j += 1
        if j == len(rest):
            return None
        kinds.append(_word_match(word, rest[j], given=True))
        j += 1
    if "spelling" in kinds:
        return "spelling"
    if "initial" in kinds:
        return "initial"
    return "form" if "form" in kinds else None


def acronym(a: str, b: str) -> bool:
    """Whether one name as written is the other's acronym: a single word of 2 to 8 capital letters
    spelling the initials of the other's words, of all of them or of the capitalised ones only
    ("SBCF" / "Sancoche Bay Chess Foundation", "OAG" / "Observatorio Andino de Glaciares")."""
    for short, long_ in ((a, b), (b, a)):
        letters = re.sub(r"['’]s$", "", short.strip())  # "SBCF's"
        if not (2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()):
            continue
        words = [w for w in long_.replace("&", " ").replace("-", " ").split() if w[:1].isalpha()]
        if len(words) < 2:
            continue
        every = "".join(w[0] for w in words).upper()
        capitalised = "".join(w[0] for w in words if w[0].isupper())
        if letters in (every, capitalised):
            return True
    return False
