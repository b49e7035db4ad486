"""Quantities in a news sentence and whether two of them disagree about the same thing.

A quantity is a number as written ("about 300", "$1.5 billion", "twelve", "several dozen",
"12%") together with what it counts (the noun after it, or a currency / percent unit). Each one
becomes an interval of values the writer could mean: "about 300" covers 255..345, "1.5 million"
covers what rounds to it, "dozens" covers 20..120. Two quantities of the same thing disagree when
their intervals do not overlap, so rounding and hedges are tolerated by construction.

The number rule (`RULE`, at the end) compares the quantities of two sentences: amounts of the same
thing that cannot both be true are a "number" mismatch when the words around them say they count the
same fact.

Not for: dates, times and years (see dates.py, whose spans are masked out here), model names
such as "PAC-3" or "F-16", ordinals that name one of a series ("the second ferry") but for places in a
series the parse says what of ("the third newspaper to close", "on the third day of the search",
`series_places`; of a whole, full weight only where both sentences place one act there). Read here too:
lengths of time in any unit, as days ("18 months" against "two years"), and ordinals that count how
far something has come ("in its tenth year", "for the third time") and counts of occasions ("four times",
"twice before", "the fifth year in a row"), compared only with their kind;
proportions told as fractions, as percentages ("just over two-fifths of the shares", "rose by a third"),
and percentages told as a change or as a share of a whole, never compared across the two.

Libraries (measured by eval/extraction_compare.py on the 302 sentences of the tuning set and the demo,
results in eval/results/extraction/):
- text2num (default dependency) reads numbers in words ("twelve", "forty-two", "three hundred and
  five", "a hundred"); `number_words` takes its spans and values, and the patterns here see digits only.
  Chosen over number-parser 0.3.2, which reads ordinals as counts ("the fourth ferry" -> 4, "a
  third of" -> 3, 59 sentences with values the checker does not read), while text2num keeps them
  ordinals ("10th"). Alone, text2num also reads a scale word after a figure as a number ("1.5
  billion" -> "1.5 1000000000") and plurals as counts ("thousands" -> 1000, "tens of" -> 10): those
  are left to the patterns here.
- Not quantulum3 0.10.0: it fails on 24 of the 302 sentences (its unit classifier does not load with
  current scikit-learn), reads ordinals as fractions ("the fourth ferry" -> 0.25), drops hedges
  ("about 300" -> 300), finds nothing in "several dozen" and does not say what a bare number counts.
- Not recognizers-text 1.0.2a2: it reads every value the checker reads on the sets, and more that are
  wrong ("no one" -> 1, "the second half" -> 0.5, "a fourth ferry" -> 0.25); it does not import with a
  current `emoji` (needs emoji<1) and has had no release since 2019.
No library reads hedges, vague amounts ("several dozen", "tens of thousands") or the counted noun:
those stay here, as the word lists below."""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from text_to_num import alpha2digit, text2num

from ..text import STOPWORDS, content_stems, normalize_word, stem
from ..types import Mismatch
from .dates import earlier_occasion
from .facts import Quantity, SentenceFacts
from .names import different_parties, total_against_part
from .nouns import event_noun, one_noun
from .rule import PairContext, Rule, rest_overlap
from .tallies import grows
from .units import POWER_WORDS, read_joined_measure, read_measure
from .phases import clause_verb
from .verbs import one_kind, verb_lemma


_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "m": 1_000_000, "dozen": 12}
_CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
               "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
               "pound": "GBP", "pounds": "GBP", "yen": "JPY"}

# Hedges and bounds: how each widens the interval around the written value v.
# (lower factor, upper factor) of v; math.inf for an open upper bound.
HEDGES: list[tuple[str, float, float]] = [
    ("about", 0.85, 1.15),          # approximate, either side
    ("around", 0.85, 1.15),
    ("roughly", 0.85, 1.15),
    ("approximately", 0.85, 1.15),
    ("some", 0.85, 1.15),
    ("an estimated", 0.85, 1.15),
    ("estimated", 0.85, 1.15),
    ("close to", 0.85, 1.05),
    ("nearly", 0.80, 1.0),          # just below v
    ("almost", 0.80, 1.0),
    ("just under", 0.80, 1.0),
    ("no more than", 0.0, 1.0),     # a bound denied is the other bound ("no more than 150": at most 150)
    ("not more than", 0.0, 1.0),
    ("no fewer than", 1.0, math.inf),
    ("no less than", 1.0, math.inf),
    ("not less than", 1.0, math.inf),
    ("more than", 1.0, math.inf),   # lower bounds: anything above is consistent
    ("over", 1.0, math.inf),
    ("at least", 1.0, math.inf),
    ("just over", 1.0, 1.25),
    ("upwards of", 1.0, math.inf),
    ("fewer than", 0.0, 1.0),       # upper bounds: anything below is consistent
    ("less than", 0.0, 1.0),
    ("under", 0.0, 1.0),
    ("up to", 0.0, 1.0),
    ("at most", 0.0, 1.0),
    ("as many as", 0.0, 1.0),
]
_HEDGE_FACTORS = {h: (lo, hi) for h, lo, hi in HEDGES}

# Vague amounts as intervals. Kept apart on purpose ("several dozen" vs "hundreds" disagree) but
# wide enough that "dozens" agrees with "100".
VAGUE_AMOUNTS: list[tuple[str, float, float]] = [
    (r"hundreds of thousands", 100_000, 999_999),
    (r"tens of thousands", 10_000, 99_999),
    (r"(?:several|multiple|a few) dozens?|dozens", 20, 120),  # "dozens" agrees with "100"
    (r"a dozen", 10, 15),  # "a dozen" is loose: 10 to 15
    (r"(?:several|a few) hundreds?|hundreds", 200, 999),
    (r"(?:several|a few) thousands?|thousands", 2_000, 9_999),
    (r"(?:several|a few) millions?|millions", 2_000_000, 999_999_999),
    (r"a handful", 2, 10),
    (r"scores of", 40, 200),  # "scores" alone is a result
    (r"a couple of", 2, 3),
    (r"a few", 2, 9),
    (r"several", 3, 19),
    (r"a (?:small|limited) number of", 1, 30),
    (r"a (?:large|great|huge|vast) number of", 30, math.inf),
]
# Amounts in words of size alone ("vast reserves of", "limited stocks of"): only compared with other
# amounts in words, never with a figure, since how much is "vast" depends on what is counted.
_STORES = r"(?:reserves|stocks|stockpiles|supplies|quantities|amounts|numbers|arsenals?|inventor(?:y|ies))"
RELATIVE_AMOUNTS: list[tuple[str, float, float]] = [
    (rf"(?:vast|huge|enormous|massive|large|substantial|ample|plentiful|abundant|sizeable|sizable) {_STORES}",
     100, math.inf),
    (rf"(?:limited|small|modest|meagre|meager|scant|dwindling|depleted|tiny) {_STORES}", 0, 30),
]
_ALL_VAGUE = VAGUE_AMOUNTS + RELATIVE_AMOUNTS
_RELATIVE_RES = [re.compile(p) for p, _, _ in RELATIVE_AMOUNTS]

# Words that say the number is the whole set: "all 12 flights" (against "3 of the 12 flights").
_ALL_WORDS = ("all", "all of the", "every one of the", "each of the")

# Irregular plurals and a few synonyms, so that "300 soldiers" and "310 troops" meet.
_NOUN_ALIASES = {
    "people": "person", "persons": "person", "men": "man", "women": "woman", "children": "child",
    "soldier": "troop", "soldiers": "troop", "troops": "troop",
    "percent": "percent", "per cent": "percent", "%": "percent",
}
# Units of time, in days: a number of them is a duration, compared with a duration in any other unit
# ("18 months" against "two years", "three weeks" against "a fortnight" written as "one fortnight").
TIME_UNITS_IN_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
                      "fortnight": 14.0, "month": 365.25 / 12, "year": 365.25, "decade": 3652.5,
                      "century": 36525.0}
DURATION = "duration"  # the unit of a Quantity read as a length of time, its values in days
_IRREGULAR_PLURALS = frozenset({"people", "men", "women", "children", "police", "personnel", "staff",
                                "aircraft", "equipment", "cattle", "civilians", "troops"})
# Words that can sit between a number and its noun ("300 more troops", "12 new flights").
_NP_FILLERS = frozenset("more additional new other extra further of the and or its their".split())
# Words that end the search for a noun: verbs of reporting and being, which follow a bare number.
_NOUN_STOPS = frozenset("said says told according were was are is have has had will would".split())

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_HEDGE_RE = "|".join(sorted((re.escape(h) for h, _, _ in HEDGES), key=len, reverse=True))
_ALL_RE = "|".join(sorted((re.escape(w) for w in _ALL_WORDS), key=len, reverse=True))
_VAGUE_RE = "|".join(f"(?:{p})" for p, _, _ in _ALL_VAGUE).replace(" ", r"\s+")  # verbose regex drops bare spaces

QUANTITY_RE = re.compile(
    rf"""(?<![\w$€£¥.\-])
    (?:(?P<hedge>{_HEDGE_RE})\s+)?
    (?:(?P<all>{_ALL_RE})\s+)?
    (?:
        (?P<vague>{_VAGUE_RE})
      |
        (?P<cur>US\$|\$|€|£|¥)?\s?
        (?P<num>{_NUM})
        (?:(?:\s|-)?(?P<scale>(?:hundred|thousand|million|billion|trillion)(?:\s(?:thousand|million|billion))?|bn|m|dozen)\b)?
        (?:\s?(?P<pct>%|percent\b|per\scent\b|percentage\spoints?\b))?
    )
    (?![\w])""",
    re.IGNORECASE | re.VERBOSE,
)
# "between 200 and 300 troops", "200-300 troops", "200 to 300 troops": one quantity, an interval.
RANGE_RE = re.compile(rf"(?<![\w$.\-])(?:between\s+(?P<low>{_NUM})\s+and\s+(?P<high>{_NUM})"
                      rf"|(?P<low2>{_NUM})\s?(?:-|–|to)\s?(?P<high2>{_NUM}))(?![\w])", re.IGNORECASE)
_PARTITIVE_RE = re.compile(rf"^\s+of\s+(?:the|its|their|those)\s+(?P<total>{_NUM})\b", re.IGNORECASE)
_NEXT_WORD_RE = re.compile(r"^[\s\-]*(?P<word>[A-Za-z][\w.'’\-]*|%)")


