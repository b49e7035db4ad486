"""A claim reported as denied, false or retracted, against a sentence that states it: "the ministry
dismissed reports that the Halden plant had closed" / "the Halden plant has closed".

The NLI models read such a pair as an agreement (the claim's words are all there; the fast model gives
0.84 entailment to the example), and the polarity rule sees no "not": what denies the claim is a verb
or a predicate around it. spaCy's parse gives the construction (`find_denials`):

- a verb of denial with a that-clause or with a claim noun that has one: "denied that ...",
  "dismissed / rejected / refuted reports that ...", "retracted its report that ...", and the verbs that
  deny with their particle: "shot down reports that ...", "laughed off rumours of ...";
- a claim noun whose clause is a noun phrase: "reports of the leader's execution", or nouns in front that
  name what happens or holds ("the takeover rumours", "bribery allegations": WordNet's first sense an act,
  event, process, phenomenon or state, `nouns.event_noun`), not a medium ("media reports");
- a claim noun with a that-clause said to be false: "reports that ... were false / baseless /
  unfounded / a hoax / fake news";
- a claim noun named false: "called reports that ... baseless", "described claims that ... as fabricated";
- a verb of saying marked as an error: "an earlier version of this report wrongly stated that ...";
- the truth of a clause denied: "it was not true that ...", "it is not the case that ...".

The verbs of denial, the claim nouns and the words of falsity are closed classes of English, listed
below; the clause is whatever the parse puts under them. A claim may be negative itself ("rejected
claims that residents had not been warned"): then the sentence that states it negates its verb too
("residents say they were given no warning"). A denial that is itself negated ("did not
deny that ...", "would neither confirm nor deny that ...") denies nothing.

The rule (`RULE`) reports a pair where one sentence denies a claim and the other states it: the other
sentence holds the claim's verb and most of its content words (`min_share`, at least
`SharedSettings.min_shared_words`), does not negate that verb, and does not deny the claim itself.
Kind "negation": a flip of polarity, told in other words.

Where the other sentence tells the claim in other words ("that guide was detained" against a denied "the
lead guide was arrested"), its words do not settle it: `open_denials` leaves the question to the NLI
model (checker/denied_claims.py), which reads the claim as a sentence of its own (`statement`: a pronoun
subject read as the one who denies, "any" and "ever" in their plain forms), and the denial channel in
pairing (pairing.denial_pairs) pairs a denial with sentences as alike to that statement as pairing needs.

Not for: a thing said to be fake ("the video was fabricated"), which is about the thing, not a claim;
hedged statements in the other sentence ("residents fear the plant will close") are not told apart
from plain ones.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from ..text import content_stems, stem, tokenize
from ..types import DenialQuestion, Mismatch
from .facts import Denial, SentenceFacts
from .name_variants import acronym
from .nouns import event_noun
from .rule import PairContext, Rule
from .verbs import one_kind, verb_lemma

DENY_VERBS = frozenset("deny dismiss reject refute debunk retract withdraw disprove rebut discredit correct quash "
                       "scotch dispute".split())
# Verbs that deny with their particle ("shot down reports that ...", "laughed off rumours of ..."): the verb
# alone denies nothing ("shot down a drone", "ruled the country").
# "Played down" makes a claim smaller, not false.
PHRASAL_DENIALS = frozenset({("shoot", "down"), ("laugh", "off"), ("rule", "out"), ("knock", "down"),
                             ("walk", "back")})
CLAIM_NOUNS = frozenset("report claim rumour rumor allegation suggestion speculation story assertion statement remark "
                        "comment talk gossip announcement account accusation contention insinuation finding "
                        "conclusion".split())
# "talk" is a claim only in the singular ("takeover talk"); "talks" are negotiations.
_SINGULAR_ONLY = frozenset({"talk"})
# Verbs that name their object as something ("called reports that ... baseless").
NAMING_VERBS = frozenset("call describe label brand term".split())
# Adverbs that make what a verb of saying reports an error: "an earlier version wrongly stated that ...".
ERROR_ADVERBS = frozenset("wrongly falsely incorrectly mistakenly erroneously wrongfully inaccurately".split())
FALSE_WORDS = frozenset("false untrue baseless unfounded groundless fabricated fake bogus incorrect inaccurate "
                        "wrong hoax fabrication misinformation disinformation lie nonsense".split())
_CLAUSE_DEPS = ("ccomp", "acl")
_FALSE_STEMS = frozenset(stem(w) for w in FALSE_WORDS)


def find_denials(doc: Any) -> list[Denial]:
    """The claims a parsed sentence reports as denied, false or retracted; [] without a parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    out = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if _denies(tok) and not negated(tok):
            clause, nominal = clause_of(tok), False
            if clause is not None and clause.i < tok.i:
                clause = None  # a quote in front ("'I'm alive': Rusk laughs off reports ..."): what is said, not denied
            cue = [tok, *(c for c in tok.children if c.dep_ == "prt")]
            gerund = _denied_act(tok) if clause is None else None
            if gerund is not None:  # "Orda denied cutting off water to the camp"
                out.append(_gerund_denial(doc, cue, gerund))
                continue
            if clause is None:  # "dismissed reports that ...", "claims that ... have been debunked"
                noun = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and _claim_noun(c)), None)
                noun = noun if noun is not None else _shifted_claim_noun(tok)
                clause, nominal = (_claim_of(noun) if noun is not None else None) or (_clause_after(tok, noun), False)
                cue = [*cue, noun]
            if clause is not None:
                out.append(claim_of(doc, cue, clause, nominal))
        elif tok.pos_ == "VERB" and lemma in NAMING_VERBS and not negated(tok):
            # "called reports that ... baseless", "described claims that ... as fabricated"
            noun = next((c for c in tok.children if c.dep_ == "dobj" and _claim_noun(c)), None)
            clause, nominal = (_claim_of(noun) if noun is not None else None) or (None, False)
            falsity = next((t for t in tok.subtree if t.lemma_.lower() in FALSE_WORDS and t.i > noun.i), None) \
                if noun is not None else None
            if clause is not None and falsity is not None:
                out.append(claim_of(doc, [tok, noun, falsity], clause, nominal))
        elif tok.lemma_.lower() in ("true", "case") and tok.dep_ in ("acomp", "attr") and negated(tok.head):
            # "it was not true that ...", "it is not the case that ..."
            clause = clause_of(tok.head) if tok.lower_ == "true" else clause_of(tok)
            if clause is not None:
                neg = next(c for c in tok.head.children if c.dep_ == "neg")
                out.append(claim_of(doc, [neg, tok], clause))
        elif tok.pos_ == "VERB" and any(c.dep_ == "advmod" and c.lower_ in ERROR_ADVERBS for c in tok.children):
            # "an earlier version of this report wrongly stated that ...", "which falsely said that ..."
            clause = clause_of(tok)
            adverb = next(c for c in tok.children if c.dep_ == "advmod" and c.lower_ in ERROR_ADVERBS)
            if clause is not None and not negated(tok):
                out.append(claim_of(doc, [adverb, tok], clause))
        elif _claim_noun(tok) and tok.dep_ in ("nsubj", "nsubjpass"):
            # "reports that ... were false", "claims that ... are a hoax", "rumours of a merger are false",
            # "the story about ... was made up"
            head = tok.head
            falsity = next((c for c in head.children if c.dep_ in ("acomp", "attr") and _false(c)), None)
            if falsity is None and tok.dep_ == "nsubjpass" and _made_up(head):
                falsity = head
            found = _claim_of(tok)
            if falsity is not None and found is not None and not negated(head):
                qualifiers = [g for g in falsity.children if g.dep_ == "amod" and g.lemma_.lower() in FALSE_WORDS]
                cue = [head, *qualifiers, falsity] if falsity is not head else \
                    [head, *(c for c in head.children if c.dep_ == "prt")]  # "made up"
                out.append(claim_of(doc, cue, found[0], found[1]))
        elif lemma == "truth" and tok.dep_ in ("attr", "nsubj", "dobj") and _no(tok):
            # "there is no truth in reports that ...", "there was no truth to claims that ..."
            noun = next((o for p in tok.children if p.dep_ == "prep" and p.lower_ in ("to", "in", "behind")
                         for o in p.children if o.dep_ == "pobj" and _claim_noun(o)), None)
            found = _claim_of(noun) if noun is not None else None
            if found is not None:
                out.append(claim_of(doc, [next(c for c in tok.children if c.lower_ == "no"), tok], *found))
    return out


