"""Polarity in a news sentence: what it negates ("will not mention") and which opposed verbs it
uses ("denied" / "confirmed"), so that two otherwise similar sentences that flip polarity can be
caught. The polarity rule (`RULE`, at the end) reports a flip when the rest of the two sentences
overlaps; a "not yet" in an earlier article against the plain statement in a later one is progress.

Not for: scope of negation beyond the next content word, sarcasm, or double negatives spread over
clauses ("denied that it had not...").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


from ..types import SIDE_A, SIDE_B, Mismatch, Reason
from .roles import same_outcome
from .rule import PairContext, Rule, rest_overlap
from .text import NOISE_WORDS, STOPWORDS, Token, normalize_word, stem


# Negation cues; "n't" endings ("didn't", "won't") are caught by suffix.
NEGATION_CUES = frozenset({"not", "never", "no", "cannot", "neither", "nor"})
# Cue + next word that is not a negation of anything.
NOT_NEGATIONS = frozenset({
    ("not", "only"), ("not", "just"), ("not", "least"), ("no", "doubt"), ("no", "matter"),
    ("no", "one"), ("never", "mind"), ("not", "necessarily"),
})
# Words between a cue and what it negates: "will not explicitly mention", "has not yet been sent".
_SKIP_AFTER_CUE = frozenset("""
be been being have has had yet explicitly immediately also even fully officially publicly directly
formally always ever currently initially previously specifically the a an to any longer more
""".split())
# Negated verbs that usually mean "gave no information", not "the opposite happened".
_UNINFORMATIVE_TARGETS = frozenset({"say", "said", "says", "comment", "elaborate", "specify", "respond", "know"})
# Auxiliaries shown with the verb in a reason ("will mention").
_AUXILIARIES = frozenset({"will", "would", "has", "have", "had", "did", "does", "do", "is", "are", "was",
                          "were", "can", "could", "may", "might", "should", "must"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Winning vs losing; the polarity rule also needs it to tell "B lost to A" / "A beat B" (the same result).
WIN_LOSE = (_words("won wins win beat beats defeated"), _words("lost loses lose"))
# Opposed words: any form on one side against any form on the other, one pair per entry.
ANTONYMS: list[tuple[frozenset[str], frozenset[str]]] = [
    # a denial vs a confirmation
    (_words("deny denies denied denying"),
     _words("confirm confirms confirmed confirming acknowledged acknowledges admitted admits")),
    # a refusal vs an agreement
    (_words("refuse refuses refused refusing declined declines"),
     _words("agree agrees agreed agreeing accepted accepts")),
    # a rejection vs an approval
    (_words("reject rejects rejected rejecting vetoed vetoes"),
     _words("approve approves approved approving accepted accepts endorsed")),
    # a ban vs a permission
    (_words("block blocks blocked ban bans banned prohibit prohibits prohibited forbids forbade"),
     _words("allow allows allowed permit permits permitted authorized authorised authorizes authorises")),
    # failure vs success
    (_words("fail fails failed"), _words("succeed succeeds succeeded managed")),
    # restrictions lifted vs imposed
    (_words("lift lifts lifted eased eases scrapped"), _words("impose imposes imposed tightened tightens")),
    # up vs down
    (_words("rose rise rises risen increased increases grew climbed climbs"),
     _words("fell fall falls fallen dropped drops decreased decreases shrank")),
    # stopped vs going on
    (_words("suspend suspends suspended halt halts halted paused stopped"),
     _words("resume resumes resumed continue continues continued")),
    # a win vs a loss
    WIN_LOSE,
    # raised vs lowered (forecasts, prices, rates)
    (_words("raise raises raised raising hiked increase increased increases upgraded"),
     _words("lower lowers lowered lowering cut cuts reduced reduces downgraded")),
    # support vs opposition
    (_words("support supports supported backed backs favoured favored endorsed"),
     _words("oppose opposes opposed opposing")),
    # a bill passed vs rejected
    (_words("passed adopted"), _words("rejected defeated")),
    # open vs closed
    (_words("open opened opens reopened"), _words("closed close closes shut")),
    # signed into law vs vetoed
    (_words("signed"), _words("vetoed")),
    # guilty vs cleared
    (_words("convicted guilty"), _words("acquitted cleared innocent")),
    # alive vs dead
    (_words("survived alive"), _words("died dead killed")),
]


@dataclass(frozen=True)
class Negation:
    """A negated word: "will not explicitly mention" -> target stem "mention"."""

    phrase: str  # from the auxiliary before the cue to the target, as written
    target: str  # stem of the negated word
    start: int
    end: int
    verbal: bool = False  # the cue is a verb ("refused to", "ruled out"), not "not"/"no"/"never"


@dataclass(frozen=True)
class Polar:
    """Which side of each antonym pair (index into ANTONYMS) a sentence uses, with the word."""

    pair: int
    side: int
    word: str
    start: int


# Verbs that negate the verb after them: "refused to extend", "ruled out sending". (They also
# appear in ANTONYMS; as cues they stop "did not extend" vs "refused to extend" from firing.)
VERBAL_CUES: dict[str, str] = {
    "refused": "to", "refuses": "to", "refuse": "to", "declined": "to", "declines": "to",
    "failed": "to", "fails": "to", "ruled": "out", "rules": "out", "rule": "out", "ruling": "out",
}


def _verbal_cue(words: list[Token], i: int) -> bool:
    low = words[i].lower
    return low in VERBAL_CUES and i + 1 < len(words) and words[i + 1].lower == VERBAL_CUES[low]


def _is_cue(words: list[Token], i: int) -> bool:
    low = words[i].lower.replace("’", "'")
    if _verbal_cue(words, i):
        return True
    if low == "yet":
        # "has yet to rule" negates like "has not ruled"
        return 0 < i < len(words) - 1 and words[i - 1].lower in _AUXILIARIES and words[i + 1].lower == "to"
    return low in NEGATION_CUES or low.endswith("n't")


def find_negations(text: str, tokens: list[Token]) -> list[Negation]:
    """Negated words in a sentence."""
    out = []
    words = [t for t in tokens if t.text[:1].isalpha() or t.text in ("n't", "n’t")]
    for i, tok in enumerate(words):
        if not _is_cue(words, i):
            continue
        low = tok.lower
        nxt = words[i + 1].lower if i + 1 < len(words) else ""
        if (low, nxt) in NOT_NEGATIONS or (i > 0 and words[i - 1].lower == "or" and low == "not"):
            continue  # "not only", "no doubt", "whether or not"
        k = i + 1
        verbal = _verbal_cue(words, i)
        if (low == "no" and nxt == "longer") or verbal:
            k += 1
        while k < len(words) and normalize_word(words[k].text) in _SKIP_AFTER_CUE:
            k += 1
        if k >= len(words):
            continue
        target_word = normalize_word(words[k].text)
        if target_word in STOPWORDS or target_word in _UNINFORMATIVE_TARGETS:
            continue
        first = tok
        if i > 0 and words[i - 1].lower in _AUXILIARIES:
            first = words[i - 1]
        out.append(Negation(text[first.start:words[k].end], stem(target_word), first.start, words[k].end, verbal))
    return out


def find_polar_words(tokens: list[Token]) -> list[Polar]:
    """Antonym-list words in a sentence."""
    out = []
    for tok in tokens:
        low = tok.lower
        for pair_index, sides in enumerate(ANTONYMS):
            for side_index, forms in enumerate(sides):
                if low in forms:
                    out.append(Polar(pair_index, side_index, tok.text, tok.start))
    return out


def phrase_around(text: str, tokens: list[Token], target: str) -> str | None:
    """The word with stem `target` in a sentence, with the auxiliary before it ("will mention")."""
    words = [t for t in tokens if t.text[:1].isalpha()]
    for i, tok in enumerate(words):
        if stem(tok.text) == target:
            start = tok.start
            if i > 0 and words[i - 1].lower in _AUXILIARIES:
                start = words[i - 1].start
            return text[start:tok.end]
    return None


def negation_words() -> frozenset[str]:
    """Words to leave out when measuring how much two sentences overlap apart from polarity."""
    forms = set(NEGATION_CUES) | {"longer"}
    for a, b in ANTONYMS:
        forms |= {stem(w) for w in a | b}
    return frozenset(forms | NOISE_WORDS)


# ---------------------------------------------------------------------------------------------
# The polarity rule


@dataclass(frozen=True)
class PolaritySettings:
    """Weight and gate of the polarity rule."""

    weight: float = 0.6  # noisy-OR weight of a polarity flip (aggregate.judge), set on eval/gold
    min_overlap: float = 0.6  # a polarity flip needs nearly the same sentence around it


_NEGATION_WORDS = negation_words()
_CONTEST_WORDS = WIN_LOSE[0] | WIN_LOSE[1]


def find_polarity_mismatches(ctx: PairContext, settings: PolaritySettings) -> list[Mismatch]:
    """Opposite words or a negation of what the other sentence asserts. "B lost to A" and "A beat B"
    use opposite words for the same result; "not yet" earlier and done later is progress."""
    found = _polarity_flips(ctx, settings)
    if same_outcome(ctx.a, ctx.b):
        found = [m for m in found if not {m.a_value.lower(), m.b_value.lower()} <= _CONTEST_WORDS]
    progress = _not_yet_then_done(found, ctx.a_published, ctx.b_published)
    if progress:
        ctx.progress = progress
        return []
    return found


def _polarity_flips(ctx: PairContext, settings: PolaritySettings) -> list[Mismatch]:
    a, b = ctx.a, ctx.b
    share, shared = rest_overlap(a, b, _NEGATION_WORDS)
    if share < settings.min_overlap or shared < ctx.shared.min_shared_words:
        return []
    # Opposed words ("denied" vs "confirmed"), unless a "not" undoes the flip ("did not deny").
    if not any(not n.verbal for n in a.negations + b.negations):
        sides_a = {(p.pair, p.side): p for p in a.polar}
        sides_b = {(p.pair, p.side): p for p in b.polar}
        for (pair, side), pa in sides_a.items():
            pb = sides_b.get((pair, 1 - side))
            if pb is not None and (pair, 1 - side) not in sides_a and (pair, side) not in sides_b:
                return [Mismatch("negation", pa.word, pb.word,
                                 f"Opposite words in otherwise similar sentences: {pa.word!r} vs {pb.word!r}.")]
    # A negated word that the other sentence uses without negating it.
    for first, second, flip in ((a, b, False), (b, a, True)):
        negated_in_second = {n.target for n in second.negations}
        for negation in first.negations:
            if negation.target in second.stems and negation.target not in negated_in_second:
                plain = phrase_around(second.text, list(second.tokens), negation.target) or negation.target
                a_value, b_value = (plain, negation.phrase) if flip else (negation.phrase, plain)
                return [Mismatch("negation", a_value, b_value,
                                 f"One sentence negates what the other asserts: {a_value!r} vs {b_value!r}.")]
    return []


def _not_yet_then_done(negations: list[Mismatch], a_published: dt.date | None,
                       b_published: dt.date | None) -> Reason | None:
    """A "not yet" in an earlier article against the plain statement in a later one ("cannot yet
    book online" in March, "launched its online booking" in May) is progress, not a flip; the other
    order stays a negation conflict. Returns the not-comparable reason, or None."""
    if not negations or not (a_published and b_published) or a_published == b_published:
        return None
    m = negations[0]
    early_value, early_side, late_side, early, late = (
        (m.a_value, SIDE_A, SIDE_B, a_published, b_published) if a_published < b_published
        else (m.b_value, SIDE_B, SIDE_A, b_published, a_published))
    if not re.search(r"\byet\b", early_value, re.IGNORECASE):
        return None
    return Reason.of(early_side, f" says it had not happened yet ({early_value!r}, published {early}), ",
                     late_side, f" reports it by a later date (published {late}): progress, not a conflict")


RULE = Rule(name="polarity", kind="negation", settings=PolaritySettings, find=find_polarity_mismatches)
