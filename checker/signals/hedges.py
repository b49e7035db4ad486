"""A claim one sentence leaves open, against a sentence that states it as fact: "the fire may have been
started deliberately" / "the fire was started deliberately"; "it was not clear what had set off the
avalanche" / "the avalanche was set off when a cornice broke away"; "investigators are examining
whether the pilot ignored a warning" / "the pilot ignored a warning".

The NLI models read most such pairs as agreeing: every word of the certain sentence is in the hedged one.
What leaves the claim open is English's grammar of epistemic modality, read from spaCy's parse
(`find_hedges`):

- a modal of possibility on the claim's verb: "may", "might", and "could" with "have" or "be" ("could
  have caused", "could be closed"; a bare "could" is as often past ability: "rescuers could see the
  wreck");
- an adverb of likelihood on it: "probably", "possibly", "perhaps", "maybe", "likely", "presumably";
- a raising verb or adjective over it: "appears to have", "seems to", "is likely to", "is thought /
  believed / suspected to have";
- a verb of belief over its clause: "police believe / suspect / think (that) ...";
- an open question: a clause under "whether" or "if" ("examining whether ...", "unclear whether ..."),
  or a wh-clause under "unclear", "uncertain", "unknown" or a negated "clear", "known", "certain",
  "confirm", "know", "establish", "say" ("it was not known how many ...", "could not confirm what ...");
- a condition: a clause under "if" or "unless" ("if the plant closes, ...") is supposed, not said. It is
  never set against a statement; it only keeps its sentence from stating what it supposes.

These are closed classes of English, listed below; the claim is whatever the parse puts under them.
A negated modal ("may not") leaves a negative claim open and is not read. Allegations ("allegedly",
"reportedly") are left out on purpose: they attribute a claim rather than doubt it, and a restatement
with "police say" is no conflict.

The rule (`RULE`) reads a pair where one sentence leaves a claim open and the other states it: the
other sentence holds the claim's verb (or a verb of one kind, verbs.py) and most of its content words,
does not negate or deny it (denials.py's test), does not leave it open or suppose it itself, and is not
a question. Where the claim is
asked as an open question ("unclear whether ...", "examining whether ...", "not known how ..."), the two
accounts disagree on what is known: a conflict of kind "certainty". Where it is only hedged ("may
have", "probably", "police believe"), both accounts can be true, one more cautious than the other: a
doubt, so the pair is worth a look (review.py), never a conflict on that account
(`HedgeSettings.hedge_is_conflict` makes it one).

Not for: the same claim settled later (an early "it was not clear how many were hurt" against a later
count reads as a conflict, as it does to a reader comparing the two accounts side by side); hedges that
are not grammar ("officials are investigating the possibility that ...").
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..text import content_stems, stem, tokenize
from ..types import DenialQuestion, Mismatch
from .denials import DenialSettings, claim_of, clause_of, negated, states_claim
from .facts import Denial, Hedge, SentenceFacts
from .rule import PairContext, Rule

MODALS = frozenset({"may", "might"})
# "could" leaves a claim open only before "have" or "be"; alone it is as often past ability.
_COULD_WITH = frozenset({"have", "be"})
LIKELIHOOD_ADVERBS = frozenset("probably possibly perhaps maybe likely presumably".split())
RAISING = frozenset({"appear", "seem"})
BELIEF_VERBS = frozenset({"believe", "suspect", "think"})
OPEN_ADJECTIVES = frozenset({"unclear", "uncertain", "unknown"})
# Words that leave a wh-clause open when negated: "not clear what ...", "could not confirm how many ...".
KNOWING = frozenset({"clear", "known", "certain", "confirm", "know", "establish", "say", "determine", "verify"})
QUESTION_MARKS = frozenset({"whether", "if"})
# Marks of a condition: what they introduce is supposed, not said ("if the plant closes, ...").
CONDITIONAL_MARKS = frozenset({"if", "unless"})
WH_WORDS = frozenset("what who which how why when where".split())


def find_hedges(doc: Any) -> list[Hedge]:
    """The claims a parsed sentence leaves open, each in the shape of a denied claim (`cue` is the
    hedge as written, `claim` the clause, `future` whether it is a claim about what will happen,
    `open_question` whether it is asked as one); [] without a parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    out: dict[int, Hedge] = {}
    for tok in doc:
        found = _hedged(tok)
        if found is not None and found[3] == _CAUSE:
            out.setdefault(tok.i, _cause_left_open(*found[:2]))
        elif found is not None:
            cue, clause, future, how = found
            if clause.i not in out and clause.pos_ in ("VERB", "AUX"):
                d = _with_subject(replace(claim_of(doc, cue, clause), future=future), clause)
                asked = how == _ASKED or (how == _HEDGED and _left_open_beside(clause))
                out[clause.i] = Hedge(**vars(d), open_question=asked, supposed=how == _SUPPOSED,
                                      decision=how == _ASKED and _decision(clause))
    return list(out.values())