def _denies(tok: Any) -> bool:
    """A verb of denial, or a verb that denies with its particle ("shot down", "laughed off")."""
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    return lemma in DENY_VERBS or any(c.dep_ == "prt" and (lemma, c.lower_) in PHRASAL_DENIALS for c in tok.children)


def _shifted_claim_noun(verb: Any) -> Any | None:
    """The claim noun of a denial whose object comes after its "as" phrase ("dismissed as false reports
    that ...", "dismissed as 'nonsense' claims that ..."): English moves a long object to the end, and the
    small parser then reads it as the object of "as" (the falsity its modifier) or as a second verb's
    object joined to the first."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            found = next((o for o in c.children if o.dep_ == "pobj" and _claim_noun(o)), None)
            if found is not None:
                return found
            joined = next((j for j in verb.children if j.dep_ == "conj" and j.i > c.i and _claim_noun(j)), None)
            if joined is not None:
                return joined
    return None


def _claim_noun(tok: Any) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in CLAIM_NOUNS and (lemma not in _SINGULAR_ONLY or tok.tag_ == "NN")


def _false(tok: Any) -> bool:
    """A word of falsity, or a noun it qualifies ("fake news", "a false alarm")."""
    return tok.lemma_.lower() in FALSE_WORDS or (
        tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lemma_.lower() in FALSE_WORDS for c in tok.children))


def clause_of(head: Any) -> Any | None:
    """The that-clause (or bare complement clause) under `head`, by its verb. Under a claim noun the parser
    often takes it for a relative clause ("reports it plans to buy", "claims that bags would be banned"):
    such a clause with a subject of its own and no relative pronoun is the claim's content."""
    for c in head.children:
        if c.dep_ in _CLAUSE_DEPS and not _relative(c):
            return c
        if c.dep_ == "relcl" and _claim_noun(head) and _complete(c):
            return c
    return None


