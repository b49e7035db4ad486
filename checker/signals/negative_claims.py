"""Claims a sentence denies in its own voice with a negative argument: "No one was hurt in the landslide"
denies that someone was hurt in it, and any account of a person hurt there disputes it ("A night
watchman at the site was injured by falling rocks").

English says "none of a kind did it" with a negative word in an argument of the verb, read here from
spaCy's parse (`find_negated_claims`):

- a negative pronoun: "Nobody was arrested", "Nothing was taken from the offices", "None of the injured
  guards was seriously hurt";
- "no" on a noun: "No illnesses have been linked to the oil", "There were no injuries", "No one was hurt";
- a negated verb with "any" on an argument: "The company did not dismiss any workers during the stoppage".

Each becomes a claim denied in the shape the denial rule reads (denials.py: `Denial`, with the positive
claim as a sentence of its own, `statement`: "Someone was hurt in the landslide.", "At least one of the
injured guards was seriously hurt.", "The company did dismiss some workers during the stoppage."), so
that the other sentence's account of one instance is set against it as a denied claim is: by its words
(which must name the noun denied, `Denial.negated`: "the festival had no insurance" is not stated by an
account without insurance), or by the strong judge where it tells the instance in other words (the fast
model reads so plain a claim as stated by sentences about other things: "There is a place for this in
our game." by "She became the first player from the area to win the title"); the denial channel in
pairing (pairing.denial_pairs) pairs it with sentences that tell such an instance though they share few
words. With "be" or "have" the claim's word is the noun ("There were no injuries").

Only the sentence's own statement is read: the main clause, or the clause a verb of saying reports
("No one was hurt, the ministry said"). Not a quotation, a question, a condition, a clause with a modal ("no one
could be reached for comment" says nothing of the event), a negative in a side clause, or a double
negative ("nobody did not vote").
"""
from __future__ import annotations

from typing import Any

from ..text import content_stems, stem, tokenize
from .denials import CLAIM_NOUNS, statement
from .facts import Denial
from .quotes import quoted_spans
from .roles import SAYING
from .verbs import verb_lemma

# Negative pronouns and the positive word a reader puts in their place.
_NEGATIVE_PRONOUNS = {"nobody": "somebody", "nothing": "something", "no-one": "someone", "noone": "someone",
                      "none": "at least one"}
# Arguments of the verb a negative word in which negates the clause.
_ARGUMENTS = ("nsubj", "nsubjpass", "dobj", "attr")
# A modal says what may or can be, not what was: "no one could be reached for comment".
_MODALS = frozenset("may might can could should must would ought ca".split())
# Nouns whose negation denies a claim told beside them, which the denial reader reads (denials.py).
_DENIAL_NOUNS = CLAIM_NOUNS | {"truth"}
# Verbs that say little of their own: with a negated noun, the noun is what the claim tells.
_LIGHT_VERBS = frozenset({"be", "have"})
# Auxiliaries written with "n't" whose short form is no word ("won't", "shan't"; "can't" is a modal, above).
_SHORT_FORMS = {"wo": "will", "sha": "shall"}


def find_negated_claims(doc: Any) -> list[Denial]:
    """The claims a parsed sentence denies with a negative argument in its own statement; [] without a
    parse."""
    if doc is None or not doc.has_annotation("DEP") or doc.text.rstrip().endswith("?"):
        return []
    out = []
    # a quotation is the speaker's words, often a judgement ("did nothing wrong", "there is no place for
    # this in our game") more than an account of what happened; the quotation rule reads who said them
    quoted = quoted_spans(doc.text)
    for verb in _statements(doc):
        found = _negated(verb)
        if found is not None and not any(s <= found[0][0].idx < e for s, e in quoted):
            out.append(_claim(doc, verb, *found))
    return out


