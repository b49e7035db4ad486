"""Polarity in a news sentence: what it negates ("will not mention") and which opposed verbs it
uses ("denied" / "confirmed"), so that two otherwise similar sentences that flip polarity can be
caught. The polarity rule (`RULE`, at the end) reports a flip when the rest of the two sentences
overlaps; a "not yet" in an earlier article against the plain statement in a later one is progress.

Opposed words come from two sources: `ANTONYMS`, a short list of news's own opposites that WordNet does
not give ("denied" / "confirmed", "convicted" / "acquitted"), and WordNet 3.1's antonyms of verbs and of
adjectives said of a subject ("rose" / "fell", "conditions were calm" / "stormy"; data/antonyms.tsv,
`find_opposed_lemmas`). WordNet's pairs count only said of one subject: its antonyms include converses
("bought" / "sold", "lent" / "borrowed"), which tell one act from its two sides.

Not for: scope of negation beyond the next content word, sarcasm, or double negatives spread over
clauses ("denied that it had not...").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any


from ..text import NOISE_WORDS, STOPWORDS, Token, normalize_word, stem
from ..types import SIDE_A, SIDE_B, Mismatch, Reason
from .facts import Negation, Polar, SentenceFacts
from .roles import same_outcome
from .rule import PairContext, Rule, rest_overlap


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
# Adverbs between "without" and the verb it negates ("without first carrying out", "without ever meeting").
_BEFORE_GERUND = frozenset("first ever even properly formally prior".split())
# Negated verbs that usually mean "gave no information", not "the opposite happened".
_UNINFORMATIVE_TARGETS = frozenset({"say", "said", "says", "comment", "elaborate", "specify", "respond", "know"})
_UNINFORMATIVE_TARGETS_STEMS = frozenset(stem(w) for w in _UNINFORMATIVE_TARGETS)
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


# Verbs that negate the verb after them: "refused to extend", "ruled out sending". (They also
# appear in ANTONYMS; as cues they stop "did not extend" vs "refused to extend" from firing.)
VERBAL_CUES: dict[str, str] = {
    "refused": "to", "refuses": "to", "refuse": "to", "declined": "to", "declines": "to",
    "failed": "to", "fails": "to", "ruled": "out", "rules": "out", "rule": "out", "ruling": "out",
}


def _forms(*verbs: str) -> str:
    """A regex alternative of every form of each verb, given as "base past third-person -ing"."""
    return "|".join(form for v in verbs for form in v.split())


# Decisions and refusals that negate an action named after them ("opted not to" is a plain "not").
# Either the action is a verb ("decided against building", "abandoned plans to build", "backed out of
# buying"), which the other sentence must assert for a flip, or it is the object ("scrapped the
# deal", "called off the strike", "pulled out of the agreement"), which the other sentence must name
# without a refusal verb of its own ("rejected the appeal" and "dismissed the appeal" agree).
_PLANS = r"(?:(?:its|their|his|her|the|a|an)\s+)?(?:\w+\s+)?(?:plans?|proposals?|bids?|efforts?|attempts?|idea|intention|decision)"
_DROP_PLANS = _forms("abandon abandoned abandons abandoning", "drop dropped drops dropping",
                     "scrap scrapped scraps scrapping", "shelve shelved shelves shelving",
                     "cancel cancelled canceled cancels cancelling canceling", "ditch ditched ditches ditching",
                     "axe axed axes axing", "reverse reversed reverses", "freeze froze frozen freezes",
                     "shelve shelved shelves", "reject rejected rejects rejecting")
# Verbs that refuse their object outright; "drop" and "stop" are left out ("prices dropped sharply").
_DROP = _forms("abandon abandoned abandons abandoning", "scrap scrapped scraps scrapping",
               "shelve shelved shelves shelving", "cancel cancelled canceled cancels cancelling canceling",
               "ditch ditched ditches ditching", "axe axed axes axing", "halt halted halts halting",
               "suspend suspended suspends suspending", "reject rejected rejects rejecting",
               "veto vetoed vetoes vetoing", "block blocked blocks blocking")
_BACK = _forms("back backed backs backing", "pull pulled pulls pulling", "walk walked walks walking",
               "step stepped steps stepping", "opt opted opts opting", "bow bowed bows")
REFUSAL_PATTERNS: list[tuple[str, str]] = [
    # the action as a verb after the cue
    ("decided against", r"\b(?:" + _forms("decide decided decides deciding", "vote voted votes voting",
                                          "rule ruled rules ruling", "advise advised advises", "opt opted opts")
     + r")\s+against\b"),
    ("abandoned plans to", rf"\b(?:{_DROP_PLANS})\s+{_PLANS}\s+(?:to|of|for)\b"),
    ("backed out of", rf"\b(?:{_BACK})\s+(?:out\s+of|away\s+from|back\s+from)\b"),
    ("gave up", r"\b(?:gave|give|gives|giving|given)\s+up(?:\s+on)?\b"),
    ("refrained from", r"\b(?:refrain|refrained|refrains|refraining|stopped\s+short\s+of)\s+(?:from\s+)?"),
    # the action as an object of the cue
    ("called off", r"\b(?:call|called|calls|calling)\s+off\b"),
    ("pulled out of", r"\b(?:pull|pulled|pulls|pulling|withdrew|withdraws|withdrawn|exited|quit|quits)\s+(?:out\s+)?"
     r"(?:of|from)\b"),
    ("scrapped", rf"\b(?:{_DROP})\b"),
    ("turned down", r"\b(?:turn|turned|turns|turning)\s+down\b"),
]
_REFUSAL_RES = [(name, re.compile(p, re.IGNORECASE)) for name, p in REFUSAL_PATTERNS]
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been|being|be|been)\s+"
                                r"(?:\w+ly\s+)?$", re.IGNORECASE)
# Words between a refusal and the action it refuses: "scrapped the planned purchase", "called off its".
_SKIP_AFTER_REFUSAL = frozenset("""
the a an its their his her our any all plans plan planned proposed further new to of for
""".split())
# Objects of a refusal that are things said, not actions: "rejected the claims" says nothing against
# another sentence that reports the claims.
_SPEECH_OBJECTS = frozenset(stem(w) for w in """
claim claims allegation allegations accusation accusations report reports suggestion suggestions notion
criticism charge charges speculation rumour rumours rumor rumors comment comments request requests
call calls demand demands offer offers invitation
""".split()) | _UNINFORMATIVE_TARGETS_STEMS
# Words that refuse or undo something, for "the other sentence has a refusal of its own".
REFUSAL_WORDS = frozenset(stem(w) for w in (_DROP + "|" + _DROP_PLANS + "|" + _forms(
    "refuse refused refuses declined declines dismiss dismissed dismisses deny denied denies",
    "oppose opposed opposes", "against")).split("|"))


def find_refusals(text: str, tokens: list[Token]) -> list[Negation]:
    """Actions a sentence says were refused, dropped or decided against: "decided against building
    a plant" -> target "build"; "scrapped the deal" -> target "deal". Names and other capitalised
    words are skipped on the way to the target, so "rejected Orlo's appeal" refuses the appeal."""
    out: list[Negation] = []
    taken: list[tuple[int, int]] = []
    for _, regex in _REFUSAL_RES:
        for m in regex.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            target = None
            passive = _PASSIVE_BEFORE_RE.search(text[:m.start()])
            if passive:
                # "the strike was called off", "plans to expand were shelved": the subject is refused
                before = [t for t in tokens if t.end <= passive.start() and t.text[:1].isalpha()
                          and normalize_word(t.text) not in STOPWORDS
                          and (not t.text[:1].isupper() or t.start == tokens[0].start)]
                target = before[-1] if before else None
                if target is not None:
                    taken.append((m.start(), m.end()))
                    out.append(Negation(text[target.start:m.end()], stem(target.text), target.start, m.end(), True,
                                        refusal=True))
                continue
            following = [t for t in tokens if t.start >= m.end() and t.text[:1].isalpha()]
            for tok in following[:6]:
                word = normalize_word(tok.text)
                if word in _SKIP_AFTER_REFUSAL or tok.text[:1].isupper():
                    continue
                if word in STOPWORDS or word in NOISE_WORDS or stem(word) in _SPEECH_OBJECTS:
                    break  # "halted at the border", "rejected the claims": no action refused
                target = tok
                break
            if target is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(Negation(text[m.start():target.end], stem(target.text), m.start(), target.end, True,
                                refusal=True))
    return out


# Words that modify a noun inside its phrase: "a pay offer", "arms deliveries", "the union's demands".
_NOUN_MODIFIERS = frozenset({"compound", "poss", "nmod", "amod"})


def refusal_heads(negations: list[Negation], doc: Any) -> list[Negation]:
    """Refusals re-aimed at what the parse says was refused: the head noun of the refused phrase, not its
    first word ("rejected a pay offer" refuses the offer, not pay; "halted arms deliveries", the
    deliveries). A refusal of a thing said or proposed (an offer, a demand, claims) is dropped, as
    `find_refusals` drops it when it reads that noun first: rejecting an offer says nothing against a
    sentence that reports the offer."""
    if doc is None:
        return negations
    out = []
    for n in negations:
        tok = _refused_token(n, doc) if n.refusal else None
        if tok is None:
            out.append(n)
            continue
        while tok.dep_ in _NOUN_MODIFIERS and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
            tok = tok.head
        target = stem(normalize_word(tok.text))
        if target in _SPEECH_OBJECTS:
            continue
        end = max(n.end, tok.idx + len(tok.text))
        out.append(replace(n, target=target, end=end, phrase=doc.text[n.start:end]))
    return out


# Things one party puts to another, which the other answers: refusing one tells the answer, a later
# step, not that it was never made ("the trust offered 4%" / "the union rejected a 4% pay offer").
_PROPOSALS = frozenset(stem(w) for w in "offer offers proposal proposals propose bid bids request requests".split())
# Verbs that put a proposal forward ("made an offer", "tabled its offer", "put its offer to the union").
_PUTTING = frozenset("make table put present submit extend send lodge file issue tender".split())


def _refusing(tok: Any) -> bool:
    return stem(tok.lower_) in REFUSAL_WORDS or (
        tok.lemma_.lower() == "turn" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children))


def refused_proposals(doc: Any) -> frozenset[str]:
    """Stems of the proposals a parsed sentence refuses: the object of a verb of refusal ("the union
    rejected a 4% pay offer", "turned down the request") or the subject of one in the passive ("the
    offer was rejected"); empty without a parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return frozenset()
    return frozenset(stem(obj.lower_) for tok in doc if tok.pos_ == "VERB" and _refusing(tok)
                     for obj in tok.children if obj.dep_ in ("dobj", "nsubjpass") and stem(obj.lower_) in _PROPOSALS)


def made_proposals(doc: Any) -> frozenset[str]:
    """Stems of the proposals a parsed sentence tells as made, not negated: the verb itself ("the trust
    has offered a pay rise", "proposed a merger") or the object of a verb that puts one forward ("made
    an offer", "tabled its offer"); empty without a parse. Taking up or turning down one is an answer,
    not the making."""
    if doc is None or not doc.has_annotation("DEP"):
        return frozenset()
    out = set()
    for tok in doc:
        if any(c.dep_ == "neg" for c in tok.children):
            continue
        if tok.pos_ == "VERB" and stem(tok.lower_) in _PROPOSALS:
            out.add(stem(tok.lower_))
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in _PUTTING:
            out |= {stem(c.lower_) for c in tok.children
                    if c.dep_ in ("dobj", "nsubjpass") and stem(c.lower_) in _PROPOSALS}
    return frozenset(out)


def answers_a_proposal(a: SentenceFacts, b: SentenceFacts) -> str | None:
    """The reason, when one sentence refuses a proposal that the other tells as made (and refuses
    nothing itself): the refusal is a later step of one exchange, and an NLI contradiction between the
    two is the model reading the answer against the proposal."""
    for x, y in ((a, b), (b, a)):
        for p in sorted(x.refused_proposals & y.made_proposals):
            if not y.refused_proposals:
                return (f"one sentence tells the {p} turned down, the other the {p} made: "
                        f"an answer is a later step, not a contradiction")
    return None


def _refused_token(n: Negation, doc: Any) -> Any:
    """The parse's token of a refusal's target: the word that ends the phrase ("rejected a pay"), or
    that starts it in the passive ("the offer was rejected"); a possessive's noun for "the union's"."""
    for t in doc:
        if t.idx < n.end <= t.idx + len(t.text) or t.idx == n.start:
            tok = t.head if t.dep_ == "case" else t
            if stem(normalize_word(tok.text)) == n.target:
                return tok
    return None


def _verbal_cue(words: list[Token], i: int) -> bool:
    low = words[i].lower
    return low in VERBAL_CUES and i + 1 < len(words) and words[i + 1].lower == VERBAL_CUES[low]


def _is_cue(words: list[Token], i: int) -> bool:
    low = words[i].lower.replace("’", "'")
    if _verbal_cue(words, i):
        return True
    if low == "without":
        # "notified the land without first carrying out an assessment" negates "carrying out"
        k = i + 1
        while k < len(words) and words[k].lower in _BEFORE_GERUND:
            k += 1
        return k < len(words) and words[k].lower.endswith("ing") and len(words[k].lower) > 4
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
        while k < len(words) and (normalize_word(words[k].text) in _SKIP_AFTER_CUE
                                  or (low == "without" and words[k].lower in _BEFORE_GERUND)):
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
    out += [r for r in find_refusals(text, tokens) if not any(r.start < n.end and n.start < r.end for n in out)]
    return out


# Subjects that say nobody or nothing did it: "nobody", "none (of the passengers)", "no one", "no passengers".
_NO_SUBJECTS = frozenset({"nobody", "none", "noone", "nothing"})


def subject_negations(negations: list[Negation], doc: Any) -> list[Negation]:
    """The negations with those of a subject that says nobody or nothing did it, read from the parse:
    "Nobody on board was hurt", "no passengers were hurt", "none of the staff was injured" negate the
    predicate ("hurt", "injured"), not the noun after "no" (which the word window reads). As they are
    without a parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return negations
    found = []
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if not (tok.lower_ in _NO_SUBJECTS or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)):
            continue
        head = tok.head
        target = next((c for c in head.children if c.dep_ in ("acomp", "attr")), None) if head.pos_ == "AUX" else head
        if target is None or not target.text[:1].isalpha():
            continue
        start, end = tok.left_edge.idx, target.idx + len(target.text)
        found.append(Negation(doc.text[start:end], stem(normalize_word(target.text)), start, end))
    kept = [n for n in negations if not any(n.start < f.end and f.start < n.end for f in found)]
    return sorted(kept + found, key=lambda n: n.start)


# Attempts, and what says an attempt came to nothing: "efforts to reach Rendón were unsuccessful",
# "attempts to contact the family failed", "a bid to save the plant proved futile".
_ATTEMPTS = frozenset({"effort", "attempt", "bid", "try"})
_CAME_TO_NOTHING = frozenset({"unsuccessful", "fruitless", "futile", "vain", "fail"})


def verbal_without(negations: list[Negation], doc: Any) -> list[Negation]:
    """The negations without a "without" whose word the parse does not make a verb ("without posting
    letters": a noun); as they are without a parse."""
    if doc is None or not doc.has_annotation("TAG"):
        return negations
    verbs = {t.idx for t in doc if t.pos_ in ("VERB", "AUX")}
    return [n for n in negations if not n.phrase.lower().startswith("without")
            or any(n.end - len(t.text) == t.idx for t in doc if t.idx in verbs)]


def failed_attempts(negations: list[Negation], doc: Any) -> list[Negation]:
    """The negations with the act of an attempt said to have come to nothing, read from the parse:
    "efforts to reach Rendón were unsuccessful" negates "reach" as "Rendón could not be reached" does.
    As they are without a parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return negations
    found = []
    for tok in doc:
        if tok.lemma_.lower() not in _ATTEMPTS or tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        head = tok.head
        said = {head.lemma_.lower()} | {c.lemma_.lower() for c in head.children if c.dep_ in ("acomp", "attr", "prep", "pobj")}
        said |= {g.lemma_.lower() for c in head.children if c.dep_ == "prep" for g in c.children}
        if not said & _CAME_TO_NOTHING:
            continue
        act = next((c for c in tok.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"), None)
        if act is None:
            continue
        start, end = tok.idx, act.idx + len(act.text)
        found.append(Negation(doc.text[start:end], stem(normalize_word(act.text)), start, end, verbal=True))
    kept = [n for n in negations if not any(n.start < f.end and f.start < n.end for f in found)]
    return sorted(kept + found, key=lambda n: n.start)


def _subject(verb: Any) -> Any:
    """The noun subject of a verb in the parse, unless introduced by "a", "an" or "another" (which may be
    another one); None otherwise."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")),
                   None)
    if subject is None or any(d.dep_ == "det" and d.lower_ in ("a", "an", "another") for d in subject.children):
        return None
    return subject


