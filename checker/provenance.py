"""Where a thing comes from, as a sentence states it: newly made, taken from existing stock, bought,
donated, lent, or paid for by someone.

A small lexicon-driven extractor, no parser: each cue word or phrase gives a facet, and the content
words the claim may be about (its `objects`), so that two sentences can be found to speak of the
provenance of the same thing ("the missiles") in different terms:

    >>> [c.facet for c in provenance_claims("Norvia builds the missiles under licence from Ardent Arms.")]
    ['production']
    >>> [c.facet for c in provenance_claims("The missiles will come from Norvia's own stockpile.")]
    ['stock']
    >>> contrast(provenance_claims("Norvia builds the missiles."), provenance_claims("The missiles come from its own stocks."))[0].facet
    'production'

Used by pairing.py (a second pairing channel: sentences that state the provenance of the same thing)
and review.py (accounts that differ on where it comes from), both set by `ProvenanceSettings`
(Config.provenance). Not for deciding conflicts: two facets can both be true ("made under licence"
and "taken from stock" a year later), so a difference here is only ever worth a look.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .ranges import need_count, need_fraction, need_similarity
from .text import MONTH_WORDS, NOISE_WORDS, STOPWORDS, Token, normalize_word, stem, tokenize
from .types import ProvenanceClaim


@dataclass(frozen=True)
class ProvenanceSettings:
    """The provenance channel of pairing (pairing.provenance_pairs) and the provenance items of the
    review list (review.review_items): sentences that say where the same thing comes from in
    different terms (made vs taken from stock, bought vs donated, ...), which similarity ranks low."""

    # At most this many such pairs per sentence (0: off). Chosen on the real corpus (its one such pair
    # has similarity 0.48, outside every sentence's top 3); on the gold set it adds no pair.
    pairs_per_sentence: int = 2
    # Between sentences at least this alike, in pairing and in the review list.
    min_similarity: float = 0.3
    # The review list's ranking score takes this as the disagreement of a provenance item (0: no such
    # items). Never a conflict: the accounts may both be true (made, later taken from stock).
    review_weight: float = 0.5
    # ...and at most this entailment either way: well short of support (an agreement needs 0.6), looser
    # than the NLI lean's 0.1, since such accounts share the thing and its owner and the model reads
    # some support into that. Chosen on the tuning set and the corpus by eval/tier_margin.py
    # (docs/reading.md; the tuning set cannot tell 0.1 to 0.4 apart, so the corpus pair decided).
    review_max_entailment: float = 0.2

    def validate(self) -> "ProvenanceSettings":
        """Raise ConfigError naming the first field out of range; return self otherwise."""
        need_count(self, "pairs_per_sentence", at_least=0)
        need_similarity(self, "min_similarity")
        need_fraction(self, "review_weight")
        need_fraction(self, "review_max_entailment")
        return self


PRODUCTION, STOCK, PURCHASE, DONATION, LOAN, FUNDING = "production", "stock", "purchase", "donation", "loan", "funding"
FACETS: tuple[str, ...] = (PRODUCTION, STOCK, PURCHASE, DONATION, LOAN, FUNDING)

# What a reader is told each facet says.
FACET_WORDS = {PRODUCTION: "manufactured", STOCK: "taken from existing stock", PURCHASE: "bought",
               DONATION: "donated", LOAN: "lent or leased", FUNDING: "paid for by"}

# Facets that cannot both describe one delivery of one thing: made for it vs taken from stock, bought
# vs given, lent vs given or sold. Pairs not listed (made vs bought: the maker sells it) are compatible.
CONTRASTS: frozenset[frozenset[str]] = frozenset({
    frozenset({PRODUCTION, STOCK}), frozenset({PURCHASE, DONATION}),
    frozenset({LOAN, DONATION}), frozenset({LOAN, PURCHASE}),
})


def _stems(facet: str, words: str) -> dict[str, str]:
    return {stem(w): facet for w in words.split()}


# Cue words that state a facet on their own, matched by stem (checker.text.stem), so every
# inflection of a listed word counts.
_STRONG: dict[str, str] = {
    **_stems(PRODUCTION, "manufacture produce production assemble license licence"),
    **_stems(PURCHASE, "buy bought purchase procure procurement sold sell sale"),
    **_stems(DONATION, "donate donation gift"),
    **_stems(LOAN, "loan lent lease rented"),
}
_GRANT = frozenset({"grant", "grants"})  # a non-repayable grant is given; "granted permission" is not
# "license" is also a permit ("an export license"): production only "under (a) license" or "licensed".
_LICENSE = frozenset({stem("license"), stem("licence")})
_LICENSED_WORDS = frozenset({"licensed", "licenced", "license-built", "licence-built"})
# "make"/"build": production only when their object follows ("builds the radars") or a passive
# names a maker or place ("made by", "built in"); "make good on", "build trust" say nothing. Word
# forms, not stems: "building" is more often a noun.
_WEAK_PRODUCTION = frozenset("make makes making made build builds built".split())
_COUNT_WORDS = frozenset("first second third two three four five six seven eight nine ten dozen".split())
# "building"/"making" with an object after them ("is building the first two aircraft") are the verb.
_PROGRESSIVE = frozenset({"building", "making"})
_PASSIVE_NEXT = frozenset({"by", "in", "under", "locally", "domestically", "abroad"})
_OBJECT_SKIP = frozenset({"the", "a", "an", "more", "its", "their", "his", "her", "our", "new", "additional",
                          "extra", "some", "these", "those", "all", "further", "own"})
# Words that are never the thing a claim is about: what "make" is said of in idioms, and common
# adjectives and adverbs (no tagger tells them from nouns; words ending in "-ly" are dropped as well).
_NOT_OBJECTS = frozenset("""good sure clear decision progress case effort way sense use used trust point call
deal plan change difference it them first last next early late new old other set free charge more less many
much several number come comes coming came go goes went take taken took give given gave get got order orders
ordered grant grants""".split())
_NOT_OBJECT_STEMS = frozenset(stem(w) for w in """one two three four five six seven eight nine ten dozen hundred
thousand million billion day week month year time""".split())
# Stock nouns state a facet only as a source: "from its stocks", "its own supplies", not "backfill its
# stocks" or "stockpiles are running low".
_STOCK_NOUNS = frozenset(stem(w) for w in "stock stockpile inventory reserve arsenal supplies warehouse depot storage".split())
_STOCK_ADJECTIVES = frozenset({"existing", "surplus", "spare", "stored"})
_FROM = frozenset({"from", "out"})  # "out of"
_NEGATORS = frozenset({"not", "never", "no", "instead", "rather", "without", "against", "didn't", "won't", "don't", "doesn't",
                       "wasn't", "weren't", "isn't", "aren't", "cannot", "can't"})
_STOCK_LEAD = frozenset({"of", "the", "its", "their", "his", "her", "our", "own"})
# Production that grows ("expand production", "make more missiles") is capacity, not where a given
# delivery comes from.
_CAPACITY = frozenset(stem(w) for w in "expand increase boost ramp scale double triple raise more step".split())
_FUNDING = frozenset(stem(w) for w in "fund finance paid pay bankroll underwritten sponsor".split())
_WINDOW = 4  # tokens between a cue and what it is said of


def provenance_claims(text: str) -> list[ProvenanceClaim]:
    """Every provenance claim of a sentence, in order, one per facet (a later cue of a facet joins the
    first: "manufactures … under a license"). A cue within three words after a negation ("chose not to
    lease") and production that grows ("expand production") are no claims."""
    tokens = tokenize(text)
    words = [normalize_word(t.text) for t in tokens]
    stems = [stem(t.text) for t in tokens]
    sentence_objects = _object_stems(tokens, range(len(tokens)))
    found: dict[str, ProvenanceClaim] = {}

    def add(facet: str, first: int, last: int, objects: frozenset[str], source_at: int | None = None) -> None:
        if not objects:
            return
        cue, source = text[tokens[first].start:tokens[last].end], _name_after(tokens, source_at)
        if facet in found:  # a second cue of the same facet ("manufactures ... under a license") joins the first
            old = found[facet]
            start, end = old.start, max(old.end, tokens[last].end)
            joined = text[start:end] if tokens[first].start <= old.end + 1 else f"{old.cue} … {cue}"  # overlapping or not
            found[facet] = ProvenanceClaim(facet, joined, start, end, old.source or source, old.objects | objects)
        else:
            found[facet] = ProvenanceClaim(facet, cue, tokens[first].start, tokens[last].end, source, objects)

    for i, (word, key) in enumerate(zip(words, stems)):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if set(words[max(0, i - 3):i]) & _NEGATORS and word != "cost":  # "at no cost" is a claim
            continue  # "chose not to lease the radars": a denied facet is not a claim
        if _STRONG.get(key) == PRODUCTION or word in _WEAK_PRODUCTION:
            if {stem(w) for w in words[max(0, i - 3):i] + words[i + 1:i + 2]} & _CAPACITY:
                continue
        if key in _STRONG:
            # "license" is also a permit ("an export license"): production only "under (a) license" or "licensed"
            if key in _LICENSE and word not in _LICENSED_WORDS and "under" not in words[max(0, i - 2):i]:
                continue
            first = next((j for j in range(max(0, i - 2), i) if words[j] == "under"), i)  # "under a license"
            source_at = _source_marker(words, i)
            add(_STRONG[key], first, i, sentence_objects, source_at=source_at)
        elif word in _WEAK_PRODUCTION or (word in _PROGRESSIVE and nxt in _OBJECT_SKIP):
            if nxt in _PASSIVE_NEXT:
                add(PRODUCTION, i, i + 1, sentence_objects, source_at=i + 1)
            else:
                add(PRODUCTION, i, i, _object_stems(tokens, _after(words, i)))
        elif key in _STOCK_NOUNS:
            first = _stock_source_start(words, i)
            if first is not None:
                add(STOCK, first, i, sentence_objects, source_at=first)
        elif word == "own" and nxt[:1].isalpha() and nxt not in STOPWORDS:
            # "from the air force's own fleet", "from the utility's own reservoir": what its owner already has
            first = _from_before(words, i)
            if first is not None:
                add(STOCK, first, i + 1, sentence_objects, source_at=first)
        elif word in _STOCK_ADJECTIVES:
            add(STOCK, i, i, _object_stems(tokens, _after(words, i)))
        elif key in _FUNDING and (nxt in ("by", "from") or words[i + 1:i + 3] == ["for", "by"]):
            by = i + 1 if nxt != "for" else i + 2  # "paid for by"
            if _name_after(tokens, by):
                add(FUNDING, i, by, sentence_objects, source_at=by)
        elif word == "free" and _prev(words, i) == "for":  # "for free"
            add(DONATION, i - 1, i, sentence_objects)
        elif word in _GRANT:
            add(DONATION, i, i, sentence_objects, source_at=_source_marker(words, i))
        elif word == "cost" and words[max(0, i - 2):i] == ["at", "no"]:  # "at no cost"
            add(DONATION, i - 2, i, sentence_objects)
        elif word in ("order", "orders", "ordered") and "from" in words[i + 1:i + 2 + _WINDOW]:  # "ordered ... from"
            add(PURCHASE, i, i, sentence_objects, source_at=_source_marker(words, i))
        elif word == "charge" and _prev(words, i) == "of" and _prev(words, i - 1) == "free":  # "free of charge"
            add(DONATION, i - 2, i, sentence_objects)
    return sorted(found.values(), key=lambda c: c.start)


def shared_object(a: ProvenanceClaim, b: ProvenanceClaim) -> frozenset[str]:
    """The content stems both claims may be about."""
    return a.objects & b.objects


def contrast(a: Sequence[ProvenanceClaim], b: Sequence[ProvenanceClaim]) -> tuple[ProvenanceClaim, ProvenanceClaim] | None:
    """The first pair of claims, one from each sentence, about the same thing that differ: facets that
    cannot both hold (CONTRASTS; a sentence that states both facets itself contrasts with neither), or
    the same facet with different named sources ("paid for by A" vs "paid for by B"). None when the
    accounts do not differ on provenance."""
    facets_a, facets_b = {c.facet for c in a}, {c.facet for c in b}
    for ca in a:
        for cb in b:
            if not shared_object(ca, cb):
                continue
            pair = frozenset({ca.facet, cb.facet})
            if pair in CONTRASTS and not (pair <= facets_a or pair <= facets_b):
                return ca, cb
            if (ca.facet == cb.facet and ca.source and cb.source
                    and stem(ca.source) != stem(cb.source) and ca.source not in cb.source and cb.source not in ca.source):
                return ca, cb
    return None


def _prev(words: list[str], i: int) -> str:
    return words[i - 1] if i > 0 else ""


def _after(words: list[str], i: int) -> range:
    """Token positions of a weak cue's object: up to _WINDOW words after it, past articles and
    quantifiers, stopping at punctuation."""
    j = i + 1
    while j < len(words) and (words[j] in _OBJECT_SKIP or words[j] in _COUNT_WORDS or words[j].isdigit()):
        j += 1  # "building the first two aircraft": the aircraft
    end = j
    while end < len(words) and end < i + 1 + _WINDOW and words[end][:1].isalnum():
        end += 1
    if j < len(words) and words[j] in _NOT_OBJECTS:
        return range(0)
    return range(j, end)


def _source_marker(words: list[str], i: int) -> int | None:
    """The "from"/"by" that names a strong cue's source ("bought the vaccines from Pharmax",
    "under a license from RTX"): at most _WINDOW + 4 words on, not past punctuation."""
    for j in range(i + 1, min(len(words), i + _WINDOW + 5)):
        if not words[j][:1].isalnum():
            return None
        if words[j] in ("from", "by"):
            return j
    return None


def _from_before(words: list[str], i: int) -> int | None:
    """The "from"/"out of" that opens the phrase holding position `i` ("from the Canadian air force's
    own fleet"), within _WINDOW + 3 words and not past punctuation or a verb-like function word."""
    for j in range(i - 1, max(-1, i - _WINDOW - 4), -1):
        if words[j] in _FROM:
            return j
        if not words[j][:1].isalnum() or (words[j] in STOPWORDS and words[j] not in _STOCK_LEAD):
            return None
    return None


def _stock_source_start(words: list[str], i: int) -> int | None:
    """Where a stock noun's phrase starts when it names a source: "own supplies", "existing stocks",
    or "from"/"out of" shortly before it ("from the U.S. Army's stocks"); None otherwise."""
    for j in range(i - 1, max(-1, i - _WINDOW - 2), -1):
        if words[j] in _FROM:
            return j
        if not words[j][:1].isalnum() or (words[j] in STOPWORDS and words[j] not in _STOCK_LEAD):
            break  # "from Japan to backfill its stock": the stock is not where it comes from
    if _prev(words, i) == "own" or _prev(words, i) in _STOCK_ADJECTIVES:
        return i - 1
    return None


def _name_after(tokens: list[Token], i: int | None) -> str | None:
    """The capitalised name just after position `i` ("from Japan's", "by the U.S. Army"), as written;
    past a description to the name it introduces ("from U.S. weapons maker RTX" -> "RTX")."""
    if i is None:
        return None
    runs: list[list[str]] = [[]]
    j = i + 1
    while j < len(tokens) and tokens[j].text.lower() in ("the", "a", "an"):
        j += 1
    while j < len(tokens) and len(runs) <= 3:
        text = tokens[j].text.replace("’", "'")
        if text[:1].isupper():
            runs[-1].append(text.removesuffix("'s"))
            if text.endswith("'s"):
                break
        elif runs[-1] and text[:1].isalpha() and text.lower() not in STOPWORDS:
            runs.append([])  # a lower-case description between names: "U.S. weapons maker RTX"
        elif not (runs[-1] == [] and len(runs) > 1 and text[:1].isalpha() and text.lower() not in STOPWORDS):
            break
        j += 1
    named = [r for r in runs if r]
    return " ".join(named[-1]) if named else None


def _object_stems(tokens: list[Token], positions: range) -> frozenset[str]:
    """Stems of the lower-case content words at `positions`: the things a claim can be about. Names
    are left out (they are the makers, owners and places), as are the cue words themselves."""
    out = set()
    for i in positions:
        tok = tokens[i]
        word = normalize_word(tok.text)
        if not word[:1].isalpha() or len(word) < 3 or tok.text[:1].isupper():
            continue
        if word in STOPWORDS or word in NOISE_WORDS or word in MONTH_WORDS or word in _NOT_OBJECTS or word.endswith("ly"):
            continue
        key = stem(word)
        if key in _NOT_OBJECT_STEMS:
            continue
        if key in _STRONG or key in _WEAK_PRODUCTION or key in _STOCK_NOUNS or key in _FUNDING or word in _STOCK_ADJECTIVES:
            continue
        out.add(key)
    return frozenset(out)