def _statements(doc: Any) -> list:
    """The verbs of the sentence's own statement: its root, and the clause a root verb of saying reports."""
    roots = [t for t in doc if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
    out = []
    for root in roots:
        if root.lower_ in SAYING or root.lemma_.lower() in SAYING:
            out += [c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        else:
            out.append(root)
    return out


def _negated(verb: Any) -> tuple[list, dict[int, str], Any] | None:
    """The negative words of a clause with one negative argument, the words that make it positive
    (token index -> replacement, "" to drop) and the noun whose every instance it denies (None for
    "nobody", "nothing", "no one"), or None."""
    children = list(verb.children)
    if any(c.dep_ == "mark" for c in children) or any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in children):
        return None
    negs = [c for c in children if c.dep_ == "neg"]
    args = [c for c in children if c.dep_ in _ARGUMENTS]
    for arg in args:
        low = arg.lower_
        if arg.lemma_.lower() in _DENIAL_NOUNS:
            return None  # "there is no truth in reports that ...": a denied claim (denials.py)
        det = next((c for c in arg.children if c.dep_ == "det" and c.lower_ == "no"), None)
        if negs and (low in _NEGATIVE_PRONOUNS or det is not None):
            return None  # a double negative
        if low in _NEGATIVE_PRONOUNS:
            of = next((o for p in arg.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                       if o.dep_ == "pobj"), None)  # "None of the injured guards"
            return [arg], {arg.i: _NEGATIVE_PRONOUNS[low]}, of if of is not None and of.pos_ == "NOUN" else None
        if det is not None and low == "one":
            return [det, arg], {det.i: "", arg.i: "someone"}, None  # "No one" -> "someone"
        if det is not None and arg.tag_ in ("NN", "NNS"):
            if arg.tag_ == "NNS":
                return [det], {det.i: "some"}, arg
            following = arg.doc[det.i + 1].text
            return [det], {det.i: "an" if following[:1].lower() in "aeiou" else "a"}, arg
    if len(negs) != 1 or negs[0].lower_ == "never":
        return None
    anys = [t for a in args for t in a.subtree if t.lower_ in ("any", "anyone", "anybody", "anything")]
    if not anys:
        return None
    # "did not dismiss any workers" -> "did dismiss any workers" (the statement reads "any" as "some");
    # "didn't" -> "did", "won't" -> "will"
    swaps = {negs[0].i: ""}
    swaps.update({t.i: "some" for t in anys if t.lower_ == "any" and t.head.tag_ == "NNS"})  # "any workers"
    before = verb.doc[negs[0].i - 1] if negs[0].i > 0 else None
    if before is not None and before.lower_ in _SHORT_FORMS and negs[0].lower_ == "n't":
        swaps[before.i] = _SHORT_FORMS[before.lower_]
    noun = next((t.head for t in anys if t.lower_ == "any" and t.head.pos_ == "NOUN"), None)
    return [negs[0], *anys], swaps, noun


def _claim(doc: Any, verb: Any, cue: list, swaps: dict[int, str], noun: Any) -> Denial:
    words = [t for t in verb.subtree if not _attribution(t, verb)]
    while words and words[-1].is_punct:
        words.pop()
    text = doc[words[0].i:words[-1].i + 1].text
    cue_text = " ".join(t.text for t in sorted(cue, key=lambda t: t.i))
    verbs = {stem(verb.lemma_ or verb.text), stem(verb.text)}
    if (verb.lemma_ or "").lower() in _LIGHT_VERBS:
        # "There were no injuries", "The festival had no insurance", "None of the drivers had valid
        # waybills": what it says is the noun it has or is
        told = [c for c in verb.children if c.dep_ in ("dobj", "attr") and c.pos_ == "NOUN"] or (
            [noun] if noun is not None else [])
        verbs = {stem(t.text) for t in told} or verbs
    future = any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in verb.children)
    stems = frozenset(s for s in content_stems(tokenize(text)) - {stem(t.text) for t in cue} if "n't" not in s)
    # no core without the setting: what a negative claim denies holds in its setting only ("no roses have
    # been shipped since the strike began"; "none was seriously hurt")
    return Denial(cue=cue_text, claim=text, stems=stems, verbs=frozenset(verbs), future=future,
                  lemma=verb_lemma(verb), statement=statement(words, verb, [], swaps), own=True,
                  negated=stem(noun.text) if noun is not None else None)


def _attribution(token: Any, verb: Any) -> bool:
    """Whether the token belongs to an attribution hung on the clause's verb ("..., according to drivers
    who carry the boxes")."""
    head = token
    while head.i != verb.i:
        if head.head.i == verb.i and head.lower_ == "according":
            return True
        head = head.head
    return False