def negation_subjects(negations: list[Negation], doc: Any) -> list[Negation]:
    """The negations with the lemma of the negated verb's subject from the parse ("lava was probably not
    yet flowing": "lava"); as they are without a parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return negations
    out = []
    for n in negations:
        verb = next((t for t in doc if n.start <= t.idx < n.end and t.pos_ in ("VERB", "AUX", "ADJ")
                     and stem(normalize_word(t.text)) == n.target), None)
        subject = None if verb is None else _subject(verb)
        out.append(n if subject is None else replace(n, subject=subject.lemma_.lower(), object=_object(verb),
                                                     passive=subject.dep_ == "nsubjpass"))
    return out


def _object(verb: Any) -> str | None:
    """The lemma of a verb's direct object in the parse, if any."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return None if obj is None else obj.lemma_.lower()


def asserted_verbs(doc: Any, negations: list[Negation]) -> frozenset[str]:
    """Stems of the verbs the parse gives no negation: no "not" or "never" of their own, and outside every
    negation the sentence was read to make ("Nobody on board was hurt")."""
    if doc is None or not doc.has_annotation("DEP"):
        return frozenset()
    return frozenset(stem(normalize_word(t.text)) for t in doc
                     if t.pos_ == "VERB" and not any(c.dep_ == "neg" for c in t.children)
                     and not any(n.start <= t.idx < n.end for n in negations))