def _relative(clause: Any) -> bool:
    """A relative clause parsed as a complement: "the report that he wrote" ("that" its object). In a
    clause the parse calls a noun's complement (acl, not relcl), a "that" tagged as a complementizer is
    none, whatever part it is given ("its statement that Sahra died": "that" read as the object of "died")."""
    return any(k.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and (
        k.tag_ in _RELATIVE or k.lower_ == "that" and not (k.tag_ == "IN" and clause.dep_ == "acl"))
        for k in clause.children)


def _complete(clause: Any) -> bool:
    """A clause with its own subject and no relative pronoun: content, not a relative clause."""
    kids = list(clause.children)
    return (any(k.dep_ in ("nsubj", "nsubjpass", "expl") for k in kids)
            and not any(k.tag_ in _RELATIVE for k in kids) and not _relative(clause))


_RELATIVE = ("WDT", "WP", "WP$")


def _claim_of(noun: Any) -> tuple[Any, bool] | None:
    """What a claim noun says: its clause (verb, False), or the event it names ("reports of the leader's
    execution", "rumours about a merger": the noun phrase's head, True)."""
    clause = clause_of(noun)
    if clause is not None:
        return clause, False
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "about"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj, True
    # "the takeover rumours", "Orchard split rumours": nouns in front that name something that happens tell
    # what the claim is of, with the names in front of them; a medium there ("media reports") tells who
    # spread it, and a thing ("the photo story") nothing a sentence could state. The parser sometimes takes
    # such a noun for the claim noun's subject ("the takeover rumours" read as "takeover" + "rumours")
    content = [c for c in noun.lefts if c.dep_ in ("compound", "nmod", "nsubj") and c.pos_ in ("NOUN", "PROPN")]
    if any(t.pos_ == "NOUN" and event_noun(t.lemma_) for c in content for t in c.subtree):
        return noun.doc[min(t.left_edge.i for t in content):noun.i], True
    return None


def _clause_after(verb: Any, noun: Any) -> Any | None:
    """A that-clause the parse hangs on the verb of denial though it follows the claim noun at once
    ("withdrew their statement that they were treating the fire as suspicious": "treating" read as an
    adverbial clause of "withdrew"): the noun's content."""
    if noun is None:
        return None
    return next((c for c in verb.children if c.dep_ in ("advcl", "ccomp") and c.left_edge.i == noun.right_edge.i + 1
                 and any(k.dep_ == "mark" and k.lower_ == "that" for k in c.children)), None)