def _left_open_beside(clause: Any) -> bool:
    """A hedged clause joined to one that says the matter is not settled ("a valve might have caused the
    blowout, but it was too early to be sure", "may have come from Namibia, but their origin had not
    been established", "could go on display, but no decision had been taken"): the sentence asks it as an
    open question, not only as a likelihood."""
    # without "that" the parse joins the second clause to the verb of saying instead
    beside = list(clause.children) + (list(clause.head.children) if clause.dep_ == "ccomp" else [])
    for c in beside:
        if c.dep_ != "conj" or c.pos_ not in ("VERB", "AUX"):
            continue
        for t in c.subtree:
            lemma = t.lemma_.lower()
            if lemma in OPEN_ADJECTIVES:
                return True
            if lemma in KNOWING | {"sure"} and (negated(t) or negated(t.head) or _too(t)):
                return True
            if lemma == "decision" and any(k.dep_ == "det" and k.lower_ == "no" for k in t.children):
                return True  # "but no decision had been taken": still to decide
    return False


def _too(word: Any) -> Any | None:
    """The "too" of a "too ... to" over the word ("too early to be sure", "too early to say"), which denies
    it; None without one."""
    for up in (word, word.head, word.head.head):
        if up.dep_ == "xcomp":
            too = next((k for k in up.head.children if k.lower_ == "too"), None)
            if too is not None:
                return too
    return None


