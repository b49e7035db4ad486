"""Synthetic NLI pairs of the kinds news conflicts are made of.

From a premise sentence, make a hypothesis with one fact changed (a number, a date, a name, the
polarity): label contradiction; or the same fact restated (number written another way, rounded with a
hedge, a date abbreviated, a trailing clause dropped): label entailment. Each pair carries `kind` so
every kind can be measured on its own. Deterministic for a given random.Random.

Training uses premises from train/ only; held-out evaluation pairs are made from dev/ premises.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from typing import Iterable

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONTH_ABBR = {"January": "Jan.", "February": "Feb.", "August": "Aug.", "September": "Sept.",
              "October": "Oct.", "November": "Nov.", "December": "Dec."}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "fifteen", "twenty", "thirty", "forty", "fifty", "hundred"]
SMALL_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
               10: "ten", 11: "eleven", 12: "twelve", 15: "fifteen", 20: "twenty"}
# Numbers after these words are bounds, not values: changing them need not contradict.
HEDGES = re.compile(r"(more than|less than|fewer than|at least|at most|up to|over|under|about|around|"
                    r"nearly|almost|roughly|some|approximately)\s*$", re.I)
NUM = re.compile(r"(?<![\w.,$])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w]|[.,]\d)")
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
AUX = re.compile(r"\b(is|are|was|were|will|would|can|could|should|has|have|had|does|do|did|must)\b(?!\s+not\b|n't)")
NEG = re.compile(r"\b(is|are|was|were|will|would|could|should|has|have|had|does|do|did|must)\s+not\b|\bcannot\b|"
                 r"\b(isn't|aren't|wasn't|weren't|won't|wouldn't|couldn't|shouldn't|hasn't|haven't|hadn't|"
                 r"doesn't|don't|didn't)\b", re.I)
NAME = re.compile(r"(?<=[a-z,;:] )([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,}){0,2})\b")
NOT_NAMES = set(MONTHS) | set(WEEKDAYS) | {"The", "This", "That", "These", "Those", "There", "They", "He", "She",
                                           "It", "We", "You", "His", "Her", "Its", "Our", "Their", "And", "But",
                                           "Mr", "Mrs", "Ms", "Dr", "English", "American"}
UNCONTRACT = {"isn't": "is", "aren't": "are", "wasn't": "was", "weren't": "were", "won't": "will",
              "wouldn't": "would", "couldn't": "could", "shouldn't": "should", "hasn't": "has", "haven't": "have",
              "hadn't": "had", "doesn't": "does", "don't": "do", "didn't": "did"}


def _fmt_like(value: float, like: str) -> str:
    if "." in like and "," not in like:
        return f"{value:.{len(like.split('.')[1])}f}"
    v = int(round(value))
    return f"{v:,}" if "," in like else str(v)


def _num_value(s: str) -> float:
    return float(s.replace(",", ""))


def _numbers(text: str) -> list[re.Match]:
    return [m for m in NUM.finditer(text) if not HEDGES.search(text[:m.start()])]


def change_number(text: str, rng: random.Random) -> str | None:
    cands = [m for m in _numbers(text) if not YEAR.match(m.group(1))]
    if not cands:
        words = [m for m in re.finditer(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", text)
                 if not HEDGES.search(text[:m.start()])]
        if not words:
            return None
        m = rng.choice(words)
        new = rng.choice([w for w in NUMBER_WORDS if w != m.group(1)])
        return text[:m.start()] + new + text[m.end():]
    m = rng.choice(cands)
    v = _num_value(m.group(1))
    factor = rng.choice([0.1, 0.25, 0.5, 2, 3, 4, 10]) if v >= 4 else None
    new_v = v * factor if factor else v + rng.choice([2, 3, 5, 7])
    new = _fmt_like(new_v, m.group(1))
    if new == m.group(1) or _num_value(new) == v:
        return None
    return text[:m.start()] + new + text[m.end():]


def change_date(text: str, rng: random.Random) -> str | None:
    spans = []
    for names in (MONTHS, WEEKDAYS):
        for m in re.finditer(r"\b(" + "|".join(names) + r")\b", text):
            spans.append((m, names))
    years = [m for m in _numbers(text) if YEAR.match(m.group(1))]
    if not spans and not years:
        return None
    if spans and (not years or rng.random() < 0.6):
        m, names = rng.choice(spans)
        new = rng.choice([n for n in names if n != m.group(1)])
    else:
        m = rng.choice(years)
        new = str(int(m.group(1)) + rng.choice([-5, -3, -2, -1, 1, 2, 3, 5]))
    return text[:m.start()] + new + text[m.end():]


def name_pool(texts: Iterable[str], min_count: int = 2) -> dict[int, list[str]]:
    """Capitalised names seen mid-sentence, by number of words, for swapping in."""
    c = Counter(m.group(1) for t in texts for m in NAME.finditer(t) if m.group(1).split()[0] not in NOT_NAMES)
    pool: dict[int, list[str]] = {}
    for name, n in c.items():
        if n >= min_count:
            pool.setdefault(len(name.split()), []).append(name)
    for k in pool:
        pool[k].sort()
    return pool


def change_name(text: str, rng: random.Random, pool: dict[int, list[str]]) -> str | None:
    cands = [m for m in NAME.finditer(text) if m.group(1).split()[0] not in NOT_NAMES]
    if not cands:
        return None
    m = rng.choice(cands)
    options = pool.get(len(m.group(1).split())) or []
    if len(options) < 2:
        return None
    new = rng.choice(options)
    if new == m.group(1) or new in text:
        return None
    return text[:m.start()] + new + text[m.end():]


def flip_polarity(text: str, rng: random.Random) -> str | None:
    neg = NEG.search(text)
    if neg:
        s = neg.group(0)
        low = s.lower()
        if low == "cannot":
            new = "can"
        elif low in UNCONTRACT:
            new = UNCONTRACT[low]
        else:
            new = s[: -len(" not")]
        if s[0].isupper():
            new = new[0].upper() + new[1:]
        return text[:neg.start()] + new + text[neg.end():]
    aux = list(AUX.finditer(text))
    if not aux:
        return None
    m = aux[0]
    new = "cannot" if m.group(1) == "can" else m.group(1) + " not"
    return text[:m.start()] + new + text[m.end():]


def restate(text: str, rng: random.Random) -> tuple[str, str] | None:
    """The same fact said differently. Returns (hypothesis, how)."""
    options = []
    nums = [m for m in _numbers(text) if not YEAR.match(m.group(1))]
    for m in nums:
        v = _num_value(m.group(1))
        if v in SMALL_WORDS and "." not in m.group(1):
            options.append((text[:m.start()] + SMALL_WORDS[v] + text[m.end():], "number-words"))
        if v >= 1000 and v == int(v):
            if "," in m.group(1):
                options.append((text[:m.start()] + str(int(v)) + text[m.end():], "number-format"))
            if v >= 1_000_000 and v % 100_000 == 0:
                options.append((text[:m.start()] + f"{v / 1e6:g} million" + text[m.end():], "number-format"))
        if v >= 30 and v == int(v) and v % 10 != 0:
            rounded = round(v, -1 if v < 1000 else -2)
            hedge = rng.choice(["about", "around", "roughly", "nearly" if rounded > v else "more than"])
            options.append((text[:m.start()] + hedge + " " + _fmt_like(rounded, m.group(1)) + text[m.end():], "rounded"))
    for full, abbr in MONTH_ABBR.items():
        if re.search(rf"\b{full} \d", text):
            options.append((re.sub(rf"\b{full} (?=\d)", abbr + " ", text, count=1), "date-format"))
    m = re.search(r", (which|who|while|and|but|after|as|according to|officials said|he said|she said)\b", text)
    if m and len(text[:m.start()].split()) >= 6:
        options.append((text[:m.start()] + ".", "clause-dropped"))
    if not options:
        return None
    return rng.choice(options)


def dev_premises(rows: Iterable[dict]) -> list[str]:
    """Distinct premises of the natural-text sources (SNLI, LingNLI, SICK, Bowman et al.): what held-out
    synthetic pairs are made from. Fragments are templated; CAD and ConjNLI are edits of other pairs."""
    return list(dict.fromkeys(r["premise"] for r in rows
                              if r["source"] in ("snli", "lingnli", "sick") or r["source"].startswith("bowman")))


def make_synthetic(premises: list[str], rng: random.Random, per_kind: int,
                   pool: dict[int, list[str]] | None = None) -> list[dict]:
    """Up to `per_kind` pairs of each kind (number, date, entity, negation: contradiction; restated:
    entailment, twice as many) from the given premises."""
    pool = pool if pool is not None else name_pool(premises)
    makers = {
        "number": lambda t: change_number(t, rng),
        "date": lambda t: change_date(t, rng),
        "entity": lambda t: change_name(t, rng, pool),
        "negation": lambda t: flip_polarity(t, rng),
    }
    # Collect every premise's candidate for every kind, then sample: rare kinds (numbers, dates)
    # would otherwise be starved by common ones (negation, names).
    cands: dict[str, list[dict]] = {k: [] for k in [*makers, "restated"]}
    for p in premises:
        if len(p) < 25 or len(p) > 400:
            continue
        for kind, make in makers.items():
            h = make(p)
            if h and h != p:
                cands[kind].append({"premise": p, "hypothesis": h, "label": "contradiction",
                                    "source": "synthetic", "kind": kind})
        r = restate(p, rng)
        if r:
            cands["restated"].append({"premise": p, "hypothesis": r[0], "label": "entailment",
                                      "source": "synthetic", "kind": "restated-" + r[1]})
    out: list[dict] = []
    for kind, items in cands.items():
        n = 2 * per_kind if kind == "restated" else per_kind
        out.extend(rng.sample(items, min(n, len(items))))
    rng.shuffle(out)
    return out