def _made_up(verb: Any) -> bool:
    """A verb that says a story was invented: "was made up", "was fabricated", "was invented"."""
    lemma = verb.lemma_.lower()
    return lemma in ("fabricate", "invent", "concoct", "fake") or (
        lemma == "make" and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children))


def _no(noun: Any) -> bool:
    """"no truth": the determiner "no" on the noun."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def negated(tok: Any) -> bool:
    """A "not" on it, or "neither ... nor" around it ("would neither confirm nor deny that ...")."""
    around = list(tok.children) + (list(tok.head.children) if tok.dep_ == "conj" else [])
    return any(c.dep_ == "neg" or c.lower_ in ("neither", "nor") for c in around)


def claim_of(doc: Any, cue: list, clause: Any, nominal: bool = False) -> Denial:
    if nominal:
        return _nominal_denial(doc, cue, clause)
    # without its "that" (a complementizer the parse may take for an object: "its statement that Sahra died")
    words = [t for t in _own_words(clause) if not (t.dep_ == "mark" and t.head.i == clause.i)
             and not (t.lower_ == "that" and t.tag_ == "IN" and t.head.i == clause.i and t.i < clause.i)]
    lo, hi = words[0].i, words[-1].i
    text = doc[lo:hi + 1].text
    cue_text = " ".join(t.text for t in sorted(cue, key=lambda t: t.i))
    future = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in clause.children)
    # a claim whose subject the parse lost ("that packs labelled 50 micrograms were affected" read without
    # "packs") says nothing another sentence could state: no statement to ask
    told = any(t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") and t.head.i == clause.i for t in words)
    stems = content_stems(tokenize(text)) - _FALSE_STEMS  # "... baseless" parsed into the clause
    verbs = {stem(clause.lemma_ or clause.text), stem(clause.text)}
    if (clause.lemma_ or "").lower() == "be":
        # "that the offer was final": what it says is the predicate, which "described the offer as final" states
        verbs |= {stem(c.text) for c in clause.children if c.dep_ in ("acomp", "attr")}
    return Denial(cue=cue_text, claim=text, stems=stems, verbs=frozenset(verbs), future=future,
                  lemma=verb_lemma(clause) if clause.lemma_ else clause.text.lower(),
                  negative=_negative(clause), statement=statement(words, clause, cue) if told else None,
                  core=statement(core_words(words, clause), clause, cue) if told else None,
                  doer=_named_doer(next((c for c in clause.children if c.dep_ == "nsubj"), None), cue),
                  subject=_definite_subject(clause))


def _own_words(clause: Any) -> list:
    """The words of a clause without a second clause joined to it ("that a valve might have caused the
    blowout, but that it was too early to be sure": the joined clause, with its own subject or "that",
    says something else), a participle of saying after it or an absolute "with" ("..., with users still
    reporting failed payments"), and the "but" or comma before them."""
    joined = [c for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
              and any(k.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for k in c.children)]
    # "saying ..." after the clause is what the one who denies says instead; the small model hangs it
    # on the denied clause's verb ("denied that it had ignored the warning, saying officers had begun")
    joined += [c for c in clause.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > clause.i
               and c.lemma_.lower() in _SAYING]
    # an absolute "with" after a comma gives the speaker's grounds, not the claim ("unclear whether
    # transfers had resumed, with some users still reporting failed payments")
    joined += [c for c in clause.children if _absolute_with(c) and c.i > clause.i]
    if not joined:
        return list(clause.subtree)
    first = min(min(t.i for t in c.subtree) for c in joined)
    words = [t for t in clause.subtree if t.i < first]
    while len(words) > 1 and (words[-1].dep_ == "cc" or words[-1].is_punct) and words[-1].head.i == clause.i:
        words.pop()
    return words


def _absolute_with(prep: Any) -> bool:
    """A "with" phrase after a comma whose noun a participle follows: "..., with customers reporting ..."."""
    return (prep.dep_ == "prep" and prep.lower_ == "with" and prep.i > 0 and prep.doc[prep.i - 1].text == ","
            and any(g.dep_ == "pcomp" and g.tag_ in ("VBG", "VBN")  # the parse hangs the participle on "with"
                    or g.dep_ == "pobj" and any(k.dep_ == "acl" and k.tag_ in ("VBG", "VBN") for k in g.children)
                    for g in prep.children))


# Verbs a participle of which after a denial gives the denier's own account ("saying", "insisting",
# "calling them lies").
_SAYING = frozenset({"say", "insist", "argue", "explain", "add", "claim", "maintain", "state", *NAMING_VERBS})


def _definite_subject(clause: Any) -> str | None:
    """The lemma of the claim's subject where a common noun with "the" tells it ("that the horse had been
    given painkillers"), else None."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "NOUN" or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        return None
    return subject.lemma_.lower()


def _named_doer(subject: Any, cue: list) -> str | None:
    """The claim's doer where a name tells it: its subject, or for a pronoun the one who denies ("Orda
    denied that it had cut off the water"); None for a common noun or no subject."""
    if subject is None:
        return None
    if subject.pos_ == "PRON":
        subject = next((c for t in cue if t is not None and t.pos_ in ("VERB", "AUX") for c in t.children
                        if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "PROPN":
        return None
    return " ".join(t.text for t in subject.subtree if t.pos_ == "PROPN")


def _done_by_another(other: SentenceFacts, d: Denial) -> bool:
    """Whether the other sentence gives the denied act to a named doer other than the claim's ("it was
    Hoveka who shot the animals" against "Tjiposa denied firing any shots")."""
    doer = _name_words(d.doer or "")
    if not doer or d.lemma is None:
        return False
    for f in other.frames:
        if f.verb != d.lemma and not one_kind(f.verb, d.lemma):
            continue
        agent = next((p for p in f.participants if p.role == "agent"), None)
        if agent is None:
            continue
        names = [e for e in other.entities if agent.start <= e.start and e.end <= agent.end]
        words = {w for e in names for w in _name_words(e.text)}
        if words and not words & doer and not any(acronym(d.doer, e.text) or acronym(e.text, d.doer) for e in names):
            return True
    return False


def _name_words(text: str) -> set[str]:
    """A name's words, lower case, split at hyphens too ("Ashby-Clarke", "Bilby-1")."""
    return set(re.findall(r"[^\W_]+", text.lower()))


def _denied_act(verb: Any) -> Any | None:
    """The act "deny" says its subject did not do, told by a gerund ("denied cutting off water",
    "denied receiving any complaints"): the gerund's verb; None for other verbs of denial, whose gerund
    is an act refused, not one denied ("rejected paying the fine")."""
    if verb.lemma_.lower() != "deny":
        return None
    return next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG"
                 and not any(k.dep_ in ("nsubj", "nsubjpass") for k in c.children)), None)


def _gerund_denial(doc: Any, cue: list, act: Any) -> Denial:
    """A denied act told by a gerund, as a claim of its own: the subject of "deny" did it ("Orda denied
    cutting off water" claims "Orda did cut off water")."""
    words = list(act.subtree)
    text = doc[words[0].i:words[-1].i + 1].text
    cue_text = " ".join(t.text for t in sorted(cue, key=lambda t: t.i))
    subject = next((c for c in cue[0].children if c.dep_ == "nsubj" and c.tag_ not in _RELATIVE), None)
    lemma = verb_lemma(act)
    doer = " ".join(t.text for t in subject.subtree) if subject is not None else "Someone"

    def told(own: list) -> str:
        said = statement(own, act, cue)
        rest = said[len(act.text):].strip() if said.lower().startswith(act.lower_) else said
        full = f"{doer} did {act.lemma_.lower()} {rest}".strip()
        return full[:1].upper() + full[1:]
    return Denial(cue=cue_text, claim=text, stems=content_stems(tokenize(text)) - _FALSE_STEMS,
                  verbs=frozenset({stem(act.lemma_ or act.text), stem(act.text)}), lemma=lemma,
                  negative=_negative(act), statement=told(words), core=told(core_words(words, act)),
                  doer=_named_doer(subject, cue))


def _nominal_denial(doc: Any, cue: list, noun: Any) -> Denial:
    """A claim named by a noun phrase ("reports of the leader's execution", or the nouns "takeover" in front
    of "the takeover rumours", a span): its words, with the head noun standing for the verb (its stem is
    the verb's: "execution" / "executed", "resignation" / "resigned")."""
    is_span = not hasattr(noun, "tag_")
    words = list(noun) if is_span else list(noun.subtree)
    noun = noun[-1] if is_span else noun
    words = [t for t in words if t.lower_ not in FALSE_WORDS]
    while len(words) > 1 and words[-1].is_punct:  # "report of mass layoffs 'inaccurate'": the quote's mark
        words.pop()
    text = doc[words[0].i:words[-1].i + 1].text
    cue_text = " ".join(t.text for t in sorted(cue, key=lambda t: t.i))
    stems = content_stems(tokenize(text)) - _FALSE_STEMS
    be = "were" if noun.tag_ in ("NNS", "NNPS") else "was"
    statement = f"There {be} {text}."
    verbs = frozenset({stem(noun.lemma_ or noun.text), stem(noun.text)})
    return Denial(cue=cue_text, claim=text, stems=stems, verbs=verbs, lemma=noun.lemma_.lower() or None,
                  statement=statement[:1].upper() + statement[1:])


# Negative polarity items, which a denial licenses and a plain statement does not ("denied that it had
# ever received any warning" claims that it had received a warning): each with its plain form ("" drops it).
_POLARITY_ITEMS = {"ever": "", "anyone": "someone", "anybody": "somebody", "anything": "something",
                   "anywhere": "somewhere", "yet": ""}
_SUBJECT_PRONOUNS = frozenset("it they he she we".split())


def statement(words: list, clause: Any, cue: list, swaps: Mapping[int, str] | None = None) -> str:
    """The denied claim as a sentence of its own, as a reader takes it: a pronoun subject read as the one
    who denies ("the ministry denied that it had ..." claims that the ministry had ...), negative
    polarity items in their plain form ("any warning" -> "a warning", "ever" dropped). `swaps`: words
    to put in place of some tokens, by token index ("" drops the word and keeps its space)."""
    denier = next((c for t in cue if t.pos_ in ("VERB", "AUX") for c in t.children if c.dep_ == "nsubj"), None)
    if denier is not None and (denier.pos_ == "PRON" or denier.i > clause.i):
        denier = None  # "he denied", or a subject after the clause: nothing to read the pronoun as
    swaps = swaps or {}
    out = []
    for t in words:
        low = t.lower_
        if t.i in swaps:
            out.append(swaps[t.i] + t.whitespace_ if swaps[t.i] else t.whitespace_)
        elif denier is not None and low in _SUBJECT_PRONOUNS and t.dep_ in ("nsubj", "nsubjpass") \
                and t.head.i == clause.i:
            out.append(" ".join(x.text for x in denier.subtree) + t.whitespace_)
        elif low == "any" and t.dep_ == "det":
            if t.head.tag_ in ("NN", "NNP"):  # one thing: "any warning" -> "a warning"
                following = t.doc[t.i + 1].text if t.i + 1 < len(t.doc) else t.head.text
                article = "an" if following[:1].lower() in "aeiou" else "a"
                out.append(article + t.whitespace_)
            # several: "any wards had closed" -> "wards had closed"
        elif low == "any":  # "denied shortening any of the periods" -> "some of the periods"
            out.append("some" + t.whitespace_)
        elif low in _POLARITY_ITEMS and (low != "yet" or t.dep_ == "advmod"):
            if _POLARITY_ITEMS[low]:
                out.append(_POLARITY_ITEMS[low] + t.whitespace_)
        else:
            out.append(t.text_with_ws)
    text = " ".join("".join(out).split()).rstrip(" .,;:")
    return text[:1].upper() + text[1:] + "." if text else text


# Parts of a claim's verb that set it in a time or a manner ("before the shutdown", "on Sunday", "last
# week", "hastily", "when ...") and its phrases of a preposition of place or time (a closed class): the
# claim's core goes without them. "Of", "for", "with", "to", "by" and "from" tell what the act is (a
# cause, a party, a source) and stay, and so does any phrase on a participant ("anyone from the firm").
_SETTING_DEPS = frozenset({"npadvmod", "advcl", "advmod"})
_SETTING_PREPS = frozenset("in at on inside outside near before after during since until till across around "
                           "within throughout behind beyond along aboard off".split())
_NEGATIVES = frozenset({"not", "never", "n't", "no"})
# A core so short says too little to be stated by another sentence alone ("Debris landed.", "The vessel
# anchored."): it is asked only with at least this many content words.
MIN_CORE_WORDS = 3


def core_words(words: list, verb: Any) -> list:
    """The claim's words without the phrases that set its verb in a place, a time or a manner ("any
    computers had been taken from its offices before the shutdown" -> "any computers had been taken from its
    offices"): a reader takes a denial to deny the act, and another account of the act seldom gives the
    same setting. A "not" stays; so do the words of a claim told by a noun phrase."""
    if not hasattr(verb, "children"):
        return words
    heads = [c for c in verb.children if c.lower_ not in _NEGATIVES and (
        c.dep_ in _SETTING_DEPS or c.dep_ == "prep" and c.lower_ in _SETTING_PREPS)]
    dropped = {t.i for c in heads for t in c.subtree}
    return [t for t in words if t.i not in dropped]


def _says_enough(statement: str | None, minimum: int) -> bool:
    """A statement with at least `minimum` content words."""
    return bool(statement) and len(content_stems(tokenize(statement))) >= minimum


# Words that negate what is said around them, or allow only little of it (English's negative and
# downward-entailing words, a closed class), for the words of a claim a sentence denies in its own voice.
_NEGATIVE_WORDS = frozenset("no not n't never none nobody nothing no-one noone neither nor without few little "
                            "hardly barely scarcely seldom rarely absence lack lacks lacked lacking".split())
# Words that negate a clause from its subject or object: "that nobody was hurt", "that no warning was given".
_NEGATIVE_ARGUMENTS = frozenset("nobody nothing none no-one noone".split())


def _negative(clause: Any) -> bool:
    """A claim negated in itself: a "not" or "never" on its verb, or a "no" / "nobody" argument."""
    for c in clause.children:
        if c.dep_ == "neg" or c.lower_ in _NEGATIVE_ARGUMENTS:
            return True
        if any(g.dep_ == "det" and g.lower_ == "no" for g in c.children):
            return True
    return False


@dataclass(frozen=True)
class DenialSettings:
    """Weight and gate of the denial rule."""

    weight: float = 0.6  # noisy-OR weight, as for a polarity flip
    # The stating sentence must hold at least this share of the claim's content words.
    min_share: float = 0.6


def find_denial_mismatches(ctx: PairContext, settings: DenialSettings) -> list[Mismatch]:
    """A claim one sentence reports as denied, false or retracted, which the other states; nothing when
    the polarity rule already found a flip."""
    if ctx.found.get("polarity") or ctx.two_events:
        return []
    for denier, other in ((ctx.a, ctx.b), (ctx.b, ctx.a)):
        for d in denier.denials:
            if states_claim(other, d, settings, ctx.shared.min_shared_words) and not _another_count(denier, other, d):
                return [denial_mismatch(denier is ctx.a, d.cue, d.claim)]
    return []


def denial_mismatch(denier_is_a: bool, cue: str, claim: str, how: str = "") -> Mismatch:
    """The denial rule's mismatch: one sentence reports `claim` as denied (`cue`), the other states it."""
    a_value, b_value = (cue, claim) if denier_is_a else (claim, cue)
    return Mismatch("negation", a_value, b_value,
                    f"One account reports the claim as denied or false ({cue!r}: {claim!r}); the other states it{how}.")


def open_denials(ctx: PairContext) -> tuple[DenialQuestion, ...]:
    """The denied claims of a comparable pair whose words the other sentence does not hold, to ask the
    NLI model whether it states them in other words ("the lead guide was arrested" / "that guide was
    detained hours after the slide"). Not where the other sentence denies a claim itself, where the two
    tell different times (a denied "had closed" against "will close"), or where a rule already found a
    flip or set the pair aside as two events."""
    if ctx.found.get("denials") or ctx.found.get("polarity") or ctx.two_events:
        return ()
    out = []
    for denier, other, side in ((ctx.a, ctx.b, "a"), (ctx.b, ctx.a, "b")):
        if other.denials:
            continue
        for d in denier.denials:
            if (d.statement and d.future == other.future and not _done_by_another(other, d)
                    and not _another_one(other, d) and not _another_count(denier, other, d)):
                if d.statement:
                    out.append(DenialQuestion(statement=d.statement, other=other.text, denier=side, cue=d.cue,
                                              claim=d.claim, own=d.own))
                if d.core != d.statement and _says_enough(d.core, MIN_CORE_WORDS):
                    # another account of the act seldom gives its setting
                    out.append(DenialQuestion(statement=d.core, other=other.text, denier=side, cue=d.cue,
                                              claim=d.claim, core=True))
    return tuple(out)


def _another_one(other: SentenceFacts, d: Denial) -> bool:
    """Whether the other sentence introduces the claim's particular subject as new ("a horse tested
    positive for a painkiller" against a denied "the horse had been given painkillers"): another one, for
    the NLI model's question. The word rule does not ask it: a first mention with "a" often tells of the
    same one ("a broken gearbox" against "whether the gearbox was to blame")."""
    if d.subject is None:
        return False
    # the noun after "a", "an" or "another", or one word on ("a horse", "another young horse"); not a
    # count, which may tell of the same one ("the 4 per cent offer")
    words = [t.lower for t in other.tokens]
    key = stem(d.subject)
    return any(w in _NEW and any(stem(x) == key for x in words[i + 1:i + 3]) for i, w in enumerate(words))


_NEW = frozenset({"a", "an", "another"})


def _another_count(denier: SentenceFacts, other: SentenceFacts, d: Denial) -> bool:
    """Whether the other sentence counts a thing the claim counts, to another figure ("one patient died"
    against a withdrawn "two patients had died"): it does not state the claim."""
    claimed = [q for q in denier.quantities if q.noun and q.text in d.claim]
    for q in claimed:
        counts = [o for o in other.quantities if o.noun == q.noun]
        # "six tank cars, two of which ruptured" holds the claimed two (a figure with no noun of its own may
        # count the same thing): it may state the claim
        held = any(o.low <= q.high and q.low <= o.high for o in other.quantities if o.noun in (q.noun, None))
        if counts and not held:
            return True
    return False


def states_denied(denier: SentenceFacts, other: SentenceFacts, settings: DenialSettings = DenialSettings(),
                  min_words: int = 2) -> bool:
    """Whether `other` states a claim `denier` reports as denied (the rule's own test, for pairing)."""
    return any(states_claim(other, d, settings, min_words) for d in denier.denials)


def states_claim(other: SentenceFacts, d: Denial, settings: DenialSettings, min_words: int) -> bool:
    """Whether `other` states the denied claim: its verb and most of its words, not negated, not denied,
    and of the same time (a denied "had closed" is not stated by "fear it will close next year")."""
    if not d.stems:
        return False
    said = other.content | other.stems
    if d.own and (d.negated is not None and d.negated not in said or other.words & _NEGATIVE_WORDS):
        # "the festival had no insurance" is not stated by an account without insurance; and a sentence that
        # negates anything itself may deny the same in other words ("none of the drivers could produce ...")
        return False
    # the claim's verb, as written or as a verb of one kind of act ("dismissed" / "sacked", verbs.py)
    kin = not d.verbs & said and d.lemma is not None and any(one_kind(d.lemma, v) for v in other.verbs)
    if not d.verbs & said and not kin:
        return False
    shared = len(d.stems & said) + (1 if kin else 0)
    if shared < min_words or shared / len(d.stems) < settings.min_share:
        return False
    if d.future != other.future:
        return False
    if _done_by_another(other, d):
        return False
    # the claim's verb, or one of its kind the other sentence uses ("hurt" / "was injured")
    told = set(d.verbs) | ({stem(v) for v in other.verbs if one_kind(d.lemma, v)} if kin else set())
    if any(n.target in told for n in other.negations) != d.negative:
        # "the plant has not closed" agrees with a denial that it closed; "residents were given no
        # warning" states the denied claim that they had not been warned
        return False
    return not any(o.verbs & told and len(o.stems & d.stems) >= min_words for o in other.denials)


RULE = Rule(name="denials", kind="negation", settings=DenialSettings, find=find_denial_mismatches)