def _with_subject(h: Denial, clause: Any) -> Denial:
    """A clause under a raising word has its subject outside it ("the plant is likely to close"): the
    claim is the subject's and the clause's words together."""
    if clause.dep_ != "xcomp":
        return h
    holders = [clause.head, clause.head.head]  # "appears to ...", "is likely to ..."
    subject = next((c for h in holders for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ == "PRON":
        return h
    words = " ".join(t.text for t in subject.subtree)
    return replace(h, claim=f"{words} ... {h.claim}", stems=h.stems | content_stems(tokenize(words)))


# How a clause is left open: hedged ("may have"), asked ("unclear whether"), or supposed ("if ..."); or
# what caused a thing, asked by the noun of the verb ("the cause of the landslide has not been established").
_HEDGED, _ASKED, _SUPPOSED, _CAUSE = "hedged", "asked", "supposed", "cause"
# The noun of the verb "cause" (WordNet's derivation), whose "of" names what was caused.
CAUSE_NOUNS = frozenset({"cause"})


def _cause_left_open(cue: list, noun: Any) -> Hedge:
    """The open question a cause not known asks: "the cause of the landslide has not yet been established"
    asks what caused the landslide, which "the landslide was caused by heavy rain" or "the cause of the
    landslide was heavy rain" answers (the claim's words: "cause" and what was caused)."""
    of = next(o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj")
    claim = "what caused " + " ".join(t.text for t in of.subtree)
    return Hedge(cue=" ".join(t.text for t in sorted(cue, key=lambda t: t.i)), claim=claim,
                 stems=content_stems(tokenize(claim)), verbs=frozenset({stem("cause"), stem("caused")}),
                 lemma="cause", open_question=True)


def _hedged(tok: Any) -> tuple[list, Any, bool, str] | None:
    """(cue tokens, the clause left open, whether the claim is about what will happen, how it is left
    open) for a token that leaves a clause open, else None."""
    kids = list(tok.children)
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") and not negated(tok):
        modal = next((c for c in kids if c.dep_ == "aux" and c.lower_ in MODALS), None)
        could = next((c for c in kids if c.dep_ == "aux" and c.lower_ == "could"), None)
        auxes = {c.lemma_.lower() for c in kids if c.dep_ in ("aux", "auxpass")} | {lemma}
        if modal is None and could is not None and auxes & _COULD_WITH:
            modal = could
        if modal is not None:
            return [modal], tok, _ahead(tok), _HEDGED
        adverb = next((c for c in kids if c.dep_ == "advmod" and c.lower_ in LIKELIHOOD_ADVERBS), None)
        if adverb is not None:
            return [adverb], tok, _future(tok), _HEDGED
        xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if xcomp is not None and (lemma in RAISING or (lemma in BELIEF_VERBS and tok.tag_ == "VBN")):
            return [tok], xcomp, _ahead(xcomp), _HEDGED  # "appears to have failed", "is thought to have fled"
        if lemma in BELIEF_VERBS:
            clause = clause_of(tok)
            if clause is not None and clause.i > tok.i:
                return [tok], clause, _future(clause), _HEDGED
    if lemma == "likely" and tok.dep_ == "acomp" and not negated(tok.head):
        xcomp = next((c for c in kids if c.dep_ == "xcomp"), None)
        if xcomp is not None:
            return [tok], xcomp, _ahead(xcomp), _HEDGED  # "is likely to close"
    marks = [c for c in kids if c.dep_ == "mark"]
    if any(m.lower_ == "whether" for m in marks) or (tok.dep_ == "ccomp" and any(m.lower_ == "if" for m in marks)):
        return marks, tok, _future(tok), _ASKED  # "examining whether the pilot ignored", "the inquiry into whether ..."
    if tok.dep_ == "advcl" and any(m.lower_ in CONDITIONAL_MARKS for m in marks):
        return marks, tok, _future(tok), _SUPPOSED  # "if the plant closes, ...": supposed, not said
    too = _too(tok) if lemma in KNOWING else None
    open_word = lemma in OPEN_ADJECTIVES or (lemma in KNOWING and (negated(tok) or negated(tok.head) or too is not None))
    if open_word:
        # "unclear what had set off ...", "not known how many", "too early to say what had caused ..."; a
        # wh-clause the parse hangs as an adverbial ("not known when the plant will reopen")
        clause = next((c for c in [*kids, *tok.head.children] if c.dep_ == "ccomp" and _asks(c)), None) or next(
            (c for c in kids if c.dep_ == "advcl" and c.left_edge.lower_ in WH_WORDS and c.left_edge.i == tok.i + 1),
            None)  # right after the word: "when the inspectors arrived, ..." elsewhere sets a time
        if clause is not None:
            cue = [tok] if too is None else list(tok.doc[too.i:tok.i + 1])  # "too early to say"
            return cue, clause, _future(clause), _ASKED
    if lemma in CAUSE_NOUNS and tok.dep_ in ("nsubj", "nsubjpass"):
        # "the cause of the landslide has not been established", "the cause of the fire is unclear"
        head = tok.head
        said = [head, *(c for c in head.children if c.dep_ == "acomp")]
        open_word = next((w for w in said if w.lemma_.lower() in OPEN_ADJECTIVES
                          or w.lemma_.lower() in KNOWING and negated(head)), None)
        of = next((o for p in kids if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"),
                  None)
        if of is not None and open_word is not None:
            return [tok, open_word], tok, False, _CAUSE
    return None


def _ahead(verb: Any) -> bool:
    """A possibility about what will happen ("may resign", "is likely to close"), not about what has
    happened ("may have failed", "appears to have fled") or what holds ("may be closed", "could be")."""
    return verb.lemma_.lower() != "be" and not any(
        c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in ("have", "be") for c in verb.children)


def _future(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in verb.children)


# Words of a decision still to make: a question under them is about what will be done ("undecided whether
# the board opens a case", "weighing whether to cancel the contract").
DECIDING = frozenset({"decide", "undecided", "weigh", "consider", "mull", "debate", "deliberate", "ponder"})


def _decision(verb: Any) -> bool:
    """An open question of a decision still to make: an infinitive ("whether to cancel") or a clause a
    word of deciding governs ("whether DRIB opens a case is still undecided")."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return True
    return any(t.lemma_.lower() in DECIDING for t in (verb.head, *verb.head.children))


def _asks(clause: Any) -> bool:
    """A wh-clause or a whether-clause: "what had set off the avalanche", "how many were hurt"."""
    first = next(iter(clause.subtree))
    return first.lower_ in WH_WORDS or first.lower_ in QUESTION_MARKS


@dataclass(frozen=True)
class HedgeSettings:
    """Weight and gate of the hedge rule."""

    weight: float = 0.6  # noisy-OR weight, as for a denial
    # The stating sentence must hold at least this share of the open claim's content words.
    min_share: float = 0.6
    # A hedge ("may have", "probably", "police believe") against the claim stated is a difference of
    # certainty, not of fact: both accounts can be true, so it is worth a look, not a conflict. True makes
    # it a conflict like an open question ("unclear whether ..."), which says the matter is unsettled.
    hedge_is_conflict: bool = False


def find_hedge_mismatches(ctx: PairContext, settings: HedgeSettings) -> list[Mismatch]:
    """A claim one sentence asks as an open question that the other states as fact: a conflict. A claim
    one sentence only hedges ("may have", "probably") that the other states: a doubt (worth a look).
    Nothing where a rule before found a flip of polarity or a denial, or set the pair aside as two events."""
    if ctx.found.get("polarity") or ctx.found.get("denials") or ctx.two_events:
        return []
    rule = DenialSettings(min_share=settings.min_share)
    for hedger, other in ((ctx.a, ctx.b), (ctx.b, ctx.a)):
        for h in hedger.hedges:
            if h.supposed or not _states_plainly(other, h, rule, ctx.shared.min_shared_words):
                # a supposition ("if the plant closes") against a fact is neither: it only keeps the
                # other sentence from stating what it supposes
                continue
            if h.open_question or settings.hedge_is_conflict:
                return [hedge_mismatch(hedger is ctx.a, h.cue, h.claim, h.open_question)]
            ctx.doubts.append(hedge_doubt(h.cue, h.claim))
            return []
    return []


def open_hedges(ctx: PairContext, settings: HedgeSettings) -> tuple[DenialQuestion, ...]:
    """The claims one sentence of a comparable pair leaves open whose words the other sentence does not
    hold, to ask the judge's NLI model whether the other states them in other words (as for a denied
    claim, checker/denied_claims.py): "it was not clear whether the guide had a permit" / "the guide
    held a valid licence". Not where a rule before found a flip, a denial or the claim itself, where the
    other sentence hedges or denies a claim too, asks a question, or tells another time."""
    if ctx.found.get("polarity") or ctx.found.get("denials") or ctx.found.get("hedges") or ctx.two_events:
        return ()
    if any(d.startswith("one account hedges") for d in ctx.doubts):
        return ()
    out = []
    for hedger, other, side in ((ctx.a, ctx.b, "a"), (ctx.b, ctx.a, "b")):
        if other.hedges or other.denials or other.text.rstrip().endswith("?"):
            continue
        published = (ctx.a_published, ctx.b_published) if side == "a" else (ctx.b_published, ctx.a_published)
        for h in hedger.hedges:
            timely = h.future == other.future or _still_open(h, other, *published)
            statement = _as_statement(h) if not h.supposed and timely else None
            if statement is None:
                continue
            how = "open_question" if h.open_question else "hedged_conflict" if settings.hedge_is_conflict else "hedged"
            out.append(DenialQuestion(statement=statement, other=other.text, denier=side, cue=h.cue,
                                      claim=h.claim, how=how))
    return tuple(out)


def _still_open(h: Hedge, other: SentenceFacts, hedged_on: Any, stated_on: Any) -> bool:
    """An open question of what will happen, asked no earlier than the other account tells it settled by
    an act done ("whether the insurer will pay remains unresolved" a week after "the insurer had agreed to
    cover the losses"; comparability.past_marker): one account says it is settled, the later one that it
    is not. Asked earlier, it is a matter since resolved, and left alone; against a wish or a plan ("the
    developer wants to knock it down") nothing is settled."""
    return (h.open_question and h.future and not other.future and other.past is not None
            and hedged_on is not None and stated_on is not None and hedged_on >= stated_on)


def _as_statement(h: Hedge) -> str | None:
    """The open claim as a plain statement for the NLI model to read, or None where the words left of it
    are no statement: a wh-clause ("How many people were inside"), a clause without its subject ("To have
    cost ..."), or one still under its modal ("that the US might get ..."). An adverb of likelihood is
    left out ("The dam probably failed" -> "The dam failed"), and a modal perfect is told as a past
    perfect ("The fire may have been started" -> "The fire had been started")."""
    text = h.statement
    if not text:
        return None
    words = text.rstrip(".").split()
    first = words[0].lower() if words else ""
    if first in WH_WORDS or first in ("to", "that") or first in QUESTION_MARKS:
        return None
    kept = [w for w in words if w.lower().strip(",") not in LIKELIHOOD_ADVERBS]
    lowered = [w.lower() for w in kept]
    for i, w in enumerate(lowered):
        if w in MODALS or w == "could":
            if i + 1 < len(lowered) and lowered[i + 1] == "have":
                kept[i:i + 2] = ["had"]
                break
            return None  # "may close", "could be": no plain statement without inflecting the verb
    statement = " ".join(kept) + "."
    return statement[:1].upper() + statement[1:]


def hedge_mismatch(hedger_is_a: bool, cue: str, claim: str, open_question: bool, how: str = "") -> Mismatch:
    """The hedge rule's conflict: one sentence asks `claim` as an open question (or, with
    HedgeSettings.hedge_is_conflict, leaves it open), the other states it."""
    a_value, b_value = (cue, claim) if hedger_is_a else (claim, cue)
    told = "says it is an open question" if open_question else "leaves the claim open"
    return Mismatch("certainty", a_value, b_value,
                    f"One account {told} ({cue!r}: {claim!r}); the other states it as fact{how}.")


def hedge_doubt(cue: str, claim: str, how: str = "") -> str:
    """The doubt a claim only hedged against it stated gives the pair (worth a look, review.py)."""
    return f"one account hedges what the other states as fact ({cue!r}: {claim!r}){how}"


def _states_plainly(other: SentenceFacts, h: Denial, settings: DenialSettings, min_words: int) -> bool:
    """`other` states the open claim, of the same time (denials.states_claim: its verb and most of its
    words, not negated, not denied; "may resign" against a later "resigned" is a forecast come true,
    not a conflict; a decision still to make is stated by one told as made or to come) and does not
    leave it open too."""
    if h.decision:
        h = replace(h, future=other.future)  # a decision pending against one told as made or to come
    if other.text.rstrip().endswith("?"):
        return False  # a question states nothing
    # a decision still to make is settled either way ("whether to challenge" / "would not contest")
    told = states_claim(other, h, settings, min_words) or (h.decision and states_claim(
        other, replace(h, negative=not h.negative), settings, min_words))
    if not told:
        return False
    return not any(o.verbs & h.verbs and len(o.stems & h.stems) >= min_words for o in other.hedges)


RULE = Rule(name="hedges", kind="certainty", settings=HedgeSettings, find=find_hedge_mismatches)