def _parse_number(text: str) -> float | None:
    """A number as written, in digits ("2,000", "1.5") or in words ("twelve", "forty-two", read by text2num)."""
    try:
        if text[0].isdigit():
            return float(text.replace(",", ""))  # "2 3" (from "2-3-year-old") is no number: None
        return float(text2num(" ".join(text.lower().split()), "en"))
    except ValueError:
        return None


# Scale words that text2num reads alone ("million" -> 1000000) but that this module reads as the scale of
# the figure before them ("1.5 million") or as a vague amount ("several hundred", "thousands of").
_SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion"})
_TOKEN_RE = re.compile(r"\w+(?:[.,]\d+)*|[^\w\s]")
# A fraction of "a million" and the like, ending just before the "a": "half a million", "a third of a
# million", "three quarters of a billion".
_FRACTION_BEFORE_RE = re.compile(r"(?:\b(?P<half>half)|\b(?:a|one)\s+(?P<one>third|quarter)\s+of"
                                 r"|\b(?P<many>two|three)\s+(?P<parts>thirds|quarters)\s+of)\s+$", re.IGNORECASE)
_PARTS = {"third": 3, "thirds": 3, "quarter": 4, "quarters": 4}


def number_words(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of every number written in words ("twelve", "forty-two", "three hundred and
    five", "a hundred"), read by text2num's alpha2digit; ordinals ("tenth") and lone scale words after a
    figure or a vague word ("1.5 million", "several hundred") and plurals ("tens of thousands") are not
    numbers here: the patterns below read them."""
    # Hyphens read as spaces (same length): text2num reads "twenty-five" but leaves "ten-year" alone.
    # text2num takes valid UTF-8 only: a lone surrogate becomes "?", one character for one.
    spaced = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", " ", text).encode("utf-8", "replace").decode("utf-8")
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(spaced)]
    words = [t for t, _, _ in tokens]
    try:
        converted = _TOKEN_RE.findall(alpha2digit(spaced, "en", threshold=0))
    except Exception:  # a failure inside the library costs the numbers in words of this sentence, not the run
        return []
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=words, b=converted, autojunk=False).get_opcodes():
        if tag != "replace" or j2 - j1 != 1 or not re.fullmatch(r"\d+(?:\.\d+)?", converted[j1]):
            continue
        original = [w.lower() for w in words[i1:i2]]
        if original[-1].endswith("s"):
            continue  # a number word in the plural is a vague amount ("tens of", "thousands", "in his forties")
        if set(original) <= _SCALE_WORDS:
            if len(original) == 1 and i1 and words[i1 - 1].lower() == "a":
                # "a million": 1, then the scale; "half a million", "a third of a million": the fraction
                start = tokens[i1 - 1][1]
                fraction = _FRACTION_BEFORE_RE.search(spaced[:start])
                if fraction is None:
                    out.append((start, tokens[i1 - 1][2], 1.0))
                else:
                    out.append((fraction.start(), tokens[i1 - 1][2], _fraction(fraction)))
            continue  # "1.5 million", "several hundred", "thousands": a scale or a vague amount, read below
        start, end, value = tokens[i1][1], tokens[i2 - 1][2], float(converted[j1])
        if original[0] in _SCALE_WORDS and i1 and words[i1 - 1].lower() == "a":
            # "a hundred and twenty": the "a" is the one hundred, and a hedge before it counts
            start = tokens[i1 - 1][1]
        half = _AND_A_HALF_RE.match(spaced[end:])
        if half:
            end, value = end + half.end(), value + 0.5  # "one and a half (million)"
        out.append((start, end, value))
    return out + _one_unit_of_time(spaced, out)


# "a week", "an hour": one unit of time, as "one week" is; not a rate ("twice a week"), a part of one ("half
# a day", "a quarter of an hour"), or a vague "a day or two".
_A_UNIT_RE = re.compile(r"(?<![\w-])(?P<a>an?)\s+(?:minute|hour|day|week|fortnight|month|year|decade|century)"
                        r"\b(?!\s+(?:or|and\s+a\s+half)\b)", re.IGNORECASE)
_NOT_ONE_BEFORE_RE = re.compile(r"\b(?:once|twice|thrice|times|half|of)\s+$", re.IGNORECASE)


# "half an hour", "a quarter of an hour", "three-quarters of a day": a part of one unit of time.
_PART_OF_UNIT_RE = re.compile(r"(?<![\w-])(?P<part>(?:a|one)\s+quarter\s+of|three[\s-]quarters\s+of|half(?:\s+of)?)"
                              r"\s+an?(?=\s+(?:minute|hour|day|week|month|year|decade|century)\b)", re.IGNORECASE)


# A figure and up to three words of what it counts or measures, right before "a year", "a day": then "a
# year" is what the figure is per ("1.1 billion shillings a year", "four hours a day", "186,000
# candidates a year"), a rate's denominator, not one year.
_FIGURE_BEFORE_RE = re.compile(r"\d[\d,.]*%?(?:\s+[A-Za-z'\u2019-]+){0,3}\s+$")
# ...four or five words back, where the words before "a" are no preposition of a length ("for a year")
_FIGURE_FAR_BEFORE_RE = re.compile(r"\d[\d,.]*%?(?:\s+[A-Za-z'\u2019-]+){4,5}\s+$")
_TIME_PREP_BEFORE_RE = re.compile(r"\b(?:for|in|within|over|after|than|by|about|around|nearly|almost|under|"
                                  r"just|past|last|throughout|during)\s+$", re.IGNORECASE)
_WORDS_BEFORE_RE = re.compile(r"(?:\s+[A-Za-z'\u2019-]+){0,3}\s+$")


def _one_unit_of_time(text: str, numbers: list[tuple[int, int, float]] = ()) -> list[tuple[int, int, float]]:
    def per(start: int) -> bool:
        before = text[:start]
        if _FIGURE_BEFORE_RE.search(before):
            return True
        if _FIGURE_FAR_BEFORE_RE.search(before) and not _TIME_PREP_BEFORE_RE.search(before):
            return True  # "exports about 60,000 cubic metres of logs a year": the figure's rate
        return any(end <= start and _WORDS_BEFORE_RE.fullmatch(text[end:start]) for _, end, _ in numbers)

    ones = [(m.start("a"), m.end("a"), 1.0) for m in _A_UNIT_RE.finditer(text)
            if not _NOT_ONE_BEFORE_RE.search(text[:m.start()]) and not per(m.start())]
    parts = [(m.start(), m.end(), _part_of_one(m.group("part"))) for m in _PART_OF_UNIT_RE.finditer(text)]
    return ones + parts


def _part_of_one(part: str) -> float:
    word = part.lower()
    return 0.75 if "quarters" in word else 0.25 if "quarter" in word else 0.5


# A fraction's denominator after its numerator ("three-quarters", "two thirds", "1 in" is not one).
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
                 "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10}
_DEN_RE = "|".join(sorted(_DENOMINATORS, key=len, reverse=True))
SHARE_RE = re.compile(
    rf"(?<![\w$.\-])(?:(?P<hedge>{_HEDGE_RE})\s+)?"
    rf"(?:(?P<num>\d+|an?|one|two|three|four|five|six|seven|eight|nine)[\s\-]+)?"
    rf"(?P<den>{_DEN_RE})\s+of\s+(?:the|its|their|those)\s+(?P<total>{_NUM})\b", re.IGNORECASE)

# "and a half" after a number in words: "one and a half million", "two and a half years".
_AND_A_HALF_RE = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)


def _fraction(m: re.Match) -> float:
    if m.group("half"):
        return 0.5
    if m.group("one"):
        return 1 / _PARTS[m.group("one").lower()]
    return {"two": 2, "three": 3}[m.group("many").lower()] / _PARTS[m.group("parts").lower()]


def _digitised(text: str, spans: list[tuple[int, int, float]]) -> str:
    """`text` with each number in words replaced by its digits, right-aligned in spaces of the same length,
    so that every offset still points into `text` ("about twenty-five people" -> "about          25 people")."""
    chars = list(text)
    for start, end, value in spans:
        # a fraction of a scale ("a third of a million": 0.333) in three decimals, other decimals as they are
        digits = str(int(value)) if value.is_integer() else f"{value:.3f}".rstrip("0") if value < 1 else str(value)
        if len(digits) > end - start:
            continue  # longer in digits than in words: left as words
        chars[start:end] = " " * (end - start - len(digits)) + digits
    return "".join(chars)


def _rounding_step(num_text: str, scale: float) -> float:
    """The unit of the last significant digit as written: '300' -> 100, '1.5' million -> 100,000."""
    t = num_text.replace(",", "")
    if not t[0].isdigit():
        return 0.0  # written-out numbers ("twelve") are exact
    if "." in t:
        return 10.0 ** -len(t.split(".")[1]) * scale
    trailing_zeros = len(t) - len(t.rstrip("0")) if t.strip("0") else 0
    return 10.0 ** trailing_zeros * scale


_HEDGED_RE = re.compile(rf"(?:{_HEDGE_RE})\s", re.IGNORECASE)


def hedged(q: Quantity) -> bool:
    """Whether a quantity is written with a hedge or a bound ("about 1,200 nurses", "more than 40")."""
    return bool(_HEDGED_RE.match(q.text))


def _interval(value: float, step: float, hedge: str | None) -> tuple[float, float]:
    """The values a writer could mean by `value` written to `step`, widened by the hedge."""
    if step == 0 or (step <= 1 and value < 100 and value == int(value)):
        slack = 0.0  # spelled-out numbers and small whole counts are exact ("twelve", "12 flights")
    else:
        slack = min(step / 2, 0.10 * value)  # what rounds to it, capped so "20" does not swallow "24"
    low, high = value - slack, value + slack
    if hedge:
        lo_f, hi_f = _HEDGE_FACTORS[hedge.lower()]
        low, high = min(low, value * lo_f), max(high, value * hi_f)
    return low, high


def _noun_after(text: str, pos: int, singular: bool = False) -> tuple[str | None, str, int]:
    """The head noun after position `pos`: the first plural-looking word within a few words,
    else the first content word (at once when `singular`, as for "one official").
    Returns (normalised noun, noun phrase as written, end offset)."""
    words: list[tuple[str, int, int]] = []
    cursor = pos
    for _ in range(7):
        m = _NEXT_WORD_RE.match(text[cursor:])
        if not m:
            break
        word = m.group("word")
        if word.endswith(".") and "." not in word[:-1]:
            word = word[:-1]  # a full stop, not an abbreviation like "U.S."
        low = normalize_word(word)
        if low not in _NP_FILLERS and (low in STOPWORDS or low in _NOUN_STOPS):
            break
        words.append((word, cursor + m.start("word"), cursor + m.start("word") + len(word)))
        cursor += m.end()
        if low in _NP_FILLERS:
            continue
        if singular or _looks_plural(low):
            break
    content = [(w, s, e) for w, s, e in words if normalize_word(w) not in _NP_FILLERS]
    if not content:
        return None, "", pos
    # A currency word before a noun is the figure's unit, the noun what the money buys ("a 68.5 million
    # euro contract"): the figure is an amount of money, whatever plural follows.
    currency = normalize_word(content[0][0]) in _CURRENCIES
    head = content[0] if currency else next(
        ((w, s, e) for w, s, e in content if _looks_plural(normalize_word(w))), content[0])
    phrase = text[words[0][1]:head[2]]
    return _normalise_noun(head[0]), phrase, head[2]


def _looks_plural(word: str) -> bool:
    if word in _IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _normalise_noun(word: str) -> str:
    w = normalize_word(word)
    if w in _NOUN_ALIASES:
        return _NOUN_ALIASES[w]
    if w in _CURRENCIES:
        return _CURRENCIES[w]
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("ches", "shes", "sses", "xes")):
        w = w[:-2]
    elif _looks_plural(w):
        w = w[:-1]
    return _NOUN_ALIASES.get(w, w)


def _words_before(text: str, start: int) -> tuple[str, ...]:
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", text[max(0, start - 60):start])
    content = [normalize_word(w) for w in words if normalize_word(w) not in STOPWORDS]
    return tuple(content[-3:])


# A time of day in words ("a quarter past three", "half past twelve", "ten to six", "three o'clock"):
# the hour is no count.
_HOUR_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
_TO_THE_HOUR = r"(?:(?:a\s+)?quarter|half|twenty(?:[\s-]five)?|ten|five|\d{1,2}\s+minutes)"
# "to" only after a word of time ("at ten to six"): "five to ten people" is a range
_CLOCK_IN_WORDS_RE = re.compile(
    rf"\b{_TO_THE_HOUR}\s+past\s+{_HOUR_WORDS}\b"
    rf"|\b(?:at|about|around|by|until|till|before|after)\s+{_TO_THE_HOUR}\s+to\s+{_HOUR_WORDS}\b"
    rf"|\b{_HOUR_WORDS}\s+o['\u2019]clock\b", re.IGNORECASE)


# A tally of a vote or a score: "4-1", "19–2" (the larger first: "2-4" is a range), "by four votes to
# one", "19 votes to 2". Its two sides are counts of their own (`TALLY_SIDES`), compared side with side,
# never with a count of votes or goals told alone.
_TALLY_RE = re.compile(r"(?<![\w$.,\-–/])(?P<a>\d{1,3})\s?[-–]\s?(?P<b>\d{1,3})(?![\w,\-–/%]|\.\d)"
                       r"|\b(?P<c>\d{1,3})\s+votes?\s+to\s+(?P<d>\d{1,3})\b", re.IGNORECASE)
TALLY_SIDES = ("tally for", "tally against")


def vote_tallies(text: str, original: str, masked: list[tuple[int, int]],
                 in_words: dict[int, tuple[int, str]]) -> list[Quantity]:
    """The two sides of each tally of a vote or a score in `text` (numbers in words already digits, ending
    where they end in `original`; `in_words` maps such an end to the word's start), as two counts whose
    units say which side (TALLY_SIDES)."""
    out = []
    for m in _TALLY_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in masked):
            continue
        first = "a" if m.group("a") else "c"
        a, b = (int(m.group(g)) for g in ((first, "b") if first == "a" else (first, "d")))
        if first == "a" and a < b:
            continue  # "2-4" is a range
        start = min(m.start(), in_words.get(m.end(first), (m.start(), None))[0])
        shown = " ".join(original[start:m.end()].split())
        for side, n in zip(TALLY_SIDES, (a, b)):
            out.append(Quantity(text=shown, value=n, low=n, high=n, noun=None, unit=side, role="count", total=None,
                                before=_words_before(text, start), start=start, end=m.end()))
    return out


def extract_quantities(text: str, masked: list[tuple[int, int]] = ()) -> list[Quantity]:
    """All quantities in `text`, skipping spans in `masked` (dates and times found elsewhere)."""
    quantities: list[Quantity] = []
    masked = list(masked) + [m.span() for m in _CLOCK_IN_WORDS_RE.finditer(text)]
    # Numbers in words are read first and written as digits in place (same offsets), so that the patterns
    # below see one kind of number; what is shown is always cut from the text as written.
    original = text
    spans = number_words(text)
    in_words = {end: (start, original[start:end]) for start, end, _ in spans}
    text = _digitised(text, spans)
    tallies = vote_tallies(text, original, masked, in_words)
    quantities += tallies
    masked += [(q.start, q.end) for q in tallies]
    quantities += share_counts(text, original, masked)
    quantities += fraction_percents(text, original, masked)
    for m in RANGE_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in masked) or _is_model_name(text, m):
            continue
        if text[max(0, m.start() - 5):m.start()].lower().strip() == "from":
            continue  # "rose from 200 to 300" is a change, not a range
        low, high = (_parse_number(m.group(g) or m.group(g + "2")) for g in ("low", "high"))
        if low >= high:
            continue  # "3-2" is a score or a vote, not a range
        noun, phrase, noun_end = _noun_after(text, m.end())
        quantities.append(Quantity(
            text=original[m.start():max(noun_end, m.end())].strip(), value=(low + high) / 2, low=low, high=high,
            noun=noun, unit=None, role="count", total=None, before=_words_before(text, m.start()),
            start=m.start(), end=max(noun_end, m.end()),
        ))
        masked.append((m.start(), m.end()))
    for m in QUANTITY_RE.finditer(text):
        start, end = m.start(), m.end()
        if any(s < end and start < e for s, e in masked):
            continue
        if _is_model_name(text, m):
            continue
        hedge = m.group("hedge")
        all_word = m.group("all")
        noun_from = end
        step = None
        if m.group("vague"):
            vague = " ".join(m.group("vague").lower().split())
            low, high = next((lo, hi) for p, lo, hi in _ALL_VAGUE if re.fullmatch(p, vague))
            value, unit = (low + high) / 2 if high != math.inf else low, None
            if hedge:
                lo_f, hi_f = _HEDGE_FACTORS[hedge.lower()]
                low, high = min(low, low * lo_f), max(high, high * hi_f) if hi_f != math.inf else math.inf
        else:
            number = _parse_number(m.group("num"))
            start, word = in_words.get(m.end("num"), (start, None))
            start = min(start, m.start())
            if number is None or _is_pronoun_one(text, m, word):
                continue
            scale_words = (m.group("scale") or "").lower().split()
            scale = 1.0
            for w in scale_words:
                scale *= _SCALES[w]
            if m.group("scale") and m.group("scale").lower() == "m" and not m.group("cur"):
                continue  # "5m" without a currency is more likely metres
            value = number * scale
            # "twelve" is exact; "half a million" (0.5, a fraction of a scale) is as rounded as "0.5 million"
            step = _rounding_step(m.group("num"), scale)  # as written: "about three hours" is rounded to the hour
            low, high = _interval(value, 0.0 if word and "." not in m.group("num") else step, hedge)
            unit = _CURRENCIES.get((m.group("cur") or "").lower())
            if m.group("pct"):
                unit = "percent"
        role, total = ("all" if all_word else "count"), None
        part = _PARTITIVE_RE.match(text[end:])
        if part:
            total = _parse_number(part.group("total"))
            noun_from = end + part.end()
        noun, phrase, noun_end = _noun_after(text, noun_from, singular=(value == 1 and not part))
        if noun in ("USD", "EUR", "GBP", "JPY", "percent"):
            unit, noun = noun, None  # "2 billion dollars", "12 percent" spelled out after the number
        relative = bool(m.group("vague")) and any(r.fullmatch(vague) for r in _RELATIVE_RES)
        if relative and noun is None:
            continue  # "large stocks" of nothing named: nothing to compare
        shown = " ".join(original[start:max(noun_end, noun_from if part else end)].split())
        quantities.append(Quantity(
            text=shown, value=value, low=low, high=high, noun=noun, unit=unit, role=role, total=total,
            before=_words_before(text, start), start=start, end=max(noun_end, end),
            vague=bool(m.group("vague")), relative=relative, step=step,
        ))
        if part:
            masked.append((end, end + part.end()))  # the 12 of "3 of the 12" is not a count of its own
        if part and total is not None:
            total_end = end + part.end("total")
            total_word = in_words.get(total_end, (0, None))[1]
            t_low, t_high = _interval(total, 0.0 if total_word else _rounding_step(part.group("total"), 1.0), None)
            quantities.append(Quantity(
                text=f"{(total_word or part.group('total')).strip()} {phrase}".strip(), value=total, low=t_low, high=t_high,
                noun=noun, unit=unit, role="total", total=None, before=(), start=end, end=noun_end,
            ))
    quantities += only_counts(text, original, masked)
    # A count of occasions is kept beside the plain figure it overlaps ("flown four times": four flights too).
    read = [_as_difference(_as_offset(_as_measure(_as_duration(q)), original), original) for q in quantities]
    return (read + ordinal_counts(original)
            + occasion_counts(original))


# The words of a change in size: a percentage next to them is how much something changed ("up 26 percent",
# "rose by two-fifths", "a 60 percent rise", "a premium of about 30 percent", "a fifth above"); and the nouns
# of a share of a whole ("a 14 percent stake"), as "of" after it is ("26 percent of the shares"). A change
# and a share are not one figure.
_CHANGE_STEMS = frozenset(stem(w) for w in """up down rise rose risen increase fall fell fallen drop cut gain
jump climb grow grew grown decline slip slid plunge surge soar raise lower reduce hike premium discount above
below higher lower more less""".split())
_SHARE_STEMS = frozenset(stem(w) for w in "stake share holding portion proportion majority minority".split())
_LINKING_STEMS = frozenset(stem(w) for w in "by of about some".split())  # "rose by about 30 percent"


def percent_senses(quantities: list[Quantity], text: str) -> list[Quantity]:
    """Percentages marked as a change (`_CHANGE_STEMS` just before, as "up" or a verb with or without "by",
    or as the noun of "a premium of"; or just after, "above", "a rise") or as a share of a whole ("of" just
    after, or a noun of a share), so that a change is not compared with a share (`same_thing`)."""
    out = []
    for q in quantities:
        if q.unit != "percent":
            out.append(q)
            continue
        before = [stem(w) for w in re.findall(r"[A-Za-z]+", text[:q.start])[-3:]]
        before = [w for w in before if w not in _LINKING_STEMS] or [""]
        after = re.findall(r"[A-Za-z]+", text[q.end:])[:1]
        noun = stem(q.noun) if q.noun else ""
        if before[-1] in _CHANGE_STEMS or noun in _CHANGE_STEMS or (after and stem(after[0]) in _CHANGE_STEMS):
            out.append(replace(q, sense="change"))
        elif noun in _SHARE_STEMS or (after and after[0].lower() == "of") or " of " in f"{q.text.lower()} ":
            out.append(replace(q, sense="share"))
        else:
            out.append(q)
    return out


def _word_start(original: str, pos: int) -> int:
    """The start of the word at `pos` of the text as written: a number in words is digitised right-aligned
    in its own span ("three" -> "    3"), so a match on the digits starts inside the word."""
    while pos > 0 and original[pos - 1].isalpha():
        pos -= 1
    return pos


def share_counts(text: str, original: str, masked: list[tuple[int, int]]) -> list[Quantity]:
    """A share of a counted whole as the count it makes: "three-quarters of the 40 workers" is 30 of the
    40 workers, "half of the 300 homes" 150 of them; the whole is a total, as the 12 of "3 of the 12
    flights" is. A share of nothing counted ("two-thirds of voters") is no count. Each match's span is
    added to `masked`."""
    out = []
    for m in SHARE_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in masked):
            continue
        num = m.group("num")
        share = (1.0 if num is None or num.lower() in ("a", "an") else _parse_number(num) or 0.0)
        share /= _DENOMINATORS[m.group("den").lower()]
        total = _parse_number(m.group("total")) or 0.0
        noun, _, noun_end = _noun_after(text, m.end())
        hedge = m.group("hedge")
        step = _rounding_step(m.group("total"), 1.0)  # "a third of the 300 homes": as rounded as the 300
        low, high = _interval(share * total, share * step, hedge)
        t_low, t_high = _interval(total, step, None)
        before = _words_before(text, m.start())
        start = _word_start(original, m.start())  # "three-quarters" is digitised "    3-quarters"
        out.append(Quantity(text=" ".join(original[start:max(noun_end, m.end())].split()), value=share * total,
                            low=low, high=high, noun=noun, unit=None, role="count", total=total, before=before,
                            start=start, end=max(noun_end, m.end())))
        out.append(Quantity(text=" ".join(original[m.start("total"):max(noun_end, m.end())].split()), value=total,
                            low=t_low, high=t_high, noun=noun, unit=None, role="total", total=None, before=(),
                            start=m.start("total"), end=max(noun_end, m.end())))
        masked.append((m.start(), m.end()))
    return out


# A fraction that states a proportion: a plural denominator after a numerator of two or more ("two-fifths",
# "3 quarters"), or one part ("a fifth", "one third", "half") where what follows or precedes makes it a
# share ("a fifth above", "by a third", "half of"), not an ordinal ("the third ferry", "a fifth year").
_PLURAL_DEN_RE = "|".join(sorted((d for d in _DENOMINATORS if d.endswith("s") and d != "halves"), key=len,
                                 reverse=True))
_SINGLE_DEN_RE = "|".join(sorted((d for d in _DENOMINATORS if not d.endswith("s")), key=len, reverse=True))
FRACTION_RE = re.compile(
    rf"(?<![\w$.\-])(?:(?P<hedge>{_HEDGE_RE})\s+)?(?:"
    rf"(?P<num>[2-9]|two|three|four|five|six|seven|eight|nine)[\s\-]+(?P<den>{_PLURAL_DEN_RE})\b"
    rf"|(?:a|one)[\s\-]+(?P<den_of>{_SINGLE_DEN_RE})"
    rf"(?=\s+(?:of(?!\s+an?\b)|above|below|more|less|higher|lower)\b)"
    rf"|half(?=\s+of\b(?!\s+an?\b)))", re.IGNORECASE)
# ...or one part after a word of change or comparison: "by a third", "up about a quarter", "more than half".
LED_FRACTION_RE = re.compile(
    rf"\b(?:by|than|up|down)\s+"
    rf"(?P<start>(?:(?P<hedge>{_HEDGE_RE})\s+)?(?:(?:a|one)[\s\-]+(?P<den>{_SINGLE_DEN_RE})|half)\b)"
    # ...and then no noun it would be the ordinal of ("by a third route"): an end, or a closed-class word
    rf"(?=\s*(?:[,.;:)!?]|$)"
    rf"|\s+(?:in|on|to|from|since|over|after|during|at|of|and|or|but|while|than|compared|last|this)\b)",
    re.IGNORECASE)


def fraction_percents(text: str, original: str, masked: list[tuple[int, int]]) -> list[Quantity]:
    """A proportion told as a fraction, as the percentage it is: "rise by two-fifths" is 40 percent, "just
    over two-fifths of the shares" over 40 percent, "roughly a fifth above" about 20 percent, so that it is
    compared with percentages ("a 60 percent rise", "a 14 percent stake"). A fraction is as rounded as
    the nearest five points. A fraction of one part needs what makes it a share beside it ("a fifth above",
    "by a third", "up about a quarter", "half of"): alone it may be an ordinal. A share of a counted whole
    ("a third of the 300 homes") is share_counts'; a fraction of a unit ("a quarter of an hour") is no
    proportion."""
    out = []
    found = [(m.start(), m, m.group("den") or m.group("den_of"), m.group("num")) for m in FRACTION_RE.finditer(text)]
    found += [(m.start("start"), m, m.group("den"), None) for m in LED_FRACTION_RE.finditer(text)]
    for begin, m, den, num in sorted(found, key=lambda f: f[0]):
        if any(s < m.end() and begin < e for s, e in masked):
            continue
        start = _word_start(original, begin)
        share = 0.5 if den is None else (_parse_number(num) if num else 1.0) / _DENOMINATORS[den.lower()]
        if share >= 1:
            continue  # "five quarters", "four quarters": periods counted, not a share of a whole
        value = round(100 * share, 1)
        low, high = _interval(value, 5.0, m.group("hedge"))
        out.append(Quantity(text=" ".join(original[start:m.end()].split()), value=value, low=low, high=high,
                            noun=None, unit="percent", role="count", total=None, before=_words_before(text, start),
                            start=start, end=m.end()))
        masked.append((begin, m.end()))
    return out


# "the only bidder", "its sole supplier": a count of exactly one of what follows.
_ONLY_RE = re.compile(r"\b(?:the|its|their|his|her|our)\s+(?:only|sole)\s+(?=[A-Za-z])", re.IGNORECASE)


def only_counts(text: str, original: str, masked: list[tuple[int, int]] = ()) -> list[Quantity]:
    """"The only bidder" says there was one bidder: a count of one, compared with "two rival bidders"
    as any count of the same noun is."""
    out = []
    for m in _ONLY_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in masked):
            continue
        noun, _, noun_end = _noun_after(text, m.end(), singular=True)
        if noun is None:
            continue
        out.append(Quantity(text=" ".join(original[m.start():noun_end].split()), value=1, low=1, high=1, noun=noun,
                            unit=None, role="count", total=None, before=_words_before(text, m.start()),
                            start=m.start(), end=noun_end))
    return out


# An ordinal that counts how far something has come: after a possessive, of a unit of time ("in its
# tenth year", "his second week in office"), of a stretch in office or play that follows the last
# ("her second term", "its third season") or of an act or event its holder makes again ("its fourth
# voyage", "her second visit": WordNet's first sense an act or an event, nouns.event_noun), or of
# occurrences ("for the third time"). Elsewhere an ordinal names one of a series ("the second ferry",
# "its third plant") and is no count: left alone.
_ORDINAL = r"\d+(?:st|nd|rd|th)|[a-z]+(?:[\s\-][a-z]+)?"
# ...after a possessive, an ordinal word (every English one ends so), so that a noun is never read into it
_POSSESSED_ORDINAL = r"\d+(?:st|nd|rd|th)|(?:[a-z]+[\s\-])?[a-z]+(?:st|nd|rd|th)"
_POSSESSIVE = r"(?:its|his|her|their|our|my|[A-Z][\w.\-]*['’]s)"
_STRETCHES = ("term", "season")
ORDINAL_COUNT_RE = re.compile(
    rf"\b(?:{_POSSESSIVE}\s+(?P<n>{_POSSESSED_ORDINAL})\s+(?P<unit>[a-z]+)"
    rf"|the\s+(?P<k>{_ORDINAL})\s+time)\b", re.IGNORECASE)


def _counted_unit(word: str) -> bool:
    """Whether a noun after a possessive ordinal counts how far its holder has come (see above)."""
    return word in TIME_UNITS_IN_DAYS or word in _STRETCHES or event_noun(word)
_ORDINAL_DIGITS_RE = re.compile(r"(\d+)(?:st|nd|rd|th)")


def ordinal_value(word: str) -> float | None:
    """10 for "10th" or "tenth" (text2num, threshold 0 so that "first" and "second" count), else None."""
    try:
        digits = alpha2digit(word, "en", threshold=0)
    except Exception:
        return None
    m = _ORDINAL_DIGITS_RE.fullmatch(digits.strip())
    return float(m.group(1)) if m else None


def ordinal_counts(text: str) -> list[Quantity]:
    """Ordinals that count ("in its tenth year", "for the third time"), each as a Quantity whose unit
    says what is counted ("ordinal year", "ordinal time"), so that the number rule compares two of the
    same kind and never an ordinal with a plain number."""
    out = []
    for m in ORDINAL_COUNT_RE.finditer(text):
        n = ordinal_value(m.group("n") or m.group("k"))
        unit = (m.group("unit") or "time").lower()
        if n is None or m.group("unit") and not _counted_unit(unit):
            continue
        unit = f"ordinal {unit}"
        out.append(Quantity(text=" ".join(m.group().split()), value=n, low=n, high=n, noun=None, unit=unit,
                            role="count", total=None, before=_words_before(text, m.start()), start=m.start(),
                            end=m.end()))
    return out


def series_places(quantities: list[Quantity], doc: Any) -> list[Quantity]:
    """`quantities` with each place in a series the parse gives: an ordinal on a noun that an infinitive
    says what the series is of ("the third regional newspaper to close in the district this year": 3rd, of
    newspapers to close). Read as a Quantity of unit "series place", its noun the noun and what it measures
    the infinitive ("to close"), so that the number rule compares only places in one series; who holds the
    place is the rule's question of parties, as for any figure. A superlative's rank is ranks.py's."""
    if doc is None or not doc.has_annotation("DEP"):
        return quantities
    out = list(quantities)
    for tok in doc:
        n = ordinal_value(tok.text) if tok.dep_ == "amod" and tok.head.pos_ == "NOUN" else None
        noun = tok.head
        # the infinitive on the noun, or on the copula the noun completes ("It is the third newspaper to close")
        heads = [noun] + ([noun.head] if noun.dep_ == "attr" else [])
        verb = None if n is None else next((
            c for h in heads for c in h.children if c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ == "VERB"
            and c.i > noun.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        # ...or a whole the noun is a part of ("on the third day of the search", "the eighth round of the cup")
        whole = None if n is None or verb is not None else _whole_of(noun)
        if verb is None and whole is None:
            continue
        last = verb if verb is not None else whole
        start, end = tok.idx, last.idx + len(last.text)
        if any(q.start < end and start < q.end for q in quantities):
            continue
        # its span is the ordinal alone: the noun and the verb are words of the sentence, not of a figure
        # (the rules that set figures aside when they compare the rest of two sentences keep them)
        out.append(Quantity(text=doc.text[start:end], value=n, low=n, high=n, noun=noun.lemma_.lower(),
                            unit="series place", role="count", total=None, before=(), start=start,
                            end=start + len(tok.text),
                            measures=f"to {verb.lemma_.lower()}" if verb is not None else "of",
                            act=None if verb is not None else _placed_act(noun)))
    return out


def _placed_act(noun: Any) -> str | None:
    """The lemma of the verb of the clause a noun hangs in (phases.clause_verb), a phrasal verb whole ("were
    found on the third day": "find"; "broke out on the second floor": "break_out"; "The race was the seventh
    round": "be")."""
    verb = clause_verb(noun)
    return None if verb is None else verb_lemma(verb)


def _whole_of(noun: Any) -> Any:
    """The whole a noun with an ordinal is a part of: the noun or name its "of" takes ("the third day of the
    search": "search"; "the eighth round of the Copa Planalto"); None where there is none."""
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = None if prep is None else next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    return obj


# How many times an act has happened, told as a count of times or a run of units in a row; each is read as
# the count it reaches now, so that "for the third time" meets "four times" and "twice before".
_CARDINAL = r"\d+|[a-z]+(?:-[a-z]+)?"
_ROW_UNITS = r"day|week|month|year|season|term|game|match|race|quarter|election"
_STREAK_RE = re.compile(
    rf"\b(?:(?:the|a|an)\s+(?P<n>{_ORDINAL})\s+(?:straight|consecutive|successive)\s+(?P<unit>{_ROW_UNITS})"
    rf"|(?:the|a|an)\s+(?P<n2>{_ORDINAL})\s+(?P<unit2>{_ROW_UNITS})\s+(?:in\s+a\s+row|running)"
    rf"|(?P<c>{_CARDINAL})\s+(?:straight|consecutive|successive)\s+(?P<unit3>{_ROW_UNITS})s"
    rf"|(?P<c2>{_CARDINAL})\s+(?P<unit4>{_ROW_UNITS})s\s+in\s+a\s+row)\b", re.IGNORECASE)
_TIMES_RE = re.compile(rf"(?<![\w-])(?:(?P<c>{_CARDINAL})\s+times|(?P<w>once|twice|thrice))"
                       r"(?P<before>\s+(?:before|previously))?\b", re.IGNORECASE)
# After "N times": a multiple ("three times as many", "four times higher", "twice the size") or a rate
# ("twice a week", "three times per day"), not a count of occasions.
_NOT_OCCASIONS_RE = re.compile(r"^\s+(?:as|more|less|fewer|the|that|what|over|per|a|an|each|every|daily|weekly"
                               r"|monthly|yearly|annually|\w+er\b)", re.IGNORECASE)
_WORD_COUNTS = {"once": 1.0, "twice": 2.0, "thrice": 3.0}


def occasion_counts(text: str) -> list[Quantity]:
    """Counts of how many times an act has happened: "has won the title four times" (4), "twice before" (this
    is the third: 3), "for the fifth year in a row" / "a second straight year" (a run of years). "Once"
    counts only before "before" or "previously" ("once the deal closes" is no count); a multiple or a rate
    after the figure is left alone."""
    out = []
    for m in _STREAK_RE.finditer(text):
        ordinal = m.group("n") or m.group("n2")
        n = ordinal_value(ordinal) if ordinal else _parse_number((m.group("c") or m.group("c2")).replace("-", " "))
        unit = next(m.group(g) for g in ("unit", "unit2", "unit3", "unit4") if m.group(g))
        if n:
            out.append(_count(text, m, n, f"run of {unit.lower()}s"))
    for m in _TIMES_RE.finditer(text):
        if any(q.start < m.end() and m.start() < q.end for q in out) or _NOT_OCCASIONS_RE.match(text[m.end():]):
            continue
        word = (m.group("w") or "").lower()
        if word == "once" and not m.group("before"):
            continue
        if re.search(r"\bor\s+$", text[:m.start()], re.IGNORECASE):
            continue  # "two or three times": vague
        n = _WORD_COUNTS[word] if word else _parse_number(m.group("c").replace("-", " "))
        if n and n == int(n):
            out.append(_count(text, m, n + (1 if m.group("before") else 0), "ordinal time"))
    return out


def _count(text: str, m: re.Match, n: float, unit: str) -> Quantity:
    return Quantity(text=" ".join(m.group().split()), value=n, low=n, high=n, noun=None, unit=unit, role="count",
                    total=None, before=_words_before(text, m.start()), start=m.start(), end=m.end())


def _as_duration(q: Quantity) -> Quantity:
    """A count of a unit of time as a duration in days (the text as written is kept for the reader),
    so that lengths of time written in different units meet."""
    noun, measures = q.noun or "", q.measures
    old = _AGED_RE.match(noun)
    if old:  # "the 27-year-old line": an age, as "27 years old" is
        noun, measures = old.group(1), "old"
    days = TIME_UNITS_IN_DAYS.get(noun)
    if days is None or q.unit is not None:
        return q
    return replace(q, value=q.value * days, low=q.low * days, high=q.high * days, step=_scaled(q.step, days),
                   unit=DURATION, noun=None, total=q.total * days if q.total is not None else None, measures=measures)


# A count of a unit of time written as one adjective with "old" ("27-year-old", "six-month-old").
_AGED_RE = re.compile(r"^([a-z]+)-old$")


# Words after a length of time that make it an offset from something else, not how long anything lasted.
_OFFSET_RE = re.compile(r"^\s+(?P<word>before|after|ago|later|earlier|into)\b", re.IGNORECASE)
_FOR_RE = re.compile(r"\bfor\s+$", re.IGNORECASE)


# A figure by which one amount exceeds or falls short of another ("holds some 750 more than that").
_DIFFERENCE_RE = re.compile(r"^\s+(?P<word>more|fewer|less)\s+than\b", re.IGNORECASE)


def _scaled(step: float | None, factor: float) -> float | None:
    return None if step is None else step * factor


def _as_difference(q: Quantity, text: str) -> Quantity:
    """A figure followed by "more than", "fewer than" or "less than" ("holds some 750 more than that") is
    by how much one amount differs from another, not an amount: it measures that word and meets only
    differences of the same direction."""
    if q.measures is not None or q.noun is not None:
        return q  # "40 more nurses than planned": the count of nurses added, read as an increment
    m = _DIFFERENCE_RE.match(text[q.end:])
    return q if m is None else replace(q, measures=f"{m.group('word').lower()} than")


def _as_offset(q: Quantity, text: str) -> Quantity:
    """A length of time followed by "before", "after", "ago", "later" or "earlier" ("in the 24 hours
    before the slide", "16 hours after the slide") measures that word, as "two hours away" measures
    "away" (measured_lengths): it is compared only with offsets of the same direction. After "for" it is
    how long something lasts from that point ("keep all jobs for two years after the deal closes"): a
    length of time, as "for 18 months" is."""
    if q.unit != DURATION or q.measures is not None or _FOR_RE.search(text[:q.start]):
        return q
    m = _OFFSET_RE.match(text[q.end:])
    if m is None:
        return q
    word = m.group("word").lower()
    return replace(q, measures="after" if word == "into" else word)  # "40 seconds into the flight": after its start


def _as_measure(q: Quantity) -> Quantity:
    """A number of a unit of measure (units.py: length, mass, area, volume, speed, power, energy) as an
    amount of that dimension in SI base units, the text as written kept for the reader: "eight
    kilometres" meets "some 11 km"."""
    if q.unit is not None or q.noun is None:
        return q
    words = q.text.split()
    if words and "-" in words[-1] and words[-1][:1].isdigit():
        words[-1] = words[-1].split("-", 1)[1]  # "a 30-metre rocket"
    tail = tuple(words[-2:]) if len(words) >= 2 and words[-2].lower() in POWER_WORDS else tuple(words[-1:])
    measure = read_joined_measure(tuple(words[-2:])) or read_measure(tail)
    if measure is None:
        return q
    f = measure.factor
    return replace(q, value=q.value * f, low=q.low * f, high=q.high * f, step=_scaled(q.step, f),
                   unit=measure.dimension, noun=None, total=q.total * f if q.total is not None else None)


_PRONOUN_ONE_BEFORE = frozenset({"no", "any", "the", "every", "each", "this", "that", "which", "someone", "anyone"})


def _is_pronoun_one(text: str, m: re.Match, word: str | None) -> bool:
    """'no one', 'the one who', 'each one': not a count (`word`: the number as written, when in words)."""
    if (word or "").strip().lower() != "one" or m.group("hedge") or m.group("cur"):
        return False
    previous = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 12):m.start()])
    return bool(previous) and previous[-1].lower() in _PRONOUN_ONE_BEFORE


def _is_model_name(text: str, m: re.Match) -> bool:
    """'PAC-3', 'F-35A', 'G7', 'COVID-19': a number glued to letters names a thing, not an amount."""
    start, end = m.start(), m.end()
    before = text[max(0, start - 2):start]
    if re.search(r"[A-Za-z]-$|[A-Za-z]$", before):
        return True
    return bool(re.match(r"[A-Za-z]", text[end:end + 1]))


# "140 more nurses", "300 additional troops", "12,000 new teachers": a number of things added to others,
# not how many there are.
# how many are added or taken away ("140 more nurses", "four fewer seats"), not how many there are
_INCREMENT_RE = re.compile(r"(?P<n>[\w,.-]+)\s+(?:more|additional|extra|further|new|fewer|less)\b", re.IGNORECASE)


def _increment(q: Quantity) -> bool:
    return any(_parse_number(m.group("n")) is not None for m in _INCREMENT_RE.finditer(q.text))


def measured_lengths(quantities: list[Quantity], doc: Any) -> list[Quantity]:
    """Lengths of time marked with the adjective or adverb they measure, from the parse: in "two hours
    away by road" or "three hours late" the time noun modifies "away" or "late" (npadvmod), so the
    figure is a distance or a delay, not how long an event lasted ("closed for nine days")."""
    if doc is None:
        return quantities
    out = []
    for q in quantities:
        head = None
        if q.unit == DURATION:
            head = next((t.head for t in doc if q.start <= t.idx < q.end and t.dep_ == "npadvmod"
                         and t.head.pos_ in ("ADJ", "ADV")), None)
        out.append(q if head is None else replace(q, measures=head.lemma_.lower()))
    return out


def counted_heads(quantities: list[Quantity], doc: Any) -> list[Quantity]:
    """What a number counts as the parse reads it: where the noun found after the number modifies the
    noun that follows it ("a 15 percent pay rise", "300 police officers"), the count is of that head
    noun ("rise", "officer"), not of its modifier; where the word found is a verb ("8,500 watched"), none."""
    if doc is None:
        return quantities
    out = []
    for q in quantities:
        token = next((t for t in doc if t.idx + len(t.text) == q.end), None) if q.noun else None
        if token is not None and token.tag_ in ("VBD", "VBN") and token.idx > q.start:
            # the word after the number is the sentence's verb in the past ("A crowd of 8,500 watched the
            # race", "1,430 took part"): what it counts is unsaid. Not a present "-s" form, which the small
            # model also gives plural nouns ("400,000 stems a day")
            out.append(replace(q, noun=None))
            continue
        head = token.head if token is not None and token.dep_ == "compound" else None
        if head is not None and head.i == token.i + 1 and head.pos_ == "NOUN":
            end = head.idx + len(head.text)
            q = replace(q, noun=_normalise_noun(head.text), text=q.text + doc.text[q.end:end], end=end)
        out.append(q)
    return out


# Verbs that state an amount as "at N" of their object ("puts the death toll at 12", "estimated the damage
# at 40 million"), and nouns that only say "how many" of what follows them ("the number of doctors").
_PUT_AT = frozenset({"put", "estimate", "place", "peg", "set", "fix", "value", "assess", "reckon", "calculate"})
_HOW_MANY = frozenset({"number", "total", "count", "tally", "figure"})


def amounts_put_at(quantities: list[Quantity], doc: Any) -> list[Quantity]:
    """What a number given as "at N" counts, from the parse: the object of a verb of estimating ("ARID puts
    the number of striking doctors at 8,400": doctors; "police put the death toll at 12": the toll). Only
    numbers with no noun or unit of their own."""
    if doc is None:
        return quantities
    out = []
    for q in quantities:
        token = next((t for t in doc if t.idx + len(t.text) == q.end), None) if not (q.noun or q.unit) else None
        verb = token.head.head if token is not None and token.dep_ == "pobj" and token.head.lower_ == "at" else None
        thing = None
        if verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in _PUT_AT:
            thing = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        if thing is not None and thing.lemma_.lower() in _HOW_MANY:
            of = next((c for c in thing.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            thing = next((g for g in of.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None) if of else None
        out.append(q if thing is None else replace(q, noun=_normalise_noun(thing.text)))
    return out


def rates(quantities: list[Quantity], doc: Any) -> list[Quantity]:
    """Amounts given per something, from the parse: "48 zlotys a share", "48 zlotys per share" measure
    "per share" (Quantity.measures), and are compared only with amounts per the same thing, never with a
    total ("a 4.2 billion zloty takeover"). Amounts per a unit of time ("48 billion shillings a year")
    are left as they are: "the annual cost" says the same without "a year"."""
    if doc is None:
        return quantities
    out = []
    for q in quantities:
        token = next((t for t in doc if t.idx + len(t.text) == q.end), None) if q.measures is None else None
        per = None
        for child in token.children if token is not None else ():
            if (child.dep_ == "npadvmod" and child.pos_ == "NOUN"
                    and any(d.dep_ == "det" and d.lower_ in ("a", "an", "each", "every") for d in child.children)):
                per = child
            elif child.dep_ == "prep" and child.lower_ == "per":
                per = next((g for g in child.children if g.dep_ == "pobj"), None)
        if per is None:
            written = _PER_RE.match(doc.text[q.end:])  # "per share" where the parse attached it elsewhere
            unit = None if written is None else _normalise_noun(written.group(1))
        else:
            unit = per.lemma_.lower()
        if unit is None and per is None:
            unit = _each_of(token)
        # per unit of time ("a year", "per day") is left alone: "48 billion a year" is the annual cost; but
        # a length of time per a unit of time is how often, not how long ("four hours a day", "two days a
        # week"), and meets only lengths of time per the same unit
        per_time = unit in TIME_UNITS_IN_DAYS and q.unit == DURATION
        out.append(q if unit is None or (unit in TIME_UNITS_IN_DAYS and not per_time)
                   else replace(q, measures=f"per {unit}"))
    return out


_PER_RE = re.compile(r"^\s+per\s+([a-z]+)", re.IGNORECASE)
_DISTRIBUTIVE = frozenset({"each", "every"})
# A sentence opening on "each" or "every" and a noun ("Each worker admitted to hospital"), not on "each of"
# or "every one of", which count the whole.
_EACH_OPENS_RE = re.compile(r"^\W*(?:each|every)\s+(?!one\b|of\b)([a-z]+)\b(?!\s+of\b)", re.IGNORECASE)


def _each_of(token: Any) -> str | None:
    """What an amount is given for one of, where the clause it is in is said of each of several things
    ("Each papeleta is worth 80,000 euros", "three tickets, each made up of ten décimos"): the subject's
    noun ("papeleta"), or "each" where the subject is the word itself; None otherwise."""
    if token is None:
        return None
    opening = _EACH_OPENS_RE.match(token.doc.text)
    if opening is not None and token.idx > opening.end():
        # "Each worker admitted to hospital will receive 3 million dong": the parse may not make "each
        # worker" the subject, but a sentence that opens with it is said of each one
        return _normalise_noun(opening.group(1))
    verb = token.head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or any(t.i == token.i for t in subject.subtree):
        return None  # "every one of the 45 boreholes": the figure counts the things, not one of them
    if subject.lower_ in _DISTRIBUTIVE:
        return "each"
    if any(c.dep_ == "det" and c.lower_ in _DISTRIBUTIVE for c in subject.children):
        return subject.lemma_.lower()
    return None


def same_thing(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities count the same kind of thing (same unit, else the same head noun or nouns
    of one first sense in WordNet: "stores" / "shops", nouns.py), both as how many there are or both as
    how many are added ("140 more nurses" is no count of the nurses), and measure the same word when one
    measures an adjective or adverb ("two hours away")."""
    if a.measures != b.measures:
        return False
    if _increment(a) != _increment(b):
        return False
    if a.sense and b.sense and a.sense != b.sense:
        return False  # "up 26 percent" is no share of the shares "two-fifths of" them are
    if (a.sense == "change") != (b.sense == "change") and (_told_as_fraction(a) or _told_as_fraction(b)):
        return False  # "rose by a third" is a ratio of change: against a change only, not "a 3% offer"
    if a.unit or b.unit:
        if a.unit != b.unit:
            return False
        return not (a.noun and b.noun and not one_noun(a.noun, b.noun))
    if a.noun and b.noun:
        return one_noun(a.noun, b.noun)
    if a.noun or b.noun:
        return False
    # Neither names what it counts ("the toll rose to 45"): the words before it must meet.
    return bool(set(a.before) & set(b.before))


def _told_as_fraction(q: Quantity) -> bool:
    """A percentage written as a fraction ("about a third", "two-fifths"; fraction_percents)."""
    return q.unit == "percent" and re.search(rf"\b(?:{_DEN_RE})\b", q.text, re.IGNORECASE) is not None


def _one_measured_word(a: Quantity, b: Quantity, a_text: str | None,
                       b_text: str | None) -> tuple[Quantity, Quantity]:
    """Two lengths of time of which the parse reads one as measuring a word ("spent about 12 minutes
    inside": "inside") and the other not, though its sentence has that word too ("spent less than four
    minutes inside"): the parser attached the same words differently, so both measure it."""
    if (a.measures is None) == (b.measures is None):
        return a, b
    measured, other, other_text = (a, b, b_text) if a.measures else (b, a, a_text)
    if measured.measures.startswith("per ") or _OFFSET_RE.match(f" {measured.measures}"):
        return a, b  # a rate or an offset is read from the words as written, not from the parse
    if other_text is None or not re.search(rf"\b{re.escape(measured.measures)}\b", other_text, re.IGNORECASE):
        return a, b
    other = replace(other, measures=measured.measures)
    return (measured, other) if a.measures else (other, measured)


def agree(a: Quantity, b: Quantity) -> bool:
    """Whether the values two quantities allow overlap (rounding and hedges included). Two figures each
    told as approximate ("about 340" / "about 410") agree only where one's value is among the values the
    other allows: widened both ways, their intervals would overlap for figures a fifth apart, which a reader
    sees as two figures."""
    eps = 1e-9 * max(abs(a.value), abs(b.value), 1.0)
    if not (a.low <= b.high + eps and b.low <= a.high + eps):
        return False
    if approximate(a) and approximate(b):
        return a.low - eps <= b.value <= a.high + eps or b.low - eps <= a.value <= b.high + eps
    return True


# Hedges that widen a figure both ways ("about", "some", "an estimated"): a figure told as approximate
_APPROXIMATE = frozenset(h for h, lo, hi in HEDGES if lo < 1.0 < hi)


def approximate(q: Quantity) -> bool:
    """Whether a quantity is told as approximate ("about 1,200 nurses", "some 340,000 customers")."""
    m = _HEDGED_RE.match(q.text)
    return m is not None and " ".join(m.group().lower().split()) in _APPROXIMATE


@dataclass(frozen=True)
class QuantityComparison:
    conflicts: list[tuple[Quantity, Quantity]]  # at most one per thing counted
    same: list[tuple[Quantity, Quantity]]  # equal values
    rounded: list[tuple[Quantity, Quantity]]  # overlapping but not equal


def compare_quantities(a_quantities: list[Quantity], b_quantities: list[Quantity], a_text: str | None = None,
                       b_text: str | None = None) -> QuantityComparison:
    """Pair the quantities of two sentences that count the same thing and sort them into
    conflicts and agreements. A conflict needs both numbers to have no agreeing partner in the
    other sentence, so "12 of 15 flights" vs "15 flights ... 12 landed" does not fire. With the two
    sentences' texts, a count of people is also compared with the other's kinds of people joined in one
    phrase ("58 passengers and four crew members")."""
    conflicts, same, rounded = [], [], []
    agreed_a: set[int] = set()
    agreed_b: set[int] = set()
    candidates = []
    for i, qa in enumerate(a_quantities):
        for j, qb in enumerate(b_quantities):
            if not same_thing(*_one_measured_word(qa, qb, a_text, b_text)):
                continue
            if (qa.relative and not qb.vague) or (qb.relative and not qa.vague):
                continue  # "vast reserves" says nothing about a figure
            if agree(qa, qb):
                if _agreement_counts(qa, qb):
                    agreed_a.add(i)
                    agreed_b.add(j)
                (same if qa.value == qb.value else rounded).append((qa, qb))
            elif qa.role != "total" and qb.role != "total":
                candidates.append((i, j))
    agreed_a |= _sums(a_quantities, b_quantities)
    agreed_b |= _sums(b_quantities, a_quantities)
    # "all 72 people on board" / "58 passengers and four crew": people counted by their kinds
    for these, others, other_text, agreed, flip in ((a_quantities, b_quantities, b_text, agreed_a, False),
                                                    (b_quantities, a_quantities, a_text, agreed_b, True)):
        for i, q, total in _people_sums(these, others, other_text):
            if agree(q, total):
                agreed.add(i)
                if q.value == total.value:
                    same.append((total, q) if flip else (q, total))
            elif i not in agreed:
                conflicts.append((total, q) if flip else (q, total))
    seen_things = set()
    for i, j in candidates:
        if i in agreed_a or j in agreed_b:
            continue
        qa, qb = a_quantities[i], b_quantities[j]
        thing = qa.unit or qa.noun or qa.before
        if thing in seen_things:
            continue
        seen_things.add(thing)
        conflicts.append((qa, qb))
    return QuantityComparison(conflicts, _dedupe(same), _dedupe(rounded))


def _sums(these: list[Quantity], parts: list[Quantity]) -> set[int]:
    """The quantities of `these` that the counts of the other sentence add up to, as a reader adds them:
    "38 flights were cancelled or diverted" / "22 flights were cancelled and 16 were diverted". Parts
    are the other sentence's plain counts of the same thing or of nothing named (the "16" above), at
    least two of them, with one of them naming the thing."""
    out = set()
    for i, q in enumerate(these):
        if q.role != "count" or q.vague or q.relative:
            continue
        mine = [p for p in parts if p.role == "count" and not p.vague and not p.relative and p.unit == q.unit
                and (p.noun is None or p.noun == q.noun)]
        if len(mine) < 2 or not any(p.noun == q.noun for p in mine):
            continue
        total = Quantity(text="", value=sum(p.value for p in mine), low=sum(p.low for p in mine),
                         high=sum(p.high for p in mine), noun=q.noun, unit=q.unit, role="count", total=None,
                         before=(), start=0, end=0)
        if agree(q, total):
            out.add(i)
    return out


# What "people" and "persons" count once normalised: anyone, whatever kind of person.
PEOPLE = "person"


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """Nouns whose first WordNet sense is a person or a social group ("passenger", "nurse", "crew"):
    data/agent_nouns.txt, generated from WordNet 3.1 by scripts/make_agent_nouns.py."""
    text = (resources.files(__package__) / "data" / "agent_nouns.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.splitlines() if w and not w.startswith("#"))


# What may join the parts of one count: "58 passengers and four crew", "12 nurses, 3 doctors and 2 porters".
_JOINED_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|plus\s+|as\s+well\s+as\s+)", re.IGNORECASE)


def _people_sums(these: list[Quantity], others: list[Quantity],
                 other_text: str | None) -> list[tuple[int, Quantity, Quantity]]:
    """(index, count of people in `these`, the sum of `others`' counts of kinds of people) where the other
    sentence counts people by at least two kinds joined in one phrase and names no count of people
    itself: "all 72 people on board" / "58 passengers and four crew members" (62). Counts told apart
    ("12 nurses and 3 doctors were hurt, and 40 patients were moved") are not one sum."""
    if other_text is None or any(p.noun == PEOPLE for p in others):
        return []
    kinds = sorted((p for p in others if p.role == "count" and not p.vague and not p.relative and p.unit is None
                    and p.noun not in (None, PEOPLE) and p.noun in person_nouns()
                    and not _INCREMENT_RE.search(p.text)), key=lambda p: p.start)
    runs: list[list[Quantity]] = []
    for p in kinds:
        if runs and _JOINED_RE.fullmatch(other_text[runs[-1][-1].end:p.start]):
            runs[-1].append(p)
        else:
            runs.append([p])
    runs = [r for r in runs if len({p.noun for p in r}) >= 2]
    if len(runs) != 1:
        return []
    kinds = runs[0]
    total = Quantity(text=" and ".join(p.text for p in kinds), value=sum(p.value for p in kinds),
                     low=sum(p.low for p in kinds), high=sum(p.high for p in kinds), noun=PEOPLE, unit=None,
                     role="count", total=None, before=kinds[0].before, start=min(p.start for p in kinds),
                     end=max(p.end for p in kinds), parts=len(kinds))
    return [(i, q, total) for i, q in enumerate(these)
            if q.noun == PEOPLE and q.role in ("count", "all") and not q.vague and not q.relative and q.unit is None]


def _agreement_counts(a: Quantity, b: Quantity) -> bool:
    # "all 12 flights" agreeing with the 12 in "3 of the 12 flights" is only the total: it must
    # not excuse the disagreement about how many (all vs 3).
    roles = {a.role, b.role}
    return not ("total" in roles and "all" in roles)


def _dedupe(pairs: list[tuple[Quantity, Quantity]]) -> list[tuple[Quantity, Quantity]]:
    out, seen = [], set()
    for qa, qb in pairs:
        key = (qa.text, qb.text)
        if key not in seen:
            seen.add(key)
            out.append((qa, qb))
    return out


# ---------------------------------------------------------------------------------------------
# The number rule


@dataclass(frozen=True)
class NumberSettings:
    """Weight and gates of the number rule."""

    # How much one number mismatch alone says "these disagree", combined with the NLI contradiction
    # probability by noisy-OR in aggregate.judge; set on the end-to-end gold set (eval/gold).
    weight: float = 0.75
    # A single differing figure in two near-identical sentences is the same figure even when they name
    # what it counts differently ("a crowd of 28,400" / "24,800 spectators").
    same_figure_min_similarity: float = 0.7
    # Words either side of a number that say what happened to it ("injuring 14 people" vs "41 people
    # were injured"); two counts of the same noun with nothing in common around them are usually
    # different facts ("pulled six people out" vs "injuring 14 people").
    context_words: int = 2  # nearest content words on each side
    same_sentence_overlap: float = 0.7  # above this the sentences say the same thing anyway
    # Two counts of one noun that differ where nothing around them shows they are one fact (_unproven_count):
    # a mismatch of this weight, which needs an NLI contradiction of about 0.3 (noisy-OR) to reach the usual
    # conflict bar; 0 leaves them out. Chosen on the tuning sets (docs/reading.md).
    unproven_weight: float = 0.3
    unproven_max_ratio: float = 2.0  # ...only figures at most this many times apart (chosen on the tuning sets)
    # Two figures of one thing that only a hedge reconciles, further apart than either was rounded to ("about
    # 2,100 fishers" / "some 2,400 fishers"; "a fine of up to 2.5 billion" / "of up to 1.5 billion"): a
    # mismatch of this weight, as an unproven count is; 0 leaves them agreeing. Chosen on the tuning sets.
    hedged_weight: float = 0.3
    # ...more than this many units of the coarser figure's last written digit apart ("about 340" / "some 360": not)
    hedged_min_steps: float = 2.0


_WHAT = {"USD": "amounts of money", "EUR": "amounts of money", "GBP": "amounts of money",
         "JPY": "amounts of money", "percent": "percentages", DURATION: "lengths of time",
         "length": "lengths", "mass": "weights", "area": "areas", "volume": "volumes", "speed": "speeds",
         "power": "amounts of power", "energy": "amounts of energy",
         TALLY_SIDES[0]: "tallies", TALLY_SIDES[1]: "tallies", "series place": "places in one series"}


def find_number_mismatches(ctx: PairContext, settings: NumberSettings) -> list[Mismatch]:
    """Amounts of the same fact that disagree; failing those, one differing figure each in two
    near-identical sentences. Every difference is kept in `ctx.differences` for the comparability rules."""
    a, b = ctx.a, ctx.b
    result = compare_quantities(list(a.quantities), list(b.quantities), a.text, b.text)
    hedged_apart = _hedged_apart(result, settings.hedged_min_steps) if settings.hedged_weight > 0 else []
    out = []
    for qa, qb in result.conflicts + hedged_apart:
        hedged = (qa, qb) in hedged_apart
        what = _WHAT.get(qa.unit or "", "amounts of the same thing" if qa.vague or qb.vague
                         else "numbers for the same thing")
        shown = [f"{q.text} ({q.value:g} in all)" if q.parts else q.text for q in (qa, qb)]
        mismatch = Mismatch("number", qa.text, qb.text, f"Different {what}: {shown[0]} vs {shown[1]}.")
        if not hedged:
            ctx.differences.append(mismatch)  # (a difference a hedge reconciles is no proof of two events)
        parties, total = different_parties(ctx), total_against_part(ctx)
        if parties or total:
            # two parties' figures, or a total against one part: two events, not one fact
            if not hedged:
                why = total or f"different parties ({parties[0]} vs {parties[1]})"
                ctx.two_events = f"different figures ({qa.text} vs {qb.text}) for {why}: two different events"
            continue
        same = _same_fact(a, b, qa, qb, settings)
        if not same and not (_unproven_count(qa, qb, settings.unproven_weight, settings.unproven_max_ratio)
                             and not earlier_occasion(a, b, ctx.b_published)
                             and not earlier_occasion(b, a, ctx.a_published)):
            continue
        if _one_tally(ctx, qa, qb) or mismatch in out:
            continue  # a running total at two times; or both sides of one vote's tally, told once
        if hedged:
            mismatch = replace(mismatch, weight=settings.hedged_weight, reason=(
                f"{mismatch.reason[:-1]}; only a hedge lets both be true, and they are further apart than "
                f"either was rounded to, so it is weighed lightly ({settings.hedged_weight:.2f})."))
        elif qa.act != qb.act and not (qa.act and qb.act and one_kind(qa.act, qb.act)):
            # places of two acts in one series ("the court heard from the mother on the first day of the
            # trial" / "the father testified on the third day"): both may hold; only an NLI reading that
            # leans to contradiction makes it a conflict
            mismatch = replace(mismatch, weight=settings.unproven_weight, reason=(
                f"{mismatch.reason[:-1]}; the sentences place different acts there ({qa.act or 'none'} vs "
                f"{qb.act or 'none'}), so it is weighed lightly ({settings.unproven_weight:.2f})."))
        elif not same:
            # one thing counted twice, but nothing around the figures says it is one fact ("the queue had
            # grown to about 640 lorries" / "police counted 410 lorries waiting"): weighed lightly, so that
            # only an NLI reading that leans to contradiction makes it a conflict
            mismatch = replace(mismatch, weight=settings.unproven_weight, reason=(
                f"{mismatch.reason[:-1]}; nothing around the figures shows they are one fact, so it is weighed "
                f"lightly ({settings.unproven_weight:.2f})."))
        out.append(mismatch)
    if result.same:
        ctx.notes.append("same numbers: " + ", ".join(dict.fromkeys(qa.text for qa, _ in result.same)))
    if [p for p in result.rounded if p not in hedged_apart]:
        rounded = ", ".join(f"{qa.text} ~ {qb.text}" for qa, qb in result.rounded if (qa, qb) not in hedged_apart)
        ctx.notes.append(f"numbers agree within rounding: {rounded}")
    if (all(m.weight is not None for m in out) and ctx.similarity is not None
            and ctx.similarity >= settings.same_figure_min_similarity
            and not different_parties(ctx) and not total_against_part(ctx)):
        # near-identical sentences show one fact where the words around the figures may not
        out = _same_figure_mismatch(a, b, ctx) or out
    return out


def _hedged_apart(result: QuantityComparison, min_steps: float) -> list[tuple[Quantity, Quantity]]:
    """The pairs `compare_quantities` found agreeing only through a hedge and more than `min_steps` units of
    the coarser figure's last written digit apart (rounding moves each by half of one): both told as
    approximate ("about 2,100 fishers" / "some 2,400 fishers"), one approximate against one told plainly, or
    two bounds the same way ("up to 2.5 billion ariary" / "up to 1.5 billion ariary"). A bound against a
    figure it allows ("more than 2,300" / "about 3,200") is not among them, nor figures an exact partner
    agrees with; at most one pair per thing counted."""
    agreed = {id(q) for pair in result.same for q in pair}
    out, seen = [], set()
    for qa, qb in result.rounded:
        if id(qa) in agreed or id(qb) in agreed or qa.step is None or qb.step is None:
            continue
        if qa.vague or qb.vague or qa.parts or qb.parts or qa.role != "count" or qb.role != "count":
            continue
        ka, kb = _bound(qa), _bound(qb)
        if not ((ka is not None and ka == kb) or {ka, kb} == {"about", None}):
            continue
        thing = qa.unit or qa.noun or qa.before
        if abs(qa.value - qb.value) > min_steps * max(qa.step, qb.step) and thing not in seen:
            seen.add(thing)
            out.append((qa, qb))
    return out


def _bound(q: Quantity) -> str | None:
    """How a figure's hedge reads it: "about" (either side), "above" (a lower bound: "more than"), "below"
    (an upper bound: "up to", "nearly"); None where it is told plainly."""
    m = _HEDGED_RE.match(q.text)
    if m is None:
        return None
    low, high = _HEDGE_FACTORS[" ".join(m.group().lower().split())]
    return "about" if low < 1.0 < high else "above" if low >= 1.0 else "below"


def _around(facts: SentenceFacts, q: Quantity, settings: NumberSettings) -> frozenset[str]:
    noun = {q.noun or ""}
    before = [t for t in facts.tokens if t.end <= q.start and content_stems([t]) - noun]
    after = [t for t in facts.tokens if t.start >= q.end and content_stems([t]) - noun]
    return content_stems(before[-settings.context_words:] + after[:settings.context_words]) - noun


def _unproven_count(qa: Quantity, qb: Quantity, weight: float, max_ratio: float) -> bool:
    """Two counts of one noun, each a plain count ("about 640 lorries" / "410 lorries"), that may be one fact
    though nothing around them shows it: not lengths of time or other measures, which a story gives to many
    things at once ("for 11 years" of one resident, "for 14 years" of another), nor a sum of a sentence's
    counts ("58 passengers and four crew"), which is compared only where the sentences share what it counts;
    nor a part of a group against a count ("Fifteen of the crew" / "19 crew"; "one of the thieves" / "two
    thieves"); nor figures more than `max_ratio` apart, which count different groups of the thing more often
    than one group told wrong ("46,000 doses" lost, "some 300 doses" already given; "150 ambulances" ordered,
    "52 ambulances" delivered)."""
    low, high = sorted((qa.value, qb.value))
    return (weight > 0 and low > 0 and high <= low * max_ratio and qa.noun is not None and qa.noun == qb.noun
            and qa.unit is None and qb.unit is None and qa.measures is None and qb.measures is None
            and qa.role == qb.role == "count" and _part_of(qa) == _part_of(qb)
            and not (qa.vague or qb.vague or qa.parts or qb.parts or _describes(qa) or _describes(qb)))


_HYPHENED_RE = re.compile(r"-([a-z]+)\b", re.IGNORECASE)
_PART_OF_RE = re.compile(r"\bof\s+(?:the|its|their|his|her|our|these|those)\b", re.IGNORECASE)


def _part_of(q: Quantity) -> bool:
    """A count of part of a group the sentence names as known ("six of the migrants", "60 of its trucks")."""
    return _PART_OF_RE.search(q.text) is not None


def _describes(q: Quantity) -> bool:
    """A figure joined to a word that makes the two an adjective of the noun ("a three-tower project", "the
    1,420-unit project"): it tells what the thing is like, not how many of it there are."""
    return any(_parse_number(m.group(1)) is None for m in _HYPHENED_RE.finditer(q.text))


def _same_fact(a: SentenceFacts, b: SentenceFacts, qa: Quantity, qb: Quantity, settings: NumberSettings) -> bool:
    if qa.unit == qb.unit == "series place" and (qa.measures or "").startswith("to "):
        return True  # the words that make the series one (its noun and infinitive) are the figures' own
    if _around(a, qa, settings) & _around(b, qb, settings):
        return True
    if qa.parts or qb.parts:
        # people counted whole and by their kinds: the words around a sum are its parts' nouns, so the
        # sentences need only share what the people are counted in ("on board" / "the aircraft was carrying")
        _, shared = rest_overlap(a, b, a.number_stems | b.number_stems)
        return shared >= 1
    share, _ = rest_overlap(a, b, a.number_stems | b.number_stems)
    return share >= settings.same_sentence_overlap


def _single_readings(quantities: tuple[Quantity, ...]) -> list[Quantity]:
    """One reading per figure: a count of occasions read beside the plain figure ("four times") is left out,
    and so is "one of" a group ("one of the larger exporters"), which counts nothing."""
    return [q for q in quantities if not (q.unit == "ordinal time" and any(
        p is not q and (p.start, p.end) == (q.start, q.end) for p in quantities)) and not _ONE_OF.match(q.text)]


_ONE_OF = re.compile(r"one\s+of\b", re.IGNORECASE)


def _one_tally(ctx: PairContext, qa: Quantity, qb: Quantity) -> bool:
    """Whether two differing figures may be one running total at two times (tallies.py): then both may be
    true, and the pair gets a doubt for the review list instead of a mismatch."""
    tally = grows(ctx.a, qa, ctx.a_published, ctx.b, qb, ctx.b_published)
    if tally is not None:
        ctx.doubts.append(tally)
    return tally is not None


def _same_figure_mismatch(a: SentenceFacts, b: SentenceFacts, ctx: PairContext) -> list[Mismatch]:
    """One figure each in two near-identical sentences, in the same unit, that cannot both be true."""
    qa, qb = _single_readings(a.quantities), _single_readings(b.quantities)
    if len(qa) != 1 or len(qb) != 1 or qa[0].unit != qb[0].unit or agree(qa[0], qb[0]):
        return []
    if qa[0].role == "total" or qb[0].role == "total" or _increment(qa[0]) != _increment(qb[0]):
        return []  # a total against a part; how many are added against how many there are
    if qa[0].measures != qb[0].measures:
        return []  # "48 crowns per share" / "a 4.2 billion crown takeover": a rate against a total
    if _counts_another_thing(qa[0], b, qb[0]) or _counts_another_thing(qb[0], a, qa[0]):
        return []  # "the remaining 240 buses" / "the buses would run on 12 routes": two things counted
    if _one_tally(ctx, qa[0], qb[0]):
        return []
    return [Mismatch("number", qa[0].text, qb[0].text,
                     f"Different figures in otherwise matching statements: {qa[0].text} vs {qb[0].text}.")]


def _counts_another_thing(q: Quantity, other: SentenceFacts, other_q: Quantity) -> bool:
    """Whether the other sentence names what `q` counts without counting it, and counts something else:
    "240 buses" against "the buses would run on 12 routes"."""
    if not q.noun or not other_q.noun or one_noun(q.noun, other_q.noun) or stem(q.noun) == stem(other_q.noun):
        return False
    # the noun itself, singular or plural ("buses"), not a word of its stem ("offer" / "offered a rise")
    forms = {q.noun, q.noun + "s", q.noun + "es"}
    return any(t.lower in forms for t in other.tokens)


RULE = Rule(name="numbers", kind="number", settings=NumberSettings, find=find_number_mismatches)