def predications(doc: Any) -> frozenset[tuple[str, str, str]]:
    """(stem of the verb as written, lemma of its subject or "", lemma of its direct object or "") for
    every verb the parse gives a definite noun subject or an object: what the sentence tells a named or
    known thing did or underwent, and to what ("it shut the pipeline": ("shut", "", "pipeline"))."""
    if doc is None or not doc.has_annotation("DEP"):
        return frozenset()
    out = set()
    for t in doc:
        if t.pos_ == "VERB":
            subject, obj = _subject(t), _object(t)
            if subject is not None or obj is not None:
                out.add((stem(normalize_word(t.text)), "" if subject is None else subject.lemma_.lower(), obj or ""))
    return frozenset(out)


def polar_subjects(polar: list[Polar], doc: Any) -> list[Polar]:
    """The opposed words with the lemma of their subject from the parse: the subject of the verb ("water
    levels rose"), or of the copula an adjective completes ("conditions were calm"); left out when
    introduced by "a", "an" or "another", which may be another one."""
    if doc is None:
        return polar
    out = []
    for p in polar:
        tok = next((t for t in doc if t.idx == p.start), None)
        head = None if tok is None else (tok.head if tok.dep_ in ("acomp", "attr") else tok)
        subject = None if head is None else _subject(head)
        out.append(replace(p, subject=None if subject is None else subject.lemma_.lower()))
    return out


