"""A person's name as a reader compares it: the words that name the person, whatever honorific goes
before them, however its letters are accented, and whether its parts are joined by hyphens; and the
given names that are one name in two forms (a nickname, "Bob" / "Robert").

"Sr. Rojas", "Bwana Juma", "Encik Ahmad Zaki", "Dra. Evelyn Mamani": the honorifics of many languages
are nameparser's (default dependency, LGPL-2.1-or-later), whose list of titles (812, English and
others: "bwana", "encik", "herra", "sra") is kept by its maintainers; only titles that open the name
are dropped ("Anna Bishop" keeps her surname). "Anna-Liisa Virtanen" / "Anna Liisa Virtanen" and
"Evelyn Quispe" / "Evelyn Quispe-Mamani" (a second family name joined on) are compared word by word;
"Järvinen" / "Jarvinen" by their letters without accents, and "Hämäläinen" / "Haemaelaeinen" with the
German way of writing an umlaut without one.

Nicknames and the other forms of a given name ("Bob" / "Robert", "Peggy" / "Margaret", "Eben" /
"Ebenezer") are the `nicknames` package's (default dependency, Apache-2.0: a hand-curated table of
English given names). Not for: names of places or bodies (their near spellings are other places), and
given names that table does not hold ("Josefa" / "Joe").
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

try:
    from nameparser.config import CONSTANTS as _NAMEPARSER
except ImportError:  # graceful: no honorifics of other languages than names.TITLES
    _NAMEPARSER = None
try:
    from nicknames import NickNamer
except ImportError:  # graceful: no nicknames
    NickNamer = None

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(word: str) -> str:
    """A word's letters without accents, lower-cased ("Järvinen" -> "jarvinen")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def umlauts_spelled_out(word: str) -> str:
    """A word with its umlauts written as two letters, as without the marks ("hämäläinen" ->
    "haemaelaeinen")."""
    return fold(word.lower().translate(_UMLAUTS))


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """Titles that may open a person's name, without their dots: nameparser's, lower case."""
    if _NAMEPARSER is None:
        return frozenset()
    return frozenset(fold(t).strip(".") for t in _NAMEPARSER.titles)


def person_words(surface: str, titles: frozenset[str] | None = frozenset()) -> tuple[str, ...]:
    """The words that name a person, in order: split at spaces and hyphens, accents folded, dots and
    possessives off, and the honorifics that open the name dropped (nameparser's and `titles`; none
    when `titles` is None, for a name that may be a body's), as long as a word is left ("Sr. Rojas" ->
    ("rojas",), "Anna-Liisa Virtanen" -> ("anna", "liisa", "virtanen"))."""
    words = [fold(w).strip(".'’") for w in re.split(r"[\s\-‐–]+", surface.replace("’s", "").replace("'s", ""))]
    words = [w for w in words if w and w[0].isalnum()]
    opening = frozenset() if titles is None else honorifics() | titles
    while len(words) > 1 and words[0] in opening:
        words.pop(0)
    return tuple(words)


@lru_cache(maxsize=1)
def _nicknamer():
    return NickNamer() if NickNamer is not None else None


@lru_cache(maxsize=8192)
def one_given_name(a: str, b: str) -> bool:
    """Whether two lower-case given names are one name in two forms: a nickname of the other ("bob" /
    "robert") or both forms of a third ("bob" / "rob")."""
    namer = _nicknamer()
    if namer is None or a == b:
        return False
    if b in namer.nicknames_of(a) or a in namer.nicknames_of(b):
        return True
    return bool(namer.canonicals_of(a) & namer.canonicals_of(b))
