"""Word-level helpers: tokens with offsets, Snowball stems, stop words and the content-word overlap
that gates the signal rules (checker/signals/), the review list and the provenance reader.

Not a general NLP toolkit: just enough to compare two news sentences quickly and transparently.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import snowballstemmer

# Words, numbers (with inner commas/dots), and single punctuation marks; apostrophes stay inside
# words so "didn't" and "Japan's" are one token each.
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’.\-]*[A-Za-z]\.?|[A-Za-z]\.?|\d+(?:[.,:]\d+)*|\S")

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not of off on once only or other our ours ourselves out over own
same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom
why will with would you your yours yourself yourselves may might must shall per via yet still
upon amid among within without across toward towards around near since whether though although
""".split())

# Words that appear in most news sentences and say nothing about the claim itself; leaving them in
# makes any two "X said ..." sentences look related.
NOISE_WORDS = frozenset("""
said says say saying told tells according reported reports report added adds noted statement
officials official spokesperson spokesman spokeswoman people mr ms mrs dr also however
""".split())

MONTH_WORDS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday
yesterday today tomorrow tonight week month year
""".split())


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


# Words whose final dot belongs to them; other words lose a final dot to the end of the sentence.
ABBREVIATIONS = frozenset({"mr", "ms", "mrs", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "adm",
                           "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                           "st", "no", "inc", "corp", "co", "ltd", "jr", "sr", "vs", "p.m", "a.m"})


def tokenize(text: str) -> list[Token]:
    """Split `text` into word, number and punctuation tokens with character offsets."""
    tokens = []
    for m in _TOKEN_RE.finditer(text):
        word, start = m.group(), m.start()
        if (len(word) > 2 and word.endswith(".") and "." not in word[:-1]
                and word[:-1].lower() not in ABBREVIATIONS):
            tokens.append(Token(word[:-1], start, start + len(word) - 1))
            tokens.append(Token(".", start + len(word) - 1, start + len(word)))
        else:
            tokens.append(Token(word, start, m.end()))
    return tokens


def normalize_word(word: str) -> str:
    """Lower-case, curly apostrophes straightened, possessive and outer dots removed."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return w.strip(".'-")


def stem(word: str) -> str:
    """The word's Snowball (Porter2) English stem, so that a verb meets its event noun and its other
    forms: 'inspected' / 'inspection' -> 'inspect', 'landed' / 'land', 'mentions' / 'mention'."""
    w = normalize_word(word)
    if len(w) <= 3 or not w.isalpha():
        return w
    return _snowball(w)


@functools.lru_cache(maxsize=100_000)
def _snowball(word: str) -> str:
    return _STEMMER.stemWord(word)


_STEMMER = snowballstemmer.stemmer("english")


def is_word(token: str) -> bool:
    return token[:1].isalpha()


def content_stems(tokens: list[Token], exclude: frozenset[str] = frozenset()) -> frozenset[str]:
    """Stems of the words that carry content: no stop words, numbers, dates or reporting verbs."""
    out = set()
    for tok in tokens:
        word = normalize_word(tok.text)
        if not word[:1].isalpha() or len(word) < 2:
            continue
        if word in STOPWORDS or word in NOISE_WORDS or word in MONTH_WORDS:
            continue
        s = stem(word)
        if s not in exclude:
            out.add(s)
    return frozenset(out)


def overlap(a: frozenset[str], b: frozenset[str]) -> tuple[float, int]:
    """Overlap coefficient |a & b| / min(|a|, |b|) and the number of shared items."""
    if not a or not b:
        return 0.0, 0
    shared = len(a & b)
    return shared / min(len(a), len(b)), shared


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]`'s bounds with the white space at either end left out."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