# Pairs of WordNet antonyms (data/antonyms.tsv) are numbered from here, after the ANTONYMS list.
WORDNET_PAIRS_FROM = 1000


@lru_cache(maxsize=1)
def _wordnet_antonyms() -> tuple[dict[tuple[str, str], frozenset[str]], dict[tuple[str, str, str], int]]:
    """(word, part of speech) -> its antonyms, and each (part of speech, word, antonym) pair in
    alphabetical order -> its number."""
    text = (resources.files(__package__) / "data" / "antonyms.tsv").read_text(encoding="utf-8")
    table: dict[tuple[str, str], set[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, pos, other = line.split("\t")
            table.setdefault((word, pos), set()).add(other)
    keys = sorted({(pos, *sorted((w, o))) for (w, pos), others in table.items() for o in others})
    return ({k: frozenset(v) for k, v in table.items()},
            {k: WORDNET_PAIRS_FROM + i for i, k in enumerate(keys)})


def find_opposed_lemmas(doc: Any) -> list[Polar]:
    """Verbs, and adjectives said of a subject ("conditions were calm"), that have an antonym in WordNet
    (data/antonyms.tsv, scripts/make_antonyms.py): each as a side of its pair, numbered from
    WORDNET_PAIRS_FROM. An adjective in front of its noun ("the first flight") is left out: it tells which
    thing is meant, not what is said of it. [] without a parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    table, numbers = _wordnet_antonyms()
    out = []
    for tok in doc:
        pos = "verb" if tok.pos_ == "VERB" else "adj" if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "attr") else None
        lemma = tok.lemma_.lower()
        for other in table.get((lemma, pos), ()) if pos else ():
            first, second = sorted((lemma, other))
            out.append(Polar(numbers[(pos, first, second)], 0 if lemma == first else 1, tok.text, tok.idx))
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


def _negated(p: Polar, facts) -> bool:
    """The sentence negates this opposed word itself, with a verb ("failed to open", "refused to
    leave"); a "not" anywhere already undoes every flip (_polarity_flips)."""
    return any(n.verbal and n.target == stem(normalize_word(p.word)) for n in facts.negations)


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
    share, shared = rest_overlap(a, b, _NEGATION_WORDS | _cue_stems(a) | _cue_stems(b))
    if share < settings.min_overlap or shared < ctx.shared.min_shared_words:
        return _said_of_one_subject(ctx) or _negated_of_one_subject(ctx)
    # Opposed words ("denied" vs "confirmed"), unless a "not" undoes the flip ("did not deny").
    if not any(not n.verbal for n in a.negations + b.negations):
        sides_a = {(p.pair, p.side): p for p in a.polar}
        sides_b = {(p.pair, p.side): p for p in b.polar}
        for (pair, side), pa in sides_a.items():
            pb = sides_b.get((pair, 1 - side))
            if pb is not None and (pair, 1 - side) not in sides_a and (pair, side) not in sides_b:
                if _negated(pa, a) or _negated(pb, b):
                    continue  # "failed to open" / "jammed shut": the negated word is its opposite
                if pair >= WORDNET_PAIRS_FROM and not (pa.subject and pa.subject == pb.subject):
                    continue  # "A bought it from B" / "B sold it to A": WordNet's opposites, said of one subject only
                return [Mismatch("negation", pa.word, pb.word,
                                 f"Opposite words in otherwise similar sentences: {pa.word!r} vs {pb.word!r}.")]
    # A negated word that the other sentence uses without negating it.
    for first, second, flip in ((a, b, False), (b, a, True)):
        negated_in_second = {n.target for n in second.negations}
        second_refuses = bool(second.stems & REFUSAL_WORDS)
        for negation in first.negations:
            if negation.refusal and second_refuses:
                continue  # "rejected the appeal" / "dismissed the appeal": both refuse it
            if negation.refusal:
                # "halted deliveries" against "will deliver": the noun and the verb of one action
                action = _same_action(negation.target, second.stems)
                if action and not _same_action(negation.target, frozenset(negated_in_second)):
                    plain = phrase_around(second.text, list(second.tokens), action) or action
                    a_value, b_value = (plain, negation.phrase) if flip else (negation.phrase, plain)
                    return [Mismatch("negation", a_value, b_value,
                                     f"One sentence says it was refused or dropped, the other that it goes ahead: "
                                     f"{a_value!r} vs {b_value!r}.")]
                continue
            if any(negation.target in d.verbs for d in second.denials):
                continue  # "has not been sacked" / "rejected claims that he had been sacked": both deny it
            if any(d.negative and negation.target in d.verbs for d in first.denials):
                continue  # "rejected claims that residents had not been warned": the "not" is denied itself
            if _also_asserted(negation, first):
                continue  # "we are not striking against patients, we are striking for them": not the act
            if _other_objects(negation, second):
                continue  # "have not named the driver" / "named the victim": both can hold
            if negation.target in second.stems and negation.target not in negated_in_second:
                plain = phrase_around(second.text, list(second.tokens), negation.target) or negation.target
                a_value, b_value = (plain, negation.phrase) if flip else (negation.phrase, plain)
                return [Mismatch("negation", a_value, b_value,
                                 f"One sentence negates what the other asserts: {a_value!r} vs {b_value!r}.")]
    return []


def _also_asserted(negation: Negation, facts: SentenceFacts) -> bool:
    """The sentence also tells the negated verb without negating it ("not striking against patients,
    striking for them"; "not A but B" of one verb): what it negates is a circumstance, not the act.
    Read from the parse (SentenceFacts.asserted); never without one."""
    return negation.target in facts.asserted


def _other_objects(negation: Negation, other: SentenceFacts) -> bool:
    """The negated verb has an object (from the parse) and the other sentence tells that verb only of
    other objects ("Police have not named the driver" / "Police named the victim")."""
    if negation.object is None:
        return False
    objects = {obj for verb, _, obj in other.predications if verb == negation.target}
    return bool(objects) and "" not in objects and negation.object not in objects


def _said_of_one_subject(ctx: PairContext) -> list[Mismatch]:
    """Opposed words said of the same subject ("water levels in the reservoir rose again over the
    weekend" / "water levels behind the dam fell steadily over the weekend"), in sentences that give the
    same times or none and speak of the same time (both of the future, both of the past, or neither),
    however little else they share: one thing said to do opposite things. Two times ("rose in May" /
    "fell in June") may be two events, and a "not" anywhere undoes it."""
    a, b = ctx.a, ctx.b
    if (ctx.two_events or a.negations or b.negations or not _same_times(a, b)
            or a.future != b.future or bool(a.past) != bool(b.past)):
        return []  # "the bridge opened forty years ago" / "will remain closed": two times of one thing
    for pa in a.polar:
        for pb in b.polar:
            if (pa.pair == pb.pair and pa.side != pb.side and pa.subject and pa.subject == pb.subject
                    and not _negated(pa, a) and not _negated(pb, b)):
                return [Mismatch("negation", pa.word, pb.word,
                                 f"Opposite words said of the same {pa.subject}: {pa.word!r} vs {pb.word!r}.")]
    return []


def _negated_of_one_subject(ctx: PairContext) -> list[Mismatch]:
    """A verb one sentence negates of a subject ("lava was probably not yet flowing") that the other tells
    of the same subject, or of a pronoun with the same object, without negating it ("lava was flowing down
    the northern flank"), however little else they share: one thing said to do and not to do one act. Both
    must speak of the same time (both of the future, both of the past, or neither); a denial of the act
    stands aside (the denial rule reads it), and a "not yet" earlier against the act later is progress
    (find_polarity_mismatches)."""
    a, b = ctx.a, ctx.b
    if ctx.two_events or a.future != b.future:
        return []
    for first, second, flip in ((a, b, False), (b, a, True)):
        negated_in_second = {n.target for n in second.negations}
        for n in first.negations:
            if n.refusal or (n.subject is None and (n.object is None or n.passive)) or n.target in negated_in_second:
                continue
            # the same verb of the same subject, and of the same object where both name one ("the deal does
            # not cover lecturers" / "the deal covers 330,000 teachers": two objects, both can hold)
            told = [obj for verb, subj, obj in second.predications
                    if verb == n.target and n.subject is not None and subj == n.subject]
            # ...or where one tells the subject by a pronoun and both name the same object ("It extended its
            # call-centre hours" / "The bank did not extend its call-centre hours")
            told += [obj for verb, subj, obj in second.predications
                     if verb == n.target and (not subj or n.subject is None) and n.object and obj == n.object]
            # ...or, where the negated subject is the passive's, the same verb done to it ("the pipeline had
            # not been shut" / "it shut the pipeline")
            done_to = n.passive and any(verb == n.target and obj == n.subject for verb, _, obj in second.predications)
            if not done_to and not any(not obj or not n.object or obj == n.object for obj in told):
                continue
            if any(n.target in d.verbs for d in second.denials):
                continue
            plain = phrase_around(second.text, list(second.tokens), n.target) or n.target
            a_value, b_value = (plain, n.phrase) if flip else (n.phrase, plain)
            return [Mismatch("negation", a_value, b_value,
                             f"One sentence negates of the {n.subject or n.object} what the other tells of it: "
                             f"{a_value!r} vs {b_value!r}.")]
    return []


def _same_times(a, b) -> bool:
    """Both sentences give the same dates and times as written, or neither gives any."""
    def written(f):
        return {" ".join(m.text.lower().split()) for m in list(f.dates) + list(f.times)}
    return written(a) == written(b)


def _cue_stems(facts) -> frozenset[str]:
    """The stems of a sentence's negation cues other than what each negates ("abandoned plans to
    raise" -> abandon, plan): they say that it is denied, not what it is about."""
    out = set()
    for n in facts.negations:
        out |= {stem(normalize_word(w)) for w in re.findall(r"[A-Za-z'’]+", n.phrase)} - {n.target}
    return frozenset(out)


def _same_action(target: str, stems: frozenset[str]) -> str | None:
    """The stem in `stems` of the same word as `target`, a noun and its verb alike ("delivery" /
    "deliver", "expansion" / "expand"): equal, or sharing their first five letters and all but at
    most four of the longer one's ("protest" / "protection" share five of ten)."""
    if target in stems:
        return target
    for s in sorted(stems):
        n = 0
        for x, y in zip(target, s):
            if x != y:
                break
            n += 1
        if n >= 5 and max(len(target), len(s)) - n <= 4:
            return s
    return None


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
